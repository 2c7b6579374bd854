from __future__ import annotations

from collections import Counter

from newslint import Rule

from ._text import folded_lines, title_key, words


class RepeatedLine(Rule):
    """A paragraph or line appears more than once.

    ## What it does
    Folds case, whitespace, punctuation and digit separators, then reports every repeat of a
    line that already appeared earlier in the article, naming the line of its first occurrence.
    Lines shorter than `min-words` words are left to the boilerplate rules. Repeats of the
    title are NL101's. A line that recurs three or more times is a template (an interview
    question asked of each guest, a table header, a section label), not an accidental copy,
    and is not reported.

    ## Why is this bad?
    Extraction and rewriting pipelines duplicate paragraphs when they merge page fragments. A
    repeated paragraph is never intended in edited news.

    ## Example
    ```text
    The firm's shares rose 4%.
    Analysts had expected a fall.
    The firm's shares rose 4%.
    ```

    ## Options
    - `min-words` (int, default 4): shortest line, in words, that is compared.

    ## Fix
    Unsafe (`--unsafe-fixes`): the second copy is deleted; the first stays.
    """

    code = "NL104"
    name = "repeated-line"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "unsafe"
    options = {"min-words": 4}

    def check(self, document, ctx):
        title = document.title
        of_title = title_key(title.text) if title is not None else None
        first_seen: dict[str, int] = {}
        min_words = ctx.options["min-words"]
        keys = folded_lines(document)
        counts = Counter(keys)
        for line, key in zip(document.lines, keys):
            if not key or counts[key] != 2:
                continue  # unique, or a recurring template line
            if key not in first_seen:
                first_seen[key] = line.number
                continue
            if len(words(line.text)) < min_words or line.block.kind == "title" or title_key(line.text) == of_title:
                continue
            ctx.report(line.block, line.start, line.end, f"line repeated (first at line {first_seen[key]})")
