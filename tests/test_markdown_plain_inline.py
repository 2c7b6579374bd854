"""Markdown inline content without inline syntax skips markdown-it's inline parser (issue 17):
the blocks, their text and their runs into the source stay those of the full parse."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from newslint.parsers import markdown as md_parser
from newslint.parsers.markdown import parse_markdown

PIECES = ["a", "word", "-     x", "1.      y", ">     z", "\n    ", "Word.", " ", "  ", "   ", "\t", "\n", "\n\n", "\n  ", "\n\t", "# ", "## ", "- ", "* ", "> ",
          "1. ", "*", "_", "`", "[", "]", "(", ")", "!", "![", "&amp;", "&", "<b>", "<", "\\", ":", "---\n", "===\n",
          "é", "[^1]", "[^1]: ", "~", "|", "    code", "```\n", "title: x\n", "\u00a0", "\0", "\r\n"]


def blocks_of(source: str, fast: bool):
    doc = parse_markdown("a.md", source, plain_fast_path=fast)
    return [(b.kind, b.text, b.runs, b.meta) for b in doc.blocks], doc.metadata


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_plain_inline_content_gives_the_blocks_of_the_full_parse(parts):
    source = "".join(parts)
    assert blocks_of(source, True) == blocks_of(source, False)


def test_sources_with_carriage_returns_or_nuls_are_still_normalised():
    source = "# Title\r\n\r\nOne line\r\ntwo\0 line\n"
    assert blocks_of(source, True) == blocks_of(source, False)
    assert [b.text for b in parse_markdown("a.md", source).blocks] == ["Title", "One line\ntwo\ufffd line"]


def test_soft_and_hard_breaks_and_indented_lines_as_the_parser_makes_them():
    source = "# Title here\n\nOne line  \n   two line \n\tthree\nfour   \nfive\n\n- item one\n  item two\n"
    assert blocks_of(source, True) == blocks_of(source, False)


def test_only_content_with_inline_syntax_reaches_the_inline_parser(monkeypatch):
    source = "# A plain title\n\nA plain paragraph\nover two lines.\n\nOne *emphasised* word.\n"
    md = md_parser._parser_for(source)
    seen = []
    real = md.inline.parse
    monkeypatch.setattr(md.inline, "parse", lambda src, *a: seen.append(src) or real(src, *a))
    doc = parse_markdown("a.md", source)
    assert seen == ["One *emphasised* word."]
    assert [b.text for b in doc.blocks] == ["A plain title", "A plain paragraph\nover two lines.", "One emphasised word."]


def test_block_rules_a_source_cannot_start_are_left_out():
    """A source without ">", "`", "~", "<" or "[" is parsed without the block rules they start."""
    md = md_parser._parser_for("# Title\n\nText.\n")
    assert not {"blockquote", "fence", "html_block", "reference", "code"} & set(md.block.ruler.get_active_rules())
    assert "heading" in md.block.ruler.get_active_rules()
    quoted = "# Title\n\n> A quote\n\n```\ncode\n```\n\n<div>x</div>\n\n[a]: https://example.com\n\n    indented\n"
    assert blocks_of(quoted, True) == blocks_of(quoted, False)
    assert set(md_parser._parser_for(quoted).block.ruler.get_active_rules()) == set(
        md_parser._parser(False).block.ruler.get_active_rules())
