"""Property tests: every span a rule reports maps back to exactly the source characters it names,
through Markdown markup, HTML tags and entities, and JSON string escapes."""
from __future__ import annotations

import html
import json
import re

import pytest

from hypothesis import HealthCheck, given, settings, strategies as st

from newslint import Rule
from newslint.config import Config
from newslint.inputs import decode
from newslint.linter import Linter
from newslint.plugins import core_registry


class EchoWords(Rule):
    """Reports every word of every block (test helper).

    ## What it does
    ## Why is this bad?
    ## Example
    ## Options
    """

    code = "T001"
    name = "echo-words"

    def check(self, document, ctx):
        for block in document.blocks:
            for m in re.finditer(r"\S+", block.text):
                ctx.report(block, m.start(), m.end(), "word")


def linter() -> Linter:
    registry = core_registry()
    EchoWords.plugin = "tests"
    registry.rules = {"T001": EchoWords}
    return Linter(Config(select=["T001"]), registry)


LINTER = linter()


def slice_of(source: str, d) -> str:
    lines = source.split("\n")
    if d.line == d.end_line:
        return lines[d.line - 1][d.column - 1:d.end_column - 1]
    parts = [lines[d.line - 1][d.column - 1:]] + lines[d.line:d.end_line - 1] + [lines[d.end_line - 1][:d.end_column - 1]]
    return "\n".join(parts)


word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éßжй", min_size=1, max_size=8)
words = st.lists(word, min_size=1, max_size=8).map(" ".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(st.tuples(words, st.sampled_from(["\n", "\n\n", "\n  \n"])), min_size=1, max_size=10))
def test_plain_text_spans_are_exact(parts):
    source = "".join(w + sep for w, sep in parts)
    result = LINTER.lint_source("a.txt", source)
    assert result.diagnostics
    for d in result.diagnostics:
        assert slice_of(source, d) == d.excerpt


@st.composite
def markdown_blocks(draw):
    kind = draw(st.sampled_from(["p", "h", "li", "quote", "em", "link", "code"]))
    text = draw(words)
    if kind == "h":
        return "#" * draw(st.integers(1, 4)) + " " + text
    if kind == "li":
        return "- " + text
    if kind == "quote":
        return "> " + text
    if kind == "em":
        first, _, rest = text.partition(" ")
        return f"**{first}** {rest}".rstrip()
    if kind == "link":
        return f"see [{text}](https://example.com/x) now"
    if kind == "code":
        return f"use `{text}` here"
    return text


@SETTINGS
@given(st.lists(markdown_blocks(), min_size=1, max_size=8))
def test_markdown_spans_are_exact(blocks):
    source = "\n\n".join(blocks) + "\n"
    result = LINTER.lint_source("a.md", source)
    for d in result.diagnostics:
        assert slice_of(source, d) == d.excerpt


@st.composite
def html_blocks(draw):
    tag = draw(st.sampled_from(["p", "h1", "h2", "li", "div", "blockquote", "td"]))
    text = draw(words)
    if draw(st.booleans()):
        first, _, rest = text.partition(" ")
        text = f"<b>{first}</b> {rest}".rstrip()
    if draw(st.booleans()):
        text += " a&amp;b &#233;t&eacute;"
    return f"<{tag} class='x'>{text}</{tag}>"


@SETTINGS
@given(st.lists(html_blocks(), min_size=1, max_size=8), st.sampled_from(["\n", "", "\n\n  "]))
def test_html_spans_are_exact(blocks, sep):
    # the script's words hold "_", which the generated text never does: none may be reported
    source = "<html><body>" + sep.join(blocks) + "<script>var_x = '<p>not_text</p>';</script></body></html>"
    result = LINTER.lint_source("a.html", source)
    assert result.diagnostics
    for d in result.diagnostics:
        assert html.unescape(slice_of(source, d)) == d.excerpt
        assert "_" not in d.excerpt


@SETTINGS
@given(st.lists(st.tuples(words, words), min_size=1, max_size=5), st.booleans())
def test_json_spans_go_through_escapes(records, pretty):
    objs = [{"id": i, "title": t, "body": b.replace(" ", '\n\n"é\t', 1)} for i, (t, b) in enumerate(records)]
    if pretty:
        name, source = "a.json", json.dumps(objs, indent=2, ensure_ascii=bool(len(objs) % 2))
    else:
        name, source = "a.jsonl", "\n".join(json.dumps(o) for o in objs) + "\n"
    result = LINTER.lint_source(name, source)
    assert result.diagnostics and not result.errors
    for d in result.diagnostics:
        assert d.line == d.end_line
        assert json.loads('"' + slice_of(source, d) + '"') == d.excerpt
        assert d.record is not None and d.field in ("/title", "/body")


@SETTINGS
@given(st.lists(words, min_size=1, max_size=6))
def test_line_endings_and_bom_give_identical_positions(paragraphs):
    text = "\n\n".join(paragraphs) + "\n"
    variants = [text.encode(), ("\ufeff" + text).encode(), text.replace("\n", "\r\n").encode(),
                text.replace("\n", "\r").encode(), text.encode("utf-16")]
    results = []
    for data in variants:
        source = decode("a.txt", data)
        results.append([(d.line, d.column, d.end_line, d.end_column) for d in LINTER.lint_source("a.txt", source).diagnostics])
    assert all(r == results[0] for r in results)


@pytest.mark.parametrize("text, title", [
    # a one-to-three-word line yields the title to a headline just after it ("Skip to content")
    ("Skip to content\n\nMinister resigns after leak inquiry\n\nThe minister said.", "Minister resigns after leak inquiry"),
    # ... but a long exclamation is a sentence of the article, not its headline
    ("Election Results\n\nOn this page you will always find the latest results of every race we cover!\n\n"
     "Bookmark it.", "Election Results"),
    ("Rescue at sea!\n\nA fishing crew was saved on Monday.", "Rescue at sea!"),
])
def test_plain_text_title(text, title):
    from newslint.parsers.text import plain_blocks

    assert [b.text for b in plain_blocks(text) if b.kind == "title"] == [title]
