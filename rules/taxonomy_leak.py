from __future__ import annotations

from newslint import Rule

from ._phrases import hits_in
from ._text import lazy_re

SLUG_RE = lazy_re(r"(?<![\w/.-])[a-z]+(?:-[a-z]+)*-and-[a-z]+(?:-[a-z]+)*(?![\w/-])|(?<![\w/.-])[a-z]+(?:-[a-z]+){2,}(?![\w/-])")
# Common hyphenated compounds of ordinary English prose are not slugs.
PROSE_COMPOUNDS = {
    "rock-and-roll", "hit-and-run", "up-and-coming", "black-and-white", "cash-and-carry", "state-of-the-art",
    "up-to-date", "out-of-date", "face-to-face", "one-on-one", "day-to-day", "year-on-year", "end-of-year",
    "well-to-do", "run-of-the-mill", "mother-in-law", "father-in-law", "son-in-law", "daughter-in-law",
    "brother-in-law", "sister-in-law", "commander-in-chief", "editor-in-chief", "walk-on", "stop-and-search",
    "cut-and-paste", "bread-and-butter", "back-and-forth", "give-and-take", "tried-and-tested", "all-in-one",
    "long-term", "short-term", "over-the-counter", "behind-the-scenes", "man-of-the-match", "player-of-the-year",
    "one-and-a-half", "two-and-a-half", "three-and-a-half", "life-and-death", "nuts-and-bolts", "bricks-and-mortar",
    "law-and-order", "cat-and-mouse", "rough-and-tumble", "trial-and-error", "free-and-fair", "first-ever",
    "so-called", "would-be", "hard-to-reach", "little-known", "mid-to-late", "early-to-mid", "go-to",
}


class TaxonomyLeak(Rule):
    """Feed categories or slugs leaked into the prose.

    ## What it does
    Reports wording that files the article under categories ("falls under the broader umbrella
    of general news, including ...", "part of our coverage of", "Filed under:") and, in the same
    line, category slugs such as `war-and-conflicts`. Slugs are reported only next to such
    wording: on their own, hyphenated compounds ("peer-to-peer", "better-than-expected") are
    ordinary English. A label ("Tags:", "Categories:") counts only where a label stands, at the
    head of the line or of a segment after a separator ("... - Tags: ..."): "Capital gains
    taxes fall into two categories:" is a sentence.

    ## Why is this bad?
    Category names belong to the site's metadata. When a rewriting pipeline folds them into the
    text, the article ends with a sentence about its own taxonomy that no reader needs.

    ## Example
    ```text
    Such cooperation falls under the broader umbrella of general news, including politics and
    war-and-conflicts.
    ```

    ## Options
    None.

    ## Fix
    Unsafe (`--unsafe-fixes`): the line is deleted when it is one sentence or label line (the
    leaked wording is what it says); in a paragraph of several sentences nothing is fixed.
    """

    code = "NL401"
    name = "taxonomy-leak"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "unsafe"
    fix_partial = "unsafe"

    def check(self, document, ctx):
        for line, phrases in hits_in(document, "taxonomy"):
            text = line.text
            slugs = [m for m in SLUG_RE.finditer(text) if m.group() not in PROSE_COMPOUNDS]
            phrases = [p for p in phrases if not p[2].rstrip().endswith(":") or _labels(text, p[0])]
            if not phrases:
                continue
            fix = False if _SENTENCE_BREAK.search(text) else None  # False: other sentences share the line
            for start, end, phrase, _ in phrases:
                ctx.report(line.block, line.start + start, line.start + end,
                           f"taxonomy wording {text[start:end].strip()!r} in prose", fix=fix)
            for m in slugs:
                ctx.report(line.block, line.start + m.start(), line.start + m.end(),
                           f"taxonomy slug {m.group()!r} in prose", fix=fix)


_SEGMENT_BREAKS = "|•·–—-/\n"
_SENTENCE_BREAK = lazy_re(r"[.!?][\"'”’)\]]*\s+[\"“‘'(]?[A-Z0-9]")


def _labels(text: str, start: int) -> bool:
    """A label phrase ("Tags:", "Categories:", "Filed under:") heads its own segment: at most two
    words before it since the line start or a separator ("Related Tags:", "... - Tags: ...").
    "Capital gains taxes fall into two categories:" is a sentence about categories."""
    before = text[:start]
    cut = max(before.rfind(c) for c in _SEGMENT_BREAKS)
    return len(before[cut + 1:].split()) <= 2
