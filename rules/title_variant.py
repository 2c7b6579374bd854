from __future__ import annotations

from newslint import Rule

from ._text import head_lines, normalize_title
from newslint.textshape import is_headline_shaped


class TitleVariant(Rule):
    """A headline-shaped line is a near-variant of the title.

    ## What it does
    Scores every headline-shaped line (short, no sentence-final period) against the title with
    rapidfuzz's token-set ratio, after the same normalisation as NL101. A score at or above
    `threshold` that is not an exact repeat is reported with the score.

    ## Why is this bad?
    Rewritten feeds add "BREAKING:" prefixes, shout the headline in capitals or tack on a
    slightly different wording. Two almost-identical headlines make the article look broken.

    ## Example
    ```text
    Fiat mulls Ferrari market listing

    BREAKING: Fiat mulls Ferrari market listing
    ```

    ## Options
    - `threshold` (int, default 90): the lowest token-set ratio (0-100) that counts.

    ## Fix
    Unsafe (`--unsafe-fixes`): the variant headline line is deleted.
    """

    code = "NL102"
    name = "title-variant"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "unsafe"
    options = {"threshold": 90}

    def check(self, document, ctx):
        title = document.title
        if title is None:
            return
        key = normalize_title(title.text)
        n_title = len(key.split())
        if n_title < 3:
            return
        title_line = document.position(title.start_offset)[0]
        threshold = ctx.options["threshold"]
        candidates = head_lines(document) + [l for l in document.lines[-8:] if l not in head_lines(document)]
        for line in candidates:
            if line.block is title or not is_headline_shaped(line.text, min_words=3):
                continue
            other = normalize_title(line.text)
            if other == key or not (0.6 <= len(other.split()) / n_title <= 1.7):
                continue
            from rapidfuzz import fuzz  # imported only when a candidate line exists

            score = fuzz.token_set_ratio(key, other)
            # token-set scores any subset 100; the word order must agree too
            if score >= threshold and fuzz.token_sort_ratio(key, other) >= 70:
                ctx.report(line.block, line.start, line.end,
                           f"near-variant of the title at line {title_line} (similarity {score:.0f})")
