"""The report and a diff page in a real browser (headless Chromium).

A test copy of each page gets a small script that, once the page has loaded,
measures it and writes what it found into the DOM; ``chromium --dump-dom``
prints that DOM. At a 1280 px wide window the test asserts: no element reaches
past the viewport (elements inside a box that scrolls sideways by design are
measured by that box), every image decoded, no script or console error, and the
expected sections are there. A screenshot of each page is kept as an artefact
in ``$SCO_TEXT_ARTIFACTS`` (``.ci/run`` sets it and prints it) or in pytest's
temporary folder; the path is printed.

Skipped, with the reason, where no Chromium is installed, unless
``SCO_TEXT_REQUIRE_BROWSER`` is set (``.ci/run`` sets it after installing
Chromium), in which case a missing browser fails the test.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import SCO, SEED

import sco_text as st
from sco_text.report import build_report

WIDTH = 1280
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]
REPORT_SECTIONS = [
    "documents",
    "theme-heatmap",
    "theme-bars",
    "top-terms",
    "repairs",
    "diffs",
    "commitments",
    "phrases",
]

# Runs in the page: collects errors from the start, measures once everything has loaded.
PROBE = """<script>
window.__errors = [];
window.addEventListener("error", function (e) {
  window.__errors.push(String(e.message || (e.target && (e.target.src || e.target.tagName))));
}, true);
window.addEventListener("unhandledrejection", function (e) {
  window.__errors.push("unhandled rejection: " + String(e.reason));
});
(function () {
  var original = console.error;
  console.error = function () {
    window.__errors.push(Array.prototype.join.call(arguments, " "));
    return original.apply(console, arguments);
  };
})();
window.addEventListener("load", function () {
  var viewport = document.documentElement.clientWidth;
  var wide = [];
  var all = document.body.querySelectorAll("*");
  for (var i = 0; i < all.length; i++) {
    var el = all[i];
    var box = el.parentElement && el.parentElement.closest(".scroll");
    if (box) continue;  // scrolls inside its own box: the box is measured instead
    var r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > viewport + 1 || r.left < -1)) {
      wide.push(el.tagName.toLowerCase() + "." + el.className + " right=" + Math.round(r.right));
    }
  }
  var images = [];
  for (var k = 0; k < document.images.length; k++) {
    var img = document.images[k];
    images.push({ok: img.complete && img.naturalWidth > 0, width: img.naturalWidth});
  }
  var found = {
    viewport: viewport,
    scrollWidth: document.documentElement.scrollWidth,
    wide: wide.slice(0, 20),
    images: images,
    errors: window.__errors,
    sections: Array.prototype.map.call(document.querySelectorAll("section[id]"),
                                       function (s) { return s.id; }),
    classes: Array.prototype.map.call(document.querySelectorAll("[class]"),
                                      function (e) { return e.className; })
  };
  var pre = document.createElement("pre");
  pre.id = "sco-check";
  pre.style.display = "none";
  pre.textContent = JSON.stringify(found);
  document.body.appendChild(pre);
});
</script>
"""


def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    message = (
        "no Chromium found (tried " + ", ".join(BROWSERS) + "): install it, e.g. "
        "'apt-get install -y chromium', to run the browser test"
    )
    if os.environ.get("SCO_TEXT_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("SCO_TEXT_ARTIFACTS")
    folder = Path(given) if given else tmp_path_factory.mktemp("browser-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def run_chromium(exe: str, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="sco-text-chromium-") as profile:
        return subprocess.run(
            [
                exe,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={WIDTH},1600",
                "--virtual-time-budget=15000",
                *extra,
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )


def inspect(exe: str, page_html: str, folder: Path, name: str) -> dict[str, Any]:
    """Load a probed copy of the page; return what the probe found. Screenshot the page."""
    page = folder / f"{name}.html"
    page.write_text(page_html, encoding="utf-8")
    probed = folder / f"{name}.probe.html"
    head = page_html.index("<head>") + len("<head>")
    probed.write_text(page_html[:head] + PROBE + page_html[head:], encoding="utf-8")
    proc = run_chromium(exe, probed, "--dump-dom")
    match = re.search(r'<pre id="sco-check"[^>]*>(.*?)</pre>', proc.stdout, re.S)
    assert match, f"the probe did not run: {proc.stderr[-2000:]}"
    found: dict[str, Any] = json.loads(html.unescape(match.group(1)))
    # console errors Chromium itself logged (e.g. a blocked resource)
    found["console"] = [
        line
        for line in proc.stderr.splitlines()
        if "CONSOLE" in line and ("ERROR" in line or "Uncaught" in line)
    ]
    shot = folder / f"{name}.png"
    run_chromium(exe, page, f"--screenshot={shot}")
    print(f"browser test screenshot: {shot}")
    found["screenshot"] = shot
    probed.unlink()
    return found


def check_page(found: dict[str, Any]) -> None:
    assert found["viewport"] == WIDTH or found["viewport"] >= WIDTH - 20
    assert found["scrollWidth"] <= found["viewport"], found["wide"]
    assert found["wide"] == []
    assert found["images"], "no image on the page"
    assert all(img["ok"] for img in found["images"]), found["images"]
    assert found["errors"] == [] and found["console"] == []
    assert found["screenshot"].stat().st_size > 10_000


@pytest.fixture(scope="module")
def corpus() -> Any:
    """The seed and the shared SCO documents when present (a varied, real corpus), else
    the seed and an amended copy of it."""
    if SCO.is_dir():
        return st.load_corpus([SEED.parent, SCO])
    folder = Path(tempfile.mkdtemp(prefix="sco-text-browser-corpus-"))
    shutil.copy(SEED, folder / SEED.name)
    text = SEED.read_text(encoding="utf-8").replace("Moscow", "Dushanbe")
    (folder / "2021-09-17_Dushanbe_Declaration.txt").write_text(
        text.replace("10 November 2020", "17 September 2021"), encoding="utf-8"
    )
    return st.load_corpus(folder)


def test_report_in_a_browser(corpus: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    exe = browser()
    found = inspect(exe, build_report(corpus), artifacts(tmp_path_factory), "report")
    check_page(found)
    assert found["sections"] == REPORT_SECTIONS
    assert len(found["images"]) >= 4


def test_diff_page_in_a_browser(corpus: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    exe = browser()
    declarations = corpus[corpus["kind"] == "declaration"].sort_values("date")
    old, new = list(dict.fromkeys(declarations["doc_id"]))[-2:]
    page = st.diff(corpus, old, new).to_html()
    found = inspect(exe, page, artifacts(tmp_path_factory), "diff")
    found["images"] = found["images"] or [{"ok": True, "width": 0}]  # the page has none
    check_page(found)
    classes = " ".join(found["classes"]).split()
    assert {"scod-docs", "scod-counts", "scod-row"} <= set(classes)
