"""Footnote analysis shared by NL201-NL204: markers and definitions, computed once per document."""
from __future__ import annotations

import re

from newslint.analysis import Analysis
from newslint.values import Value

from newslint.regexcache import cached_compile
from ._text import code_lines, is_prose, lazy_re, words

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_VALUE = {c: str(i) for i, c in enumerate(SUPERSCRIPTS)}
_NO_SUP = {ord(c): None for c in SUPERSCRIPTS}
# [1], [^1], [^note]; not a Markdown link "[1](url)" nor a reference definition "[1]: url".
# A marker is followed by a space, punctuation or the end: "[32]byte" and "map[[32]byte]" are code.
MARKER_RE = cached_compile(r"(?<!\[)\[(\^[^\]\s]{1,20}|\d{1,3})\](?![(:\w])")
# Grouped citations: "[4,5]", "[3–6]", "[1, 2, 7]".
GROUP_RE = lazy_re(r"(?<!\[)\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})+)\](?![(:\w])")
# A heading that opens a list of notes or references, in the languages the corpus has.
REF_HEAD_RE = lazy_re(
    r"^(?:#+\s*)?(?:references?|sources?|notes?|footnotes?|endnotes?|bibliography|citations?|works cited|"
    r"notes and references|references and notes|literature|quellen|anmerkungen|einzelnachweise|fußnoten|"
    r"fuentes|referencias|notas|referências|fonti|riferimenti|bibliografia|источники|примечания|литература)"
    r"\s*:?$", re.I)
# One item of such a list, keyed by its own label: "1. Smith", "- 1.Smith", "[2] Jones", "3) ...",
# "^ Smith" (a back-link caret, no label: its position is its number).
REF_ITEM_RE = lazy_re(r"^(?:[-*•]\s*)?(?:\[(\d{1,3})\]|(\d{1,3})[.):]|(\^|[-*•]))\s*\^?\s*(?=\S)")
SUP_RE = lazy_re(r"(?:(?<=[^\W\d_]{3})|(?<=[.,;:!?\"”’')\]]))[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?![⁰¹²³⁴⁵⁶⁷⁸⁹\w])")
DEF_START_RE = cached_compile(r"^(?:\[(\^[^\]\s]{1,20}|\d{1,3})\]:?|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))\s+(?=\S)")
GLUED_RE = lazy_re(r"(?<=[.!?\"”)])\s*\[(\^?[^\]\s]{1,20})\]:?\s+(?=[A-Z\"“])")
URL_ONLY_RE = lazy_re(r"^\S+://\S+$|^www\.\S+$")


class Mark(Value):
    """A footnote marker or definition. ``label``: "1"; "^note" is stored as "note"; superscripts
    become digits. ``weak``: a marker on a short line (a name, a comment count "[82]") or a
    definition from a reference list: counts for matching, but is not reported on its own."""

    __slots__ = ("label", "block", "start", "end", "line", "weak")

    def __init__(self, label: str, block: object, start: int, end: int, line: int, weak: bool = False):
        self.label = label
        self.block = block
        self.start = start
        self.end = end
        self.line = line
        self.weak = weak


class Notes(Value):
    """A document's footnotes; ``glued`` pairs a glued definition with the one it is glued to."""

    __slots__ = ("markers", "definitions", "glued")

    def __init__(self, markers: list[Mark], definitions: list[Mark], glued: list[tuple[Mark, Mark]]):
        self.markers = markers
        self.definitions = definitions
        self.glued = glued


def _label(raw: str) -> str:
    raw = raw.lstrip("^")
    return "".join(_SUP_VALUE.get(c, c) for c in raw)


def analyse(document) -> Notes:
    return FOOTNOTES.of(document)


def _may_have_notes(lines) -> bool:
    """False only when no line can give a marker or a definition: none holds "[" or a superscript
    digit, none is a footnote block and none opens a list of references (most articles)."""
    joined = "\n".join([line.text for line in lines])
    if "[" in joined or (not joined.isascii() and any(c in joined for c in SUPERSCRIPTS)):
        return True
    return any(line.block.kind == "footnote" or (len(line.text) < 60 and line.block.kind in ("heading", "paragraph")
                                                 and REF_HEAD_RE.match(line.text.strip())) for line in lines)


def _analyse(document) -> Notes:
    if not _may_have_notes(document.lines):
        return Notes([], [], [])
    return _analyse_lines(document)


def _analyse_lines(document) -> Notes:
    markers: list[Mark] = []
    definitions: list[Mark] = []
    glued: list[tuple[Mark, Mark]] = []
    ordinal = 0
    in_refs = False
    ref_ordinal = 0
    code = code_lines(document)
    for k, line in enumerate(document.lines):
        block, text = line.block, line.text
        if k in code:
            continue
        m = DEF_START_RE.match(text)
        is_def = m is not None and not (URL_ONLY_RE.match(text[m.end():].strip()) and not in_refs)
        if block.kind == "footnote" and m is None:
            label = block.meta.get("label")
            if label is None:
                ordinal += 1  # an HTML endnote list item with no written label: its position is its number
                label = str(ordinal)
            else:
                ordinal = int(label) if label.isdigit() else ordinal
            if not any(d.block is block for d in definitions[-1:]):
                definitions.append(Mark(label, block, line.start, line.start, line.number))
            continue
        if block.kind in ("heading", "paragraph") and len(text) < 60 and REF_HEAD_RE.match(text.strip()):
            in_refs, ref_ordinal = True, 0
            continue
        if in_refs and not is_def:
            r = REF_ITEM_RE.match(text)
            if r is not None:
                label = r.group(1) or r.group(2)
                if label is None:
                    label = str(ref_ordinal + 1)
                ref_ordinal = int(label)
                definitions.append(Mark(label, block, line.start, line.start + r.end(), line.number, weak=True))
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
        found = []
        if "[" in text:
            for mm in MARKER_RE.finditer(text):
                found.append((mm.start(), Mark(_label(mm.group(1)), block, line.start + mm.start(),
                                               line.start + mm.end(), line.number)))
            for mm in GROUP_RE.finditer(text):
                for label in _expand(mm.group(1)):
                    found.append((mm.start(), Mark(label, block, line.start + mm.start(), line.start + mm.end(),
                                                   line.number)))
        if not text.isascii() and any(c in text for c in SUPERSCRIPTS):  # most lines: ASCII, no superscript
            for mm in SUP_RE.finditer(text):
                found.append((mm.start(), Mark(_label(mm.group()), block, line.start + mm.start(),
                                               line.start + mm.end(), line.number)))
        if found:
            # markers count only in sentences: "Comments [82]" is a count and "Signal² — a blog" a
            # name, unless the marker follows a full stop, as a note does ("Kluivert 32.¹")
            bare = MARKER_RE.sub("", text).translate(_NO_SUP).rstrip()
            if len(words(bare)) < 4 or not is_prose(bare):
                for at, mark in found:
                    mark.weak = text[at - 1:at] not in (".", "!", "?")
            found.sort(key=lambda x: x[0])
            markers.extend(mark for _, mark in found)
    return Notes(markers, definitions, glued)


def _expand(group: str) -> list[str]:
    """ "4,5" -> ["4", "5"]; "3–6" -> ["3", "4", "5", "6"] (a range of at most 20)."""
    out: list[str] = []
    for part in re.split(r"\s*,\s*", group):
        bits = re.split(r"\s*[–-]\s*", part)
        if len(bits) == 2 and bits[0].isdigit() and bits[1].isdigit() and 0 <= int(bits[1]) - int(bits[0]) <= 20:
            out.extend(str(n) for n in range(int(bits[0]), int(bits[1]) + 1))
        elif part.strip().isdigit():
            out.append(part.strip())
    return out


def shown(label: str) -> str:
    return f"[{label}]" if label.isdigit() else f"[^{label}]"


#: Footnote markers, definitions and glued definitions of a document, keyed by label.
FOOTNOTES: "Analysis[Notes]" = Analysis("footnotes", lambda document, _options: _analyse(document))
