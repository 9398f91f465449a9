"""Hostile and unlucky input at the corpus level (issue 14): what load_corpus is given,
its per-file limits, links and folders it walks, the ids it makes.

Every input is made in the test; the ``hostile`` marker puts each test under the time
and memory caps of ``conftest.py``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import sco_text as st
from sco_text.errors import CorpusError, OptionError

pytestmark = pytest.mark.hostile

BODY = "Declaration of the Council\n\nThe member states support peace and cooperation.\n"


def _doc(folder: Path, name: str, body: str = BODY) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


# --- what load_corpus is given ---------------------------------------------------------
@pytest.mark.parametrize(
    "paths",
    [5, 2.5, [None], [5], b"corpus", bytearray(b"x"), [b"corpus"], "", "  ", [""], ["a.txt", ""]],
)
def test_what_is_not_a_path_is_an_option_error_listing_what_is_accepted(paths: object) -> None:
    with pytest.raises(OptionError, match=r"paths.*give None .*a path .*a list of paths"):
        st.load_corpus(paths, cache=False)  # type: ignore[arg-type]


def test_an_empty_path_never_reads_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _doc(tmp_path, "2020-moscow-declaration.txt")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OptionError, match="empty path"):
        st.load_corpus("", cache=False)
    assert st.load_corpus(".", cache=False)["doc_id"].nunique() == 1  # said explicitly


def test_a_list_a_tuple_and_path_objects_are_accepted(tmp_path: Path) -> None:
    path = _doc(tmp_path, "2020-moscow-declaration.txt")
    for given in ([path], (str(path),), path, str(path)):
        assert st.load_corpus(given, cache=False)["doc_id"].unique().tolist() == [
            "2020-moscow-declaration"
        ]
    assert st.load_corpus([], cache=False).empty


# --- the per-file size limit -------------------------------------------------------------
def test_load_corpus_refuses_a_file_over_max_bytes_and_the_limit_can_be_raised(
    tmp_path: Path,
) -> None:
    big = _doc(tmp_path, "2020-moscow-declaration.txt")
    _doc(tmp_path, "2021-dushanbe-declaration.txt", "Title\n\nShort text here.\n")
    size = big.stat().st_size
    with pytest.raises(CorpusError, match=r"too large .*max_bytes="):
        st.load_corpus([big], cache=False, max_bytes=size - 1)
    with pytest.warns(UserWarning, match="too large"):
        frame = st.load_corpus([tmp_path], cache=False, max_bytes=size - 1, errors="warn")
    assert frame["doc_id"].unique().tolist() == ["2021-dushanbe-declaration"]
    frame = st.load_corpus([tmp_path], cache=False, max_bytes=size)  # at the limit: read
    assert frame["doc_id"].nunique() == 2


def test_the_default_limit_is_documented_on_load_corpus() -> None:
    assert "max_bytes" in (st.load_corpus.__doc__ or "")
    assert "64 MiB" in (st.load_corpus.__doc__ or "")


@pytest.mark.parametrize("bad", [0, -1, 1.5, "10", True, None])
def test_load_corpus_checks_max_bytes(tmp_path: Path, bad: object) -> None:
    with pytest.raises(OptionError, match="max_bytes="):
        st.load_corpus([_doc(tmp_path, "a.txt")], cache=False, max_bytes=bad)  # type: ignore[arg-type]


def test_an_entry_cached_under_a_raised_limit_does_not_pass_a_lower_one(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    big = _doc(corpus, "2020-moscow-declaration.txt")
    cache = tmp_path / "cache"
    size = big.stat().st_size
    assert len(st.load_corpus([corpus], cache=cache, max_bytes=size))
    with pytest.raises(CorpusError, match="too large"):
        st.load_corpus([corpus], cache=cache, max_bytes=size - 1)


@pytest.mark.timeout(240)
def test_the_limit_holds_in_a_pool_of_workers(tmp_path: Path) -> None:
    big = _doc(tmp_path, "2020-moscow-declaration.txt")
    _doc(tmp_path, "2021-dushanbe-declaration.txt", "Title\n\nShort text here.\n")
    with pytest.warns(UserWarning, match="too large"):
        frame = st.load_corpus(
            [tmp_path], cache=False, workers=2, max_bytes=big.stat().st_size - 1, errors="warn"
        )
    assert frame["doc_id"].unique().tolist() == ["2021-dushanbe-declaration"]


def test_warn_loads_the_rest_when_a_given_path_is_bad(tmp_path: Path) -> None:
    good = _doc(tmp_path, "2020-moscow-declaration.txt")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = st.load_corpus([tmp_path / "missing", good], cache=False, errors="warn")
    assert frame["doc_id"].nunique() == 1
    assert any("missing" in str(w.message) for w in caught)


def test_documents_copes_with_a_missing_text_like_tfidf() -> None:
    frame = st.load_corpus()
    frame = frame[frame["doc_id"] == "2020-moscow-declaration"].copy()
    frame["text"] = frame["text"].astype(object)
    frame.loc[frame.index[:2], "text"] = [None, float("nan")]
    docs = st.documents(frame)
    assert docs["n_paragraphs"].tolist() == [124]
    assert len(st.tfidf(frame, by="doc_id"))


def test_normalize_refuses_none_with_the_library_error() -> None:
    with pytest.raises(OptionError, match="takes the text as a str"):
        st.normalize(None)  # type: ignore[arg-type]


# --- links and folders -------------------------------------------------------------------
needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
SECRET = "Private notes\n\nThe secret password is swordfish and nobody may know it.\n"


def _load_warn(*paths: Path) -> tuple[list[str], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = st.load_corpus(list(paths), cache=False, errors="warn")
    assert not frame["text"].str.contains("swordfish").any()
    return sorted(frame["doc_id"].unique()), [str(w.message) for w in caught]


@needs_links
def test_a_link_to_a_file_outside_the_folders_given_is_not_followed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _doc(corpus, "2020-moscow-declaration.txt")
    secret = _doc(tmp_path / "private", "notes.txt", SECRET)
    (corpus / "2021-dushanbe-declaration.txt").symlink_to(secret)
    with pytest.raises(CorpusError, match="outside the folders given") as info:
        st.load_corpus([corpus], cache=False)
    assert "2021-dushanbe-declaration.txt" in str(info.value)
    ids, messages = _load_warn(corpus)
    assert ids == ["2020-moscow-declaration"]
    assert any("symbolic link" in m and "not followed" in m for m in messages)


@needs_links
def test_a_link_to_a_folder_outside_is_not_followed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _doc(corpus, "2020-moscow-declaration.txt")
    _doc(tmp_path / "private", "2019-bishkek-declaration.txt", SECRET)
    (corpus / "more").symlink_to(tmp_path / "private", target_is_directory=True)
    ids, messages = _load_warn(corpus)
    assert ids == ["2020-moscow-declaration"]
    assert any("symbolic link to the folder" in m for m in messages)


@needs_links
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_link_to_a_device_is_reported_and_never_read(tmp_path: Path) -> None:
    _doc(tmp_path, "2020-moscow-declaration.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    ids, messages = _load_warn(tmp_path)
    assert ids == ["2020-moscow-declaration"]
    assert any("zero.txt" in m for m in messages)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_with_a_document_name_is_reported_without_blocking(tmp_path: Path) -> None:
    _doc(tmp_path, "2020-moscow-declaration.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    ids, messages = _load_warn(tmp_path)
    assert ids == ["2020-moscow-declaration"]
    assert any("pipe.txt" in m and "a pipe" in m for m in messages)


@needs_links
def test_links_inside_the_folders_given_are_followed_and_read_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    other = tmp_path / "other"
    target = _doc(corpus / "archive", "2020-moscow-declaration.txt")
    _doc(other, "2019-bishkek-declaration.txt")
    (corpus / "2020-moscow-declaration.txt").symlink_to(target)  # the same file twice
    (corpus / "linked").symlink_to(other, target_is_directory=True)  # another given folder
    (corpus / "archive" / "loop").symlink_to(corpus, target_is_directory=True)  # a cycle
    frame = st.load_corpus([corpus, other], cache=False)  # errors="raise": nothing to report
    assert sorted(frame["doc_id"].unique()) == [
        "2019-bishkek-declaration",
        "2020-moscow-declaration",
    ]


@needs_links
def test_a_broken_link_is_reported(tmp_path: Path) -> None:
    _doc(tmp_path, "2020-moscow-declaration.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    ids, messages = _load_warn(tmp_path)
    assert ids == ["2020-moscow-declaration"]
    assert any("gone.txt" in m and "broken symbolic link" in m for m in messages)


@needs_links
def test_a_link_given_explicitly_is_read_where_it_points(tmp_path: Path) -> None:
    target = _doc(tmp_path / "elsewhere", "2020-moscow-declaration.txt")
    link = tmp_path / "corpus" / "mine.txt"
    link.parent.mkdir()
    link.symlink_to(target)
    assert st.load_corpus([link], cache=False)["doc_id"].nunique() == 1


def test_an_unreadable_sub_folder_is_reported_like_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _doc(tmp_path, "2020-moscow-declaration.txt")
    locked = tmp_path / "locked"
    _doc(locked, "2019-bishkek-declaration.txt")
    real_scandir = os.scandir

    def scandir(path: object) -> object:  # as for a folder without read permission
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(CorpusError, match=r"folder cannot be read .*Permission denied") as info:
        st.load_corpus([tmp_path], cache=False)
    assert info.value.path == str(locked)
    ids, messages = _load_warn(tmp_path)
    assert ids == ["2020-moscow-declaration"]
    assert any(str(locked) in m for m in messages)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_without_read_permission_is_reported(tmp_path: Path) -> None:
    _doc(tmp_path, "2020-moscow-declaration.txt")
    locked = tmp_path / "locked"
    _doc(locked, "2019-bishkek-declaration.txt")
    locked.chmod(0)
    try:
        with pytest.raises(CorpusError, match="folder cannot be read"):
            st.load_corpus([tmp_path], cache=False)
    finally:
        locked.chmod(0o755)


# --- doc ids -----------------------------------------------------------------------------
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            '2021-dushanbe-statement-"energy"-<b>security<\\b>.txt',
            "2021-dushanbe-statement-energy-b-security-b",
        ),
        ("2021-Dušanbe-statement-café-sécurité.txt", "2021-dusanbe-statement-cafe-securite"),
        ("2021-Gießen-statement-Straße.txt", "2021-giessen-statement-strasse"),
        ("Ünïcödé “quoted” «name».txt", "unicode-quoted-name"),
        ("2019-bishkek-statement-能源.txt", None),
        ("上海合作组织.txt", None),
        ("2019-Бишкек-declaration.txt", None),
    ],
)
def test_doc_ids_from_file_names_are_ascii_slugs(
    tmp_path: Path, name: str, expected: str | None
) -> None:
    from sco_text.metadata import make_doc_id

    doc_id = make_doc_id(date=None, place="", kind="", source=tmp_path / name)
    frame = st.load_corpus(
        [_doc(tmp_path, name, "Some title\n\nThe parties agree.\n")], cache=False
    )
    loaded = frame["doc_id"].iloc[0]
    assert re.fullmatch(SLUG, loaded), loaded
    assert re.fullmatch(SLUG, doc_id), doc_id
    if expected is not None:
        assert loaded == expected


def test_names_without_an_ascii_spelling_get_distinct_ids(tmp_path: Path) -> None:
    for name in (
        "上海合作组织.txt",
        "宣言.txt",
        "2019-bishkek-statement-能源.txt",
        "2019-bishkek-statement-安全.txt",
    ):
        _doc(tmp_path, name, "Some title\n\nThe parties agree.\n")
    frame = st.load_corpus([tmp_path], cache=False)  # errors="raise": no id is shared
    ids = frame["doc_id"].unique().tolist()
    assert len(ids) == 4 and all(re.fullmatch(SLUG, i) for i in ids)
    assert sum(i.startswith("2019-bishkek-statement-") for i in ids) == 2


def test_ids_are_the_same_on_every_run(tmp_path: Path) -> None:
    from sco_text.metadata import id_slug

    code = "from sco_text.metadata import id_slug; print(id_slug('上海合作组织 宣言'))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert runs == {id_slug("上海合作组织 宣言")}


def test_id_hash_has_its_documented_length() -> None:
    from sco_text.metadata import ID_HASH_DIGITS, id_slug

    assert re.fullmatch(rf"document-[0-9a-f]{{{ID_HASH_DIGITS}}}", id_slug("宣言"))
    assert id_slug("Déjà vu") == "deja-vu"  # transliterated: nothing lost, no hash


def test_title_topics_keep_accented_words_whole() -> None:
    import datetime as dt

    from sco_text.metadata import make_doc_id

    doc_id = make_doc_id(
        date=dt.date(2021, 9, 17),
        place="Dušanbe",
        kind="statement",
        title="Déclaration on sécurité énergétique",
    )
    assert doc_id == "2021-dusanbe-statement-securite-energetique"


def test_a_place_without_an_ascii_spelling_still_gives_an_id() -> None:
    import datetime as dt

    from sco_text.metadata import make_doc_id

    doc_id = make_doc_id(date=dt.date(2019, 6, 14), place="Бишкек", kind="declaration")
    assert re.fullmatch(r"2019-[0-9a-f]+-declaration", doc_id)
    assert make_doc_id(date=dt.date(2019, 6, 14), place="«»", kind="declaration") == "document"


# --- sidecars ----------------------------------------------------------------------------
def _warned(path: Path) -> tuple[list[str], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = st.load_corpus([path], cache=False, errors="warn")
    return frame["title"].unique().tolist(), [str(w.message) for w in caught]


def test_a_sidecar_over_the_size_limit_is_refused_at_its_boundary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sco_text import metadata

    _doc(tmp_path, "2020-moscow-declaration.txt")
    sidecar = tmp_path / "2020-moscow-declaration.meta.yaml"
    body = "title: Corrected\n"
    sidecar.write_text(body + "#" * (100 - len(body) - 1) + "\n", encoding="utf-8")
    assert sidecar.stat().st_size == 100
    monkeypatch.setattr(metadata, "SIDECAR_MAX_BYTES", 100)
    assert _warned(tmp_path) == (["Corrected"], [])  # at the limit: read
    monkeypatch.setattr(metadata, "SIDECAR_MAX_BYTES", 99)
    titles, messages = _warned(tmp_path)
    assert titles != ["Corrected"]
    assert any("too large" in m and "meta.yaml" in m for m in messages)


def test_the_default_sidecar_limit(tmp_path: Path) -> None:
    from sco_text.metadata import SIDECAR_MAX_BYTES

    _doc(tmp_path, "2020-moscow-declaration.txt")
    with open(tmp_path / "metadata.csv", "wb") as handle:
        handle.write(b"file,title\n")
        handle.truncate(SIDECAR_MAX_BYTES + 1)  # sparse: no 8 MiB written
    titles, messages = _warned(tmp_path)
    assert len(titles) == 1
    assert any("metadata.csv" in m and "too large" in m for m in messages)


def test_a_deeply_nested_yaml_sidecar_is_a_corpus_error(tmp_path: Path) -> None:
    _doc(tmp_path, "2020-moscow-declaration.txt")
    (tmp_path / "2020-moscow-declaration.meta.yaml").write_text(
        "title: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8"
    )
    titles, messages = _warned(tmp_path)
    assert len(titles) == 1
    assert any("meta.yaml" in m and "YAML" in m for m in messages)


def test_a_yaml_alias_bomb_is_refused_without_being_spelt_out(tmp_path: Path) -> None:
    _doc(tmp_path, "2020-moscow-declaration.txt")
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    lines.append("title: *i")  # 9**9 = 387 million strings if expanded
    (tmp_path / "2020-moscow-declaration.meta.yaml").write_text("\n".join(lines) + "\n")
    with pytest.raises(CorpusError) as info:
        st.load_corpus([tmp_path], cache=False)
    assert len(str(info.value)) < 1_000


@needs_links
def test_a_sidecar_linked_from_outside_is_not_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _doc(corpus, "2020-moscow-declaration.txt")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("title: Planted\n", encoding="utf-8")
    (corpus / "2020-moscow-declaration.meta.yaml").symlink_to(outside)
    titles, messages = _warned(corpus)
    assert titles != ["Planted"]
    assert any("outside the folders given" in m for m in messages)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_sidecar_that_is_a_pipe_or_a_device_is_never_read(tmp_path: Path) -> None:
    _doc(tmp_path, "2020-moscow-declaration.txt")
    os.mkfifo(tmp_path / "2020-moscow-declaration.meta.yaml")
    if os.path.exists("/dev/zero") and hasattr(os, "symlink"):
        (tmp_path / "metadata.csv").symlink_to("/dev/zero")
    titles, _ = _warned(tmp_path)  # returns: neither blocks nor swallows /dev/zero
    assert len(titles) == 1
