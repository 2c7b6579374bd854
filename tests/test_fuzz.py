"""Fuzzing every parser and the whole pipeline with hypothesis: no crash, positions inside the
file and mapping back to the reported text, results independent of --jobs and file order."""
from __future__ import annotations

import json
import random
import subprocess
import sys

from hypothesis import HealthCheck, given, settings, strategies as st

from newslint.config import Config
from newslint.linter import Linter

LINTER = Linter(Config())
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MARKDOWN_ALPHABET = "#*_[]()!`>-+ \n\t\\ab1^:|<>&;~=\"'é"
HTML_ALPHABET = "<>/=\"' abpdivh1&;#x\nlispcrtyem!-[]"
NEWS_WORDS = ["Skip to content", "Read also:", "Latest", "[1]", "[^2]", "¹", "Share", "©", "By John Smith",
              "Updated 09:14 GMT, 21 March 2005", "war-and-conflicts", "falls under the broader umbrella of",
              "I hope this helps", "The minister said on Monday that prices rose.", "\n", "\n\n", " "]


def check_positions(source: str, result, exact: bool) -> None:
    assert not result.crashes, result.crashes
    lines = source.split("\n")
    for d in result.diagnostics:
        assert 1 <= d.line <= d.end_line <= len(lines)
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1
        assert 1 <= d.end_column <= len(lines[d.end_line - 1]) + 1
        if exact:
            if d.line == d.end_line:
                got = lines[d.line - 1][d.column - 1:d.end_column - 1]
            else:
                got = "\n".join([lines[d.line - 1][d.column - 1:], *lines[d.line:d.end_line - 1],
                                 lines[d.end_line - 1][:d.end_column - 1]])
            assert got == d.excerpt


def normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@FUZZ
@given(st.text())
def test_any_text_in_every_format(text):
    source = normalised(text)
    for name in ("a.txt", "a.md", "a.html", "a.json", "a.jsonl"):
        result = LINTER.lint_source(name, source)
        check_positions(source, result, exact=name == "a.txt")


@FUZZ
@given(st.lists(st.sampled_from(NEWS_WORDS), max_size=40).map("".join))
def test_news_shaped_text_maps_exactly(text):
    result = LINTER.lint_source("a.txt", text)
    check_positions(text, result, exact=True)


@FUZZ
@given(st.text(alphabet=MARKDOWN_ALPHABET, max_size=300))
def test_markdown_fuzz(text):
    check_positions(text, LINTER.lint_source("a.md", text), exact=False)


@FUZZ
@given(st.text(alphabet=HTML_ALPHABET, max_size=300))
def test_html_fuzz(text):
    check_positions(text, LINTER.lint_source("a.html", text), exact=False)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)
articles = st.fixed_dictionaries({"title": st.text(), "body": st.text()}, optional={"id": json_values})


@FUZZ
@given(st.lists(articles | json_values, max_size=5), st.booleans())
def test_json_fuzz(records, ascii_only):
    source = json.dumps(records, ensure_ascii=ascii_only, indent=1)
    result = LINTER.lint_source("a.json", source)
    check_positions(source, result, exact=False)
    lines = "\n".join(json.dumps(r, ensure_ascii=ascii_only) for r in records)
    result = LINTER.lint_source("a.jsonl", lines)
    check_positions(lines, result, exact=False)
    for d in result.diagnostics:
        raw = lines.split("\n")[d.line - 1][d.column - 1:d.end_column - 1]
        assert json.loads(f'"{raw}"') == d.excerpt


@FUZZ
@given(st.text())
def test_deterministic(text):
    a = LINTER.lint_source("a.txt", normalised(text)).diagnostics
    b = Linter(Config()).lint_source("a.txt", normalised(text)).diagnostics
    assert a == b


def test_jobs_and_file_order_do_not_change_results(tmp_path):
    rng = random.Random(7)
    for i in range(40):
        body = "".join(rng.choice(NEWS_WORDS) for _ in range(60))
        (tmp_path / f"f{i:02d}.txt").write_text(f"Headline number {i} for the story\n\n{body}\n", encoding="utf-8")
    files = sorted(str(p) for p in tmp_path.iterdir())

    def run(*args, paths=files):
        proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--output-format", "json",
                               *args, *paths], capture_output=True, text=True)
        assert proc.returncode in (0, 1), proc.stderr
        return proc.stdout

    one = run("--jobs", "1")
    assert json.loads(one)
    assert run("--jobs", "2") == one
    shuffled = files[:]
    rng.shuffle(shuffled)
    assert run("--jobs", "2", paths=shuffled) == one
    assert run("--jobs", "1", str(tmp_path), paths=[]) == one
    text1 = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--jobs", "1", str(tmp_path)],
                           capture_output=True, text=True).stdout
    text2 = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--jobs", "2", str(tmp_path)],
                           capture_output=True, text=True).stdout
    assert text1 == text2
