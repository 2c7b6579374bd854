from __future__ import annotations

from newslint import Rule

from ._footnotes import analyse, shown


class FootnotesGlued(Rule):
    """Several footnote definitions are run together in one paragraph.

    ## What it does
    Inside a line that starts with a footnote definition, finds further definition labels that
    follow a sentence end (`...conflict.[2] Enrichment Data: ...`) and reports each one.

    ## Why is this bad?
    When a pipeline flattens a reference list, the notes merge into one unreadable paragraph
    and the later ones can no longer be linked to.

    ## Example
    ```text
    [1] Reuters, 3 May.[2] Company filing, 4 May.
    ```

    ## Options
    None.

    ## Fix
    Safe: each glued definition is moved onto a line of its own (the spaces before it become a line end).
    """

    code = "NL203"
    name = "footnotes-glued"
    severity = "warning"
    fix = "split-line"
    fix_safety = "safe"

    def check(self, document, ctx):
        for mark, host in analyse(document).glued:
            ctx.report(mark.block, mark.start, mark.end,
                       f"footnote definition {shown(mark.label)} is glued to definition {shown(host.label)} "
                       "in one paragraph; put each on its own line")
