"""Tests for sco_text.dictionaries: dictionary loading, theme counts and their audit trail."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES as _FIXTURES
from conftest import SEED, UNGDC_2020, make_frame, seed_frame, ungdc_frame
from seed_facts import SEED_SECTIONS

from sco_text.dictionaries import (
    Theme,
    ThemeDictionary,
    load_dictionary,
    theme_matches,
    themes,
)
from sco_text.errors import FrameError, OptionError, SCOTextError
from sco_text.tokens import word_spans

FIXTURES = _FIXTURES / "themes"


# ---------------------------------------------------------------------------------------
# A tiny corpus with hand-computed counts
# ---------------------------------------------------------------------------------------

TINY_DICT = {
    # "security" and "secur*" both match the word security: it counts once.
    "security": ["*terror*", "extremis*", "information security", "security", "secur*"],
    "drugs": ["drug trafficking", "drug*", "narcotic*"],
    # "drug trafficking" is in two themes: it counts once for each.
    "crime": ["organi?ed crime", "crime", "drug trafficking"],
    "transport": ["belt and road", "belt and road initiative", "road", "transport*"],
}


def tiny_frame() -> pd.DataFrame:
    return make_frame(
        [
            # 9 tokens. security: counter-terrorism, extremism, "information security",
            # security -> 4 (the phrase uses "security" once; the last "security" is
            # matched by both "security" and "secur*" but counts once).
            (
                "a",
                "Security",
                "Counter-terrorism and extremism threaten information "
                "security and regional security.",
            ),
            # 9 tokens. drugs: "Drug trafficking", drug-related, narcotic, drugs -> 4.
            # crime: "Drug trafficking", crime, "organised crime" -> 3.
            (
                "a",
                "Security",
                "Drug trafficking, drug-related crime and organised crime; narcotic drugs.",
            ),
            # 10 tokens. transport: "Belt and Road Initiative" (longest entry wins),
            # road, transport -> 3; the "road" inside the phrase is not counted again.
            ("b", "Trade", "The Belt and Road Initiative links road and rail transport."),
        ]
    )


def test_tiny_counts_by_doc() -> None:
    out = themes(tiny_frame(), dictionary=TINY_DICT)
    assert list(out.columns) == ["group", "theme", "count", "rate_per_1000", "share"]
    a = out[out["group"] == "a"]
    # Ties (security 4, drugs 4) keep dictionary order; zero rows are present.
    assert a["theme"].tolist() == ["security", "drugs", "crime", "transport"]
    assert a["count"].tolist() == [4, 4, 3, 0]
    assert a["rate_per_1000"].tolist() == pytest.approx([4000 / 18, 4000 / 18, 3000 / 18, 0])
    assert a["share"].tolist() == pytest.approx([4 / 11, 4 / 11, 3 / 11, 0])
    b = out[out["group"] == "b"]
    assert b["theme"].tolist() == ["transport", "security", "drugs", "crime"]
    assert b["count"].tolist() == [3, 0, 0, 0]
    assert b["rate_per_1000"].tolist() == pytest.approx([300.0, 0, 0, 0])
    assert b["share"].tolist() == pytest.approx([1.0, 0, 0, 0])
    assert out["count"].dtype == "int64"


def test_tiny_matches_list_every_count() -> None:
    frame = tiny_frame()
    m = theme_matches(frame, dictionary=TINY_DICT)
    assert list(m.columns) == [
        "doc_id",
        "section",
        "para_no",
        "theme",
        "pattern",
        "match",
        "start",
        "end",
    ]
    got = list(zip(m["para_no"], m["theme"], m["pattern"], m["match"], strict=True))
    assert got == [
        (0, "security", "*terror*", "Counter-terrorism"),
        (0, "security", "extremis*", "extremism"),
        (0, "security", "information security", "information security"),
        (0, "security", "security", "security"),
        (1, "drugs", "drug trafficking", "Drug trafficking"),
        (1, "crime", "drug trafficking", "Drug trafficking"),
        (1, "drugs", "drug*", "drug-related"),
        (1, "crime", "crime", "crime"),
        (1, "crime", "organi?ed crime", "organised crime"),
        (1, "drugs", "narcotic*", "narcotic"),
        (1, "drugs", "drug*", "drugs"),
        (0, "transport", "belt and road initiative", "Belt and Road Initiative"),
        (0, "transport", "road", "road"),
        (0, "transport", "transport*", "transport"),
    ]
    assert m["doc_id"].tolist() == ["a"] * 11 + ["b"] * 3
    texts = frame.set_index(["doc_id", "para_no"])["text"]
    for row in m.itertuples():
        assert texts[(row.doc_id, row.para_no)][row.start : row.end] == row.match


def test_theme_filter_and_invalid_theme() -> None:
    m = theme_matches(tiny_frame(), "crime", dictionary=TINY_DICT)
    assert set(m["theme"]) == {"crime"} and len(m) == 3
    m2 = theme_matches(tiny_frame(), ["crime", "drugs"], dictionary=TINY_DICT)
    assert len(m2) == 7
    with pytest.raises(OptionError, match=r"theme='weather'.*'security', 'drugs'"):
        theme_matches(tiny_frame(), "weather", dictionary=TINY_DICT)


def test_counts_equal_matches_per_group() -> None:
    frame = seed_frame()
    counts = themes(frame, by="section")
    m = theme_matches(frame)
    audit = m.groupby(["section", "theme"]).size()
    for row in counts.itertuples():
        assert audit.get((row.group, row.theme), 0) == row.count
    assert counts["count"].sum() == len(m)


def test_every_group_gets_every_theme() -> None:
    frame = seed_frame()
    d = load_dictionary()
    out = themes(frame, by="section")
    assert len(out) == frame["section"].nunique() * len(d)
    groups = out["group"].drop_duplicates().tolist()
    assert groups == sorted(groups)
    for _, sub in out.groupby("group"):
        assert sub["count"].is_monotonic_decreasing
        assert set(sub["theme"]) == set(d.keys)
        total = sub["count"].sum()
        assert sub["share"].sum() == pytest.approx(1.0 if total else 0.0)


def test_by_list_and_by_date() -> None:
    frame = tiny_frame()
    out = themes(frame, by=["doc_id", "section"], dictionary=TINY_DICT)
    assert out["group"].drop_duplicates().tolist() == ["a / Security", "b / Trade"]
    by_date = themes(frame, by="date", dictionary=TINY_DICT)
    assert by_date["group"].dtype.kind == "M"
    assert by_date["count"].tolist() == [4, 4, 3, 3]
    with pytest.raises(OptionError, match=r"by='nope'"):
        themes(frame, by="nope", dictionary=TINY_DICT)
    with pytest.raises(FrameError):
        themes(frame.drop(columns=["text"]), dictionary=TINY_DICT)
    with pytest.raises(FrameError):
        theme_matches(frame.drop(columns=["section"]), dictionary=TINY_DICT)


def test_empty_and_missing_text() -> None:
    frame = tiny_frame().iloc[0:0]
    out = themes(frame, dictionary=TINY_DICT)
    assert out.empty and list(out.columns) == ["group", "theme", "count", "rate_per_1000", "share"]
    m = theme_matches(frame, dictionary=TINY_DICT)
    assert m.empty and len(m.columns) == 8
    frame = tiny_frame()
    frame.loc[2, "text"] = None
    out = themes(frame, dictionary=TINY_DICT)
    b = out[out["group"] == "b"]
    assert b["count"].sum() == 0 and b["rate_per_1000"].sum() == 0 and b["share"].sum() == 0


def test_inputs_not_mutated() -> None:
    frame = tiny_frame()
    frame.attrs["repairs"] = pd.DataFrame({"doc_id": []})
    before = frame.copy(deep=True)
    d = {k: list(v) for k, v in TINY_DICT.items()}
    themes(frame, by="section", dictionary=d)
    theme_matches(frame, dictionary=d)
    pd.testing.assert_frame_equal(frame, before)
    assert list(frame.attrs) == ["repairs"]
    assert d == TINY_DICT


# ---------------------------------------------------------------------------------------
# Dictionary inputs
# ---------------------------------------------------------------------------------------


def test_shipped_dictionary() -> None:
    d = load_dictionary()
    assert isinstance(d, ThemeDictionary)
    assert d.name == "sco-themes" and d.version == "1.0"
    assert "not derived from any external dictionary" in d.source
    assert "longest" in d.description
    expected = {
        "terrorism_extremism",
        "drugs",
        "organised_crime_corruption",
        "arms_control_space",
        "information_security_cyber",
        "regional_conflicts",
        "un_multilateralism",
        "multipolar_order",
        "trade_investment",
        "finance_banking",
        "transport_connectivity",
        "energy",
        "digital_innovation",
        "agriculture_food",
        "environment_climate",
        "health_epidemics",
        "culture_education_youth",
        "disaster_relief",
        "law_justice",
    }
    assert set(d.keys) == expected
    for key, theme in d.themes.items():
        assert isinstance(theme, Theme) and theme.label and theme.patterns, key
        assert all(p == p.lower() for p in theme.patterns)
    assert load_dictionary() is d  # cached
    assert load_dictionary(d) is d
    with pytest.raises(TypeError):
        d.themes["x"] = Theme("x", ("x",))  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("The trademark registry", "trade_investment"),
        ("The importance of cooperation", "trade_investment"),
        ("many years of hospitality", "health_epidemics"),
        ("the emergence of a new order", "disaster_relief"),
        ("agriculture and agricultural exchanges", "culture_education_youth"),
        ("peace in the SCO space", "arms_control_space"),
        ("greenhouse gas emissions", "energy"),
        ("the healthy functioning of markets", "health_epidemics"),
        ("disrupt terrorism financing channels", "finance_banking"),
        ("international security and territorial integrity", "terrorism_extremism"),
    ],
)
def test_shipped_dictionary_avoids_broad_matches(text: str, theme: str) -> None:
    frame = make_frame([("x", "S", text)])
    assert theme_matches(frame, theme).empty


@pytest.mark.parametrize(
    ("text", "theme", "matches"),
    [
        (
            "anti-terrorist and counter-terrorism work",
            "terrorism_extremism",
            ["anti-terrorist", "counter-terrorism"],
        ),
        ("China's Belt and Road Initiative", "transport_connectivity", ["Belt and Road"]),
        (
            "ensure international information security",
            "information_security_cyber",
            ["international information security"],
        ),
        ("the COVID-19 pandemic", "health_epidemics", ["COVID-19", "pandemic"]),
        ("weapons in outer space", "arms_control_space", ["weapons", "outer space"]),
        ("reliable supply chains", "trade_investment", ["supply chains"]),
        ("payments in national currencies", "finance_banking", ["payments", "national currencies"]),
        ("the UN Security Council", "un_multilateralism", ["UN Security Council"]),
    ],
)
def test_shipped_dictionary_finds(text: str, theme: str, matches: list[str]) -> None:
    frame = make_frame([("x", "S", text)])
    assert theme_matches(frame, theme)["match"].tolist() == matches


def test_our_yaml_format(tmp_path: Path) -> None:
    d = load_dictionary(FIXTURES / "our_format.yaml")
    assert (d.name, d.version, d.source) == ("tiny-test", "0.3", "written for the sco-text tests")
    assert d.labels() == {"transport": "Transport and roads", "energy": "Energy"}
    assert d.themes["energy"].patterns == ("energy*", "oil and gas")
    frame = make_frame([("x", "S", "Belt and Road roads; oil and gas energy.")])
    out = themes(frame, dictionary=FIXTURES / "our_format.yaml")
    assert dict(zip(out["theme"], out["count"], strict=True)) == {"transport": 1, "energy": 2}
    # str paths work too
    assert load_dictionary(str(FIXTURES / "our_format.yaml")).keys == ("transport", "energy")


def test_quanteda_yaml_nested_keys_flattened() -> None:
    d = load_dictionary(FIXTURES / "quanteda_style.yaml")
    assert d.keys == ("security.terrorism", "security.drugs", "economy")
    assert d.name == "quanteda_style"
    assert d.themes["economy"] == Theme("economy", ("trade", "belt and road"))
    frame = make_frame(
        [("x", "S", "Terrorist and extremist drug trafficking hurts trade on the Belt and Road.")]
    )
    out = themes(frame, dictionary=FIXTURES / "quanteda_style.yaml")
    assert dict(zip(out["theme"], out["count"], strict=True)) == {
        "security.terrorism": 2,
        "security.drugs": 1,
        "economy": 2,
    }


def test_plain_dict_and_single_string_pattern() -> None:
    d = load_dictionary({"Energy": "energy*", "money": {"banks": ["bank*"]}})
    assert d.keys == ("Energy", "money.banks")
    assert d.themes["Energy"].patterns == ("energy*",)
    # our format given as a dict
    d2 = load_dictionary({"themes": {"t": {"label": "T", "patterns": ["A", "a"]}}})
    assert d2.themes["t"] == Theme("T", ("a",))  # lower-cased, duplicate dropped


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ({"t": ["*"]}, r"<dict>: theme 't': pattern '\*'.*every token"),
        ({"t": ["belt * road", "?? *"]}, r"theme 't': pattern '\?\? \*': .*every token"),
        ({"t": []}, "theme 't': no patterns"),
        ({"t": 5}, "theme 't': patterns must be a list"),
        ({"t": ["ok", 3]}, "theme 't': pattern 3 is not a string"),
        ({"t": ["U.S."]}, r"theme 't': pattern 'U.S.'.*not one word token"),
        ({"t": ["   "]}, "theme 't': empty pattern"),
        ({"t": {}}, "theme 't': no patterns"),
        ({}, "holds no themes"),
        (
            {"themes": {"t": {"label": "T", "patterns": ["x"], "colour": "red"}}},
            "theme 't': unknown key",
        ),
        ({"themes": {"t": {"label": "", "patterns": ["x"]}}}, "theme 't': label"),
        ({"themes": {"t": {"patterns": ["x"]}}, "owner": "me"}, "unknown top-level key"),
        (42, "dictionary=42 is not allowed"),
    ],
)
def test_bad_dictionaries(source: object, message: str) -> None:
    with pytest.raises(OptionError, match=message):
        load_dictionary(source)  # type: ignore[arg-type]


def test_bad_dictionary_files(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    with pytest.raises(OptionError, match=r"missing.yaml: no such file"):
        load_dictionary(missing)
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(SCOTextError, match=r"broken.yaml: is not valid YAML"):
        load_dictionary(broken)
    listing = tmp_path / "list.yaml"
    listing.write_text("- terror*\n- drug*\n", encoding="utf-8")
    with pytest.raises(OptionError, match=r"list.yaml: the YAML must be a mapping"):
        load_dictionary(listing)
    bad_theme = tmp_path / "bad.yaml"
    bad_theme.write_text("good: [trade]\nbad: ['*']\n", encoding="utf-8")
    with pytest.raises(OptionError, match=r"bad.yaml: theme 'bad'"):
        load_dictionary(bad_theme)
    text = tmp_path / "dict.txt"
    text.write_text("x", encoding="utf-8")
    with pytest.raises(OptionError, match=r"dict.txt: give a .yaml or .yml file"):
        load_dictionary(text)
    with pytest.raises(OptionError, match=r"theme 'bad'"):
        themes(make_frame([("x", "S", "text")]), dictionary=bad_theme)


# ---------------------------------------------------------------------------------------
# Real data: the Moscow Declaration seed and two UN General Debate speeches
# ---------------------------------------------------------------------------------------


def _counts(out: pd.DataFrame, group: str) -> dict[str, int]:
    sub = out[out["group"] == group]
    return dict(zip(sub["theme"], sub["count"], strict=True))


def test_seed_frame_helper_matches_known_shape() -> None:
    frame = seed_frame()
    assert len(frame) == 124
    assert frame["section"].drop_duplicates().tolist() == ["Preamble", *SEED_SECTIONS[1:]]


def test_seed_security_led_by_terrorism_and_drugs() -> None:
    out = themes(seed_frame(), by="section")
    sec = out[out["group"] == "Security"]
    # Verified by reading the matches: 60 terrorism/separatism/extremism words (terrorism
    # 15, terrorist 12, ...), 58 drug words (drugs 15, narcotic 11, drug 9, ...), then
    # arms control 39 (nuclear, non-proliferation, BTWC, ...) in 44 paragraphs.
    assert sec["theme"].tolist()[:3] == ["terrorism_extremism", "drugs", "arms_control_space"]
    assert sec["count"].tolist()[:3] == [60, 58, 39]
    words = sum(len(word_spans(t)) for t in seed_frame().query("section == 'Security'")["text"])
    assert sec["rate_per_1000"].iloc[0] == pytest.approx(60_000 / words)


def test_seed_trade_section_led_by_economic_themes() -> None:
    out = themes(seed_frame(), by="section")
    counts = _counts(out, "Trade and economic cooperation")
    # Verified by reading: the section also holds the digital-economy, technology-park,
    # start-up and science paragraphs, so digital_innovation (36) edges out trade (35);
    # transport (27) and finance (17) follow.  No security theme reaches 2.
    top4 = out[out["group"] == "Trade and economic cooperation"]["theme"].tolist()[:4]
    assert top4 == [
        "digital_innovation",
        "trade_investment",
        "transport_connectivity",
        "finance_banking",
    ]
    assert [counts[t] for t in top4] == [36, 35, 27, 17]
    assert counts["terrorism_extremism"] == 0 and counts["drugs"] == 0
    # Trade, transport and finance are densest in this section.
    for theme in ("trade_investment", "transport_connectivity", "finance_banking"):
        rates = out[out["theme"] == theme].set_index("group")["rate_per_1000"]
        assert rates.idxmax() == "Trade and economic cooperation", theme
    culture = _counts(out, "Cultural, humanitarian and public exchanges")
    assert max(culture, key=lambda k: culture[k]) == "culture_education_youth"


def test_seed_small_sections() -> None:
    out = themes(seed_frame(), by="section")
    # "Supreme Court", "Chief Justices", "law and order", "courts", "judicial" (2),
    # "inter-court", "supreme courts": the only theme of the judicial paragraph.
    judicial = _counts(out, "Interaction in the judicial sphere")
    assert {k: v for k, v in judicial.items() if v} == {"law_justice": 8}
    # "ties between their legislative assemblies"
    parliament = _counts(out, "Interparliamentary ties")
    assert {k: v for k, v in parliament.items() if v} == {"law_justice": 1}


def test_seed_with_load_corpus_if_available() -> None:
    import sco_text

    if not hasattr(sco_text, "load_corpus"):
        pytest.skip("sco_text.load_corpus is not available yet")
    frame = sco_text.load_corpus(SEED.parent)
    before = frame.copy(deep=True)
    out = themes(frame, by="section")
    sec = out[out["group"] == "Security"]["theme"].tolist()[:2]
    assert sec == ["terrorism_extremism", "drugs"]
    top4 = out[out["group"] == "Trade and economic cooperation"]["theme"].tolist()[:4]
    assert set(top4) == {
        "digital_innovation",
        "trade_investment",
        "transport_connectivity",
        "finance_banking",
    }
    by_date = themes(frame, by=["date", "section"])
    assert by_date["group"].str.startswith("2020-11-10 / ").all()
    m = theme_matches(frame)
    assert len(m) == out["count"].sum()
    pd.testing.assert_frame_equal(frame, before)


def test_un_2020_china_and_russia_profiles() -> None:
    if not UNGDC_2020.is_dir():
        pytest.skip("shared UN General Debate sample not available")
    out = themes(ungdc_frame("CHN", "RUS"), by="doc_id")
    chn, rus = _counts(out, "CHN"), _counts(out, "RUS")
    # Both 2020 speeches are dominated by COVID-19 (virus, pandemic, vaccines ...).
    assert out[out["group"] == "CHN"]["theme"].iloc[0] == "health_epidemics"
    assert out[out["group"] == "RUS"]["theme"].iloc[0] == "health_epidemics"
    assert (chn["health_epidemics"], rus["health_epidemics"]) == (32, 29)
    # Russia: New START, missiles, weapons in outer space; China: none of that.
    assert (chn["arms_control_space"], rus["arms_control_space"]) == (0, 13)
    # China: carbon neutrality, green development, Paris Agreement.
    assert (chn["environment_climate"], rus["environment_climate"]) == (12, 4)
    # China: global governance, shared future, zero-sum, hegemony.
    assert (chn["multipolar_order"], rus["multipolar_order"]) == (15, 7)
    # Russia: Security Council reform, veto, UN Charter, international law.
    assert (chn["un_multilateralism"], rus["un_multilateralism"]) == (15, 27)
    # Only Russia names terrorism, drug trafficking and organised crime.
    assert chn["terrorism_extremism"] == chn["drugs"] == 0
    assert rus["terrorism_extremism"] == 3 and rus["drugs"] == 1


def test_glob_translation_agrees_with_fnmatch() -> None:
    import fnmatch
    import random

    import regex

    from sco_text.dictionaries import glob_to_regex

    rng = random.Random(5)
    for _ in range(3_000):
        glob = "".join(rng.choice("ab*?") for _ in range(rng.randint(1, 7)))
        token = "".join(rng.choice("ab") for _ in range(rng.randint(0, 9)))
        expected = fnmatch.fnmatchcase(token, glob)
        assert (regex.fullmatch(glob_to_regex(glob), token) is not None) == expected, glob


def test_many_stars_do_not_backtrack_on_a_long_token() -> None:
    # With ".*" for each star this pattern needs ~n**5 steps on a 5,000-letter token (days);
    # the atomic pieces take one pass each.
    frame = pd.DataFrame(
        {"doc_id": ["a"], "section": ["S"], "para_no": [0], "text": ["a" * 5_000 + " aaaaab"]}
    )
    out = themes(frame, dictionary={"t": ["*a*a*a*a*a*b"]})
    assert out.loc[out["theme"] == "t", "count"].tolist() == [1]
