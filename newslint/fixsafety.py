"""Where a fix must not remove a line although a rule reports it: the cells of a flattened table.

Extractors write a table as one short line per cell. Cells repeat ("Up to 45 days" in two
columns), are dates or figures, or read like headings, so shape and repetition rules report them;
removing one cell shifts every later cell into the wrong column and loses data (on wcxb/, body
table cells were removed this way). An unsafe fix is withheld there; the finding stays. Safe
fixes (an exact boilerplate line, a repeated title) are not: their evidence is the line itself.

A table here is a run of at least ``MIN_RUN`` consecutive lines, none of them a sentence (at most
``MAX_WORDS`` words, no closing full stop, question or exclamation mark), in which half the lines
hold a digit or a line repeats. A menu of section names has no digits and is not a table.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .regexcache import LazyPattern

if TYPE_CHECKING:
    from .document import Block, Document

MIN_RUN = 4
MAX_WORDS = 10
# compiled on first use: only a finding with an unsafe fix asks about tables
_SENTENCE_END = LazyPattern(r"[.!?][\"'”’)\]]*$")
_DIGIT = LazyPattern(r"\d")


def _cell(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s.split()) <= MAX_WORDS and not _SENTENCE_END.search(s)


def _tabular(run: list[str]) -> bool:
    stripped = [s.strip() for s in run]
    digits = sum(1 for s in stripped if _DIGIT.search(s))
    return len(run) >= MIN_RUN and (2 * digits >= len(run) or len(set(stripped)) < len(run))


def table_lines(text: str) -> set[int]:
    """The start offsets of the lines of ``text`` that are cells of a flattened table."""
    out: set[int] = set()
    run: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n") + [""]:
        if _cell(line):
            run.append((pos, line))
        else:
            if _tabular([s for _, s in run]):
                out.update(p for p, _ in run)
            run = []
        pos += len(line) + 1
    return out


def in_table(doc: "Document", block: "Block", start: int) -> bool:
    """Whether the line of ``block.text`` holding offset ``start`` is a table cell."""
    key = ("table-lines", block.index)
    if key not in doc.cache:
        doc.cache[key] = table_lines(block.text)
    return block.text.rfind("\n", 0, start) + 1 in doc.cache[key]
