"""Markdown articles, parsed by markdown-it-py (CommonMark) with YAML front matter.

Footnote references and definitions (``[^1]``, ``[^1]: ...``) are kept as literal text so that
the footnote rules see them exactly as written, including definitions nobody cites (the
markdown-it footnote plugin would silently drop those).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .. import regexcache
from ..document import Block, Document, line_starts
from ..plugins import hookimpl
from . import format_of

_FOOTNOTE_DEF = regexcache.cached_compile(r"^\[\^[^\]\s]+\]:")
_SKIP_INLINE = {"html_inline", "image"}
#: The characters at which a CommonMark inline rule other than ``text`` and ``newline`` can start (escape, code span, emphasis,
#: entity, autolink / inline HTML, link; an image starts with "![", so its "[" is here). Inline content without any of them
#: parses to its lines as text with soft or hard breaks between them, which ``_plain_children`` spells out directly.
_INLINE_SYNTAX = regexcache.cached_compile(r"[\\`*_&<\[]")
#: The inline rules whose trigger characters ``_INLINE_SYNTAX`` lists, and the post-processing ones (``ruler2``);
#: with any other rule active (a newer markdown-it-py, a plugin), every inline token goes through the parser.
_KNOWN_INLINE = {"text", "newline", "escape", "backticks", "emphasis", "link", "image", "autolink", "html_inline",
                 "entity"}
_KNOWN_INLINE_POST = {"balance_pairs", "emphasis", "fragments_join"}


#: CommonMark block rules that start only at a given character (after indentation): a source without any of those
#: characters gets a parser without them, never run on its lines (nor as paragraph terminators) to return False: same tokens.
_BLOCK_TRIGGERS = (("blockquote", ">"), ("fence", "`~"), ("html_block", "<"), ("reference", "["), ("heading", "#"))


def _parser_for(source: str, plain_fast_path: bool = True):
    if not plain_fast_path:
        return _parser(False)
    unused = []
    for name, chars in _BLOCK_TRIGGERS:
        if chars[0] not in source and chars[-1] not in source:  # one or two characters each
            unused.append(name)
    if "    " not in source and "\t" not in source:
        unused.append("code")  # no line can be indented four columns past its container's content
    return _parser(True, frozenset(unused))


@lru_cache(maxsize=128)  # at most 2 ** 6 sets of rules left out, and the full parser
def _parser(plain_fast_path: bool = True, unused: frozenset[str] = frozenset()):
    with regexcache.serving():  # markdown-it's ~60 patterns, compiled as it imports, from the cache
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").use(front_matter_plugin)
    active = md.block.ruler.get_active_rules()
    if unused and all(name in active for name in unused):
        md.block.ruler.disable(sorted(unused))
    if plain_fast_path and set(md.inline.ruler.get_active_rules()) <= _KNOWN_INLINE and \
            set(md.inline.ruler2.get_active_rules()) <= _KNOWN_INLINE_POST:
        md.core.ruler.at("inline", _inline_with_syntax)
    if plain_fast_path and "normalize" in md.core.ruler.get_active_rules():
        md.core.ruler.at("normalize", _normalize_if_needed)
    return md


def _normalize_if_needed(state) -> None:
    """markdown-it's ``normalize`` (CR and CRLF to LF, NUL to U+FFFD) for the sources that need
    it: the engine hands over text with LF line ends already, and the rule's substitution,
    which matches every line end, cost ~15 µs a file."""
    if "\r" in state.src or "\0" in state.src:
        from markdown_it.rules_core.normalize import normalize

        normalize(state)


def _inline_with_syntax(state) -> None:
    """markdown-it's core ``inline`` rule, for the inline tokens that need it: the others keep
    no children and are rendered by ``_plain_children``."""
    md, env = state.md, state.env
    for token in state.tokens:
        if token.type == "inline" and _INLINE_SYNTAX.search(token.content):
            if token.children is None:
                token.children = []
            md.inline.parse(token.content, md, env, token.children)


def _plain_children(content: str) -> list[tuple[str, str]]:
    """(type, content) of the children markdown-it's inline parser makes of ``content`` when
    it holds no inline syntax: each line as text, trailing spaces before a line end dropped
    (one: a soft break, two or more: a hard one), leading spaces and tabs of the next line
    skipped; an empty text is no token."""
    out: list[tuple[str, str]] = []
    parts = content.split("\n")
    last = len(parts) - 1
    for i, part in enumerate(parts):
        if i:
            part = part.lstrip(" \t")
        if i < last:
            kept = part.rstrip(" ")
            if kept:
                out.append(("text", kept))
            out.append(("hardbreak" if len(part) - len(kept) >= 2 else "softbreak", ""))
        elif part:
            out.append(("text", part))
    return out


def _content_runs(content: str, first_line: int, lines: list[str], starts: list[int]) -> list[tuple[int, int]]:
    """For each line of an inline token's raw content: (content offset, source offset)."""
    out = []
    pos = 0
    for i, part in enumerate(content.split("\n")):
        src_index = first_line + i
        if src_index < len(lines):
            src_line = lines[src_index]
            col = src_line.find(part) if part else len(src_line)
            col = max(col, 0)
            out.append((pos, starts[src_index] + col))
        pos += len(part) + 1
    return out


def _render_inline(token, lines, starts) -> tuple[str, list[tuple[int, int, int]]]:
    """Plain text of an inline token and its runs into the source."""
    content = token.content
    plain = not token.children and _INLINE_SYNTAX.search(content) is None  # see _inline_with_syntax
    if plain and content and "\n" not in content and token.map and token.map[0] < len(lines):
        # one line of plain text (most headings and short paragraphs): one run, as below
        first = token.map[0]
        return content, [(0, starts[first] + max(lines[first].find(content), 0), len(content))]
    base = _content_runs(content, token.map[0], lines, starts) if token.map else [(0, 0)]

    keys = [item[0] for item in base]

    def to_source(k: int) -> int:  # a bisect, not a walk: one paragraph may have 80k lines
        best = base[max(0, bisect_right(keys, k) - 1)]
        return best[1] + (k - best[0])

    text_parts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    length = 0
    cursor = 0
    if plain:
        children = _plain_children(content)
    else:
        children = [(child.type, child.content) for child in token.children]
    for kind, piece in children:
        if kind in _SKIP_INLINE:
            continue
        if kind in ("softbreak", "hardbreak"):
            text_parts.append("\n")
            length += 1
            nl = content.find("\n", cursor)
            cursor = nl + 1 if nl >= 0 else cursor
            continue
        if kind not in ("text", "code_inline") or not piece:
            continue
        k = content.find(piece, cursor)
        if k >= 0:
            # split the run at line ends inside the raw content (a piece never spans one here)
            runs.append((length, to_source(k), len(piece)))
            cursor = k + len(piece)
        text_parts.append(piece)
        length += len(piece)
    return "".join(text_parts), runs


def _front_matter(token, source: str, starts: list[int]) -> tuple[dict, Block | None]:
    meta: dict = {}
    title_block = None
    first = (token.map[0] if token.map else 0) + 1
    for i, line in enumerate(token.content.split("\n")):
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$", line)
        if not m or line[:1].isspace():
            continue
        key, value = m.group(1), m.group(2)
        raw = value
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[key] = value
        if key == "title" and value and first + i < len(starts):
            line_start = starts[first + i]
            col = source.find(raw, line_start) - line_start
            offset = line_start + col + (1 if raw != value else 0)
            title_block = Block.verbatim("title", value, offset)
    return meta, title_block


def parse_markdown(path: str, source: str, plain_fast_path: bool = True) -> Document:
    tokens = _parser_for(source, plain_fast_path).parse(source)
    lines = source.split("\n")
    starts = line_starts(source)
    blocks: list[Block] = []
    metadata: dict = {}
    have_title = False
    context: list[str] = []  # enclosing containers: "list_item", "quote"
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind == "front_matter":
            metadata, title_block = _front_matter(token, source, starts)
            if title_block is not None:
                blocks.append(title_block)
                have_title = True
        elif kind == "list_item_open":
            context.append("list_item")
        elif kind == "blockquote_open":
            context.append("quote")
        elif kind in ("list_item_close", "blockquote_close"):
            if context:
                context.pop()
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "inline":
            text, runs = _render_inline(token, lines, starts)
            if not text.strip():
                heading_level = 0
                continue
            if heading_level:
                block_kind = "heading"
                if heading_level == 1 and not have_title:
                    block_kind, have_title = "title", True
                blocks.append(Block("heading" if block_kind == "heading" else "title", text, runs,
                                    meta={"level": heading_level}))
                heading_level = 0
            elif _FOOTNOTE_DEF.match(text):
                blocks.extend(_split_definitions(text, runs))
            else:
                blocks.append(Block(context[-1] if context else "paragraph", text, runs))
    return Document(path=path, format="markdown", source=source, blocks=blocks, metadata=metadata,
                    source_line_starts=starts)


def _split_definitions(text: str, runs: list[tuple[int, int, int]]) -> list[Block]:
    """One footnote block per ``[^n]:`` line start; continuation lines stay with their definition."""
    cuts = [0] + [m.start() + 1 for m in re.finditer(r"\n(?=\[\^[^\]\s]+\]:)", text)] + [len(text) + 1]
    out = []
    run_starts = [t for t, _, _ in runs]  # in text order: each definition's runs found by bisect
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a:b - 1] if b - 1 <= len(text) else text[a:]
        sub = [(t - a, s, n) for t, s, n in runs[bisect_left(run_starts, a):bisect_left(run_starts, b)]]
        out.append(Block("footnote", piece, sub))
    return out


@hookimpl(trylast=True)
def newslint_parse_document(path, source, config):
    if format_of(path) != "markdown":
        return None
    return parse_markdown(path, source)
