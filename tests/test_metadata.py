"""Tests for sco_text.metadata: inference rules, doc_id rule, sidecars."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sco_text.errors import CorpusError
from sco_text.metadata import (
    DECLARATION_SERIES,
    KINDS,
    SERIES_TOPIC_WORDS,
    SIDECAR_KEYS,
    DocMetadata,
    apply_overrides,
    display_date,
    find_yaml_sidecar,
    infer_metadata,
    load_catalog,
    make_doc_id,
    make_series,
    parse_date,
    read_metadata_csv,
    read_yaml_sidecar,
    slugify,
)

SEED_TITLE = (
    "The Moscow Declaration of the Council of Heads of State of the Shanghai "
    "Cooperation Organisation"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("held via videoconference on 10 November 2020, declare", dt.date(2020, 11, 10)),
        ("on 16 September 2022", dt.date(2022, 9, 16)),
        ("On 9-10 June 2018, Qingdao", dt.date(2018, 6, 10)),
        ("On 9–10 June 2018", dt.date(2018, 6, 10)),
        ("Qingtao, June 10, 2018.", dt.date(2018, 6, 10)),
        ("June 9-10, 2018", dt.date(2018, 6, 10)),
        ("from 30 June - 1 July 2018", dt.date(2018, 7, 1)),
        ("dated 2024-07-04", dt.date(2024, 7, 4)),
        ("on 31 February 2020 and 1 March 2020", dt.date(2020, 3, 1)),
        ("in 2020 and in June", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_seed_metadata() -> None:
    meta = infer_metadata(
        SEED_TITLE,
        [
            "The leaders of the member states of the Shanghai Cooperation Organisation (SCO), "
            "following the meeting of the SCO Council of Heads of State held via "
            "videoconference on 10 November 2020, declare the following."
        ],
        source="seeds/000_cac1e25885f983c0.txt",
    )
    assert meta == DocMetadata(
        doc_id="2020-moscow-declaration",
        title=SEED_TITLE,
        date=dt.date(2020, 11, 10),
        place="Moscow",
        kind="declaration",
    )


def test_place_from_opening_and_back_matter() -> None:
    held = infer_metadata(
        "Declaration of the Heads of State",
        ["We the leaders, based on the meeting held in Samarkand on 16 September 2022, declare"],
    )
    assert (held.place, held.date) == ("Samarkand", dt.date(2022, 9, 16))
    hosted = infer_metadata(
        "INFORMATION REPORT following the Meeting of the Council",
        ["On 9-10 June 2018, Qingdao, PRC, hosted a meeting of the Council."],
    )
    assert (hosted.place, hosted.date, hosted.kind) == ("Qingdao", dt.date(2018, 6, 10), "report")
    assert hosted.title == "Information Report following the Meeting of the Council"
    signed = infer_metadata(
        "Statement on food security", ["We note."], back_matter=["16 September 2022, Samarkand"]
    )
    assert (signed.place, signed.date) == ("Samarkand", dt.date(2022, 9, 16))
    assert signed.doc_id == "2022-samarkand-statement-food-security"


def test_front_matter_parenthesis_gives_place_and_date() -> None:
    meta = infer_metadata(
        "Information Report", ["Text."], front_matter=["(Qingdao, 9-10 June 2018)"]
    )
    assert (meta.place, meta.date) == ("Qingdao", dt.date(2018, 6, 10))


def test_date_only_from_meeting_paragraphs() -> None:
    meta = infer_metadata("Statement", ["The 2030 Agenda of 25 September 2015 is important."])
    assert meta.date is None


def test_file_name_hints() -> None:
    meta = infer_metadata(
        "JOINT ADDRESS of the heads of Shanghai Cooperation Organisation for the Youth",
        ["We the heads of the member states ..."],
        back_matter=["Qingtao, June 10, 2018."],
        source="corpus/2018-06-10_Qingdao_Joint_Address_to_Youth.txt",
    )
    assert meta.place == "Qingdao"  # the file name beats the misspelt signature line
    assert meta.date == dt.date(2018, 6, 10)
    assert meta.kind == "address"
    assert meta.doc_id == "2018-qingdao-address-youth"
    assert meta.title == (
        "Joint Address of the heads of Shanghai Cooperation Organisation for the Youth"
    )


def test_file_name_gives_kind_and_place_without_title() -> None:
    meta = infer_metadata("", ["Text."], source="x/2024-07-04_New_Delhi_Statement_Digital.md")
    assert (meta.kind, meta.place, meta.date) == ("statement", "New Delhi", dt.date(2024, 7, 4))
    assert meta.doc_id == "2024-new-delhi-statement-digital"


def test_un_speech_file_name() -> None:
    meta = infer_metadata("Mr. President,", ["Colleagues,"], source="x/CHN_75_2020.txt")
    assert meta == DocMetadata(
        doc_id="2020-chn-speech",
        title="CHN, UN General Debate 2020",
        date=dt.date(2020, 1, 1),  # the file name gives the year alone
        place="",
        kind="speech",
        date_precision="year",
        series="speech-chn",
        country="CHN",
    )


def test_catalog_completes_declarations() -> None:
    meta = infer_metadata(
        "Declaration of the Heads of State", ["Text."], source="x/2019_declaration.txt"
    )
    assert (meta.date, meta.place, meta.kind) == (dt.date(2019, 6, 14), "Bishkek", "declaration")
    assert meta.doc_id == "2019-bishkek-declaration"
    videoconf = infer_metadata(SEED_TITLE, ["Text."], source="x/2020_moscow.txt")
    assert (videoconf.date, videoconf.place) == (dt.date(2020, 11, 10), "Moscow")
    assert meta.date_precision == videoconf.date_precision == "day"
    off = infer_metadata("Declaration", ["Text."], source="x/2020_d.txt", use_catalog=False)
    assert (off.date, off.date_precision, off.place) == (dt.date(2020, 1, 1), "year", "")
    # only declarations are completed; others keep the year of their file name
    statement = infer_metadata("Statement on energy", ["Text."], source="x/2019_s.txt")
    assert (statement.date, statement.date_precision) == (dt.date(2019, 1, 1), "year")
    assert statement.place == ""


def test_catalog_package_data() -> None:
    catalog = load_catalog()
    assert len(catalog) == 25
    assert [e.year for e in catalog] == list(range(2001, 2026))
    assert {e.year: e.city for e in catalog}[2023] == "New Delhi (videoconference)"


def test_kind_from_title_earliest_word() -> None:
    assert infer_metadata("Statement on the Declaration of 2001", ["x"]).kind == "statement"
    assert infer_metadata("Notes for the press", ["x"]).kind == "document"
    assert infer_metadata("Tashkent Declaration", ["x"]).place == "Tashkent"
    assert infer_metadata("Declaration of the Heads (Astana)", ["x"]).place == "Astana"


def test_unknown_year_or_place_uses_file_name() -> None:
    meta = infer_metadata("Some notes", ["x"], source="corpus/My Notes.txt")
    assert meta.doc_id == "my-notes" and meta.kind == "document"
    assert infer_metadata("Some notes here", ["x"]).doc_id == "some-notes-here"


def test_make_doc_id_topics() -> None:
    date = dt.date(2022, 9, 16)
    assert make_doc_id(
        date=date,
        place="Samarkand",
        kind="statement",
        source="2022-09-16_Samarkand_Statement_Energy_Security.txt",
    ) == ("2022-samarkand-statement-energy-security")
    assert make_doc_id(
        date=date,
        place="Samarkand",
        kind="statement",
        title="Statement of the SCO on Ensuring Reliable, Sustainable and "
        "Diversified Supply Chains",
    ) == ("2022-samarkand-statement-reliable-sustainable-diversified")
    assert make_doc_id(date=date, place="Samarkand", kind="report") == "2022-samarkand-report"


def test_slugify() -> None:
    assert slugify("St Petersburg") == "st-petersburg"
    assert slugify("Qingdao’s  2018!") == "qingdaos-2018"


# --- sidecars ---------------------------------------------------------------


def test_yaml_sidecar(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("x")
    sidecar = tmp_path / "a.meta.yaml"
    sidecar.write_text("title: My title\ndate: 2024-07-04\nplace: Astana\nkind: declaration\n")
    assert find_yaml_sidecar(doc) == sidecar
    values = read_yaml_sidecar(sidecar)
    assert values == {
        "title": "My title",
        "date": dt.date(2024, 7, 4),
        "place": "Astana",
        "kind": "declaration",
    }
    meta = apply_overrides(DocMetadata("a", "", None, "", "document"), values, source=doc)
    assert meta == DocMetadata(
        "2024-astana-declaration", "My title", dt.date(2024, 7, 4), "Astana", "declaration"
    )


def test_yaml_sidecar_full_name_and_empty(tmp_path: Path) -> None:
    doc = tmp_path / "a.pdf"
    doc.write_bytes(b"x")
    assert find_yaml_sidecar(doc) is None
    sidecar = tmp_path / "a.pdf.meta.yml"
    sidecar.write_text("")
    assert find_yaml_sidecar(doc) == sidecar
    assert read_yaml_sidecar(sidecar) == {}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("title: [unclosed\n", "not valid YAML"),
        ("- a\n- b\n", "must be a mapping"),
        ("titel: x\n", "unknown key"),
        ("date: 10/11/2020\n", "not a date"),
        ("date: 2020-13-45\n", "not a date"),
        ("kind: communique\n", "kind 'communique' is not allowed"),
        ("doc_id: has space\n", "doc_id"),
        ("title: [a, b]\n", "must be text"),
    ],
)
def test_broken_yaml_sidecar(tmp_path: Path, content: str, reason: str) -> None:
    sidecar = tmp_path / "a.meta.yaml"
    sidecar.write_text(content)
    with pytest.raises(CorpusError, match=reason) as info:
        read_yaml_sidecar(sidecar)
    assert info.value.path == str(sidecar)


def test_metadata_csv(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("x")
    csv_path = tmp_path / "metadata.csv"
    csv_path.write_text(
        "file,doc_id,date,place\n"
        "a.txt,,16 September 2022,Samarkand\n"
        'sub/b.txt,my-id,2020-11-10,"Moscow, Russia"\n'
    )
    table = read_metadata_csv(csv_path)
    assert table == {
        (tmp_path / "a.txt").resolve(): {"date": dt.date(2022, 9, 16), "place": "Samarkand"},
        (tmp_path / "sub" / "b.txt").resolve(): {
            "doc_id": "my-id",
            "date": dt.date(2020, 11, 10),
            "place": "Moscow, Russia",
        },
    }


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "empty metadata file"),
        ("name,title\na.txt,x\n", "no 'file' column"),
        ("file,titel\na.txt,x\n", "unknown key"),
        ("file,date\na.txt,yesterday\n", "not a date"),
        ("file,title\nmissing.txt,x\n", "not a file"),
        ("file,title\na.txt,x\na.txt,y\n", "repeats"),
        ("file,title\na.txt,x,extra\n", "has 3 cells"),
        ("file,kind\na.txt,memo\n", "not allowed"),
    ],
)
def test_broken_metadata_csv(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / "a.txt").write_text("x")
    csv_path = tmp_path / "metadata.csv"
    csv_path.write_text(content)
    with pytest.raises(CorpusError, match=reason) as info:
        read_metadata_csv(csv_path)
    assert info.value.path == str(csv_path)


def test_apply_overrides_keeps_explicit_doc_id() -> None:
    meta = DocMetadata("x", "T", None, "", "document")
    assert apply_overrides(meta, {"doc_id": "mine", "kind": "report"}).doc_id == "mine"
    assert apply_overrides(meta, {}) is meta


def test_kinds_constant() -> None:
    assert KINDS == ("declaration", "statement", "address", "report", "speech", "document")


# --- series, country, year-only dates ------------------------------------------


def test_series_of_declarations() -> None:
    assert DECLARATION_SERIES == "declaration"
    for title in (
        SEED_TITLE,
        "The Samarkand Declaration of the Heads of State Council of the SCO",
        "Dushanbe Declaration on the Twentieth Anniversary of the SCO",  # no body named
        "",
    ):
        assert make_series(kind="declaration", title=title) == "declaration"
    ministers = "Joint Declaration of the Ministers of Foreign Affairs on Afghanistan"
    assert make_series(kind="declaration", title=ministers) == "declaration-afghanistan"
    assert make_series(kind="declaration", title="Declaration of the Ministers", doc_id="x") == "x"


def test_series_of_statements_by_title_topic() -> None:
    a = infer_metadata(
        "Statement by the Council of the Heads of State of the SCO on Energy Security",
        ["Text."],
        source="x/2022-09-16_Samarkand_Statement_Energy_Security.txt",
    )
    b = infer_metadata(  # next edition, other place, file name without topic
        "STATEMENT OF THE SCO HEADS OF STATE COUNCIL ON ENERGY SECURITY",
        ["Text."],
        source="x/2024-07-04_Astana_Statement.txt",
    )
    food = infer_metadata("Statement on food security", ["Text."], source="x/2022_s.txt")
    assert a.series == b.series == "statement-energy-security"
    assert food.series == "statement-food-security"
    # spelling folded, stop words, the organisation's name and numbers dropped; the first
    # " on " starts the subject (not the later " to ")
    uk = make_series(kind="statement", title="Statement on Countering Radicalisation in 2023")
    us = make_series(kind="statement", title="Statement of the SCO on countering radicalization")
    assert uk == us == "statement-countering-radicalization"
    long = make_series(
        kind="statement",
        title="Statement on ensuring reliable, sustainable and diversified supply chains "
        "of goods and services",
    )
    assert long.split("-")[1:] == [
        "reliable",
        "sustainable",
        "diversified",
        "supply",
        "chains",
        "goods",
    ]
    assert len(long.split("-")) - 1 == SERIES_TOPIC_WORDS
    youth = make_series(kind="address", title="Joint Address of the heads of SCO for the Youth")
    assert youth == "address-youth"


def test_series_from_file_name_or_of_its_own() -> None:
    meta = infer_metadata("", ["Text."], source="x/2018-06-10_Qingdao_Statement_Epidemics.txt")
    assert meta.series == "statement-epidemics"
    report = infer_metadata(
        "Information Report following the Meeting of the Council of Heads of State",
        ["Text."],
        source="x/2018-06-10_Qingdao_Information_Report.txt",
    )
    assert report.series == report.doc_id == "2018-qingdao-report"  # no topic: never paired
    # the file name's topic is used only for the file name's kind
    assert (
        make_series(kind="report", source="x/2022_Tashkent_Statement_Trade.txt", doc_id="d") == "d"
    )


def test_speech_series_per_country() -> None:
    chn = infer_metadata("Mr. President,", ["Text."], source="x/CHN_75_2020.txt")
    chn_2019 = infer_metadata("Mr. President,", ["Text."], source="x/CHN_74_2019.txt")
    rus = infer_metadata("Mr. President,", ["Text."], source="x/RUS_75_2020.txt")
    assert (chn.country, chn.series) == ("CHN", "speech-chn")
    assert chn_2019.series == chn.series != rus.series == "speech-rus"
    # a speech without a country code falls back to the topic rule
    other = make_series(kind="speech", title="Speech on climate", doc_id="d")
    assert other == "speech-climate"


def test_year_only_dates() -> None:
    un = infer_metadata("Mr. President,", ["Text."], source="x/IND_78_2023.txt")
    assert (un.date, un.date_precision) == (dt.date(2023, 1, 1), "year")
    delivered = infer_metadata(
        "Mr. President,", ["Delivered on Friday, 22 September 2023"], source="x/IND_78_2023.txt"
    )
    assert (delivered.date, delivered.date_precision) == (dt.date(2023, 9, 22), "day")
    named = infer_metadata("Statement on trade", ["Text."], source="x/2019_Bishkek_Statement.txt")
    assert (named.date, named.date_precision, named.doc_id) == (
        dt.date(2019, 1, 1),
        "year",
        "2019-bishkek-statement-trade",
    )
    titled = infer_metadata("Bishkek Statement on Trade, 2019", ["Text."])
    assert (titled.date, titled.date_precision) == (dt.date(2019, 1, 1), "year")
    assert infer_metadata("Statement on Trade (2019)", ["Text."]).date == dt.date(2019, 1, 1)
    # a year inside the title is not a date (the 2030 Agenda); no date at all: ""
    agenda = infer_metadata("Statement on the 2030 Agenda", ["Text."])
    assert (agenda.date, agenda.date_precision) == (None, "")
    # a full date wins over the year of the file name
    full = infer_metadata("Statement", ["Held on 4 July 2023."], source="x/2023_s.txt")
    assert (full.date, full.date_precision) == (dt.date(2023, 7, 4), "day")


def test_display_date() -> None:
    assert display_date(dt.date(2020, 1, 1), "year") == "2020"
    assert display_date(dt.date(2020, 11, 10), "day") == "2020-11-10"
    import pandas as pd

    assert display_date(pd.Timestamp("2020-01-01"), "year") == "2020"
    assert display_date(pd.NaT, "") == display_date(None) == ""


def test_doc_metadata_defaults() -> None:
    meta = DocMetadata("a", "Statement on food security", dt.date(2022, 9, 16), "", "statement")
    assert (meta.date_precision, meta.series, meta.country) == (
        "day",
        "statement-food-security",
        "",
    )
    undated = DocMetadata("b", "", None, "", "document", date_precision="year")
    assert (undated.date_precision, undated.series) == ("", "b")


def test_sidecar_series_country_and_year(tmp_path: Path) -> None:
    assert {"series", "country"} <= set(SIDECAR_KEYS)
    sidecar = tmp_path / "a.meta.yaml"
    sidecar.write_text("date: 2019\nseries: my-series\ncountry: IND\n")
    values = read_yaml_sidecar(sidecar)
    assert values == {"date": 2019, "series": "my-series", "country": "IND"}
    meta = infer_metadata("Statement on trade", ["Text."], source=tmp_path / "a.txt")
    updated = apply_overrides(meta, values, source=tmp_path / "a.txt")
    assert (updated.date, updated.date_precision, updated.series, updated.country) == (
        dt.date(2019, 1, 1),
        "year",
        "my-series",
        "IND",
    )
    # without a series, it is inferred again from the corrected values
    speech = apply_overrides(meta, {"kind": "speech", "country": "PAK"})
    assert speech.series == "speech-pak"
    dated = apply_overrides(updated, {"date": dt.date(2019, 6, 14)})
    assert dated.date_precision == "day"
    (tmp_path / "a.txt").write_text("x")
    csv_path = tmp_path / "metadata.csv"
    csv_path.write_text("file,date,series\na.txt,2020,energy\n")
    assert read_metadata_csv(csv_path) == {
        (tmp_path / "a.txt").resolve(): {"date": 2020, "series": "energy"}
    }
    sidecar.write_text("series: has space\n")
    with pytest.raises(CorpusError, match="series 'has space' must be letters"):
        read_yaml_sidecar(sidecar)
    sidecar.write_text("date: 20190\n")
    with pytest.raises(CorpusError, match="not a date"):
        read_yaml_sidecar(sidecar)
