"""The HTML parser's event collector: turns the standard-library tokenizer's events into
blocks of visible text with exact source positions. Imported only when an HTML file is parsed,
so plain-text runs never load the standard-library HTML parser."""
from __future__ import annotations

import html
from html.parser import HTMLParser

from ..document import Block, line_starts
from .html import BLOCK_TAGS, SKIP_TAGS, _NOTE_CONTAINER, VOID_TAGS, SUPERSCRIPT, _WS, _note_label


class _Collector(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.starts = line_starts(source)
        self.blocks: list[Block] = []
        self.metadata: dict[str, str] = {}
        self.stack: list[tuple[str, str]] = []  # (tag, block kind it implies)
        self.kinds: list[str] = []  # the block kind in force at each stack entry
        self.open_at: dict[str, list[int]] = {}  # stack indexes of each open tag
        self.footnotes = 0  # stack entries of kind "footnote"
        self.skip = 0
        self.sup = 0
        self.footnote_depth = 0
        self.in_title = False
        self.title_text: list[str] = []
        self.h1_seen = False
        self.parts: list[str] = []
        self.runs: list[tuple[int, int, int]] = []
        self.wide: dict[int, int] = {}
        self.length = 0
        self.note_label: str | None = None

    def source_pos(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col if line - 1 < len(self.starts) else len(self.source)

    # block assembly ----------------------------------------------------------------------------
    def current_kind(self) -> str:  # O(1): each stack entry carries the kind in force there
        return self.kinds[-1] if self.kinds else "paragraph"

    def flush(self) -> None:
        text = "".join(self.parts)
        if text.strip():
            lead = len(text) - len(text.lstrip())
            stripped = text.strip()
            runs = []
            for t, s, n in self.runs:
                a, b = max(t, lead), min(t + n, lead + len(stripped))
                if a < b:
                    runs.append((a - lead, s + (a - t), b - a))
            wide = {t - lead: e for t, e in self.wide.items() if lead <= t < lead + len(stripped)}
            kind = self.current_kind()
            if kind == "title" and self.h1_seen:
                kind = "heading"
            if kind == "title":
                self.h1_seen = True
            meta = {}
            if kind == "footnote" and self.note_label:
                meta["label"] = self.note_label
            self.blocks.append(Block(kind, stripped, runs, wide=wide, meta=meta))
        self.parts, self.runs, self.wide, self.length = [], [], {}, 0

    def add_text(self, text: str, source_offset: int | None) -> None:
        if source_offset is not None:
            self.runs.append((self.length, source_offset, len(text)))
        self.parts.append(text)
        self.length += len(text)

    # parser callbacks ---------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
            return
        if tag == "meta":
            a = dict(attrs)
            key = a.get("property") or a.get("name")
            if key and a.get("content"):
                self.metadata[key] = a["content"]
            return
        if tag == "title":
            self.in_title = True
            return
        if tag == "br":
            self.add_text("\n", None)
            return
        if tag == "sup":
            self.sup += 1
            return
        if tag in BLOCK_TAGS:
            self.flush()
            attr = dict(attrs)
            marker = f"{attr.get('id') or ''} {attr.get('class') or ''} {attr.get('role') or ''}".lower()
            is_note = "footnote" in marker or marker.startswith("fn") or "doc-endnote" in marker or (
                tag in ("ol", "ul", "section", "div", "aside") and any(w in marker.split() for w in _NOTE_CONTAINER))
            kind = {"h1": "title", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
                    "h6": "heading", "li": "list_item", "blockquote": "quote", "figcaption": "caption",
                    "td": "table_cell", "th": "table_cell", "dt": "list_item", "dd": "list_item"}.get(tag, "")
            if is_note or (self.footnote_depth and tag == "li"):
                kind = "footnote"
                if tag == "li":
                    self.note_label = _note_label(attr.get("id") or "")
            if tag not in VOID_TAGS:
                self.stack.append((tag, kind))
                self.kinds.append(kind or (self.kinds[-1] if self.kinds else "paragraph"))
                self.open_at.setdefault(tag, []).append(len(self.stack) - 1)
                if kind == "footnote":
                    self.footnotes += 1
                if is_note:
                    self.footnote_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self.in_title = False
            return
        if tag == "sup":
            self.sup = max(0, self.sup - 1)
            return
        if tag in BLOCK_TAGS:
            self.flush()
            if tag == "li":
                self.note_label = None
            if self.open_at.get(tag):  # the innermost open one, found without walking the stack
                self.close_from(self.open_at[tag][-1])
            self.footnote_depth = self.footnotes

    def close_from(self, i: int) -> None:
        """Pop the stack down to entry ``i``: each entry is popped once, so unclosed tags stay linear."""
        while len(self.stack) > i:
            tag, kind = self.stack.pop()
            self.kinds.pop()
            self.open_at[tag].pop()
            if kind == "footnote":
                self.footnotes -= 1

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_title:
            self.title_text.append(data)
            return
        text = data.translate(_WS)
        if self.sup and text.strip().isdigit():
            text = text.translate(SUPERSCRIPT)
        self.add_text(text, self.source_pos())

    def _entity(self, raw: str) -> None:
        if self.skip:
            return
        decoded = html.unescape(raw).translate(_WS)
        if self.in_title:
            self.title_text.append(decoded)
            return
        offset = self.source_pos()
        for k in range(len(decoded)):
            self.runs.append((self.length + k, offset, 1))
            self.wide[self.length + k] = offset + len(raw)
        self.parts.append(decoded)
        self.length += len(decoded)

    def handle_entityref(self, name):
        self._entity(f"&{name};")

    def handle_charref(self, name):
        self._entity(f"&#{name};")
