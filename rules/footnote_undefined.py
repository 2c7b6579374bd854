from __future__ import annotations

from newslint import Rule

from ._footnotes import analyse, shown


class FootnoteUndefined(Rule):
    """A footnote marker points to no definition.

    ## What it does
    Finds footnote markers in the text (`[1]`, `[^note]`, and superscript digits such as `¹`
    after a word or punctuation) and reports each one whose label has no definition anywhere
    in the article. Markdown links (`[1](url)`) and reference definitions (`[1]: url`) are not
    markers.

    ## Why is this bad?
    Scrapers keep the citation markers of the source page but drop its reference list, and
    rewriting tools invent markers. Readers are sent to notes that do not exist.

    ## Example
    ```text
    The company said profits rose 50%.[1]
    ```
    with no `[1]` definition below.

    ## Options
    None.

    ## Fix
    Unsafe (`--unsafe-fixes`): the marker is deleted.
    """

    code = "NL201"
    name = "footnote-undefined"
    severity = "warning"
    fix = "remove-span"
    fix_safety = "unsafe"

    def check(self, document, ctx):
        notes = analyse(document)
        defined = {d.label for d in notes.definitions}
        for mark in notes.markers:
            if mark.label not in defined:
                ctx.report(mark.block, mark.start, mark.end, f"footnote {shown(mark.label)} has no definition")
