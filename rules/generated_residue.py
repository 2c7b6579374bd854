from __future__ import annotations

from newslint import Rule

from ._phrases import hits_in

_MESSAGES = {
    "chat": "chat-assistant phrase {!r} left in the article",
    "cutoff": "knowledge-cutoff disclaimer {!r}",
    "pipeline": "pipeline label {!r} left in the text",
    "artifact": "chatbot citation artifact {!r}",
}


class GeneratedResidue(Rule):
    """Traces of a text generator or a content pipeline inside the article.

    ## What it does
    Finds wording addressed to the user of a chat assistant ("I hope this helps", "Here is a
    summary of the news article in a journalistic style:"), knowledge-cutoff disclaimers
    ("As of my last knowledge update"), pipeline labels ("Enrichment Data:", "SEO title:") and
    chatbot citation artifacts (`oaicite`, `contentReference`, `utm_source=chatgpt.com`).
    Matches inside quotation marks are skipped, so reporting about AI is not flagged.

    ## Why is this bad?
    These strings are never part of edited news. They show that generated or enriched text was
    published without review.

    ## Example
    ```text
    [1] Enrichment Data: According to media reports, the figures were confirmed.
    I hope this article meets your needs. Feel free to ask for further edits!
    ```

    ## Options
    - `groups` (list, default all): which of "chat", "cutoff", "pipeline", "artifact" to report.

    ## Fix
    Safe when the match is the whole line ("Enrichment Data:", "Here is the rewritten article:"): the line is deleted. Unsafe (`--unsafe-fixes`) when the match is part of a longer line: the whole line is deleted.
    """

    code = "NL403"
    name = "generated-residue"
    severity = "error"
    fix = "remove-line"
    fix_safety = "safe"
    fix_partial = "unsafe"
    options = {"groups": ["chat", "cutoff", "pipeline", "artifact"]}

    def check(self, document, ctx):
        groups = set(ctx.options["groups"])
        for line, hits in hits_in(document, "generated"):
            text = line.text
            for start, end, phrase, group in hits:
                if group not in groups or _quoted(text, start):
                    continue
                ctx.report(line.block, line.start + start, line.start + end,
                           _MESSAGES[group].format(text[start:end].strip()))


def _quoted(text: str, at: int) -> bool:
    before = text[:at]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    return straight or curly
