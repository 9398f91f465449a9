"""Tests of sco_text.compare: spelling-aware redline, tables, sections, series, thresholds."""

from __future__ import annotations

import importlib
import re
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
import pytest
from conftest import make_frame

import sco_text
from sco_text import diff, diff_series
from sco_text.compare import TABLES, AlignOptions
from sco_text.compare.alignment import (
    STOP_WORD_WEIGHT,
    align,
    margins,
    pair_scores,
    ratio_margin,
    sentence_scores,
    sentences,
    tokens,
)
from sco_text.errors import OptionError

UK = "The Organisation recognised the member states' programmes for labour and defence."
US = "The Organization recognized the Member States' programs for labor and defense."


def statuses(d: sco_text.DeclarationDiff) -> list[str]:
    return list(d.paragraphs["status"])


# -- the shape of the code ----------------------------------------------------------------------
def test_sco_text_diff_is_the_function_not_a_module() -> None:
    package = Path(sco_text.__file__).parent
    assert not (package / "diff.py").exists() and (package / "compare" / "__init__.py").exists()
    importlib.import_module("sco_text.compare.alignment")
    assert callable(sco_text.diff) and sco_text.diff is diff


def test_no_module_shares_its_name_with_a_name_exported_beside_it() -> None:
    # ``sco_text.themes`` is the function (the module is sco_text.dictionaries), as
    # ``sco_text.diff`` is: importing a submodule must never shadow an exported name
    package = Path(sco_text.__file__).parent
    for init in sorted(package.rglob("__init__.py")):
        parent = ".".join(init.parent.relative_to(package.parent).parts)
        exported = set(importlib.import_module(parent).__all__)
        names = {p.stem for p in init.parent.glob("*.py")} | {
            p.parent.name for p in init.parent.glob("*/__init__.py")
        }
        assert not names & exported, (parent, sorted(names & exported))
    importlib.import_module("sco_text.dictionaries")
    assert callable(sco_text.themes)


def test_renderer_reads_only_public_names() -> None:
    src = Path(sco_text.compare.render.__file__).read_text(encoding="utf-8")
    assert not re.search(r"\bd\._", src)
    assert "import model" not in src and "from .model" not in src


# -- spelling and case --------------------------------------------------------------------------
def test_spelling_only_paragraph_is_unchanged_and_counted() -> None:
    frame = make_frame({"a": [UK, "Trade grows."], "b": [US, "Trade grows fast."]})
    d = diff(frame, "a", "b")
    assert statuses(d) == ["unchanged", "edited"]
    assert d.paragraphs["similarity"].iloc[0] == 1.0
    ops = d.ops(0)
    assert ("spelling", "Organisation recognised", "Organization recognized") in ops
    assert ("spelling", "member states", "Member States") in ops
    # a block is a run of neighbouring words: "Organisation recognised" is one
    spelling = [o for o in ops if o[0] == "spelling"]
    assert [o[1] for o in spelling] == [
        "Organisation recognised",
        "member states",
        "programmes",
        "labour",
        "defence",
    ]
    s = d.summary()
    assert s["spelling_changes"] == 5 and s["spelling_only"] == 1
    assert s.carry_over == pytest.approx(1 - 1 / (11 + 3))  # only "fast" is new
    assert d.redline(0).startswith("The {~Organisation recognised~>Organization recognized~} the")
    assert '<span class="sp" title="was: labour">labor</span>' in d.redline(0, fmt="html")
    assert "*labor*" in d.redline(0, fmt="markdown")


def test_folding_can_be_turned_off() -> None:
    frame = make_frame({"a": [UK], "b": [US]})
    assert statuses(diff(frame, "a", "b", fold_spelling=False, fold_case=False)) == ["edited"]
    only_case = diff(frame, "a", "b", fold_spelling=False)
    assert statuses(only_case) == ["edited"]
    assert ("spelling", "member states", "Member States") in only_case.ops(0)
    assert ("delete", "Organisation recognised", "") in only_case.ops(0)
    with pytest.raises(OptionError, match="fold_case"):
        diff(frame, "a", "b", fold_case="yes")  # type: ignore[arg-type]


# -- tables -------------------------------------------------------------------------------------
def test_every_table_comes_out_as_a_frame() -> None:
    frame = make_frame(
        {
            "a": ["Terrorism threatens trade.", "Old words gone."],
            "b": ["Terrorism threatens trade."],
        }
    )
    d = diff(frame, "a", "b")
    for table in TABLES:
        out = d.to_frame(table)
        assert list(out.columns[:2]) == ["old", "new"] and (out["old"] == "a").all()
    assert list(d.to_frame("paragraphs")["status"]) == ["unchanged", "removed"]
    assert set(d.to_frame("changes")["op"]) == {"equal", "delete"}
    summary = d.to_frame("summary")
    assert len(summary) == 1 and summary["removed"].iloc[0] == 1
    with pytest.raises(OptionError, match="'paragraphs', 'changes', 'themes'"):
        d.to_frame("words")


def test_theme_table_sorted_by_rate_change_with_counts_beside() -> None:
    # the old text mentions terrorism more often but the new one, much shorter, more densely
    old = ["Terrorism is a threat. Terrorism again. " + "Trade grows and grows. " * 10]
    new = ["Terrorism is a threat."]
    d = diff(make_frame({"a": old, "b": new}), "a", "b")
    t = d.theme_changes(dictionary={"terror": ["terror*"], "trade": ["trade"]}).set_index("theme")
    assert t.loc["terror", "change"] == -1  # count fell from 2 to 1 ...
    assert t.loc["terror", "rate_change"] > 0  # ... but the rate rose
    assert list(t.index) == ["terror", "trade"]  # sorted by rate change, largest rise first
    assert t.loc["terror", "new_rate_per_1000"] == pytest.approx(250.0)  # 1 of 4 words


def test_term_changes_rates_beside_counts() -> None:
    old = ["Terrorism is a threat. Terrorism again. " + "Trade grows and grows. " * 10]
    new = ["Terrorism is a threat to the programme."]
    d = diff(make_frame({"a": old, "b": new}), "a", "b")
    t = d.term_changes(top=None).set_index("term")
    assert t.loc["terrorism", ["old_count", "new_count", "change"]].tolist() == [2, 1, -1]
    assert t.loc["terrorism", "rate_change"] > 0 and t.index[0] != "trade"
    assert t.loc["trade", "rate_change"] < 0 and t.loc["grows", "rate_change"] < 0
    assert list(t["rate_change"]) == sorted(t["rate_change"], reverse=True)
    assert "program" in t.index and "programme" not in t.index  # spellings folded
    assert len(d.term_changes(top=1)) == 2
    with pytest.raises(OptionError, match="top"):
        d.term_changes(top=0)


# -- sections matched by content ----------------------------------------------------------------
PARAS = [
    "Alpha paragraph about peace and the charter of the organisation.",
    "Bravo paragraph about trade, tariffs and the customs union.",
    "Charlie paragraph about culture, youth and universities.",
    "Delta paragraph about energy pipelines and power grids.",
]


def test_renamed_sections_are_matched_by_content() -> None:
    echo = "Echo paragraph about disaster relief, floods and rescue teams."
    old = [("I", PARAS[0]), ("I", PARAS[1]), ("I", echo), ("II", PARAS[2]), ("II", PARAS[3])]
    new = [("Politics", t) for _, t in old[:3]] + [("Economy", t) for _, t in old[3:]]
    d = diff(make_frame({"a": old, "b": new}), "a", "b")
    assert statuses(d) == ["unchanged"] * 5
    s = d.summary()
    assert list(zip(s.renamed["old_section"], s.renamed["new_section"], strict=True)) == [
        ("I", "Politics"),
        ("II", "Economy"),
    ]
    assert "renamed sections: I -> Politics; II -> Economy" in repr(s)
    # Bravo leaves section I (now "Politics") for the section II became: a move, in order
    new[1] = ("Economy", PARAS[1])
    d = diff(make_frame({"a": old, "b": new}), "a", "b")
    moved = d.paragraphs[d.paragraphs["status"] == "moved"]
    assert list(moved["old_para_no"]) == [1] and bool(moved["section_changed"].iloc[0])


def test_a_text_without_headings_renames_nothing() -> None:
    # New Delhi 2023 has no headings (one section, "Body"): Samarkand's "Part 2" sent most
    # links there, yet "Body" is not its new name
    old_sec = ["I", "I", "I", "II"]  # I sends 3 of the 4 links: above section_share
    assert align(PARAS, PARAS, old_sec, ["Body"] * 4).renamed == {}
    assert align(PARAS, PARAS, ["Body"] * 4, old_sec).renamed == {}
    assert align(PARAS, PARAS, old_sec, ["X", "X", "X", "Y"]).renamed == {"I": "X", "II": "Y"}


def test_section_share_boundary() -> None:
    # "I" sends 1 of its 2 paragraphs to "X": exactly section_share (0.5), not more: no rename
    old_sec = ["I", "I", "II", "II"]
    new_sec = ["X", "II", "II", "II"]
    result = align(PARAS, PARAS, old_sec, new_sec, AlignOptions(section_share=0.5))
    assert result.renamed == {}
    result = align(PARAS, PARAS, old_sec, new_sec, AlignOptions(section_share=0.49))
    assert result.renamed == {"I": "X"}


# -- thresholds at their boundaries -------------------------------------------------------------
EPS = 1e-9


def test_threshold_boundary() -> None:
    a = "Energy ministers will coordinate pipeline maintenance schedules every spring."
    b = "Energy ministers discuss railway tariffs and customs rules."
    strong = ["Alpha beta gamma delta epsilon zeta.", "Kappa lambda mu nu xi omicron."]
    # a first, b last: a pair (a, b) is out of order, so only a strong pair is kept
    old, new = [a, *strong], [*strong, b]
    s = float(pair_scores(old, new)[0, 2])
    r = SequenceMatcher(None, tokens(a), tokens(b), autojunk=False).ratio()
    assert 0 < s < 1 and 0 < r < 1
    at = max(s, r)  # a pair is strong when its score or its word similarity reaches it
    opts = AlignOptions(threshold=at, weak_threshold=s)
    rows = align(old, new, ["S"] * 3, ["S"] * 3, opts).rows
    assert {(r.old, r.new) for r in rows if r.status == "moved"} == {(0, 2)}
    opts = AlignOptions(threshold=at + EPS, weak_threshold=s)
    rows = align(old, new, ["S"] * 3, ["S"] * 3, opts).rows
    assert {r.status for r in rows if 0 in (r.old, r.new)} == {"removed", "unchanged"}
    # and the score must reach weak_threshold even when the word similarity is high
    opts = AlignOptions(threshold=at, weak_threshold=s + EPS)
    rows = align(old, new, ["S"] * 3, ["S"] * 3, opts).rows
    assert not {(r.old, r.new) for r in rows if r.status == "moved"}


def test_weak_pairs_only_in_order() -> None:
    strong = ["Alpha beta gamma delta epsilon zeta.", "Kappa lambda mu nu xi omicron."]
    weak_old = "Energy ministers will coordinate pipeline maintenance schedules every spring."
    weak_new = "Energy ministers discuss railway tariffs and customs rules."
    old, new = [strong[0], weak_old, strong[1]], [strong[0], weak_new, strong[1]]
    s = float(pair_scores(old, new)[1, 1])
    assert 0 < s < 0.35
    opts = AlignOptions(threshold=0.9, weak_threshold=s)
    # in order (between the two strong pairs): kept
    rows = align(old, new, ["S"] * 3, ["S"] * 3, opts).rows
    assert sorted((r.old, r.new) for r in rows if r.status == "edited") == [(1, 1)]
    # out of order (the weak pair would cross a strong one): not kept
    rows = align(
        [weak_old, strong[0], strong[1]],
        [strong[0], strong[1], weak_new],
        ["S"] * 3,
        ["S"] * 3,
        opts,
    ).rows
    assert {r.status for r in rows if 0 in (r.old,)} == {"removed"}
    # a weak threshold just above the score: not kept (by step 3; the gap rule is off)
    opts = AlignOptions(threshold=0.9, weak_threshold=s + EPS, gap_threshold=1.0)
    rows = align(old, new, ["S"] * 3, ["S"] * 3, opts).rows
    assert {r.status for r in rows if r.old == 1} == {"removed"}


def test_split_threshold_boundary_and_distant_pieces() -> None:
    old = [
        "Peace talks between the neighbouring border provinces resumed in spring. "
        "Farmers will receive drought insurance and cheaper irrigation pumps.",
        "Universities exchange students under scholarship programmes every year.",
    ]
    new = [
        "Peace talks between the neighbouring border provinces resumed last spring.",
        "Universities exchange students under scholarship programmes every year.",
        "Farmers will receive drought insurance and cheaper irrigation pumps soon.",
    ]
    rows = align(old, new, ["S"] * 2, ["S"] * 3).rows
    split = sorted(r.new for r in rows if r.status == "split")
    assert split == [0, 2]  # the pieces are not neighbours
    # the piece the paragraph score does not pick is tied to old 0 by its sentence vote
    primary = 0 if pair_scores(old, new)[0, 0] > pair_scores(old, new)[0, 2] else 2
    cos, _, _ = sentence_scores(old, new)
    vote = float(cos[1, 2] if primary == 0 else cos[0, 0])
    assert 0.5 < vote < 1
    for at, expected in ((vote, True), (vote + EPS, False)):
        opts = AlignOptions(split_threshold=at, containment=1.0)  # no containment links
        got = [r.status for r in align(old, new, ["S"] * 2, ["S"] * 3, opts).rows]
        assert ("split" in got) is expected, (at, got)


def test_min_sentence_terms_boundary() -> None:
    assert AlignOptions().min_sentence_terms == 4
    assert sentences("Trade grows. Energy flows; 2023 came.") == [
        "Trade grows.",
        "Energy flows;",
        "2023 came.",
    ]


def test_stop_words_weigh_little_but_pair_common_word_paragraphs() -> None:
    assert 0 < STOP_WORD_WEIGHT < 1
    frame = make_frame({"a": ["one two three four"], "b": ["one two three five"]})
    assert statuses(diff(frame, "a", "b")) == ["edited"]


# -- series -------------------------------------------------------------------------------------
def test_diff_series_pairs_within_a_series_column() -> None:
    frame = make_frame(
        {
            "d1": ["Peace and trade matter."],
            "s1": ["A statement on climate."],
            "d2": ["Peace and trade matter.", "Health too."],
            "s2": ["A statement on climate and water."],
        },
        date={"d1": "2020-01-01", "s1": "2020-01-02", "d2": "2021-01-01", "s2": "2021-01-02"},
    )
    frame["series"] = frame["doc_id"].str[0].map({"d": "summit", "s": "climate"})
    out = diff_series(frame)
    assert list(zip(out["old"], out["new"], strict=True)) == [("d1", "d2"), ("s1", "s2")]
    assert list(out["series"]) == ["summit", "climate"]
    # without the column: one sequence in date order
    plain = diff_series(frame.drop(columns="series"))
    assert list(plain["new"]) == ["s1", "d2", "s2"]


# -- HTML ---------------------------------------------------------------------------------------
def test_html_page_has_titles_dates_filters_and_section_links() -> None:
    frame = make_frame(
        {"a": [("I", PARAS[0]), ("II", PARAS[1])], "b": [("Politics", PARAS[0])]},
        title={"a": "Samarkand <Declaration>", "b": "New Delhi Declaration"},
        date={"a": "2022-09-16", "b": "2023-07-04"},
    )
    page = diff(frame, "a", "b").to_html()
    assert "Samarkand &lt;Declaration&gt; (16 September 2022)" in page
    assert "New Delhi Declaration (04 July 2023)" in page
    assert page.count('type="checkbox"') == 2 and "hide removed" in page
    assert re.search(r'<a href="#scod[0-9a-f]{8}-s0">Politics</a>', page)  # new sections
    assert re.search(r'<a href="#scod[0-9a-f]{8}-r1">II</a>', page)  # old ones, by row
    assert "max-width:60em" not in page and "overflow-wrap:anywhere" in page


# -- ratio margins ---------------------------------------------------------------------------
DISTINCT = [
    "Alpha beta gamma delta epsilon zeta.",
    "Kappa lambda mu nu xi omicron.",
    "Pipeline tariffs rose sharply in autumn.",
    "Wheat harvests doubled across northern valleys.",
    "Glaciers retreat faster every decade now.",
]
FAINT_OLD = "Museums lend paintings and sculptures to touring exhibitions abroad."
FAINT_NEW = "Touring orchestras perform symphonies in provincial concert halls."


def faint_pair() -> tuple[list[str], list[str], float]:
    """Five identical pairs and one pair sharing a single rare word (its margin is high)."""
    old, new = [*DISTINCT, FAINT_OLD], [*DISTINCT, FAINT_NEW]
    par, _ = margins(old, new)
    return old, new, float(par[5, 5])


def test_ratio_margin_needs_more_paragraphs_than_neighbours() -> None:
    score = np.array([[0.4, 0.1], [0.1, 0.2]])
    assert ratio_margin(score, 1)[1, 1] == pytest.approx(1.0)
    assert ratio_margin(score, 1)[0, 1] == pytest.approx(0.1 / 0.3)
    assert not ratio_margin(score, 2).any()  # a side of 2 paragraphs has no 2 neighbours
    assert AlignOptions().margin_neighbours == 4


def test_margin_boundary() -> None:
    old, new, at = faint_pair()
    s = float(pair_scores(old, new)[5, 5])
    assert 0 < s < 0.2 and at > 1.5  # far below weak_threshold, yet it stands out
    base = {"threshold": 0.9, "weak_threshold": 0.5, "split_margin": 99.0, "gap_threshold": 1.0}
    for margin, expected in ((at, {"edited"}), (at + EPS, {"removed", "added"})):
        rows = align(old, new, ["S"] * 6, ["S"] * 6, AlignOptions(margin=margin, **base)).rows
        assert {r.status for r in rows if 5 in (r.old, r.new)} == expected, margin


def test_split_margin_boundary() -> None:
    old, new, _ = faint_pair()
    par, sen = margins(old, new)
    standout = max(float(par[5, 5]), float(sen[5, 5]))
    base = {"threshold": 0.9, "weak_threshold": 0.5, "margin": 99.0, "gap_threshold": 1.0}
    for split_margin, expected in ((standout, {"edited"}), (standout + EPS, {"removed", "added"})):
        opts = AlignOptions(split_margin=split_margin, **base)
        rows = align(old, new, ["S"] * 6, ["S"] * 6, opts).rows
        assert {r.status for r in rows if 5 in (r.old, r.new)} == expected, split_margin


# -- gaps of the reading order and neighbouring pieces -----------------------------------------
def test_gap_threshold_boundary_and_gaps_only() -> None:
    # the faint pair (one shared word) lies between two matched paragraphs: linked by the
    # gap rule when its score reaches gap_threshold, whatever its margin
    strong = DISTINCT[:2]
    old, new = [strong[0], FAINT_OLD, strong[1]], [strong[0], FAINT_NEW, strong[1]]
    s = float(pair_scores(old, new)[1, 1])
    assert 0 < s < 0.2
    base = {"threshold": 0.9, "weak_threshold": 0.5, "margin": 99.0, "split_margin": 99.0}
    for at, expected in ((s, {"edited"}), (s + EPS, {"removed", "added"})):
        rows = align(old, new, ["S"] * 3, ["S"] * 3, AlignOptions(gap_threshold=at, **base)).rows
        assert {r.status for r in rows if 1 in (r.old, r.new)} == expected, at
    # out of order (the faint new paragraph comes before both matched ones): no gap holds
    # both, so they stay unlinked even with no floor at all
    new = [FAINT_NEW, strong[0], strong[1]]
    rows = align(old, new, ["S"] * 3, ["S"] * 3, AlignOptions(gap_threshold=0.0, **base)).rows
    assert {r.status for r in rows if r.old == 1 or r.new == 0} == {"removed", "added"}
    assert AlignOptions().gap_threshold == 0.05


def test_neighbour_margin_boundary() -> None:
    # old 5 is the second part of new 4, whose first part (old 4) is already its partner
    first = "Pipeline tariffs rose sharply in autumn across the southern provinces."
    old = [*DISTINCT[:4], first, FAINT_OLD]
    new = [*DISTINCT[:4], first + " " + FAINT_NEW, DISTINCT[4]]
    par, sen = margins(old, new)
    standout = np.maximum(par, sen)
    assert int(standout[5].argmax()) == 4 and standout[5, 4] > 1.0
    at = float(standout[5, 4])
    # the other routes to a merge are off: sentence votes, containment, split_margin, gaps
    base = {"split_threshold": 0.99, "containment": 1.0, "split_margin": 99.0}
    for limit, expected in ((at, {"merged"}), (at + EPS, {"removed"})):
        opts = AlignOptions(neighbour_margin=limit, gap_threshold=1.0, **base)
        rows = align(old, new, ["S"] * 6, ["S"] * 6, opts).rows
        assert {r.status for r in rows if r.old == 5} == expected, limit
    # not a neighbour of the partner (old 3 instead of old 5): no link at that margin
    old2 = [*DISTINCT[:3], FAINT_OLD, DISTINCT[3], first]
    new2 = [*DISTINCT[:4], DISTINCT[4], first + " " + FAINT_NEW]
    standout2 = np.maximum(*margins(old2, new2))
    assert int(standout2[3].argmax()) == 5
    opts = AlignOptions(neighbour_margin=float(standout2[3, 5]), gap_threshold=1.0, **base)
    rows = align(old2, new2, ["S"] * 6, ["S"] * 6, opts).rows
    assert {r.status for r in rows if r.old == 3} == {"removed"}
    assert AlignOptions().neighbour_margin == 1.2


def test_gap_between_pieces_of_a_split_joins_it() -> None:
    talks = "Peace talks between the neighbouring border provinces resumed in spring."
    farm = "Farmers will receive drought insurance and cheaper irrigation pumps."
    unis = "Universities exchange students under scholarship programmes every year."
    middle = "Orchestras tour the border towns each winter."  # shares "border" with old 0
    old, new = [talks + " " + farm, unis], [talks, middle, farm, unis]
    s = float(pair_scores(old, new)[0, 1])
    assert 0 < s < 0.2 and int(pair_scores(old, new)[:, 1].argmax()) == 0
    for at, expected in ((s, {"split"}), (s + EPS, {"added"})):
        rows = align(old, new, ["S"] * 2, ["S"] * 4, AlignOptions(gap_threshold=at)).rows
        assert {r.status for r in rows if r.new == 1} == expected, at
    rows = align(old, new, ["S"] * 2, ["S"] * 4, AlignOptions(gap_threshold=s)).rows
    assert sorted(r.new for r in rows if r.split_from == 0) == [0, 1, 2]  # one split of three
    # the paragraph between the pieces joins only when the split's paragraph is its best
    # counterpart: here it shares more with old 1
    middle = "Orchestras tour the border towns each winter and exchange students every year."
    new = [talks, middle, farm, unis]
    assert int(pair_scores(old, new)[:, 1].argmax()) == 1
    rows = align(old, new, ["S"] * 2, ["S"] * 4, AlignOptions(gap_threshold=0.0)).rows
    assert not {r.status for r in rows if r.new == 1} & {"split"}
