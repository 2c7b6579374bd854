from __future__ import annotations

from collections import Counter

from newslint import Rule

from ._text import norm_lines, normalize_title


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
    """

    code = "NL104"
    name = "repeated-line"
    severity = "warning"
    options = {"min-words": 4}

    def check(self, document, ctx):
        title = document.title
        title_key = normalize_title(title.text) if title is not None else None
        first_seen: dict[str, int] = {}
        min_words = ctx.options["min-words"]
        keys = norm_lines(document)
        counts = Counter(keys)
        for line, key in zip(document.lines, keys):
            if key.count(" ") + 1 < min_words or counts[key] > 2:
                continue
            if key in first_seen:
                if line.block.kind != "title" and normalize_title(line.text) != title_key:
                    ctx.report(line.block, line.start, line.end, f"line repeated (first at line {first_seen[key]})")
            else:
                first_seen[key] = line.number
