from __future__ import annotations

from collections import Counter

from newslint import Rule
from newslint.textshape import is_headline_shaped

from newslint.regexcache import cached_compile
from ._text import code_lines, folded_lines, is_prose, is_table_row, line_words, title_key

_LIST_MARK_RE = cached_compile(r"^(?:[-*•·+]\s|\d{1,3}[.)]\s|>)")
_LABEL_RE = cached_compile(r"^[^:.!?]{1,40}:\s\S")


class RepeatedLine(Rule):
    """A paragraph or line appears more than once.

    ## What it does
    Folds case, whitespace, punctuation and digit separators, then reports every repeat of a
    line that already appeared earlier in the article, naming the line of its first occurrence.
    Lines shorter than `min-words` words are left to the boilerplate rules. Repeats of the
    title are NL101's. A line that recurs three or more times is a template (an interview
    question asked of each guest, a table header, a section label), not an accidental copy,
    and is not reported. Parallel structure repeats lines on purpose, so a list item, table row,
    "Label: value" spec line, heading or other non-sentence line is reported only inside a block
    pasted twice (a run of three or more lines repeated in order that takes its lead-in or a
    paragraph along, or five lines or more); two products sharing spec lines, the same rules
    listed under two fields, or a table of contents followed by its sections are not
    duplication; a headline said twice in a row is a stutter and is. Short questions are headings (an FAQ repeats its section titles), and a repeat
    announced by the line before it ("Let's repeat that, with emphasis:") is deliberate. Lines
    of code listings and quoted e-mail ("> ...") are never compared.

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
        keys = folded_lines(document)
        if len(set(keys)) == len(keys):
            return  # every line's key once (most articles): no line is met exactly twice
        title = document.title
        of_title = title_key(title.text) if title is not None else None
        first_seen: dict[str, int] = {}
        min_words = ctx.options["min-words"]
        counts = Counter(keys)
        lines = document.lines
        code = code_lines(document)
        tokens = line_words(document)
        first_at: dict[str, int] = {}
        for k, (line, key) in enumerate(zip(lines, keys)):
            if not key or counts[key] != 2:
                continue  # unique, or a recurring template line
            if key not in first_seen:
                first_seen[key] = line.number
                first_at[key] = k
                continue
            if len(tokens[k]) < min_words or line.block.kind == "title" or title_key(line.text) == of_title:
                continue
            i = first_at[key]
            if k in code or i in code or line.text.lstrip().startswith(">"):
                continue  # a code listing, or a quoted e-mail, repeats its lines by nature
            stutter = k == i + 1 and is_headline_shaped(line.text, min_words=4) and not _LIST_MARK_RE.match(line.text)
            if not (stutter or _copy_of_prose(line, lines[i]) or _block_copied(keys, lines, i, k)):
                continue  # a list item, table row, label or heading met twice: parallel structure
            if k > 0 and lines[k - 1].text.rstrip().endswith(":") and keys[k - 1] != keys[i - 1 if i else 0]:
                continue  # announced by the line before ("Let's repeat that, with emphasis:"): deliberate
            ctx.report(line.block, line.start, line.end, f"line repeated (first at line {first_seen[key]})")


def _structural(line) -> bool:
    """A line whose repeat is expected in parallel structure: list items and table rows of two
    products, "Label: value" spec lines, headings (a table of contents, then the sections)."""
    text = line.text.strip()
    return (line.block.kind in ("list_item", "table_cell", "heading", "quote") or bool(_LIST_MARK_RE.match(text))
            or is_table_row(text) or bool(_LABEL_RE.match(text)) or not is_prose(text)
            or (text.endswith("?") and len(text.split()) < 16))  # a question: a heading or an FAQ entry


def _copy_of_prose(line, first) -> bool:
    """A sentence-like paragraph said twice: duplication even with nothing around it repeated."""
    return not _structural(line) and not _structural(first)


def _block_copied(keys: list[str], lines, i: int, k: int) -> bool:
    """A whole block pasted twice, not one line met twice in parallel structure: the line sits in
    a run of at least three lines repeated in the same order, and the run takes along something
    that is not a list item or table row (its lead-in, a paragraph), or is five lines long (a
    whole table). Two products whose spec lists share a few lines do not qualify."""
    run = [k]
    for d in (-1, 1):
        a, b = i + d, k + d
        while 0 <= a < len(keys) and 0 <= b < len(keys) and a != k and b != i and keys[a] and keys[a] == keys[b]:
            run.append(b)
            a, b = a + d, b + d
    if len(run) < 3:
        return False
    return len(run) >= 5 or any(not _listed(lines[r]) for r in run)


def _listed(line) -> bool:
    text = line.text.strip()
    return line.block.kind in ("list_item", "table_cell") or bool(_LIST_MARK_RE.match(text)) or is_table_row(text) \
        or bool(_LABEL_RE.match(text))
