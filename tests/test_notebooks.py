"""Run every notebook in notebooks/ top to bottom; a cell that fails fails the test."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from sco_text.corpus import FRAME_COLUMNS

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_notebooks_are_there() -> None:
    names = {p.name for p in PATHS}
    assert {
        "01-quickstart.ipynb",
        "02-themes.ipynb",
        "03-diff.ipynb",
        "04-commitments-and-phrases.ipynb",
    } <= names


def execute(path: Path, cwd: Path) -> Any:
    """Run the notebook at ``path`` in a fresh kernel started in ``cwd``; return it."""
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()  # raises CellExecutionError naming the failing cell
    return notebook


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_notebook_runs(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCO_TEXT_CORPUS", raising=False)
    notebook = execute(path, NOTEBOOKS)
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert errors == []
    # the committed copy was saved with its outputs
    saved = nbformat.read(path, as_version=4)
    code_cells = [c for c in saved.cells if c.cell_type == "code"]
    assert code_cells and all(c.get("outputs") for c in code_cells)
    assert [c.get("execution_count") for c in code_cells] == list(range(1, len(code_cells) + 1))


def test_quickstart_runs_from_the_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCO_TEXT_CORPUS", raising=False)
    notebook = execute(NOTEBOOKS / "01-quickstart.ipynb", NOTEBOOKS.parent)
    first = notebook.cells[1]
    rows, columns = ast.literal_eval(first.outputs[-1]["data"]["text/plain"])
    assert rows >= 124 and columns == len(FRAME_COLUMNS)  # the seed's 124 paragraphs were found


def test_commitments_notebook_shows_what_a_formula_replaced() -> None:
    """The saved 04 notebook follows the formula through the three declarations."""
    saved = nbformat.read(NOTEBOOKS / "04-commitments-and-phrases.ipynb", as_version=4)
    texts = [
        "".join(output.get("data", {}).get("text/plain", "")) + "".join(output.get("text", ""))
        for cell in saved.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    ]
    timeline = [t for t in texts if "a community of common destiny for mankind" in t]
    assert timeline and "a community with a shared future for humankind" in timeline[0]
    images = [
        output
        for cell in saved.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]
    assert len(images) == 3  # commitment bars, formulas over time, reuse shares
