"""HTML articles, read with the standard library's tolerant HTML parser.

Every visible text block is kept (residue is what newslint looks for); ``<script>``, ``<style>``,
``<template>``, ``<svg>``, ``<noscript>`` (tracking pixels) and ``<pre>`` (code, as Markdown
fences) are skipped. Comments close as browsers close them (``--!>``, ``<!-->``). Footnote lists
are known by their markup (``footnotes``, ``doc-endnotes``, ``references``) and each note keeps
the label of its id (``fn3``, ``cite_note-3``). Entities are decoded, and each text node keeps
its exact source position. Nothing is fetched, executed or expanded.
"""
from __future__ import annotations

from ..document import Document
from ..plugins import hookimpl
from . import format_of

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "td", "tfoot", "th", "thead", "title", "tr", "ul", "option", "button", "label", "select", "textarea",
}
SKIP_TAGS = {"script", "style", "template", "svg", "noscript", "pre"}
# WHATWG comment ends Python's parser lacks, same length so positions stay exact ("--!>", "<!-->")
_COMMENT_FIXES = (("--!>", "!-->"), ("<!--->", "<!-xx>"), ("<!-->", "<!-x>"))
_NOTE_CONTAINER = ("footnotes", "endnotes", "references", "reflist", "doc-endnotes", "notes")
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_WS = str.maketrans("\n\t\r\f", "    ")


def _collector_class():
    """The collector is imported on first use: plain-text runs never load the HTML parser."""
    from .html_collector import _Collector

    return _Collector


def _note_label(element_id: str) -> str | None:
    """The label a note's id gives it: "fn3", "fn:3", "cite_note-3", "cite_note-smith-3", "note-3"."""
    import re

    low = element_id.lower()
    m = re.search(r"(\d{1,3})$", low) if any(k in low for k in ("fn", "note", "ref", "cite")) else None
    return m.group(1) if m else None


def parse_html(path: str, source: str) -> Document:
    collector = _collector_class()(source)
    fed = source[:_tokenizable_end(source)]
    for bad, good in _COMMENT_FIXES:
        fed = fed.replace(bad, good) if bad in fed else fed
    collector.feed(fed)
    collector.close()
    collector.flush()
    metadata = dict(collector.metadata)
    if collector.title_text:
        metadata["html_title"] = " ".join("".join(collector.title_text).split())
    return Document(path=path, format="html", source=source, blocks=collector.blocks, metadata=metadata,
                    source_line_starts=collector.starts)


def _tokenizable_end(source: str) -> int:
    """Where to stop feeding the standard-library tokenizer, which re-scans an unterminated
    construct to the end of the input for every ``<`` in it (``<a``x80k, ``<!--``x40k were
    quadratic). Per HTML, an unclosed comment and a tag cut by the end of the file hide the rest
    of it. The cut is made only past a few dozen ``<``: ordinary pages parse exactly as before."""
    import re

    last_close = source.rfind("-->")
    unclosed = source.find("<!--", last_close + 3 if last_close >= 0 else 0)
    end = unclosed if unclosed >= 0 else len(source)
    tail = source.rfind(">", 0, end) + 1
    found = re.compile(r"<[A-Za-z/!?]").search(source, tail, end)
    cut = found.start() if found else end
    return cut if source.count("<", cut) > 64 else len(source)


@hookimpl(trylast=True)
def newslint_parse_document(path, source, config):
    if format_of(path) != "html":
        return None
    return parse_html(path, source)
