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
    Matches inside quotation marks are skipped, so reporting about AI is not flagged. Weak cues,
    which people write too ("feel free to ask me about it", "here's a summary of the agencies",
    "[insert your name here]" as a joke), count only together with another cue in the article or
    when the offer is about editing the text itself ("Would you like me to add a catchy
    headline?", "Let me know if you'd like me to adjust the tone").

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
        found = [(line, hit) for line, hits in hits_in(document, "generated") for hit in hits
                 if hit[3] in groups and not _quoted(line.text, hit[0])]
        # A weak cue is something people also write ("feel free to ask me", "[insert your name
        # here]" as a joke): it counts only next to another cue of generated text.
        if found and all(hit[2] in WEAK and not _about_the_text(line.text[hit[1]:]) for line, hit in found) \
                and len({hit[2] for _, hit in found}) < 2:
            return
        for line, (start, end, phrase, group) in found:
            ctx.report(line.block, line.start + start, line.start + end,
                       _MESSAGES[group].format(line.text[start:end].strip()))


WEAK = frozenset({"feel free to ask", "let me know if you", "would you like me to", "here is a summary of the",
                  "here's a summary of the", "[insert ", "[your name]", "additional context:",
                  "original article:", "in a journalistic style:"})


_EDITING = ("headline", "meta description", "the tone", "the length", "word count", "another version",
            "a version", "edits", "rewrite", "revise", "this article", "the article", "the story", "seo",
            "bullet points", "the format", "shorter", "longer")


def _about_the_text(rest: str) -> bool:
    """The offer is about editing the text itself ("Would you like me to add a catchy headline?",
    "Let me know if you'd like me to adjust the tone"): an assistant speaking, not a writer."""
    low = rest.lower()
    return any(k in low for k in _EDITING)


def _quoted(text: str, at: int) -> bool:
    before = text[:at]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    return straight or curly
