from __future__ import annotations

from newslint import Rule

from ._phrases import hits_in


class FillerParagraph(Rule):
    """A paragraph of generic filler or hype rather than reporting.

    ## What it does
    Scores each paragraph line for filler phrasing. Strong phrases ("Read on to discover",
    "in today's fast-paced world", "To sum up,", "a testament to") score 2; weaker hype words
    ("significant", "notably", "showcasing", "massive") score 0.5. Each phrase counts once and
    overlapping matches count as one. A line that reaches `min-score` is reported, naming the
    phrases that were found.

    ## Why is this bad?
    SEO rewriters and text generators pad articles with sentences that carry no information.
    Edited news almost never uses this register, so a cluster of it marks inserted filler.

    ## Example
    ```text
    Read on to discover everything about the merger and why it matters for business
    enthusiasts everywhere.
    ```

    ## Options
    - `min-score` (int, default 3): the score a line needs to be reported.

    ## Fix
    Unsafe (`--unsafe-fixes`): the filler line is deleted.
    """

    code = "NL402"
    name = "filler-paragraph"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "unsafe"
    options = {"min-score": 3}

    def check(self, document, ctx):
        need = ctx.options["min-score"]
        for line, found in hits_in(document, "filler"):
            if line.block.kind in ("title", "heading"):
                continue
            hits = _distinct(found)
            score = sum(2 if group == "strong" else 0.5 for *_, group in hits)
            if score >= need:
                names = ", ".join(repr(line.text[s:e]) for s, e, *_ in hits[:4])
                ctx.report(line.block, line.start, line.end, f"filler paragraph (phrases {names})")


def _distinct(hits):
    """Non-overlapping hits, each phrase once (the longest wins an overlap)."""
    out, seen, last_end = [], set(), -1
    for start, end, phrase, group in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]))):
        if start < last_end or phrase in seen:
            continue
        out.append((start, end, phrase, group))
        seen.add(phrase)
        last_end = end
    return out
