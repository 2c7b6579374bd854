from __future__ import annotations

from newslint import Rule

from ._text import folded_lines, title_key


class TitleRepeated(Rule):
    """The headline appears again inside the article.

    ## What it does
    Compares every line of the article with the title after folding case, whitespace,
    punctuation, digit separators ("6,000" = "6000") and a trailing site name
    (" | Site", " - Site"). Each exact repeat is reported, naming the title's line.

    ## Why is this bad?
    Scrapers and syndication pipelines often paste the headline twice: once as the title and
    again above or below the body. Readers see a stutter; search engines see duplicate content.

    ## Example
    ```text
    Dollar gains on Greenspan speech

    The dollar has hit its highest level...

    Dollar gains on Greenspan speech
    ```
    The last line repeats the title.

    ## Options
    - `min-words` (int, default 2): ignore titles shorter than this (too little to compare).

    ## Fix
    Safe: the repeated line is deleted with its line end (and one blank separator when it is a paragraph of its own).
    """

    code = "NL101"
    name = "title-repeated"
    severity = "error"
    fix = "remove-line"
    fix_safety = "safe"
    options = {"min-words": 2}

    def check(self, document, ctx):
        title = document.title
        if title is None:
            return
        if len(title.text.split()) < ctx.options["min-words"]:
            return
        key = title_key(title.text)
        if not key:
            return
        title_line = None
        for line, folded in zip(document.lines, folded_lines(document)):
            if line.block is title:
                continue
            if folded == key or (folded.startswith(key) and title_key(line.text) == key):
                if title_line is None:
                    title_line = document.position(title.start_offset)[0]
                where = (f"above it (the title is at line {title_line})" if line.number < title_line
                         else f"(first at line {title_line})")
                ctx.report(line.block, line.start, line.end, f"title repeated {where}")
