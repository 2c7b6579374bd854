"""The founding article, in all five input formats: every defect family at the right place."""
from __future__ import annotations

import json

import pytest

from newslint import lint_paths

from conftest import FIXTURES

SAMPLES = FIXTURES / "samples"

# (code, line, column) for the plain-text seed, exactly as published.
SEED_TXT = [
    ("NL301", 1, 1),    # Skip to content
    ("NL103", 5, 1), ("NL103", 7, 1),
    ("NL104", 8, 1),    # exact copy of line 7
    ("NL103", 10, 1),
    ("NL101", 12, 1),   # exact copy of the title (line 3)
    ("NL402", 14, 1),   # "Get ready to see ... whopping ..."
    ("NL403", 24, 5), ("NL203", 24, 200), ("NL403", 24, 204), ("NL203", 24, 464), ("NL403", 24, 468),
    ("NL401", 26, 445), ("NL401", 26, 481), ("NL401", 26, 518),
    ("NL301", 28, 1),   # Read also:
    ("NL302", 30, 1),   # Latest
]


def test_seed_txt_exact_findings():
    found = [(d.code, d.line, d.column) for d in lint_paths([SAMPLES / "seed_article.txt"])]
    assert found == SEED_TXT


@pytest.mark.parametrize("name, column_shift", [("seed_article.md", 0), ("seed_article.html", 3)])
def test_seed_markup_formats_same_lines(name, column_shift):
    found = [(d.code, d.line, d.column) for d in lint_paths([SAMPLES / name])]
    expected = []
    for code, line, col in SEED_TXT:
        shift = column_shift
        if name.endswith(".md") and line == 3:
            shift = 2
        expected.append((code, line, col + shift))
    assert found == expected


@pytest.mark.parametrize("name", ["seed_article.json", "articles.jsonl"])
def test_seed_structured_formats_find_all_families(name):
    found = lint_paths([SAMPLES / name])
    families = {d.code[:3] for d in found}
    assert families == {"NL1", "NL2", "NL3", "NL4"}
    source = (SAMPLES / name).read_text(encoding="utf-8").split("\n")
    for d in found:
        assert d.record is not None and d.field in ("/title", "/body")
        raw = source[d.line - 1][d.column - 1:d.end_column - 1]
        assert json.loads(f'"{raw}"') == d.excerpt, d


def test_clean_bbc_article_is_clean(cli):
    proc = cli("check", "--isolated", str(SAMPLES / "clean_bbc_article.txt"))
    assert proc.returncode == 0, proc.out + proc.err
    assert "no findings" in proc.out


def test_jsonl_record_numbers_and_lines():
    found = lint_paths([SAMPLES / "articles.jsonl"])
    assert {d.record for d in found} == {2}   # record 1 is a clean BBC article
    assert {d.line for d in found} == {2}
