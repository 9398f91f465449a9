"""The fidelity benchmark's scores and answer keys (benchmarks/bench_fidelity.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_fidelity", ROOT / "benchmarks" / "bench_fidelity.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_paragraph_f1_by_hand(bench: ModuleType) -> None:
    # key: "a b", "c d"; read: "a b" (right), "c", "d" (wrong): P = 1/3, R = 1/2
    p, r, f1 = bench.paragraph_f1(["a b.", "c d."], ["A b", "c", "d"])
    assert (p, r) == (1 / 3, 1 / 2) and f1 == pytest.approx(2 * (1 / 6) / (5 / 6))
    assert bench.paragraph_f1(["x"], []) == (0.0, 0.0, 0.0)


def test_section_accuracy_by_hand(bench: ModuleType) -> None:
    # 4 key words: a, b in X; c, d in Y; read puts c in X: 3 of 4 right
    acc = bench.section_accuracy(["a b", "c d"], ["X", "Y"], ["a b c", "d"], ["X", "Y"])
    assert acc == 0.75


def test_keys_parse_and_render(bench: ModuleType) -> None:
    keys = sorted((ROOT / "benchmarks" / "keys").glob("*.txt"))
    assert len(keys) >= 12
    for path in keys:
        key = bench.read_key(path)
        assert key.title and key.kind and key.paragraphs, path.name
        assert all(key.sections), path.name
        assert len(key.paragraphs) == len(key.sections)
        text = bench.render(key, 75, blank=True)
        assert set(bench.words(" ".join(key.paragraphs))) <= set(bench.words(text))
