"""The document model: articles as blocks of plain text that remember where they came from.

Parsers turn a source file into a :class:`Document` made of :class:`Block` objects. A block's
``text`` is what a reader sees (markup stripped, entities and JSON escapes decoded), and its
``runs`` map every character of that text back to an offset in the decoded source, so a rule can
report ``block.text[i:j]`` and the engine turns it into an exact line and column in the file.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Iterator

def line_starts(source: str) -> list[int]:
    """Offsets at which each line of ``source`` starts (lines end with ``\\n``)."""
    starts = [0]
    find = source.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


BLOCK_KINDS = ("title", "heading", "paragraph", "list_item", "quote", "footnote", "caption", "table_cell")


@dataclass(eq=False)
class Block:
    """One unit of reading-order text.

    ``runs`` is a sorted list of ``(text_offset, source_offset, length)``: the characters
    ``text[t:t+length]`` come from ``source[s:s+length]``. Characters between runs (a joining
    space, a decoded entity) map to the start of the next run.
    """

    kind: str
    text: str
    runs: list[tuple[int, int, int]]
    index: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    #: text offset -> source end offset, for characters written wider in the source than in the
    #: text (an HTML entity, a JSON escape): ``&amp;`` is one character of text, five of source.
    wide: dict[int, int] = field(default_factory=dict)

    @classmethod
    def verbatim(cls, kind: str, text: str, source_offset: int, **kw: Any) -> "Block":
        """A block whose text is a plain slice of the source."""
        return cls(kind, text, [(0, source_offset, len(text))], **kw)

    def source_offset(self, i: int) -> int:
        """Map an offset into ``self.text`` (0..len) to an offset into the decoded source."""
        runs = self.runs
        if not runs:
            return 0
        if len(runs) == 1:  # a verbatim block (most blocks): no search; the same answers as below
            t, s, n = runs[0]
            return s if i < t else s + min(i - t, n)
        k = bisect.bisect_right(runs, (i, float("inf"), 0)) - 1
        if k < 0:
            return runs[0][1]
        t, s, n = runs[k]
        if i <= t + n:
            return s + (i - t)
        # In a gap after run k: belongs to the next run's start if there is one.
        return runs[k + 1][1] if k + 1 < len(runs) else s + n

    def source_end(self, j: int) -> int:
        """Map an exclusive end offset into ``self.text`` to an exclusive source offset."""
        if j <= 0:
            return self.source_offset(0)
        end = self.wide.get(j - 1) if self.wide else None
        return end if end is not None else self.source_offset(j - 1) + 1

    def lines(self) -> Iterator[tuple[int, int, str]]:
        """Yield ``(start, end, text)`` for each non-blank line of the block."""
        start = 0
        for part in self.text.split("\n"):
            left = part.lstrip()
            if left:  # one lstrip and one rstrip per line, not four strips
                lead = start + len(part) - len(left)
                body = left.rstrip()
                yield lead, lead + len(body), body
            start += len(part) + 1

    @property
    def start_offset(self) -> int:
        return self.source_offset(0)


class Line:
    """A non-blank line of one block, as rules that compare lines see it.

    A plain class with slots, not a dataclass: one is made for every line of every document."""

    __slots__ = ("block", "start", "end", "text", "number")

    def __init__(self, block: Block, start: int, end: int, text: str, number: int):
        self.block = block
        self.start = start
        self.end = end
        self.text = text
        self.number = number  # 1-based source line where it starts

    def __repr__(self) -> str:
        return f"Line(start={self.start}, end={self.end}, text={self.text!r}, number={self.number})"


@dataclass(eq=False)
class Document:
    """A parsed article.

    ``source`` is the decoded file text with line ends normalised to ``\\n`` (so CRLF, CR and LF
    give identical positions). For a JSON Lines file each record is its own Document that shares
    the file's ``source``; ``record`` is then its 1-based number and ``fields`` maps each block to
    the JSON pointer of the field it came from.
    """

    path: str
    format: str
    source: str
    blocks: list[Block]
    metadata: dict[str, Any] = field(default_factory=dict)
    record: int | None = None
    id: str | None = None
    #: The file line that ``source`` starts on: 1, except for a chunk of a streamed JSON Lines file.
    first_line: int = 1
    #: Where each line of ``source`` starts. Computed on first use; a parser that has already
    #: indexed the source passes its list, and one that makes many documents over one source
    #: (JSON Lines records) shares one list, since indexing the whole file once per record made
    #: parsing quadratic in the number of records.
    source_line_starts: list[int] | None = field(default=None, repr=False)
    # ``lines`` is computed on first use: a plain attribute, not functools.cached_property, which
    # takes a lock on every first access on Python < 3.12
    _lines: list[Line] | None = field(default=None, init=False, repr=False)
    #: Per-document scratch space shared by all rules (normalised lines, token sets...): a plain
    #: attribute, read a few dozen times per document (``Analysis.of``), so no property call
    cache: dict[Any, Any] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for i, block in enumerate(self.blocks):
            block.index = i

    @property
    def title(self) -> Block | None:
        for block in self.blocks:
            if block.kind == "title":
                return block
        return None

    @property
    def line_starts(self) -> list[int]:
        if self.source_line_starts is None:
            self.source_line_starts = line_starts(self.source)
        return self.source_line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count code points."""
        k = bisect.bisect_right(self.line_starts, offset) - 1
        return k + self.first_line, offset - self.line_starts[k] + 1

    @property
    def lines(self) -> list[Line]:
        """Every non-blank line of every block, in reading order, computed once per document."""
        if self._lines is None:
            out = []
            starts, first = self.line_starts, self.first_line  # position(...)[0], without a call per line
            for block in self.blocks:
                one = block.runs[0] if len(block.runs) == 1 else None  # a verbatim block: source_offset inline
                text = block.text
                if "\n" not in text:  # one line (most paragraphs): Block.lines without its generator
                    left = text.lstrip()
                    if left:
                        start = len(text) - len(left)
                        body = left.rstrip()
                        offset = (one[1] if start < one[0] else one[1] + min(start - one[0], one[2])) if one \
                            else block.source_offset(start)
                        out.append(Line(block, start, start + len(body), body, bisect.bisect_right(starts, offset) - 1 + first))
                    continue
                for start, end, text in block.lines():
                    offset = (one[1] if start < one[0] else one[1] + min(start - one[0], one[2])) if one \
                        else block.source_offset(start)
                    out.append(Line(block, start, end, text, bisect.bisect_right(starts, offset) - 1 + first))
            self._lines = out
        return self._lines
