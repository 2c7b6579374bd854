"""Footnote analysis shared by NL201-NL204: markers and definitions, computed once per document."""
from __future__ import annotations

import re
from dataclasses import dataclass

from newslint.analysis import Analysis

from ._text import lazy_re

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_VALUE = {c: str(i) for i, c in enumerate(SUPERSCRIPTS)}
# [1], [^1], [^note]; not a Markdown link "[1](url)" nor a reference definition "[1]: url".
MARKER_RE = re.compile(r"\[(\^[^\]\s]{1,20}|\d{1,3})\](?![(:])")
SUP_RE = lazy_re(r"(?:(?<=[^\W\d_]{3})|(?<=[.,;:!?\"”’')\]]))[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?![⁰¹²³⁴⁵⁶⁷⁸⁹\w])")
DEF_START_RE = re.compile(r"^(?:\[(\^[^\]\s]{1,20}|\d{1,3})\]:?|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))\s+(?=\S)")
GLUED_RE = lazy_re(r"(?<=[.!?\"”)])\s*\[(\^?[^\]\s]{1,20})\]:?\s+(?=[A-Z\"“])")
URL_ONLY_RE = lazy_re(r"^\S+://\S+$|^www\.\S+$")


@dataclass
class Mark:
    label: str  # "1", "^note" is stored as "note"; superscripts become digits
    block: object
    start: int
    end: int
    line: int


@dataclass
class Notes:
    markers: list[Mark]
    definitions: list[Mark]
    glued: list[tuple[Mark, Mark]]  # (glued definition, the definition it is glued to)


def _label(raw: str) -> str:
    raw = raw.lstrip("^")
    return "".join(_SUP_VALUE.get(c, c) for c in raw)


def analyse(document) -> Notes:
    return FOOTNOTES.of(document)


def _analyse(document) -> Notes:
    markers: list[Mark] = []
    definitions: list[Mark] = []
    glued: list[tuple[Mark, Mark]] = []
    ordinal = 0
    for line in document.lines:
        block, text = line.block, line.text
        m = DEF_START_RE.match(text)
        is_def = m is not None and not URL_ONLY_RE.match(text[m.end():].strip())
        if block.kind == "footnote" and m is None:
            ordinal += 1  # an HTML endnote list item with no written label: its position is its number
            definitions.append(Mark(str(ordinal), block, line.start, line.start, line.number))
            continue
        if is_def:
            own = Mark(_label(m.group(1) or m.group(2)), block, line.start, line.start + m.end(), line.number)
            definitions.append(own)
            for g in GLUED_RE.finditer(text, m.end()):
                mark = Mark(_label(g.group(1)), block, line.start + g.start(1) - 1, line.start + g.end(1) + 1,
                            line.number)
                definitions.append(mark)
                glued.append((mark, own))
            continue
        if block.kind in ("title",):
            continue
        for mm in MARKER_RE.finditer(text):
            markers.append(Mark(_label(mm.group(1)), block, line.start + mm.start(), line.start + mm.end(), line.number))
        if any(c in text for c in SUPERSCRIPTS):
            for mm in SUP_RE.finditer(text):
                markers.append(Mark(_label(mm.group()), block, line.start + mm.start(), line.start + mm.end(), line.number))
    return Notes(markers, definitions, glued)


def shown(label: str) -> str:
    return f"[{label}]" if label.isdigit() else f"[^{label}]"


#: Footnote markers, definitions and glued definitions of a document, keyed by label.
FOOTNOTES: "Analysis[Notes]" = Analysis("footnotes", lambda document, _options: _analyse(document))
