from __future__ import annotations

import re
from collections import Counter

from newslint import Rule

from ._text import code_lines, folded_lines, is_prose, is_table_row, title_key, words

_LIST_MARK_RE = re.compile(r"^(?:[-*•·+]\s|\d{1,3}[.)]\s|>)")
_LABEL_RE = re.compile(r"^[^:.!?]{1,40}:\s\S")


class RepeatedLine(Rule):
    """A paragraph or line appears more than once.

    ## What it does
    Folds case, whitespace, punctuation and digit separators, then reports every repeat of a
    line that already appeared earlier in the article, naming the line of its first occurrence.
    Lines shorter than `min-words` words are left to the boilerplate rules. Repeats of the
    title are NL101's. A line that recurs three or more times is a template (an interview
    question asked of each guest, a table header, a section label), not an accidental copy,
    and is not reported. Parallel structure repeats lines on purpose, so a list item, table row,
    "Label: value" spec line, heading or other non-sentence line is reported only when a
    neighbouring line repeats with it (a block pasted twice); two products sharing a spec line,
    or a table of contents followed by its sections, are not duplication. Lines of code listings
    are never compared.

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
        of_title = title_key(title.text) if title is not None else None
        first_seen: dict[str, int] = {}
        min_words = ctx.options["min-words"]
        keys = folded_lines(document)
        counts = Counter(keys)
        lines = document.lines
        code = code_lines(document)
        first_at: dict[str, int] = {}
        for k, (line, key) in enumerate(zip(lines, keys)):
            if not key or counts[key] != 2:
                continue  # unique, or a recurring template line
            if key not in first_seen:
                first_seen[key] = line.number
                first_at[key] = k
                continue
            if len(words(line.text)) < min_words or line.block.kind == "title" or title_key(line.text) == of_title:
                continue
            i = first_at[key]
            if k in code or i in code:
                continue  # a code listing repeats its lines by nature
            if not _copy_of_prose(line, lines[i]) and not _block_copied(keys, i, k):
                continue  # a list item, table row, label or heading met twice: parallel structure
            ctx.report(line.block, line.start, line.end, f"line repeated (first at line {first_seen[key]})")


def _structural(line) -> bool:
    """A line whose repeat is expected in parallel structure: list items and table rows of two
    products, "Label: value" spec lines, headings (a table of contents, then the sections)."""
    text = line.text.strip()
    return (line.block.kind in ("list_item", "table_cell", "heading", "quote") or bool(_LIST_MARK_RE.match(text))
            or is_table_row(text) or bool(_LABEL_RE.match(text)) or not is_prose(text))


def _copy_of_prose(line, first) -> bool:
    """A sentence-like paragraph said twice: duplication even with nothing around it repeated."""
    return not _structural(line) and not _structural(first)


def _block_copied(keys: list[str], i: int, k: int) -> bool:
    """The line's neighbours repeat along with it (a block pasted twice), not just the line."""
    for d in (-1, 1):
        a, b = i + d, k + d
        if 0 <= a < len(keys) and 0 <= b < len(keys) and a != k and b != i and keys[a] and keys[a] == keys[b]:
            return True
    return False
