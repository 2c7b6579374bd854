"""Fixes: text edits attached to findings, resolved to exact source ranges, composed and applied.

A rule declares fixability with class attributes (``fix = "remove-line"`` or ``"split-line"``,
``fix_safety = "safe" | "unsafe"``) and the engine builds the edit from the finding's span, or it
passes ``fix=Fix([Edit(start, end, replacement)])`` to ``ctx.report`` with offsets into the
reported block's text. :func:`resolve` turns either into a :class:`Fix` over the decoded source
(plain text, Markdown) or over one JSON string value (JSON, JSON Lines: ``literal`` names it).
``fixapply.apply_fixes`` composes fixes without overlap and applies them from the end, and its fix loop
re-lints until stable (``newslint.fixapply``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from . import regexcache
from .fixsafety import in_table
from .values import Value

if TYPE_CHECKING:
    from .document import Block, Document

SAFETIES = ("safe", "unsafe")
#: "edits": the rule builds each fix itself and passes it to ``ctx.report(..., fix=...)``
FIX_KINDS = ("remove-line", "remove-span", "split-line", "edits")
_WORD = regexcache.cached_compile(r"\w")
_SETEXT = regexcache.cached_compile(r"^ {0,3}(=+|-+)\s*$")
VISIBLE = regexcache.cached_compile(r"\S")


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` with ``replacement`` (an insertion when ``start == end``).

    A rule's edit is an offset into the reported block's text, or into ``block``'s when it names
    one (a fix that spans blocks, such as renumbering footnote markers and their definitions);
    resolved edits are source offsets and name no block."""

    start: int
    end: int
    replacement: str = ""
    block: Any = field(default=None, compare=False, repr=False)
    #: a deletion of whole lines (``line_deletion``): two that overlap are applied as one
    lines: bool = field(default=False, compare=False, repr=False)


@dataclass(frozen=True)
class Fix:
    """Edits applied together or not at all. ``literal`` (JSON only): the ``(start, end)`` source
    range of the string literal's contents; the edits are then offsets into its decoded value."""

    edits: tuple[Edit, ...]
    safety: str | None = None  # None: the reporting rule's ``fix_safety``
    literal: tuple[int, int] | None = None
    #: the edits at file positions, for reports (``fixreport.locate``)
    where: tuple = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "edits", tuple(sorted(self.edits, key=lambda e: (e.start, e.end))))


class FixPolicy(Value):
    """Which fixes a run applies: safe ones always, unsafe ones when asked; findings a baseline
    accepts are never fixed. ``max_passes`` bounds the re-lint loop: NL304's model judges a line by
    its neighbours, so on one raw page of 92 it peels a menu one item per pass (9 passes).
    ``strict=False`` (clean mode): fix the readable records of a JSON Lines file that has
    unreadable ones."""

    __slots__ = ("unsafe", "baseline", "max_passes", "strict")

    def __init__(self, unsafe: bool = False, baseline: Any = None, max_passes: int = 16, strict: bool = True):
        self.unsafe = unsafe
        self.baseline = baseline
        self.max_passes = max_passes
        self.strict = strict

    def wanted(self, diagnostics: Sequence[Any]) -> list[Any]:
        visible = self.baseline.filter(diagnostics) if self.baseline is not None else list(diagnostics)
        return [d for d in visible if d.fix is not None and (self.unsafe or d.fix.safety == "safe")]


# -- resolving a finding's fix to source (or JSON value) offsets -----------------------------------
def resolve(rule: Any, doc: "Document", block: "Block", start: int, end: int, fix: Fix | None,
            finding_safety: str | None = None) -> Fix | None:
    """The concrete fix of one finding, or None when it cannot be made exactly. ``finding_safety``
    overrides the rule's ``fix_safety`` for this finding."""
    declared = getattr(rule, "fix_safety", "safe")
    safety = (fix.safety if fix is not None else None) or finding_safety or declared
    if doc.format == "html":  # only whole elements are removed; other edits would cut markup
        return _remove_element(doc, block, start, end, safety) if fix is None and rule.fix == "remove-line" else None
    literal = block.meta.get("literal")
    if fix is not None:
        edits = list(fix.edits)
    elif rule.fix == "split-line":
        edits = [_split_edit(block.text, start)]
    elif rule.fix == "remove-span" and end > start:
        edits = [Edit(start, end)]
    elif rule.fix == "remove-line":
        bounds = _whole_lines(block.text, start, end)
        if bounds is None:
            partial = getattr(rule, "fix_partial", None)
            bounds = _whole_lines(block.text, start, end, partial=True) if partial else None
            if bounds is None:
                return None
            safety = partial if safety == "safe" else safety
        # a shape rule's finding made safe by its kind is still a shape: a table cell keeps it
        if "unsafe" in (safety, declared) and in_table(doc, block, bounds[0]):
            return None
        if literal is None:
            return _remove_source_lines(doc, block, bounds, safety)
        at = block.meta.get("at", 0)
        value = _value(doc, literal)
        edit = line_deletion(value, at + bounds[0], at + bounds[1])
        return Fix((edit,), safety, literal) if edit else None
    else:
        return None
    if literal is not None:
        out = []
        for e in edits:
            own = e.block or block
            if own.meta.get("literal") != literal:
                return None  # one fix edits one JSON string value
            at = own.meta.get("at", 0)
            out.append(Edit(at + e.start, at + e.end, e.replacement))
        return Fix(tuple(out), safety, literal)
    return _source_edits(doc, block, edits, safety)


def _remove_element(doc: "Document", block: "Block", start: int, end: int, safety: str) -> Fix | None:
    from .fixhtml import element_span, removal

    bounds = _whole_lines(block.text, start, end)
    if bounds is None:
        return None
    span = element_span(doc.source, block.source_offset(bounds[0]), block.source_end(bounds[1]),
                        block.text[bounds[0]:bounds[1]])
    return Fix((Edit(*removal(doc.source, *span)),), safety) if span else None


def _split_edit(text: str, start: int) -> Edit:
    j = start
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return Edit(j, start, "\n")


def _whole_lines(text: str, start: int, end: int, partial: bool = False) -> tuple[int, int] | None:
    """The stripped bounds of the lines ``[start, end)`` covers, if nothing but punctuation and
    spaces of those lines lies outside the span (anything may, when ``partial``)."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", max(end, start))
    le = len(text) if le < 0 else le
    if not partial and (_WORD.search(text, ls, start) or _WORD.search(text[end:le])):
        return None
    while ls < le and text[ls].isspace():
        ls += 1
    while le > ls and text[le - 1].isspace():
        le -= 1
    return (ls, le) if le > ls else None


def _value(doc: "Document", literal: tuple[int, int]) -> str:
    key = ("fix-literal", literal)
    cache = doc.cache
    if key not in cache:
        a, b = literal
        import json  # JSON documents only: off a plain run's import path

        cache[key] = json.loads(doc.source[a - 1:b + 1])
    return cache[key]


def _source_edits(doc: "Document", block: "Block", edits: Iterable[Edit], safety: str) -> Fix | None:
    out = []
    for e in edits:
        own = e.block or block
        s = own.source_offset(e.start)
        t = own.source_end(e.end) if e.end > e.start else s
        if doc.source[s:t] != own.text[e.start:e.end]:
            return None  # markup or an entity inside the span: the edit cannot be made exactly
        out.append(Edit(s, t, e.replacement))
    return Fix(tuple(out), safety)


def _remove_source_lines(doc: "Document", block: "Block", bounds: tuple[int, int], safety: str) -> Fix | None:
    src = doc.source
    s0, e0 = block.source_offset(bounds[0]), block.source_end(bounds[1])
    s = src.rfind("\n", 0, s0) + 1
    e = src.find("\n", e0)
    e = len(src) if e < 0 else e
    # no other visible text may share these source lines (text and Markdown blocks are in source
    # order, so only the neighbours can)
    for other in doc.blocks[max(0, block.index - 2):block.index + 3]:
        for _, rs, n in other.runs:
            a, b = max(rs, s), min(rs + n, e)
            if a < b and (a < s0 or b > e0) and src[a:b].strip():
                return None
    if doc.format == "markdown" and s < _front_matter_end(doc):
        return None  # front matter is data, not a line of the article
    if doc.format == "markdown" and e < len(src):
        after = src.find("\n", e + 1)
        if _SETEXT.match(src[e + 1:after if after >= 0 else len(src)]):
            return None  # a setext heading's underline would be left behind
    edit = line_deletion(src, s, e)
    return Fix((edit,), safety) if edit else None


def _front_matter_end(doc: "Document") -> int:
    """Where a leading ``---`` block closes (-1: none), found once per document: looked for per
    finding, it made a file of many removable lines under an unclosed ``---`` quadratic."""
    cache = doc.cache
    if "fix-front-matter-end" not in cache:
        src = doc.source
        cache["fix-front-matter-end"] = src.find("\n---", 3) if src.startswith("---") else -1
    return cache["fix-front-matter-end"]


def _blank(text: str, a: int, b: int) -> bool:
    return not text[a:b].strip()


def line_deletion(text: str, start: int, end: int) -> Edit | None:
    """Delete the lines holding ``text[start:end]`` with their line end; a line that is a paragraph
    of its own takes the blank separator after it (before it, at the end), so no double blank
    line is left behind."""
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    e = len(text) if e < 0 else e
    if not VISIBLE.search(text, s, e):  # in place: a joined deletion (fixapply) spans many lines
        return None
    # searched in place: copying the rest of the text per deletion made a file of many
    # removable lines quadratic (issue 17)
    if not VISIBLE.search(text, e):  # the last content: take the separator before it, keep the file's end
        return Edit(len(text[:s].rstrip()), e, lines=True)
    if s > 0 and not _blank(text, text.rfind("\n", 0, s - 1) + 1, s - 1):
        return Edit(s, e + 1, lines=True)  # a line inside a paragraph
    nxt = e + 1
    while nxt < len(text):
        line_end = text.find("\n", nxt)
        line_end = len(text) if line_end < 0 else line_end
        if not _blank(text, nxt, line_end):
            break
        nxt = line_end + 1
    return Edit(s, nxt, lines=True)
