from __future__ import annotations


from newslint import Rule
from newslint.fixes import Edit, Fix

from newslint.regexcache import cached_compile
from ._footnotes import SUPERSCRIPTS, analyse

_NUMBER = cached_compile(f"[0-9]+|[{SUPERSCRIPTS}]+")
_TO_SUP = str.maketrans("0123456789", SUPERSCRIPTS)
_FROM_SUP = str.maketrans(SUPERSCRIPTS, "0123456789")


class FootnoteNumbering(Rule):
    """Numbered footnotes skip a number or appear out of order.

    ## What it does
    Takes numeric markers in order of first appearance (or the definitions, when there are no
    markers) and reports the first one that skips a number (`[1]` then `[3]`) or goes back
    (`[1]`, `[3]`, `[2]`).

    ## Why is this bad?
    Gaps and reordering are the trace of deleted sentences or notes: something was cut and the
    references were not renumbered.

    ## Example
    ```text
    Profits rose[1] ... costs fell.[3]

    [1] Company statement.
    [3] Analyst note.
    ```

    ## Fix
    Unsafe: when the numbers only skip (markers in increasing order, every marker defined, every
    definition used, definitions in the same order, no grouped or ambiguous markers), markers and
    definitions are renumbered 1..n. Out-of-order notes are reported and left.

    ## Options
    None.
    """

    code = "NL204"
    name = "footnote-numbering"
    severity = "warning"
    fix = "edits"
    fix_safety = "unsafe"

    def check(self, document, ctx):
        notes = analyse(document)
        marks = [m for m in notes.markers if m.label.isdigit() and not m.weak] or [d for d in notes.definitions if d.label.isdigit()]
        seen: set[int] = set()
        highest = 0
        for mark in marks:
            n = int(mark.label)
            if n in seen:
                continue
            seen.add(n)
            if n > highest + 1:
                missing = f"[{highest + 1}]" if n == highest + 2 else f"[{highest + 1}]-[{n - 1}]"
                ctx.report(mark.block, mark.start, mark.end or mark.start + 1,
                           f"footnote numbering skips {missing} before [{n}]", fix=_renumbering(notes))
                return
            if n < highest:
                ctx.report(mark.block, mark.start, mark.end or mark.start + 1,
                           f"footnote [{n}] appears after [{highest}]: numbering out of order")
                return
            highest = max(highest, n)


def _renumbering(notes) -> Fix | None:
    """Markers and definitions numbered 1..n in order, or None unless the gaps are the only
    defect: a renumbering is certain only when each marker maps to exactly one definition."""
    marks, defs = notes.markers, notes.definitions
    if not marks or any(m.weak for m in marks + defs) or not all(m.label.isdigit() for m in marks + defs):
        return None
    order = list(dict.fromkeys(int(m.label) for m in marks))
    numbers = [int(d.label) for d in defs]
    if order != sorted(order) or numbers != order:
        return None
    rank = {n: k + 1 for k, n in enumerate(order)}
    edits = []
    for mark in marks + defs:
        span = mark.block.text[mark.start:mark.end]
        found = _NUMBER.findall(span)
        if len(found) != 1 or int(found[0].translate(_FROM_SUP)) != int(mark.label):
            return None  # a grouped citation "[3,4]", or a label written another way
        new = str(rank[int(mark.label)])
        if new != mark.label:
            at = mark.start + span.index(found[0])
            text = new.translate(_TO_SUP) if found[0][0] in SUPERSCRIPTS else new
            edits.append(Edit(at, at + len(found[0]), text, block=mark.block))
    return Fix(tuple(edits)) if edits else None
