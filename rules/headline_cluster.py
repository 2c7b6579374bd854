from __future__ import annotations

from newslint import Rule
from newslint.textshape import is_headline_shaped

from .analyses import BOILERPLATE_MATCHES
from ._phrases import hits_in
from ._text import head_lines, title_key


class HeadlineCluster(Rule):
    """Several competing headlines are stacked before the body.

    ## What it does
    Looks at the top of the article, before the first prose paragraph, for a stack of
    consecutive headline-shaped lines (4-20 words, no sentence-final punctuation, mostly words
    rather than numbers, not a byline). When the stack has `min-headlines` lines or more, every
    one after the first is reported as a competing headline. Exact repeats are left to NL101
    and NL104.

    ## Why is this bad?
    Machine-rewritten articles often carry a stack of alternative headlines, and scraped pages
    pull in the headlines of neighbouring stories. Paraphrased variants share few words, so
    only their position and shape give them away.

    ## Example
    ```text
    North Korea sends 6000 workers to Kursk

    Russia and North Korea Strike Diplomatic Agreement

    Russia's Kursk Region Gets a Helping Hand from North Korea's Workforce

    North Korea is sending 6,000 workers to lend a hand in the reconstruction.
    ```
    Lines 3 and 5 compete with the title.

    ## Options
    - `min-headlines` (int, default 3): how many headline-shaped lines make a cluster.

    ## Fix
    Unsafe (`--unsafe-fixes`): each stacked headline line is deleted.
    """

    code = "NL103"
    name = "headline-cluster"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "unsafe"
    options = {"min-headlines": 3}

    def check(self, document, ctx):
        head = []
        chrome = ctx.analysis(BOILERPLATE_MATCHES)
        generated = {id(line) for line, _ in hits_in(document, "generated")}
        index = {id(l): i for i, l in enumerate(document.lines)}
        for line in head_lines(document)[:16]:
            if index[id(line)] in chrome or id(line) in generated:
                continue  # site chrome (NL301's) or generator residue (NL403's) does not end the stack
            if _headline(line.text):
                head.append(line)
            elif head:
                break  # the stack ends at the first line that is not a headline
        if not ctx.options["min-headlines"] <= len(head) <= 8:  # a longer run is a list, not a stack
            return
        first = head[0]
        seen = {title_key(first.text)}
        for line in head[1:]:
            key = title_key(line.text)
            if key in seen:
                continue
            seen.add(key)
            ctx.report(line.block, line.start, line.end,
                       f"competing headline before the body (cluster of {len(head)} headline lines from line {first.number})")


def _headline(text: str) -> bool:
    if not is_headline_shaped(text, min_words=4, max_words=20):
        return False
    first = next((c for c in text if c.isalpha()), "")
    if first and not first.isupper() and first.lower() != first.upper():
        return False  # headlines start with a capital in scripts that have case
    toks = text.split()
    if sum(any(c.isdigit() for c in t) for t in toks) > len(toks) * 0.3:
        return False  # a score line or a schedule, not a headline
    return not text.lower().startswith(("by ", "von ", "par ", "por "))
