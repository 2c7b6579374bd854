from __future__ import annotations

from collections import Counter
from functools import lru_cache

from newslint import Rule

from ._text import WORD_RE, CharTable, is_table_row, line_words, stopwords, words

def _split_items(text: str) -> list[str]:
    """The items of a line separated by commas, semicolons or bars (str.split: several times faster
    than a regular expression)."""
    if ";" in text or "|" in text:
        text = text.replace(";", ",").replace("|", ",")
    return text.split(",")


#: deletes letters, digits and whitespace: what is left is the punctuation
_PUNCTUATION_ONLY = CharTable(lambda char: None if char.isalnum() or char.isspace() else char)
#: the ASCII characters _PUNCTUATION_ONLY deletes, for bytes.translate (six times faster on a line)
_ASCII_WORD_OR_SPACE = bytes(c for c in range(128) if _PUNCTUATION_ONLY[c] is None)


@lru_cache(maxsize=4)
def _one_token_stops(stops: frozenset[str]) -> frozenset[str]:
    """The ASCII stop words that the tokeniser reads as one word, whole."""
    return frozenset(w for w in stops if w.isascii() and WORD_RE.fullmatch(w))


def _surely_function_words(text: str, stops: frozenset[str]) -> bool:
    """True only if a fifth or more of the line's words (:func:`words`, casefolded) are stop words
    or numbers, the test below that turns most prose away, decided without tokenising: in ASCII,
    a whitespace chunk that is a stop word is one stop-word token, and a line has at most one word
    per chunk plus one per punctuation character. False says nothing."""
    if not text.isascii():
        return False
    chunks = text.lower().split()
    most = len(chunks) + len(text.encode("ascii").translate(None, _ASCII_WORD_OR_SPACE))  # its punctuation
    return bool(most) and sum(map(_one_token_stops(stops).__contains__, chunks)) / most >= 0.2


def _median_over_eight(items: list[str]) -> bool:
    """``sorted(len(i.split(None, 9)) for i in items)[len(items) // 2] > 8``: whether the median
    item has nine words or more, decided item by item and left as soon as the answer is known
    (only an item of 17 characters or more can have nine words)."""
    need = len(items) - len(items) // 2  # items of nine words or more that put the median there
    spare = len(items) - need  # shorter items the median can take
    for item in items:
        if len(item) >= 17 and len(item.split(None, 8)) == 9:
            need -= 1
            if not need:
                return True
        else:
            spare -= 1
            if spare < 0:
                return False
    return False


class KeywordStuffing(Rule):
    """A line that repeats the same keywords over and over.

    ## What it does
    Counts the content words (not function words) of each line of at least `min-words` words.
    A line that reads like a keyword list (four or more short comma-separated items, under 20%
    function words) is reported when the same keyword (one or two words) opens three or more
    items and makes up at least `max-share` of the content words, a single word needing
    `min-repeats` occurrences. Team line-ups ("Name (Club), Name (Club)") do not qualify: their
    items open with different names. A list-like line with a three-word phrase of content words
    in three or more of its items ("budget vote delayed, budget vote delayed latest, budget vote
    delayed update, ...") is reported too. Stuffing varies the phrase: when the items that open
    with the keyword are fewer than three different ones ("Brexit, Brexit, Brexit, we love
    you"), it is a refrain, not a keyword list. Table rows ("| Yes | Yes | Partial |") are not lists
    of keywords and are never checked.

    ## Why is this bad?
    Keyword lists written for search engines ("stock car 2018, stock car brasil, stock car
    cascavel, ...") are spam, not journalism, and get pages demoted.

    ## Example
    ```text
    cheap flights, cheap flights london, cheap flights paris, best cheap flights deals
    ```

    ## Options
    - `min-words` (int, default 8): shortest line, in words, that is checked.
    - `min-repeats` (int, default 4): how often the top word must occur.
    - `max-share` (float, default 0.2): the top word's share of content words that is too much.

    ## Fix
    Unsafe (`--unsafe-fixes`): the keyword line is deleted.
    """

    code = "NL404"
    name = "keyword-stuffing"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "unsafe"
    options = {"min-words": 8, "min-repeats": 4, "max-share": 0.2}

    def check(self, document, ctx):
        stops = stopwords()
        opts = ctx.options
        tokens = line_words(document)
        for k, line in enumerate(document.lines):
            text = line.text
            commas = text.count(",")  # enough alone on most list-like lines: the other two not counted
            if len(text) > 2000 or (commas < 3 and commas + text.count(";") + text.count("|") < 3):
                continue  # a keyword list is a short line of four or more separated items
            if line.block.kind == "table_cell" or is_table_row(text):
                continue  # a table row repeats "Yes" and "High" by design
            items = [i for i in _split_items(text) if i and not i.isspace()]  # i.strip(), without a copy
            if len(items) < 4:
                continue
            if _median_over_eight(items):
                continue  # most items are clauses of prose, not keywords
            if _surely_function_words(text, stops):
                continue  # prose with commas: decided from its chunks, before it is tokenised
            toks = tokens.folded(k)
            if len(toks) < opts["min-words"]:
                continue
            # stop words and numbers counted in C before the content words are listed: most list-like
            # lines are prose with commas, a fifth or more of whose words are stop words
            function_words = sum(map(stops.__contains__, toks)) + sum(1 for t in toks if t.isdigit() and t not in stops)
            if function_words == len(toks) or function_words / len(toks) >= 0.2:
                continue
            if not _repeats_a_word(toks, stops):
                continue  # neither test below can find anything: most lines that get this far
            content = [t for t in toks if t not in stops and not t.isdigit()]
            item_words = [[w.casefold() for w in words(item)] for item in items]  # once, for both tests
            # words per item counted up to 10 (a long clause is not split whole): only "<= 5" matters here
            median = sorted([len(i.split(None, 9)) for i in items])[len(items) // 2]
            found = _repeated_opener(item_words, content, stops, opts) if median <= 5 else None
            if found is None:
                found = _repeated_phrase(item_words, stops)
            if found:
                ctx.report(line.block, line.start, line.end, f"keyword stuffing: {found}")



def _repeats_a_word(toks: list[str], stops: frozenset[str]) -> bool:
    """Whether a word that is no stop word occurs three times or more in the line (``toks``, its
    casefolded words: each item's words are a part of them). Both tests below need one: the
    opener of three items, the first word of a phrase in three items."""
    return max(Counter(t for t in toks if t not in stops).values(), default=0) >= 3


def _repeated_opener(items: list[list[str]], content: list[str], stops: frozenset[str], opts: dict) -> str | None:
    """The same keyword (one or two words) opening item after item: "stock car 2018, stock car
    brasil, ...", and making up enough of the line's content words. ``items``: each item's
    casefolded words."""
    openers: Counter = Counter()
    kept = [[w for w in toks if w not in stops] for toks in items]  # each item's content words
    for item_words in kept:
        if item_words:
            openers[item_words[0]] += 1
            if len(item_words) >= 2:
                openers[item_words[0] + " " + item_words[1]] += 1
    keyword, lead = max(openers.items(), key=lambda kv: (kv[1], len(kv[0])), default=("", 0))
    # stuffing varies the phrase ("stock car 2018, stock car brasil, ..."); the same item said
    # again and again is a refrain or a chant ("Brexit, Brexit, Brexit, we love you")
    opener = keyword.split()
    variants = {" ".join(toks) for toks, item_words in zip(items, kept) if item_words[:len(opener)] == opener}
    if len(variants) < 3:
        return None
    count = content.count(keyword) if " " not in keyword else lead
    if lead >= 3 and (count >= opts["min-repeats"] or " " in keyword) and count / len(content) * (
            2 if " " in keyword else 1) >= opts["max-share"]:
        return f"{keyword!r} repeated {max(count, lead)} times in one line"
    return None


def _repeated_phrase(items: list[list[str]], stops: frozenset[str]) -> str | None:
    """A three-word phrase of content words found in three or more items of one list-like line:
    "budget vote delayed, budget vote delayed latest, budget vote delayed update". ``items``:
    each item's casefolded words."""
    seen: Counter = Counter()
    for toks in items:
        seen.update({tuple(toks[k:k + 3]) for k in range(len(toks) - 2)
                     if not any(w in stops or w.isdigit() for w in toks[k:k + 3])})
    phrase, count = max(seen.items(), key=lambda kv: kv[1], default=((), 0))
    return f"{' '.join(phrase)!r} repeated in {count} items of one line" if count >= 3 else None
