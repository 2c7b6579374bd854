from __future__ import annotations

from newslint import Rule

from ._footnotes import analyse, shown


class FootnoteUnused(Rule):
    """A footnote definition that nothing in the text cites.

    ## What it does
    Reports each footnote definition (a line starting `[1]`, `[^1]:` or `¹`, a Markdown
    `[^1]:` definition, or an item of an HTML endnote list) whose label no marker in the body
    uses.

    ## Why is this bad?
    An uncited note is usually residue: enrichment text or a reference list pasted in by a
    pipeline, detached from the sentence it belonged to.

    ## Example
    ```text
    Shares fell 19%.

    [1] Source: company statement and regulatory filings.
    ```

    ## Options
    None.

    ## Fix
    Unsafe (`--unsafe-fixes`): the definition's line is deleted.
    """

    code = "NL202"
    name = "footnote-unused"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "unsafe"
    fix_partial = "unsafe"

    def check(self, document, ctx):
        notes = analyse(document)
        cited = {m.label for m in notes.markers}
        for d in notes.definitions:
            if d.label not in cited:
                ctx.report(d.block, d.start, d.end if d.end > d.start else d.start + 1,
                           f"footnote definition {shown(d.label)} is never cited")
