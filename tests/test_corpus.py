"""Tests for sco_text.corpus: load_corpus, documents, sentences, repairs."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES as TEST_FIXTURES
from conftest import ROOT, SHARED, make_frame
from pdf_builders import blank_pdf, make_pdf
from seed_facts import SEED_SECTIONS

import sco_text
from sco_text import corpus as corpus_module
from sco_text.corpus import (
    FRAME_COLUMNS,
    default_paths,
    documents,
    find_project_root,
    load_corpus,
    repairs,
    sentences,
)
from sco_text.errors import CorpusError, FrameError, OptionError

FIXTURES = TEST_FIXTURES / "corpus" / "small"
ASTANA = "2024-07-04_Astana_Declaration.txt"


def snapshot(folder: Path) -> dict[Path, tuple[bytes, int]]:
    return {
        p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()
    }


def good_doc(folder: Path, name: str = ASTANA) -> Path:
    path = folder / name
    path.write_bytes((FIXTURES / ASTANA).read_bytes())
    return path


# --- the frame ---------------------------------------------------------------


def test_fixture_corpus_frame() -> None:
    frame = load_corpus(FIXTURES)
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert str(frame["date"].dtype) == "datetime64[ns]"
    assert str(frame["para_no"].dtype) == "int64"
    # sorted by date (unknown last; a year alone on 1 January), doc_id, para_no; README.md
    # skipped
    docs = frame.drop_duplicates("doc_id").set_index("doc_id")
    assert docs.index.tolist() == [
        "2020-chn-speech",
        "2022-samarkand-statement-energy-security",
        "2024-astana-declaration",
    ]
    assert docs["date_precision"].tolist() == ["year", "day", "day"]
    assert docs["series"].tolist() == ["speech-chn", "statement-energy-security", "declaration"]
    assert docs["country"].tolist() == ["CHN", "", ""]
    astana = frame[frame["doc_id"] == "2024-astana-declaration"]
    assert astana["para_no"].tolist() == [0, 1, 2, 3]
    assert astana["section"].tolist() == ["Preamble", "Preamble", "Security", "Security"]
    assert astana["title"].iloc[0] == (
        "Astana Declaration of the Council of Heads of State of the Shanghai Cooperation "
        "Organization"
    )
    assert astana["date"].iloc[0] == pd.Timestamp("2024-07-04")
    assert astana["place"].iloc[0] == "Astana"
    assert astana["kind"].iloc[0] == "declaration"
    assert astana["source"].iloc[0] == str(FIXTURES / ASTANA)
    assert astana["text"].iloc[1] == (
        "The member states support the central role of the UN. They back its Charter "
        "(New York, 26 June 1945)."
    )
    assert sco_text.raw_text(astana).iloc[1] == (
        "The member states support the central role of the UN. They back its\n"
        "Charter (New York, 26 June 1945)."
    )
    speech = frame[frame["doc_id"] == "2020-chn-speech"]
    assert speech["title"].iloc[0] == "CHN, UN General Debate 2020"
    assert (speech["date"] == pd.Timestamp("2020-01-01")).all()  # the year alone
    assert speech["place"].iloc[0] == "" and speech["kind"].iloc[0] == "speech"
    assert speech["text"].tolist()[0] == "Mr. President,"
    energy = frame[frame["doc_id"] == "2022-samarkand-statement-energy-security"]
    assert energy["title"].iloc[0] == "Statement on Energy Security"
    assert energy["text"].tolist() == [
        "We, the heads of the member states, underline that energy security is the basis of "
        "economic development.",
        "We support the SCO Energy Club. It meets every year.",
    ]
    assert frame.index.tolist() == list(range(len(frame)))


def test_documents_hand_counted() -> None:
    docs = documents(load_corpus(FIXTURES))
    assert list(docs.columns) == [
        "doc_id",
        "title",
        "date",
        "date_precision",
        "place",
        "kind",
        "series",
        "country",
        "source",
        "n_sections",
        "n_paragraphs",
        "n_sentences",
        "n_words",
    ]
    counts = docs.set_index("doc_id")[["n_sections", "n_paragraphs", "n_sentences", "n_words"]]
    assert counts.to_dict("index") == {
        "2022-samarkand-statement-energy-security": {
            "n_sections": 1,
            "n_paragraphs": 2,
            "n_sentences": 3,
            "n_words": 27,
        },
        "2024-astana-declaration": {
            "n_sections": 2,
            "n_paragraphs": 4,
            "n_sentences": 6,
            "n_words": 59,
        },
        "2020-chn-speech": {"n_sections": 1, "n_paragraphs": 3, "n_sentences": 4, "n_words": 53},
    }


def test_sentences_of_fixture() -> None:
    sents = sentences(load_corpus(FIXTURES))
    assert list(sents.columns) == ["doc_id", "section", "para_no", "sent_no", "text"]
    astana = sents[sents["doc_id"] == "2024-astana-declaration"]
    assert astana["text"].tolist() == [
        "The leaders of the member states met in Astana on 4 July 2024 and declare the following.",
        "The member states support the central role of the UN.",
        "They back its Charter (New York, 26 June 1945).",
        "The member states condemn terrorism.",
        "They will implement Art. 5 of the plan.",
        "The member states note item No. 7 of the agenda.",
    ]
    assert astana["sent_no"].tolist() == [0, 1, 2, 3, 4, 5]
    assert astana["para_no"].tolist() == [0, 1, 1, 2, 2, 3]
    assert astana["section"].tolist() == ["Preamble"] * 3 + ["Security"] * 3


def test_sentences_tricky_abbreviations() -> None:
    frame = make_frame(
        [
            (
                "a",
                "Preamble",
                0,
                "They support the UN. The SCO acts (New York, 30 August 2019). Mr. Li spoke.",
            ),
            (
                "a",
                "Preamble",
                1,
                "See No. 5 and Art. 12 of the Charter, e.g. the rules, i.e. the law, etc. "
                "The talks with the U.S. delegation went on.",
            ),
            ("b", "Security", 0, "One sentence only (Dushanbe, 17 September 2021)."),
        ]
    )
    sents = sentences(frame)
    assert sents["text"].tolist() == [
        "They support the UN.",
        "The SCO acts (New York, 30 August 2019).",
        "Mr. Li spoke.",
        "See No. 5 and Art. 12 of the Charter, e.g. the rules, i.e. the law, etc.",
        "The talks with the U.S. delegation went on.",
        "One sentence only (Dushanbe, 17 September 2021).",
    ]
    assert sents["sent_no"].tolist() == [0, 1, 2, 3, 4, 0]
    assert sents["doc_id"].tolist() == ["a"] * 5 + ["b"]


def test_sentences_never_cross_paragraphs_and_empty_frame() -> None:
    frame = make_frame([("a", "P", 0, "No end here"), ("a", "P", 1, "Next one.")])
    assert sentences(frame)["text"].tolist() == ["No end here", "Next one."]
    empty = sentences(make_frame([]))
    assert len(empty) == 0 and list(empty.columns)[-1] == "text"


def test_functions_do_not_mutate_their_input() -> None:
    frame = load_corpus(FIXTURES)
    before = frame.copy(deep=True)
    before_repairs = frame.attrs["repairs"].copy(deep=True)
    documents(frame)
    sentences(frame)
    result = repairs(frame)
    result.loc[:, "rule"] = "changed"
    pd.testing.assert_frame_equal(frame, before)
    pd.testing.assert_frame_equal(frame.attrs["repairs"], before_repairs)


def test_missing_columns_raise_frame_error() -> None:
    with pytest.raises(FrameError):
        documents(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(FrameError):
        sentences(pd.DataFrame({"text": ["a"]}))


# --- repairs -------------------------------------------------------------------


def test_repairs_frame_and_filter() -> None:
    frame = load_corpus(FIXTURES)
    table = frame.attrs["repairs"]
    assert list(table.columns) == ["doc_id", "para_no", "rule", "before", "after"]
    assert str(table["para_no"].dtype) == "Int64"
    place_date = table[table["rule"] == "place-date"]
    assert place_date["before"].tolist() == ["Astana, 4 July 2024"]
    assert place_date["para_no"].isna().all()
    subset = frame[frame["doc_id"] == "2024-astana-declaration"]
    assert set(repairs(subset)["doc_id"]) == {"2024-astana-declaration"}
    assert set(repairs(frame)["doc_id"]) <= set(frame["doc_id"])


def test_repairs_requires_attrs() -> None:
    with pytest.raises(FrameError, match="repairs"):
        repairs(make_frame([("a", "P", 0, "x")]))


def test_reader_facts_are_repairs(tmp_path: Path) -> None:
    text = (FIXTURES / ASTANA).read_text(encoding="utf-8").replace("member", "membér")
    (tmp_path / "ansi.txt").write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("Astana", "Ufa").encode())
    frame = load_corpus(tmp_path)
    table = frame.attrs["repairs"]
    reader = table[table["rule"].str.startswith("reader:")]
    facts = {
        (d, r, a) for d, r, a in zip(reader["doc_id"], reader["rule"], reader["after"], strict=True)
    }
    assert facts == {
        ("2024-astana-declaration", "reader:encoding", "cp1252"),
        ("2024-astana-declaration", "reader:line-ends", "\n"),
        ("2024-ufa-declaration", "reader:bom", ""),
    }
    assert "membér" in " ".join(frame["text"])


# --- bad input: raise and warn --------------------------------------------------


BAD_FILES: dict[str, bytes] = {
    "notes.docx": b"PK\x03\x04 not supported",
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "latin.txt": b"Some text \x81\x8d\x8f more text\n",
    "scan.pdf": b"",  # replaced by a blank PDF below
    "broken.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog",
}
REASONS = {
    "notes.docx": "unsupported file type",
    "empty.txt": "empty file",
    "binary.txt": "binary",
    "latin.txt": "undecodable",
    "scan.pdf": "no text layer",
    "broken.pdf": "corrupt",
}


def write_bad(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(blank_pdf() if name == "scan.pdf" else BAD_FILES[name])
    return path


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_raises(tmp_path: Path, name: str) -> None:
    good = good_doc(tmp_path)
    bad = write_bad(tmp_path, name)
    with pytest.raises(CorpusError, match=REASONS[name]) as info:
        load_corpus([good, bad])
    assert info.value.path == str(bad)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_warns_and_rest_loads(tmp_path: Path, name: str) -> None:
    good = good_doc(tmp_path)
    bad = write_bad(tmp_path, name)
    with pytest.warns(UserWarning, match=REASONS[name]) as record:
        frame = load_corpus([good, bad], errors="warn")
    assert any(str(bad) in str(w.message) for w in record)
    assert frame["doc_id"].unique().tolist() == ["2024-astana-declaration"]


def test_folder_skips_unsupported_and_readme(tmp_path: Path) -> None:
    good_doc(tmp_path)
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / "README.md").write_text("# About\n\nThis folder.\n")
    (tmp_path / "UNGDC_README.txt").write_text("About the data.\n")
    (tmp_path / ".hidden.txt").write_text("Hidden.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = load_corpus(tmp_path)
    assert frame["doc_id"].unique().tolist() == ["2024-astana-declaration"]


def test_pdf_document_loads(tmp_path: Path) -> None:
    (tmp_path / "2019-06-14_Bishkek_Declaration.pdf").write_bytes(
        make_pdf([["Bishkek Declaration", "", "The member states met in Bishkek."]])
    )
    frame = load_corpus(tmp_path)
    assert frame["doc_id"].unique().tolist() == ["2019-bishkek-declaration"]
    assert "The member states met in Bishkek." in frame["text"].tolist()


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "nothing")
    good_doc(tmp_path)
    with pytest.warns(UserWarning, match="nothing"):
        frame = load_corpus([tmp_path / "nothing", tmp_path], errors="warn")
    assert len(frame) == 4


def test_duplicate_doc_ids(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = good_doc(tmp_path / "a")
    second = good_doc(tmp_path / "b")
    with pytest.raises(CorpusError, match="2024-astana-declaration") as info:
        load_corpus(tmp_path)
    assert str(first) in str(info.value) and str(second) in str(info.value)
    with pytest.warns(UserWarning, match="already used"):
        frame = load_corpus(tmp_path, errors="warn")
    assert frame["source"].unique().tolist() == [str(first)]


def test_errors_option_is_validated() -> None:
    with pytest.raises(OptionError, match="'raise', 'warn'"):
        load_corpus(FIXTURES, errors="skip")


def test_document_without_body(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("1\n\n2\n")  # only page numbers
    with pytest.raises(CorpusError, match="no body text"):
        load_corpus(tmp_path)


# --- sidecars ------------------------------------------------------------------


def test_yaml_sidecar_overrides(tmp_path: Path) -> None:
    good_doc(tmp_path)
    (tmp_path / "2024-07-04_Astana_Declaration.meta.yaml").write_text(
        "title: Corrected title\nplace: Nur-Sultan\ndate: 2024-07-03\n"
    )
    frame = load_corpus(tmp_path)
    row = frame.iloc[0]
    assert row["doc_id"] == "2024-nur-sultan-declaration"
    assert row["title"] == "Corrected title"
    assert row["place"] == "Nur-Sultan"
    assert row["date"] == pd.Timestamp("2024-07-03")


def test_metadata_csv_overrides_and_yaml_wins(tmp_path: Path) -> None:
    good_doc(tmp_path)
    (tmp_path / "sub").mkdir()
    good_doc(tmp_path / "sub", "other.txt")
    (tmp_path / "metadata.csv").write_text(
        "file,doc_id,kind,title\n"
        f"{ASTANA},astana-2024,,\n"
        "sub/other.txt,other-doc,statement,From CSV\n"
    )
    (tmp_path / "sub" / "other.meta.yaml").write_text("title: From YAML\n")
    frame = load_corpus(tmp_path)
    docs = documents(frame).set_index("doc_id")
    assert sorted(docs.index) == ["astana-2024", "other-doc"]
    assert docs.loc["other-doc", "kind"] == "statement"
    assert docs.loc["other-doc", "title"] == "From YAML"
    assert docs.loc["astana-2024", "kind"] == "declaration"


def test_broken_yaml_sidecar_raise_and_warn(tmp_path: Path) -> None:
    good_doc(tmp_path)
    sidecar = tmp_path / "2024-07-04_Astana_Declaration.meta.yaml"
    sidecar.write_text("title: [unclosed\n")
    with pytest.raises(CorpusError, match="not valid YAML") as info:
        load_corpus(tmp_path)
    assert info.value.path == str(sidecar)
    sidecar.write_text("colour: blue\n")
    with pytest.raises(CorpusError, match="unknown key"):
        load_corpus(tmp_path)
    with pytest.warns(UserWarning, match="meta.yaml"):
        frame = load_corpus(tmp_path, errors="warn")
    assert frame["doc_id"].unique().tolist() == ["2024-astana-declaration"]


def test_broken_metadata_csv_raise_and_warn(tmp_path: Path) -> None:
    good_doc(tmp_path)
    csv_path = tmp_path / "metadata.csv"
    csv_path.write_text(f"file,date\n{ASTANA},31/31/2024\n")
    with pytest.raises(CorpusError, match="not a date") as info:
        load_corpus(tmp_path)
    assert info.value.path == str(csv_path)
    with pytest.warns(UserWarning, match="metadata.csv"):
        frame = load_corpus(tmp_path, errors="warn")
    assert frame["date"].iloc[0] == pd.Timestamp("2024-07-04")


def test_sidecar_can_resolve_duplicates(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    good_doc(tmp_path / "a")
    good_doc(tmp_path / "b")
    (tmp_path / "b" / "2024-07-04_Astana_Declaration.txt.meta.yaml").write_text(
        "doc_id: 2024-astana-declaration-copy\n"
    )
    frame = load_corpus(tmp_path)
    assert sorted(frame["doc_id"].unique()) == [
        "2024-astana-declaration",
        "2024-astana-declaration-copy",
    ]


# --- inputs are left alone -----------------------------------------------------


def test_input_files_unchanged(tmp_path: Path) -> None:
    (tmp_path / "ufa.txt").write_text("Ufa Declaration\n\nThe leaders met in Ufa.\n")
    (tmp_path / "ansi.txt").write_bytes("Title\r\n\r\nCaf\u00e9 text.\r\n".encode("cp1252"))
    (tmp_path / "metadata.csv").write_text("file,place\nansi.txt,Ufa\n")
    (tmp_path / "ansi.meta.yaml").write_text("date: 2015-07-10\n")
    (tmp_path / "doc.pdf").write_bytes(make_pdf([["Title", "", "Body text here."]]))
    before_tmp = snapshot(tmp_path)
    before_fixtures = snapshot(FIXTURES)
    frame = load_corpus([tmp_path, FIXTURES])
    assert frame["doc_id"].nunique() == 6
    assert snapshot(tmp_path) == before_tmp
    assert snapshot(FIXTURES) == before_fixtures


# --- hyphen evidence from the whole corpus --------------------------------------


def test_corpus_vocabulary_is_hyphen_evidence(tmp_path: Path) -> None:
    text = (
        "A Short Declaration\n\nThe member states welcome the cross-\n"
        "frobnicated dialogue of the peoples and\nthe talks.\n"
    )
    (tmp_path / "a.txt").write_text(text)
    alone = load_corpus(tmp_path / "a.txt")
    assert "cross-frobnicated" in alone["text"].iloc[0]
    (tmp_path / "b.txt").write_text("Another Note\n\nThe crossfrobnicated idea is new.\n")
    together = load_corpus(tmp_path)
    assert "crossfrobnicated dialogue" in " ".join(together["text"])


# --- default locations ------------------------------------------------------------


def test_default_from_project_checkout() -> None:
    frame = load_corpus()
    assert "2020-moscow-declaration" in set(frame["doc_id"])


def test_default_from_another_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCO_TEXT_CORPUS", raising=False)
    frame = load_corpus()
    seed = frame[frame["doc_id"] == "2020-moscow-declaration"]
    assert len(seed) == 124


def test_bundled_seed_without_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCO_TEXT_CORPUS", raising=False)
    monkeypatch.setattr(corpus_module, "find_project_root", lambda start=None: None)
    paths = default_paths()
    assert paths == [Path(sco_text.__file__).resolve().parent / "data" / "seed"]
    frame = load_corpus()
    assert frame["doc_id"].unique().tolist() == ["2020-moscow-declaration"]
    assert Path(frame["source"].iloc[0]).parent == paths[0]
    bundled = paths[0] / "000_cac1e25885f983c0.txt"
    assert bundled.read_bytes() == (ROOT / "seeds" / "000_cac1e25885f983c0.txt").read_bytes()


def test_sco_text_corpus_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    single = tmp_path / "single.txt"
    single.write_text("Ufa Declaration\n\nThe leaders met in Ufa on 10 July 2015.\n")
    monkeypatch.setenv("SCO_TEXT_CORPUS", f"{FIXTURES}{os.pathsep}{single}")
    monkeypatch.chdir(tmp_path)
    assert set(load_corpus()["doc_id"]) == {
        "2020-moscow-declaration",
        "2022-samarkand-statement-energy-security",
        "2020-chn-speech",
        "2024-astana-declaration",
        "2015-ufa-declaration",
    }
    # without a project root: bundled seed + the variable's paths
    monkeypatch.setattr(corpus_module, "find_project_root", lambda start=None: None)
    monkeypatch.setenv("SCO_TEXT_CORPUS", str(single))
    assert set(load_corpus()["doc_id"]) == {"2020-moscow-declaration", "2015-ufa-declaration"}


def test_sco_text_corpus_replaces_corpus_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    (project / "corpus").mkdir()
    (project / "setup.cfg").write_text("[metadata]\nname = sco-text\n")
    (project / "seeds" / "seed.txt").write_bytes(
        (ROOT / "seeds" / "000_cac1e25885f983c0.txt").read_bytes()
    )
    good_doc(project / "corpus")
    nested = project / "corpus" / "deeper"
    nested.mkdir()
    monkeypatch.chdir(nested)
    monkeypatch.delenv("SCO_TEXT_CORPUS", raising=False)
    assert find_project_root() == project.resolve()
    assert default_paths() == [project.resolve() / "seeds", project.resolve() / "corpus"]
    assert set(load_corpus()["doc_id"]) == {"2020-moscow-declaration", "2024-astana-declaration"}
    monkeypatch.setenv("SCO_TEXT_CORPUS", str(FIXTURES / "CHN_75_2020.txt"))
    assert set(load_corpus()["doc_id"]) == {"2020-moscow-declaration", "2020-chn-speech"}


def test_project_root_needs_config_naming_sco_text(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "setup.cfg").write_text("[metadata]\nname = other-project\n")
    assert find_project_root(tmp_path) != tmp_path.resolve()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "sco-text"\n')
    assert find_project_root(tmp_path / "seeds") == tmp_path.resolve()


def test_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    frame = load_corpus(FIXTURES, progress=True)
    assert len(frame) == 9
    assert "normalising" in capsys.readouterr().err


# --- real data -----------------------------------------------------------------------


def test_seed_frame() -> None:
    frame = load_corpus(ROOT / "seeds")
    assert frame["doc_id"].unique().tolist() == ["2020-moscow-declaration"]
    row = frame.iloc[0]
    assert row["title"] == (
        "The Moscow Declaration of the Council of Heads of State of the Shanghai "
        "Cooperation Organisation"
    )
    assert row["date"] == pd.Timestamp("2020-11-10")
    assert (row["place"], row["kind"]) == ("Moscow", "declaration")
    assert len(frame) == 124
    assert frame["para_no"].tolist() == list(range(124))
    assert frame["section"].drop_duplicates().tolist() == SEED_SECTIONS
    docs = documents(frame)
    assert docs.loc[0, "n_sections"] == 7 and docs.loc[0, "n_paragraphs"] == 124


# (file, doc_id, title, date, place, kind), checked by reading each file
SCO_FILES = [
    (
        "2018-06-10_Qingdao_Information_Report.txt",
        "2018-qingdao-report",
        "Information Report following the Meeting of the Council of Heads of State of the "
        "Shanghai Cooperation Organisation Member States (Qingdao, 9-10 June 2018)",
        "2018-06-10",
        "Qingdao",
        "report",
    ),
    (
        "2018-06-10_Qingdao_Joint_Address_to_Youth.txt",
        "2018-qingdao-address-youth",
        "Joint Address of the heads of Shanghai Cooperation Organisation for the Youth",
        "2018-06-10",
        "Qingdao",
        "address",
    ),
    (
        "2018-06-10_Qingdao_Statement_Epidemics.txt",
        "2018-qingdao-statement-epidemics",
        "Statement by the Heads of the Shanghai Cooperation Organisation Member States on Joint "
        "Efforts Against the Threat of Epidemics in the SCO space",
        "2018-06-10",
        "Qingdao",
        "statement",
    ),
    (
        "2022-09-16_Samarkand_Declaration.txt",
        "2022-samarkand-declaration",
        "The Samarkand Declaration of the Heads of State Council of the Shanghai Cooperation "
        "Organisation",
        "2022-09-16",
        "Samarkand",
        "declaration",
    ),
    (
        "2022-09-16_Samarkand_Statement_Climate_Change.txt",
        "2022-samarkand-statement-climate-change",
        "Statement by the Shanghai Cooperation Organisation Heads of State Council on climate "
        "change response",
        "2022-09-16",
        "Samarkand",
        "statement",
    ),
    (
        "2022-09-16_Samarkand_Statement_Energy_Security.txt",
        "2022-samarkand-statement-energy-security",
        "Statement by the Council of the Heads of State of the Shanghai Cooperation Organisation "
        "on energy security",
        "2022-09-16",
        "Samarkand",
        "statement",
    ),
    (
        "2022-09-16_Samarkand_Statement_Food_Security.txt",
        "2022-samarkand-statement-food-security",
        "Statement by the Council of the Heads of State of the Shanghai Cooperation Organisation "
        "on food security",
        "2022-09-16",
        "Samarkand",
        "statement",
    ),
    (
        "2022-09-16_Samarkand_Statement_Supply_Chains.txt",
        "2022-samarkand-statement-supply-chains",
        "Statement of the SCO Heads of State Council on Ensuring Reliable, Sustainable and "
        "Diversified Supply Chains",
        "2022-09-16",
        "Samarkand",
        "statement",
    ),
    (
        "2023-07-04_New_Delhi_Declaration.txt",
        "2023-new-delhi-declaration",
        "New Delhi Declaration of the Council of Heads of State of Shanghai Cooperation "
        "Organization",
        "2023-07-04",
        "New Delhi",
        "declaration",
    ),
    (
        "2023-07-04_New_Delhi_Statement_Countering_Radicalization.txt",
        "2023-new-delhi-statement-countering-radicalization",
        "Statement of the Council of SCO Heads of State on Countering Radicalization leading to "
        "Terrorism, Separatism and Extremism",
        "2023-07-04",
        "New Delhi",
        "statement",
    ),
    (
        "2023-07-04_New_Delhi_Statement_Digital_Transformation.txt",
        "2023-new-delhi-statement-digital-transformation",
        "Statement of the Council of SCO Heads of State on Cooperation in Digital Transformation",
        "2023-07-04",
        "New Delhi",
        "statement",
    ),
]


@pytest.fixture(scope="module")
def sco_docs() -> pd.DataFrame:
    folder = SHARED / "corpora" / "sco"
    if not folder.is_dir():
        pytest.skip("../shared/corpora/sco is not available")
    return documents(load_corpus(folder)).set_index("source")


@pytest.mark.parametrize(("name", "doc_id", "title", "date", "place", "kind"), SCO_FILES)
def test_real_sco_metadata(
    sco_docs: pd.DataFrame, name: str, doc_id: str, title: str, date: str, place: str, kind: str
) -> None:
    row = sco_docs.loc[str(SHARED / "corpora" / "sco" / name)]
    assert (row["doc_id"], row["title"], row["place"], row["kind"]) == (doc_id, title, place, kind)
    assert row["date"] == pd.Timestamp(date)


def test_real_sco_corpus_with_seed_has_unique_ids(sco_docs: pd.DataFrame) -> None:
    assert len(sco_docs) == len(SCO_FILES)
    frame = load_corpus([ROOT / "seeds", SHARED / "corpora" / "sco"])
    assert frame["doc_id"].nunique() == len(SCO_FILES) + 1
    dates = frame.drop_duplicates("doc_id")["date"]
    assert dates.is_monotonic_increasing


def test_real_un_sample_speeches() -> None:
    folder = SHARED / "corpora" / "ungdc-sample" / "Session_75_-_2020"
    if not folder.is_dir():
        pytest.skip("../shared/corpora/ungdc-sample is not available")
    docs = documents(load_corpus(folder)).set_index("doc_id")
    assert "2020-chn-speech" in docs.index
    assert (docs["kind"] == "speech").all()
    # only KGZ says "Delivered on Wednesday, 23 September 2020"; the others give the year
    assert docs.loc["2020-kgz-speech", "date"] == pd.Timestamp("2020-09-23")
    assert docs.loc["2020-kgz-speech", "date_precision"] == "day"
    others = docs.drop(index="2020-kgz-speech")
    assert (others["date"] == pd.Timestamp("2020-01-01")).all()
    assert (others["date_precision"] == "year").all()
    assert (docs["series"] == "speech-" + docs["country"].str.lower()).all()
    assert docs.loc["2020-chn-speech", "country"] == "CHN"
    assert docs.loc["2020-chn-speech", "title"] == "CHN, UN General Debate 2020"
    assert docs.loc["2020-rus-speech", "place"] == ""


def test_package_exports() -> None:
    for name in ("load_corpus", "documents", "sentences", "repairs"):
        assert getattr(sco_text, name) is getattr(corpus_module, name)
        assert name in sco_text.__all__
    for name in sco_text.__all__:  # each public name loads on first use, from its module
        value = getattr(sco_text, name)
        assert getattr(importlib.import_module(value.__module__), name) is value
    assert set(sco_text.__all__) <= set(dir(sco_text))
    with pytest.raises(AttributeError, match="no attribute 'tf_idf'"):
        sco_text.tf_idf  # noqa: B018


def _printed_by_fresh_python(code: str) -> list[str]:
    """The words ``code`` prints, run in a fresh interpreter (nothing imported yet)."""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return out.stdout.split()


def test_worker_import_stays_light() -> None:
    # a pool worker imports the normaliser side only: no pandas, scipy or scikit-learn
    code = (
        "import sys, sco_text, sco_text._docwork; "
        "print(*(m in sys.modules for m in ('pandas', 'scipy', 'sklearn')))"
    )
    assert _printed_by_fresh_python(code) == ["False", "False", "False"]


def test_submodules_reachable_after_import_sco_text() -> None:
    # names load lazily, but sco_text.<submodule> still works as it did before
    code = (
        "import sco_text; "
        "print(sco_text.normalizer.LayoutRules.__name__, sco_text.corpus.raw_text.__name__)"
    )
    assert _printed_by_fresh_python(code) == ["LayoutRules", "raw_text"]


def test_frames_concat_and_keep_repairs() -> None:
    frame = load_corpus(FIXTURES)
    first, rest = frame[frame["para_no"] == 0], frame[frame["para_no"] > 0]
    assert first.attrs["repairs"] is frame.attrs["repairs"]  # shared, not copied
    joined = pd.concat([first, rest])
    assert len(joined) == len(frame)
    pd.testing.assert_frame_equal(repairs(joined), repairs(frame))
    other = load_corpus(FIXTURES / "CHN_75_2020.txt")
    mixed = pd.concat([frame, other])  # different tables: pandas drops attrs, no crash
    assert "repairs" not in mixed.attrs
    assert type(repairs(frame)) is pd.DataFrame


def test_html_document_loads_with_title_and_sections(tmp_path: Path) -> None:
    (tmp_path / "2017-06-09_Astana_Declaration.html").write_text(
        "<html><head><title>SCO site</title><script>track()</script></head><body>"
        "<h1>The Astana Declaration of the Heads of State</h1>"
        "<p>The leaders met in Astana on 9 June 2017 &amp; declare the following.</p>"
        "<h2>Security</h2><p>They condemn terrorism &lt;in all forms&gt;.</p></body></html>",
        encoding="utf-8",
    )
    frame = load_corpus(tmp_path)
    assert frame["doc_id"].unique().tolist() == ["2017-astana-declaration"]
    assert frame["title"].iloc[0] == "The Astana Declaration of the Heads of State"
    assert frame["section"].tolist() == ["Preamble", "Security"]
    assert frame["text"].tolist() == [
        "The leaders met in Astana on 9 June 2017 & declare the following.",
        "They condemn terrorism <in all forms>.",
    ]


def test_documents_copes_with_missing_text() -> None:
    frame = make_frame([("a", "P", 0, "One two."), ("a", "P", 1, "x"), ("b", "P", 0, "y")])
    frame["text"] = pd.Series(["One two.", None, float("nan")], dtype=object)
    docs = sco_text.documents(frame).set_index("doc_id")
    assert docs.loc["a", "n_words"] == 2 and docs.loc["b", "n_words"] == 0
    assert docs.loc["a", "n_paragraphs"] == 2 and docs.loc["b", "n_sentences"] == 0
    assert docs.loc["a", "n_sentences"] == 1
    assert frame["text"].isna().sum() == 2  # the input is not changed


SCO_SERIES = {
    "2018-qingdao-address-youth": "address-youth",
    "2018-qingdao-report": "2018-qingdao-report",
    "2018-qingdao-statement-epidemics": "statement-threat-epidemics-space",
    "2020-moscow-declaration": "declaration",
    "2022-samarkand-declaration": "declaration",
    "2022-samarkand-statement-climate-change": "statement-climate-change-response",
    "2022-samarkand-statement-energy-security": "statement-energy-security",
    "2022-samarkand-statement-food-security": "statement-food-security",
    "2022-samarkand-statement-supply-chains": (
        "statement-reliable-sustainable-diversified-supply-chains"
    ),
    "2023-new-delhi-declaration": "declaration",
    "2023-new-delhi-statement-countering-radicalization": (
        "statement-countering-radicalization-leading-terrorism-separatism-extremism"
    ),
    "2023-new-delhi-statement-digital-transformation": "statement-digital-transformation",
}


def test_real_sco_series() -> None:
    folder = SHARED / "corpora" / "sco"
    if not folder.is_dir():
        pytest.skip("../shared/corpora/sco is not available")
    docs = documents(load_corpus([ROOT / "seeds", folder])).set_index("doc_id")
    assert docs["series"].to_dict() == SCO_SERIES
    # only the three heads-of-state declarations share a series
    shared = docs.groupby("series").size()
    assert shared[shared > 1].to_dict() == {"declaration": 3}
    assert (docs["date_precision"] == "day").all() and (docs["country"] == "").all()


def test_series_and_country_from_sidecars(tmp_path: Path) -> None:
    good_doc(tmp_path)
    good_doc(tmp_path, "CHN_75_2020.txt")
    (tmp_path / "2024-07-04_Astana_Declaration.meta.yaml").write_text("series: astana-only\n")
    (tmp_path / "metadata.csv").write_text("file,country,date\nCHN_75_2020.txt,PRC,2020\n")
    docs = documents(load_corpus(tmp_path)).set_index("doc_id")
    assert docs.loc["2024-astana-declaration", "series"] == "astana-only"
    speech = docs.loc["2020-chn-speech"]
    assert (speech["country"], speech["series"], speech["date_precision"]) == (
        "PRC",
        "speech-prc",
        "year",
    )


def test_raw_text_is_the_raw_column(tmp_path: Path) -> None:
    """The frame holds each text once; raw_text() gives what raw=True holds as a column."""
    frame = load_corpus(FIXTURES)
    assert "raw" not in frame.columns
    full = load_corpus(FIXTURES, raw=True)
    assert list(full.columns) == [*FRAME_COLUMNS, "raw"]
    pd.testing.assert_frame_equal(full.drop(columns="raw"), frame)
    raws = sco_text.raw_text(frame)
    pd.testing.assert_series_equal(raws, full["raw"])
    some = frame.iloc[::3]  # any rows, in any order
    assert sco_text.raw_text(some.iloc[::-1]).tolist() == full["raw"].iloc[::3][::-1].tolist()
    pd.testing.assert_series_equal(sco_text.raw_text(full), full["raw"])
    with pytest.raises(OptionError, match="raw='yes'"):
        load_corpus(FIXTURES, raw="yes")  # type: ignore[arg-type]


def test_raw_text_of_a_pool_load_and_of_the_cache(tmp_path: Path) -> None:
    pooled = load_corpus(FIXTURES, cache=False, workers=2, raw=True)
    cached = load_corpus(FIXTURES, cache=tmp_path / "cache")
    again = load_corpus(FIXTURES, cache=tmp_path / "cache", raw=True)
    pd.testing.assert_series_equal(pooled["raw"], again["raw"])
    pd.testing.assert_series_equal(sco_text.raw_text(cached), again["raw"])
    plain = load_corpus(FIXTURES, cache=False, workers=2)
    pd.testing.assert_frame_equal(plain, pooled.drop(columns="raw"))


def test_raw_text_refuses_a_changed_or_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "2020-01-01_Moscow_Statement.txt"
    path.write_text("Statement on trade\n\nTrade\nmatters.\n", encoding="utf-8")
    frame = load_corpus(tmp_path, cache=False)
    assert sco_text.raw_text(frame).tolist() == ["Trade\nmatters."]
    path.write_text("Statement on trade\n\nTrade matters a lot.\n", encoding="utf-8")
    with pytest.raises(FrameError, match="changed since it was loaded"):
        sco_text.raw_text(frame)
    path.unlink()
    with pytest.raises(FrameError, match="gone"):
        sco_text.raw_text(frame)
    bare = frame.copy()
    bare.attrs = {}
    with pytest.raises(FrameError, match="'sources'"):
        sco_text.raw_text(bare)
