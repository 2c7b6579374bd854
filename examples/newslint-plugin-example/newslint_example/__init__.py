"""Example newslint plugin: two headline rules, registered through the ``newslint`` entry point."""
from __future__ import annotations

from newslint import Rule, hookimpl


class ClickbaitHeadline(Rule):
    """Flags clickbait phrasing in titles and headings.

    ## What it does
    Looks for configured phrases ("you won't believe", "what happened next") in the title and
    headings, case-insensitively.

    ## Why is this bad?
    Clickbait headlines promise more than the story delivers and erode readers' trust.

    ## Example
    ```text
    You won't believe what the minister said
    ```

    ## Options
    - `phrases` (list of strings): the phrases to flag.
    """

    code = "CB001"
    name = "clickbait-headline"
    severity = "warning"
    options = {"phrases": ["you won't believe", "what happened next", "will shock you"]}

    def check(self, document, ctx):
        for block in document.blocks:
            if block.kind in ("title", "heading"):
                low = block.text.lower()
                for phrase in ctx.options["phrases"]:
                    i = low.find(phrase)
                    if i >= 0:
                        ctx.report(block, i, i + len(phrase), f"clickbait phrase {phrase!r}")


class ShoutingHeadline(Rule):
    """Flags titles written mostly in capital letters.

    ## What it does
    Reports a title or heading whose letters are at least `max-upper-share` upper case.

    ## Why is this bad?
    All-caps headlines read as shouting and are a common trait of low-quality syndication.

    ## Example
    ```text
    MINISTER RESIGNS OVER EXPENSES
    ```

    ## Options
    - `max-upper-share` (float, default 0.8): the share of upper-case letters that is too much.
    """

    code = "CB002"
    name = "shouting-headline"
    severity = "info"
    options = {"max-upper-share": 0.8}

    def check(self, document, ctx):
        for block in document.blocks:
            if block.kind in ("title", "heading"):
                letters = [c for c in block.text if c.isalpha()]
                if len(letters) >= 8:
                    share = sum(c.isupper() for c in letters) / len(letters)
                    if share >= ctx.options["max-upper-share"]:
                        ctx.report(block, 0, len(block.text), f"headline is {share:.0%} capital letters")


@hookimpl
def newslint_register_rules():
    return [ClickbaitHeadline, ShoutingHeadline]
