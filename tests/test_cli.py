"""Tests of the sco-text command line (sco_text.cli)."""

from __future__ import annotations

import argparse
import io
import json
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from sco_text.cli import ROUNDED_DECIMALS, _frame_float_format, build_parser, format_frame, main
from sco_text.errors import CorpusError

SEED = ROOT / "seeds" / "000_cac1e25885f983c0.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--quiet"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def two_declarations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the seed and an amended copy of it from another year and city."""
    folder = tmp_path_factory.mktemp("cli-corpus")
    text = SEED.read_text(encoding="utf-8")
    shutil.copy(SEED, folder / SEED.name)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    amended = paragraphs[:5] + paragraphs[6:]  # one paragraph removed
    amended.insert(3, 'The member states welcome the <b>new</b> members & "observers".')
    new = (
        "\n\n".join(amended)
        .replace("Moscow", "Dushanbe")
        .replace("10 November 2020", "17 September 2021")
    )
    (folder / "001_amended.txt").write_text(new, encoding="utf-8")
    return folder


def doc_ids(capsys: pytest.CaptureFixture[str], folder: Path) -> list[str]:
    code, out, _ = run(capsys, "summary", "--format", "json", "--corpus", str(folder))
    assert code == 0
    return [d["doc_id"] for d in json.loads(out)["documents"]]


# ----------------------------------------------------------------- help and usage


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command in ("summary", "themes", "keywords", "diff", "report"):
        assert command in out


@pytest.mark.parametrize("command", ["summary", "themes", "keywords", "diff", "report"])
def test_each_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert f"sco-text {command}" in out and "--corpus" in out and "--format" in out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2
    assert "required" in capsys.readouterr().err


def test_bad_choice_lists_allowed_values(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["themes", "--by", "colour"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'colour'" in err
    for choice in ("section", "doc_id", "date", "place", "kind"):
        assert choice in err


def test_bad_format_lists_allowed_values(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["summary", "--format", "xml"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "'table', 'csv', 'json'" in err


@pytest.mark.parametrize("top", ["0", "-3", "ten"])
def test_top_must_be_a_positive_integer(top: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["keywords", "--top", top])
    assert exc.value.code == 2
    assert "--top" in capsys.readouterr().err


def test_common_options_go_before_or_after_the_command() -> None:
    parser = build_parser()
    before = parser.parse_args(["--format", "csv", "--quiet", "themes"])
    after = parser.parse_args(["themes", "--format", "csv", "--quiet"])
    default = parser.parse_args(["themes"])
    assert (before.format, before.quiet) == (after.format, after.quiet) == ("csv", True)
    assert (default.format, default.quiet, default.errors, default.corpus) == (
        "table",
        False,
        "raise",
        None,
    )


# ----------------------------------------------------------------- formatting


def test_table_format_truncates_prose_and_formats_cells() -> None:
    frame = pd.DataFrame(
        {
            "title": ["a" * 100, "b"],
            "count": [5, 12],
            "share": [0.123456, 1.0],
            "date": pd.to_datetime(pd.Series(["2020-11-10", None])),
        }
    )
    lines = format_frame(frame, "table", max_cell=20).splitlines()
    assert lines[0].split() == ["title", "count", "share", "date"]
    assert lines[2].split() == ["a" * 17 + "...", "5", "0.123", "2020-11-10"]
    assert lines[3].split() == ["b", "12", "1.000"]  # NaT printed as an empty cell
    assert max(len(line) for line in lines) < 60


@pytest.mark.parametrize("column", ["doc_id", "old", "new", "group", "source", "term", "series"])
def test_table_format_never_cuts_an_id(column: str) -> None:
    long_id = "2022-09-16-samarkand-statement-of-the-council-on-energy-security-and-more"
    frame = pd.DataFrame({column: [long_id], "title": ["t" * 80]})
    lines = format_frame(frame, "table").splitlines()
    assert lines[2].split()[0] == long_id
    assert ("t" * 37 + "...") in lines[2]


def test_csv_neutralises_formulas_for_spreadsheets() -> None:
    cells = ['=HYPERLINK("http://x")', "+1", "-based", "@SUM(A1)", "\tx", "peace", "a=b"]
    frame = pd.DataFrame({"term": cells, "count": range(7), "score": [-1.5] * 7})
    before = frame.copy()
    out = pd.read_csv(io.StringIO(format_frame(frame, "csv")), keep_default_na=False)
    assert out["term"].tolist() == [
        "'=HYPERLINK(\"http://x\")", "'+1", "'-based", "'@SUM(A1)", "'\tx", "peace", "a=b"
    ]  # fmt: skip
    assert out["score"].tolist() == [-1.5] * 7  # numbers stay numbers
    pd.testing.assert_frame_equal(frame, before)  # the frame itself is untouched
    assert [r["term"] for r in json.loads(format_frame(frame, "json"))] == cells  # json as is
    assert "'=x" in format_frame(pd.DataFrame({"=x": [1]}), "csv")  # headers too


def test_table_numbers_are_right_aligned() -> None:
    frame = pd.DataFrame({"term": ["x", "y"], "count": [5, 123]})
    lines = format_frame(frame, "table").splitlines()
    assert lines[2].endswith("  5") and lines[3].endswith("123")
    assert len(lines[2]) == len(lines[3])


def test_csv_and_json_formats_keep_dates_as_iso() -> None:
    frame = pd.DataFrame({"group": pd.to_datetime(["2020-11-10"]), "count": [3]})
    assert pd.read_csv(io.StringIO(format_frame(frame, "csv"))).to_dict("list") == {
        "group": ["2020-11-10"],
        "count": [3],
    }
    assert json.loads(format_frame(frame, "json")) == [{"group": "2020-11-10", "count": 3}]


# ----------------------------------------------------------------- commands


def test_summary_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "summary", "--corpus", str(SEED))
    assert code == 0 and err == ""
    assert "1 document(s), 124 paragraph(s)" in out
    assert "Sections" in out
    for section in ("Preamble", "Security", "International contacts"):
        assert section in out


def test_summary_csv_is_one_row_per_section(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "summary", "--format", "csv", "--corpus", str(SEED))
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert len(table) == 7
    assert table["paragraphs"].sum() == 124
    assert table["section"].iloc[0] == "Preamble"
    assert {"doc_id", "title", "date", "section", "first_para", "paragraphs"} <= set(table)


def test_summary_json_has_documents_and_sections(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "summary", "--format", "json", "--corpus", str(SEED))
    assert code == 0
    payload = json.loads(out)
    assert len(payload["documents"]) == 1
    assert payload["documents"][0]["date"] == "2020-11-10"
    assert [s["section"] for s in payload["sections"]][:2] == ["Preamble", "Security"]


def test_default_corpus_is_the_project(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SCO_TEXT_CORPUS", raising=False)
    code, out, _ = run(capsys, "summary", "--format", "json")
    assert code == 0
    assert any(d["date"] == "2020-11-10" for d in json.loads(out)["documents"])


@pytest.mark.parametrize("by", ["section", "doc_id", "date"])
def test_themes_csv(by: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "themes", "--by", by, "--format", "csv", "--corpus", str(SEED))
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == ["group", "theme", "count", "rate_per_1000", "share"]
    assert len(table) > 0
    if by == "section":
        assert "Security" in set(table["group"])
    if by == "date":
        assert set(table["group"]) == {"2020-11-10"}


def test_themes_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "themes", "--by", "section", "--corpus", str(SEED))
    assert code == 0
    header = out.splitlines()[0].split()
    assert header == ["group", "theme", "count", "rate_per_1000", "share"]


def test_themes_with_own_dictionary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dictionary = tmp_path / "mine.yaml"
    dictionary.write_text("victory:\n  - victory\n  - nazism\n", encoding="utf-8")
    code, out, err = run(
        capsys, "themes", "--dictionary", str(dictionary), "--format", "json", "--corpus", str(SEED)
    )
    assert code == 0, err
    rows = json.loads(out)
    assert {r["theme"] for r in rows} == {"victory"}
    assert rows[0]["count"] >= 2


def test_missing_dictionary_is_a_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "themes", "--dictionary", str(tmp_path / "nope.yaml"), "--corpus", str(SEED)
    )
    assert code == 1 and out == ""
    assert err.startswith("sco-text: error: ") and "nope.yaml" in err
    assert "Traceback" not in err


def test_keywords_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "keywords",
        "--by",
        "section",
        "--top",
        "3",
        "--format",
        "json",
        "--corpus",
        str(SEED),
    )
    assert code == 0
    rows = json.loads(out)
    assert set(rows[0]) == {"group", "term", "count", "rate_per_1000", "docfreq", "rank"}
    per_group = pd.DataFrame(rows).groupby("group").size()
    assert len(per_group) == 7 and per_group.max() <= 3


def test_keywords_tfidf_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "keywords", "--tfidf", "--top", "5", "--format", "csv", "--corpus", str(SEED)
    )
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == ["group", "term", "tf", "df", "idf", "tfidf"]
    assert len(table) == 5


def test_missing_corpus_file_is_a_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-declaration.txt"
    code, out, err = run(capsys, "summary", "--corpus", str(missing))
    assert code == 1 and out == ""
    assert err.startswith("sco-text: error: ")
    assert "no-such-declaration.txt" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_bad_corpus_file_raise_and_warn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"this is not a PDF at all")
    code, out, err = run(capsys, "summary", "--corpus", str(bad), "--corpus", str(SEED))
    assert code == 1 and out == ""
    assert err.startswith("sco-text: error: ") and "broken.pdf" in err
    assert "Traceback" not in err

    code, out, err = run(
        capsys,
        "summary",
        "--errors",
        "warn",
        "--format",
        "json",
        "--corpus",
        str(bad),
        "--corpus",
        str(SEED),
    )
    assert code == 0
    assert "sco-text: warning: " in err and "broken.pdf" in err
    assert len(json.loads(out)["documents"]) == 1


def test_diff_prints_counts_and_writes_pages(
    two_declarations: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = doc_ids(capsys, two_declarations)
    assert len(ids) == 2
    old, new = ids
    html_out, md_out = tmp_path / "diff.html", tmp_path / "diff.md"
    code, out, err = run(
        capsys,
        "diff",
        old,
        new,
        "--html",
        str(html_out),
        "--markdown",
        str(md_out),
        "--corpus",
        str(two_declarations),
    )
    assert code == 0, err
    for status in ("unchanged", "added", "removed"):
        assert status in out
    page = html_out.read_text(encoding="utf-8")
    assert "&lt;b&gt;new&lt;/b&gt;" in page
    assert "<b>new</b>" not in page
    assert md_out.read_text(encoding="utf-8").strip()


def test_diff_json_counts(two_declarations: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = doc_ids(capsys, two_declarations)
    code, out, _ = run(
        capsys, "diff", old, new, "--format", "json", "--corpus", str(two_declarations)
    )
    assert code == 0
    payload = json.loads(out)
    assert list(payload) == ["summary", "themes"]  # both tables of the diff
    assert {"theme", "old_count", "new_count", "change"} <= set(payload["themes"][0])
    rows = payload["summary"]
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == [
        "old", "new", "unchanged", "edited", "moved", "split", "merged", "added", "removed",
        "carry_over",
    ]  # fmt: skip
    assert (row["old"], row["new"]) == (old, new)
    assert row["added"] >= 1 and row["removed"] >= 1
    assert 0.9 < row["carry_over"] < 1.0


def test_diff_unknown_id_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", "1999-nowhere", "2000-nowhere", "--corpus", str(SEED))
    assert code == 1 and out == ""
    assert err.startswith("sco-text: error: ") and "Traceback" not in err


def test_diff_html_to_missing_folder_is_a_clean_error(
    two_declarations: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = doc_ids(capsys, two_declarations)
    target = tmp_path / "no" / "such" / "dir" / "diff.html"
    code, _, err = run(
        capsys, "diff", old, new, "--html", str(target), "--corpus", str(two_declarations)
    )
    assert code == 1
    assert err.startswith("sco-text: error: ") and "diff.html" in err


def test_report_writes_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "report.html"
    code, out, _ = run(
        capsys, "report", "--out", str(out_file), "--title", "Seed <report>", "--corpus", str(SEED)
    )
    assert code == 0
    assert str(out_file) in out
    page = out_file.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Seed &lt;report&gt;</title>" in page
    assert "data:image/png;base64," in page


def test_report_default_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(capsys, "report", "--corpus", str(SEED))
    assert code == 0
    assert (tmp_path / "report.html").is_file()


def test_inputs_are_not_modified(
    two_declarations: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name: p.read_bytes() for p in two_declarations.iterdir()}
    run(capsys, "report", "--out", str(tmp_path / "r.html"), "--corpus", str(two_declarations))
    assert {p.name: p.read_bytes() for p in two_declarations.iterdir()} == before


def test_progress_bar_only_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sco_text.corpus

    asked: list[tuple[object, object]] = []

    def spy(paths: object = None, **kwargs: object) -> pd.DataFrame:
        asked.append((kwargs["progress"], kwargs["errors"]))
        raise CorpusError("spy.txt", "stopped by the test")

    monkeypatch.setattr(sco_text.corpus, "load_corpus", spy)
    assert main(["summary", "--errors", "warn"]) == 1  # stderr is captured: not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["summary"]) == 1
    assert main(["summary", "--quiet"]) == 1
    assert asked == [(False, "warn"), (True, "raise"), (False, "raise")]
    assert "sco-text: error: spy.txt: stopped by the test" in capsys.readouterr().err


# ----------------------------------------------------------------- processes


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SCO_TEXT_CORPUS", None)
    return env


def test_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "sco_text", "summary", "--format", "csv", "--corpus", str(SEED)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(pd.read_csv(io.StringIO(proc.stdout))) == 7


def test_error_exit_code_from_a_process(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "sco_text", "summary", "--corpus", str(tmp_path / "gone.txt")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(),
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("sco-text: error: ") and "Traceback" not in proc.stderr


def test_installed_entry_point_runs() -> None:
    search = os.pathsep.join([sysconfig.get_path("scripts"), os.environ.get("PATH", "")])
    script = shutil.which("sco-text", path=search)
    if script is None:
        pytest.skip("the sco-text script is not installed on PATH")
    proc = subprocess.run(
        [script, "summary"], capture_output=True, text=True, cwd=ROOT, env=_env(), check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "Preamble" in proc.stdout


# ----------------------------------------------------------------- corpus paths and examples


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder as the help examples expect: seeds/ with the Moscow seed, and a
    second declaration (an amended copy) in corpus/."""
    root = tmp_path_factory.mktemp("project")
    (root / "setup.cfg").write_text("[metadata]\nname = sco-text\n", encoding="utf-8")
    (root / "seeds").mkdir()
    shutil.copy(SEED, root / "seeds" / SEED.name)
    (root / "corpus").mkdir()
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    amended = "\n\n".join(paragraphs[:5] + paragraphs[6:]).replace("Moscow", "Dushanbe")
    (root / "corpus" / "2021-09-17_Dushanbe_Declaration.txt").write_text(
        amended.replace("10 November 2020", "17 September 2021"), encoding="utf-8"
    )
    return root


def help_examples() -> list[tuple[str, str]]:
    """(command, example line) for every example printed by ``--help``."""
    found = []
    for command in ["", "summary", "themes", "keywords", "diff", "report"]:
        parser = build_parser()
        if command:
            actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
            parser = actions[0].choices[command]
        for line in parser.format_help().splitlines():
            if line.startswith("  sco-text "):
                found.append((command or "sco-text", line.strip()))
    return found


def test_every_command_shows_examples() -> None:
    commands = {command for command, _ in help_examples()}
    assert commands == {"sco-text", "summary", "themes", "keywords", "diff", "report"}


@pytest.mark.parametrize(("command", "example"), help_examples())
def test_help_examples_work_as_written(
    command: str,
    example: str,
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(project)
    monkeypatch.delenv("SCO_TEXT_CORPUS", raising=False)
    argv = shlex.split(example)[1:]
    code = main([*argv, "--quiet"])
    out, err = capsys.readouterr()
    assert code == 0, (example, err)
    assert out.strip() and "warning" not in err, example


def test_diff_corpus_option_before_the_ids(
    two_declarations: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = doc_ids(capsys, two_declarations)
    code, out, err = run(capsys, "diff", "--corpus", str(two_declarations), old, new)
    assert code == 0, err
    assert out.splitlines()[0].split() == ["old", old]


def test_corpus_is_repeatable_before_and_after_the_command(
    two_declarations: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = tmp_path / "2019-06-14_Bishkek_Declaration.txt"
    extra.write_text(
        SEED.read_text(encoding="utf-8").replace("Moscow", "Bishkek"), encoding="utf-8"
    )
    parser = build_parser()
    args = parser.parse_args(["--corpus", "a", "summary", "--corpus", "b", "--corpus", "c"])
    assert (args.corpus_before, args.corpus) == (["a"], ["b", "c"])
    code, out, err = run(
        capsys,
        "--corpus",
        str(extra),
        "summary",
        "--format",
        "json",
        "--corpus",
        str(two_declarations),
    )
    assert code == 0, err
    assert len(json.loads(out)["documents"]) == 3
    # one path per --corpus: a second word is not a path
    with pytest.raises(SystemExit) as exc:
        main(["summary", "--corpus", str(SEED), str(extra)])
    assert exc.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_nothing_loadable_is_a_warning_and_exit_code_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not for us")
    (tmp_path / "README.md").write_text("# about these files\n", encoding="utf-8")
    for command in (["summary"], ["report", "--out", str(tmp_path / "r.html")]):
        code, out, err = run(capsys, *command, "--corpus", str(tmp_path))
        assert code == 1 and out == ""
        assert err.startswith("sco-text: warning: no document could be loaded from ")
        assert str(tmp_path) in err and ".txt" in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()


def test_long_doc_ids_are_printed_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = "2022-09-16_Samarkand_Statement_Ensuring_Reliable_Sustainable_Diversified_Supply.txt"
    (tmp_path / name).write_text(
        "The member states support open, reliable and sustainable supply chains.\n\n"
        "They call for more investment in transport and logistics.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "summary", "--format", "json", "--corpus", str(tmp_path))
    doc_id = json.loads(out)["documents"][0]["doc_id"]
    assert code == 0 and len(doc_id) > 40
    code, out, _ = run(capsys, "summary", "--corpus", str(tmp_path))
    assert code == 0
    assert f"\n{doc_id} " in out  # in the documents table and the sections table
    assert out.count(doc_id) >= 2


def test_summary_table_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "summary", "--table", "documents", "--format", "csv", "--corpus", str(SEED)
    )
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert len(table) == 1 and "n_words" in table.columns
    code, out, _ = run(
        capsys, "summary", "--table", "sections", "--format", "json", "--corpus", str(SEED)
    )
    assert [s["section"] for s in json.loads(out)][:2] == ["Preamble", "Security"]


def test_diff_tables_in_every_format(
    two_declarations: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = doc_ids(capsys, two_declarations)
    corpus = ["--corpus", str(two_declarations)]
    code, out, _ = run(
        capsys, "diff", old, new, "--table", "paragraphs", "--format", "csv", *corpus
    )
    assert code == 0
    pairs = pd.read_csv(io.StringIO(out))
    assert {"status", "old_para_no", "new_para_no", "old_text", "new_text"} <= set(pairs)
    assert {"added", "removed", "unchanged"} <= set(pairs["status"])
    code, out, _ = run(capsys, "diff", old, new, "--table", "themes", "--format", "csv", *corpus)
    assert code == 0 and "theme" in out.splitlines()[0]
    code, out, _ = run(capsys, "diff", old, new, "--table", "paragraphs", *corpus)
    assert code == 0 and out.splitlines()[0].split()[0] == "status"


def test_keywords_distinctive(capsys: pytest.CaptureFixture[str]) -> None:
    corpus = ["--corpus", str(SEED)]
    code, out, err = run(
        capsys, "keywords", "--distinctive", "--by", "section", "--format", "csv", *corpus
    )
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert {"group", "term", "g2", "log_ratio", "rank"} <= set(table.columns)
    security = table[table["group"] == "Security"]["term"].tolist()
    assert "terrorism" in security and "cooperation" not in table["term"].tolist()
    # one group: nothing to compare, said on stderr (not with --quiet)
    code = main(["keywords", "--distinctive", "--by", "doc_id", *corpus])
    out, err = capsys.readouterr()
    assert code == 0 and "(no rows)" in out and "sco-text: note: " in err
    with pytest.raises(SystemExit):
        main(["keywords", "--distinctive", "--tfidf"])


def test_rounded_frames_print_one_number_of_decimals() -> None:
    # rates rounded by the library (RATE_DECIMALS) print alike in every column: 4.73 / 14.20
    rates = pd.DataFrame({"old_rate": [4.73, 0.5], "new_rate": [14.2, 1.0]})
    lines = format_frame(rates).splitlines()
    assert lines[2].split() == ["4.73", "14.20"] and lines[3].split() == ["0.50", "1.00"]
    # ROUNDED_DECIMALS is the most a rounded column may carry: one more is not rounded,
    # and each column then keeps a format of its own
    at = round(1 / 3, ROUNDED_DECIMALS)
    assert _frame_float_format(pd.DataFrame({"a": [at], "b": [10.5]})) == f".{ROUNDED_DECIMALS}f"
    past = round(1 / 3, ROUNDED_DECIMALS + 1)
    assert _frame_float_format(pd.DataFrame({"a": [past], "b": [10.5]})) is None


def test_max_bytes_option_refuses_a_larger_file_and_can_raise_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "2020-moscow-declaration.txt"
    path.write_text("Declaration\n\nThe member states support peace.\n", encoding="utf-8")
    size = path.stat().st_size
    assert main(["summary", "--corpus", str(tmp_path), "--max-bytes", str(size - 1)]) != 0
    assert "too large" in capsys.readouterr().err
    assert main(["summary", "--corpus", str(tmp_path), "--max-bytes", str(size)]) == 0
    assert "2020-moscow-declaration" in capsys.readouterr().out
