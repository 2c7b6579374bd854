"""HTML fixes: remove the element whose whole text is the finding's line, and nothing else.

The parser's runs say where the line's characters sit in the source. From there the nearest
enclosing elements are tried, innermost first; one is removed only when its visible text (tags
stripped, entities decoded, spaces folded) is exactly the line, so markup around it and every
other element stay as they were. If no element qualifies, the finding is not fixed. A table's
cells, rows and sections are structure too: removing a cell moves every later cell of its row
into the wrong column (``fixsafety`` guards flattened cells in text the same way), so only an
element inside a cell may go.
"""
from __future__ import annotations

import html
import re

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(/?)>")
_ANY_TAG = re.compile(r"<[^>]*>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_STRUCTURE = {"html", "head", "body", "main", "article", "template", "table", "thead", "tbody", "tfoot", "tr", "td", "th"}
_MAX_TRIES = 8


def visible(fragment: str) -> str:
    return " ".join(html.unescape(_ANY_TAG.sub(" ", fragment)).split())


def _close_of(src: str, name: str, start: int, limit: int) -> int | None:
    """The end of the element whose start tag ends at ``start`` (nested same-name tags counted)."""
    depth = 1
    for m in _TAG.finditer(src, start, limit):
        if m.group(2).lower() != name or m.group(3):
            continue
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return None


def element_span(src: str, s0: int, e0: int, line: str) -> tuple[int, int] | None:
    """``(start, end)`` of the largest element around ``src[s0:e0]`` whose text is ``line`` (so
    ``<div class="share"><span>Share</span></div>`` goes whole), below the page's structure."""
    want = " ".join(line.split())
    pos, tries, found = s0, 0, None
    limit = min(len(src), e0 + 20 * (e0 - s0) + 2000)
    while tries < _MAX_TRIES:
        a = src.rfind("<", 0, pos)
        if a < 0:
            break
        pos = a
        m = _TAG.match(src, a)
        if m is None or m.group(1) or m.group(3) or m.group(2).lower() in _VOID:
            continue
        tries += 1
        name = m.group(2).lower()
        end = _close_of(src, name, m.end(), limit)
        if end is None or end < e0:
            continue
        if name in _STRUCTURE or visible(src[m.end():end]) != want:
            break  # a larger element holds other text too, or is the page itself
        found = (a, end)
    return found


def removal(src: str, a: int, b: int) -> tuple[int, int]:
    """Widen ``[a, b)`` to its whole source line when nothing else is left on it."""
    la = src.rfind("\n", 0, a) + 1
    lb = src.find("\n", b)
    lb = len(src) if lb < 0 else lb
    if not src[la:a].strip() and not src[b:lb].strip():
        return la, min(lb + 1, len(src))
    return a, b
