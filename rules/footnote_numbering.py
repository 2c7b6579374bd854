from __future__ import annotations

from newslint import Rule

from ._footnotes import analyse


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

    ## Options
    None.
    """

    code = "NL204"
    name = "footnote-numbering"
    severity = "warning"

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
                           f"footnote numbering skips {missing} before [{n}]")
                return
            if n < highest:
                ctx.report(mark.block, mark.start, mark.end or mark.start + 1,
                           f"footnote [{n}] appears after [{highest}]: numbering out of order")
                return
            highest = max(highest, n)
