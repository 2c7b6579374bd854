from __future__ import annotations

from collections import Counter

from newslint import Rule

from newslint.regexcache import cached_compile
from ._text import head_lines, is_prose, normalize_title
from newslint.textshape import is_headline_shaped


_SENTENCE_END_RE = cached_compile(r"(\S+)[.!?]\s+[A-Z]")


def _two_sentences(text: str) -> bool:
    """A sentence ends inside the line ("... orders $60+. For more information ..."); "U.S. Senate"
    and "Mr. Smith" are abbreviations, not sentence ends."""
    if "." not in text and "!" not in text and "?" not in text:
        return False  # no sentence end at all: most titles (the pattern alone is quadratic in a word's length)
    for m in _SENTENCE_END_RE.finditer(text):
        word = m.group(1)
        if len(word) >= 4 and not any(c.isupper() for c in word[1:]) and "." not in word:
            return True
        if word[-1:].isdigit() or (not word[-1:].isalnum() and word[-1:] not in "."):
            return True
    return False


class TitleVariant(Rule):
    """A headline-shaped line is a near-variant of the title.

    ## What it does
    Scores every headline-shaped line (short, no sentence-final period) against the title with
    rapidfuzz's token-set ratio, after the same normalisation as NL101. A score at or above
    `threshold` that is not an exact repeat (and whose word order agrees) is reported with the
    words the line adds or drops and its similarity (the lower of the token-set and token-sort
    ratios, so a line that differs never reads "similarity 100"). A line holding two sentences
    is a paragraph or a promo, not a headline. Only the top of the article and the lines after its
    last paragraph are compared: a line with prose after it is a section heading.

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
        key = None  # the title's key, made when a line first looks like a headline (most articles: none)
        threshold = ctx.options["threshold"]
        # the top, and the end after the last paragraph: a heading with prose after it is a section
        lines = document.lines  # the last prose line, looked for from the end
        last_prose = next((k for k in range(len(lines) - 1, -1, -1) if is_prose(lines[k].text)), len(lines))
        head = head_lines(document)
        tail = [l for l in lines[max(last_prose + 1, len(lines) - 8):] if l not in head]
        candidates = head + tail
        for line in candidates:
            if line.block is title or not is_headline_shaped(line.text, min_words=3) or _two_sentences(line.text):
                continue  # two sentences in one line are a paragraph or a promo, not a headline
            if key is None:
                key = normalize_title(title.text)
                n_title = len(key.split())
                if n_title < 3:
                    return
                title_line = document.position(title.start_offset)[0]
            other = normalize_title(line.text)
            if other == key or not (0.6 <= len(other.split()) / n_title <= 1.7):
                continue
            if _token_set_bound(key, other) < threshold - 0.5:
                continue  # cannot reach the threshold: rapidfuzz is neither asked nor imported
            from rapidfuzz import fuzz  # imported only when a candidate line could score


            score = fuzz.token_set_ratio(key, other)
            # token-set scores any subset 100; the word order must agree too
            order = fuzz.token_sort_ratio(key, other)
            if score >= threshold and order >= 70:
                ctx.report(line.block, line.start, line.end,
                           f"near-variant of the title at line {title_line} ({_difference(key, other)}; "
                           f"similarity {min(score, order):.0f})")


def _token_set_bound(a: str, b: str) -> float:
    """An upper bound of ``rapidfuzz.fuzz.token_set_ratio(a, b)``, from lengths and letters only.

    rapidfuzz scores the best of three comparisons of the sorted word sets: two follow from
    lengths alone, and the third is an indel distance between the words only one side has, which
    is at least their letters that cannot be paired (an LCS pairs at most min(count) of each)."""
    ta, tb = set(a.split()), set(b.split())
    if not ta or not tb:
        return 0.0
    sect, only_a, only_b = ta & tb, " ".join(sorted(ta - tb)), " ".join(sorted(tb - ta))
    if sect and (not only_a or not only_b):
        return 100.0
    sect_len = sum(map(len, sect)) + len(sect) - 1 if sect else 0
    sect_a, sect_b = sect_len + bool(sect) + len(only_a), sect_len + bool(sect) + len(only_b)
    unpaired = len(only_a) + len(only_b) - 2 * sum((Counter(only_a) & Counter(only_b)).values())
    best = 100 - 100 * unpaired / (sect_a + sect_b) if sect_a + sect_b else 100.0
    if sect:
        best = max(best, 100 - 100 * (1 + len(only_a)) / (sect_len + sect_a),
                   100 - 100 * (1 + len(only_b)) / (sect_len + sect_b))
    return best


def _difference(title: str, other: str) -> str:
    """What the line changes: the words it adds and drops, or only their order."""
    a, b = title.split(), other.split()
    added = [w for w in b if w not in a]
    dropped = [w for w in a if w not in b]
    parts = []
    if added:
        parts.append(f"adds {' '.join(added)!r}")
    if dropped:
        parts.append(f"drops {' '.join(dropped)!r}")
    return ", ".join(parts) if parts else "same words in another order"
