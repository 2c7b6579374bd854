"""Issue 18: linting time grows linearly with the size of each hostile structure.

Each case is linted at n and 4n; the time may grow at most 8x (linear is 4x; a quadratic path
gives 16x). Ratios, not absolute timings, so a loaded 2-core machine does not make them flake.
"""
from __future__ import annotations

import time

import pytest

from newslint.config import Config
from newslint.linter import Linter

CASES = {
    # name: (file name, text of size n, n)
    "markdown-one-paragraph-of-short-lines": ("a.md", lambda n: "# Title here\n\n" + "word here\n" * n, 6000),
    "markdown-footnote-definitions": ("a.md", lambda n: "# Title here\n\nText[^1].\n\n"
                                      + "".join(f"[^{i}]: note {i}\n" for i in range(n)), 1500),
    # issue 17: each removable line looked for the end of front matter from the top of the file
    "markdown-unclosed-front-matter-removable-lines": ("a.md", lambda n: "---\nTitle here\n\n"
                                                        + "Share this article\n\n" * n, 6000),
    "suppression-enable-disable-pairs": ("a.txt", lambda n: "Title here\n\n" + (
        "<!-- newslint: disable NL301 -->\nSkip to content\n<!-- newslint: enable NL301 -->\n") * n, 1200),
    "suppression-unclosed-comments": ("a.txt", lambda n: "Title here\n\n" + "<!-- newslint: disable\n" * n, 2500),
    "json-array-of-non-objects": ("a.json", lambda n: "[" + ",".join(["1"] * n) + "]", 20000),
    "html-unclosed-paragraphs": ("a.html", lambda n: "<p>x " * n, 3000),
    "html-unclosed-divs": ("a.html", lambda n: "<div>x " * n, 3000),
    "html-unterminated-tags": ("a.html", lambda n: "<p>Text</p>" + "<a" * n, 10000),
    "html-unclosed-comments": ("a.html", lambda n: "<p>Text</p>" + "<!--" * n, 8000),
    "html-deep-nesting-with-text": ("a.html", lambda n: "".join(f"<div>text {i} " for i in range(n)), 3000),
    "html-deep-nesting-closed": ("a.html", lambda n: "".join(f"<div><span>text {i} " for i in range(n))
                                 + "</span></div>" * n, 2000),
    "html-unclosed-list-items": ("a.html", lambda n: "<ul>" + "<li>item here " * n, 3000),
}


@pytest.fixture(scope="module")
def linter():
    linter = Linter(Config())
    for name, (filename, make, _) in CASES.items():
        linter.lint_text(filename, make(10))  # warm every lazy cache first
    return linter


def seconds(linter: Linter, filename: str, text: str) -> float:
    t0 = time.perf_counter()
    linter.lint_text(filename, text)
    return time.perf_counter() - t0


@pytest.mark.parametrize("case", list(CASES))
def test_time_grows_linearly(linter, case):
    filename, make, n = CASES[case]
    small = min(seconds(linter, filename, make(n)) for _ in range(2))
    large = min(seconds(linter, filename, make(4 * n)) for _ in range(2))  # one GC pause is not growth
    assert large / max(small, 0.05) < 8, f"{case}: {small:.2f}s at n={n}, {large:.2f}s at 4n"


def _deletions_seconds(n: int) -> float:
    """Every line of a text of ``n`` one-line paragraphs resolved to a line deletion (as a
    remove-line fix is, for each finding of an adversarial file)."""
    from newslint.fixes import line_deletion

    text = "Share\n\n" * n + "Last line\n"
    t0 = time.process_time()
    for i in range(n):
        line_deletion(text, 7 * i, 7 * i + 5)
    return time.process_time() - t0


def test_line_deletion_grows_linearly():
    """Issue 17: the tail of the text was copied per deletion (2.6 MB adversarial: 158 s)."""
    small = min(_deletions_seconds(20000) for _ in range(2))
    large = _deletions_seconds(80000)
    assert large / max(small, 0.02) < 8, f"{small:.3f}s at n, {large:.3f}s at 4n"


def _applied_seconds(n: int, keep: str) -> float:
    """One line deletion per "Share" paragraph of a text of ``n`` of them (with ``keep``, a kept
    paragraph, after each), applied in one pass (``fixapply.apply_fixes``)."""
    from newslint.fixapply import apply_fixes
    from newslint.fixes import Fix, line_deletion

    unit = "Share\n\n" + keep
    text = unit * n + "Last line\n"
    fixes = [Fix((line_deletion(text, len(unit) * i, len(unit) * i + 5),), "safe") for i in range(n)]
    t0 = time.process_time()
    out, _ = apply_fixes(text, fixes)
    assert out == keep * n + "Last line\n"
    return time.process_time() - t0


@pytest.mark.parametrize("keep", ["", "Keep this line.\n\n"], ids=["touching", "apart"])
def test_applying_many_fixes_grows_linearly(keep):
    """Touching deletions are joined into one; deletions apart are applied as one join of the
    kept pieces (cutting the text once per edit made 128,000 fixes of a 3 MB file take 46 s)."""
    small = min(_applied_seconds(16000, keep) for _ in range(2))
    large = min(_applied_seconds(64000, keep) for _ in range(2))  # the best of two: the machine is shared
    assert large / max(small, 0.05) < 8, f"{small:.3f}s at n, {large:.3f}s at 4n"
