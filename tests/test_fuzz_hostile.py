"""Issue 18: fuzzing what ``test_fuzz.py`` leaves out: raw bytes through the decoder, lone
surrogates and control characters through every report format, the config and baseline loaders,
the JSON Lines chunker, and deep nesting and huge counts in every parser. A clean error or a
result, never a crash. Example counts are kept small: the whole file runs in well under a minute.
"""
from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from newslint.config import Config, config_from_table, load_config
from newslint.errors import InputError, UsageError
from newslint.formats import BUILTIN, Summary, load_reporter
from newslint.inputs import decode
from newslint.linter import Linter
from newslint.problems import CRASH

LINTER = Linter(Config())
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = ("a.txt", "a.md", "a.html", "a.json", "a.jsonl")
#: every character class, surrogates (Cs) and controls (Cc) included
HOSTILE = st.text(st.characters(codec=None, exclude_categories=()), max_size=200)


def lint_everywhere(source: str) -> None:
    for name in NAMES:
        result = LINTER.lint_source(name, source)
        assert not [p for p in result.problems if p.kind == CRASH], result.problems


@FUZZ
@given(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]), st.binary(max_size=300))
def test_any_bytes_decode_cleanly_or_are_refused(bom, data):
    for name in NAMES:
        try:
            text = decode(name, bom + data)
        except InputError as exc:
            assert exc.detail and name in str(exc)
            continue
        assert "\r" not in text or name == "a.jsonl"
        lint_everywhere(text.replace("\r", " "))


def render(fmt: str, path: str, source: str) -> str:
    result = LINTER.lint_source(path, source)
    stream = io.StringIO()
    reporter = load_reporter(BUILTIN[fmt])(stream, LINTER.registry.rules)
    reporter.add(path, result.diagnostics, source)
    reporter.finish(Summary(files=1))
    return stream.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE, st.text(st.characters(codec=None, exclude_categories=()), min_size=1, max_size=12))
def test_surrogates_and_controls_reach_no_format_raw(text, stem):
    source = "Skip to content\n\n" + text.replace("\r", "") + "\n\nRead also:\n"
    for fmt in sorted(set(BUILTIN) - {"html"}):
        out = render(fmt, f"{stem}.txt", source)
        out.encode("utf-8")  # strict: a lone surrogate written raw would raise here
        assert "\x1b" not in out or fmt in ("json", "json-lines")  # terminals never get an escape
        if fmt in ("json", "sarif", "gitlab", "rdjson"):
            json.loads(out)


CONFIG_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | HOSTILE,
                             lambda c: st.lists(c, max_size=3) | st.dictionaries(HOSTILE, c, max_size=3), max_leaves=8)
CONFIG_KEYS = st.sampled_from(["select", "ignore", "include", "severity", "rules", "fail-on", "min-confidence",
                               "rule-timeout", "per-file-ignores", "baseline", "title-fields", "extend-select",
                               "respect-gitignore", "no-such-key"]) | HOSTILE
RULE_TABLES = st.dictionaries(st.sampled_from(["NL301", "NL403", "NL104", "NL3"]), st.dictionaries(
    st.sampled_from(["patterns", "extend-phrases", "pattern-timeout", "pattern-budget", "groups", "min-words",
                     "min-confidence", "x"]), CONFIG_VALUES, max_size=3), max_size=2)


@FUZZ
@given(st.dictionaries(CONFIG_KEYS, CONFIG_VALUES, max_size=4), RULE_TABLES)
def test_config_tables_load_or_fail_with_one_config_error(table, rules):
    table = {**table, "rules": rules} if rules else table
    try:
        Linter(config_from_table(table)).lint_source("a.txt", "Title here\n\nSkip to content\n")
    except UsageError as exc:
        assert str(exc)


@FUZZ
@given(HOSTILE)
def test_any_toml_text_loads_or_fails_with_one_config_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("cfg") / "c.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_config(str(path))
    except UsageError as exc:
        assert "c.toml" in str(exc)


@FUZZ
@given(CONFIG_VALUES)
def test_any_json_baseline_loads_or_fails_cleanly(tmp_path_factory, value):
    from newslint.baseline import load_baseline

    path = tmp_path_factory.mktemp("base") / "b.json"
    path.write_text(json.dumps({"version": 1, "findings": value}) if isinstance(value, list) else json.dumps(value))
    try:
        load_baseline(str(path)).filter([])
    except UsageError as exc:
        assert "b.json" in str(exc)


@FUZZ
@given(st.lists(st.sampled_from([b"{}", b'{"title": "T", "body": "x"}', b"\r", b"\n", b"\r\n", b" ", b"[1]", b'"'
                                 ]), max_size=200).map(b"".join), st.integers(8, 64))
def test_jsonl_chunks_cover_the_file_in_bounded_pieces(tmp_path_factory, data, chunk):
    from newslint import inputs

    path = tmp_path_factory.mktemp("jl") / "a.jsonl"
    path.write_bytes(data)
    saved, inputs.CHUNK_BYTES = inputs.CHUNK_BYTES, chunk
    try:
        chunks = list(inputs.jsonl_chunks(str(path)))
    finally:
        inputs.CHUNK_BYTES = saved
    assert b"".join(c for _, c in chunks) == data
    firsts = [first for first, _ in chunks]
    assert firsts == sorted(firsts) and (not firsts or firsts[0] == 1)
    seen = 0
    for _, c in chunks[:-1]:  # cut after a line end; after a CR only while no LF was seen
        seen += len(c)
        assert c.endswith(b"\n") or (c.endswith(b"\r") and b"\n" not in data[:seen + 1])


DEEP = {
    "json-arrays": ("a.json", lambda n: "[" * n + "]" * n),
    "json-unclosed": ("a.json", lambda n: '{"a":' * n),
    "jsonl-objects": ("a.jsonl", lambda n: '{"a":' * n + "1" + "}" * n + "\n"),
    "html-divs": ("a.html", lambda n: "<div>" * n + "text" + "</div>" * n),
    "html-unclosed-tags": ("a.html", lambda n: "<b><i>" * n + "text"),
    "markdown-quotes": ("a.md", lambda n: ">" * n + " text\n"),
    "markdown-lists": ("a.md", lambda n: "".join("  " * (i % 200) + "- item\n" for i in range(n))),
    "markdown-links": ("a.md", lambda n: "[" * n + "x" + "](u)" * n),
    "markdown-emphasis": ("a.md", lambda n: "*_" * n + "x"),
    "text-footnote-refs": ("a.txt", lambda n: "Title here\n\n" + "[1]" * n + "\n\n[1] Note.\n"),
    "suppression-comments": ("a.md", lambda n: "<!-- newslint: disable NL301 -->\n" * n),
    "control-characters": ("a.txt", lambda n: "".join(chr(i % 32) for i in range(n)).replace("\n", " ")),
}


@pytest.mark.parametrize("case", sorted(DEEP))
def test_deep_nesting_and_huge_counts_are_no_crash(case):
    name, make = DEEP[case]
    for n in (1_000, 30_000):
        result = LINTER.lint_source(name, make(n))
        assert not [p for p in result.problems if p.kind == CRASH], (case, n, result.problems)
