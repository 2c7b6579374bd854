"""Aho-Corasick scanning of the NL4xx phrase lists: one automaton for every list, built once per
process, run once per document and shared by the rules as a declared analysis."""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from newslint.analysis import Analysis

from ._text import load_data


#: The section of NL301's built-in in-line phrases in the shared automaton (not a filler.toml section).
CHROME = "\0chrome"


@lru_cache(maxsize=1)
def combined():
    import ahocorasick

    auto = ahocorasick.Automaton()
    for section, groups in load_data("filler.toml").items():
        for group, phrases in groups.items():
            for phrase in phrases:
                low = phrase.lower()
                existing = auto.get(low, ())
                auto.add_word(low, (*existing, (low, section, group)))
    # NL301's built-in in-line phrases ride along, so one pass over the document finds both
    # (a second automaton scanned the article's lines again); a phrase listed twice keeps its
    # last category, as in NL301's own automaton
    chrome: dict[str, str] = {}
    for category, phrases in load_data("boilerplate.toml").get("phrases", {}).items():
        for phrase in phrases:
            chrome[phrase.lower()] = category
    for low, category in chrome.items():
        auto.add_word(low, (*auto.get(low, ()), (low, CHROME, category)))
    auto.make_automaton()
    return auto


def _scan_lines(document, _options) -> tuple[list[list[tuple[int, int, str, str, str]]], list[tuple | None]]:
    """For each line of the document: (start, end, phrase, section, group) of every phrase-list
    hit, and the first of NL301's built-in in-line phrases as (start, end, phrase, category).

    The automaton runs once over the whole document (lines joined by newlines, which no phrase
    contains), not once per line: hits are rare, and per-line calls were most of the cost.
    """
    texts = [line.text for line in document.lines]
    joined = "\n".join(texts)
    low = joined.lower()
    hits: list[list[tuple[int, int, str, str, str]]] = [[] for _ in texts]
    chrome: list[tuple | None] = [None] * len(texts)
    if len(low) != len(joined):  # lowering changed some length: scan line by line
        for i, text in enumerate(texts):
            part = text.lower()
            if len(part) == len(text):
                _sort(_scan(part), [0], hits, chrome, i)
    else:
        starts = [0]
        for text in texts[:-1]:
            starts.append(starts[-1] + len(text) + 1)
        _sort(_scan(low), starts, hits, chrome)
    return hits, chrome


def _sort(found, starts: list[int], hits: list, chrome: list, line: int | None = None) -> None:
    """Put each hit on its line (``line``, or found from the line ``starts``), in line offsets."""
    for start, end, phrase, section, group in found:
        i = bisect_right(starts, start) - 1 if line is None else line
        at = starts[i] if line is None else 0
        if section != CHROME:
            hits[i].append((start - at, end - at, phrase, section, group))
        elif chrome[i] is None:
            chrome[i] = (start - at, end - at, phrase, group)


#: One automaton pass per document: the phrase-list hits and NL301's built-in in-line phrases.
PHRASE_SCAN: "Analysis[tuple[list, list]]" = Analysis("phrase-scan", _scan_lines)

#: Every NL4xx phrase-list hit, per line: (start, end, phrase, section, group).
PHRASE_HITS: "Analysis[list[list[tuple[int, int, str, str, str]]]]" = Analysis(
    "phrase-hits", lambda document, _: PHRASE_SCAN.of(document)[0])


def line_hits(document) -> list[list[tuple[int, int, str, str, str]]]:
    return PHRASE_HITS.of(document)


def chrome_hits(document) -> list[tuple | None]:
    """Per line, the first of NL301's built-in in-line phrases: (start, end, phrase, category)."""
    return PHRASE_SCAN.of(document)[1]


def _scan(low: str):
    """Whole-word hits of the phrase automaton in lower-cased text. A phrase list's phrase that
    starts or ends with punctuation may touch a word there; NL301's phrases never may."""
    for end, entries in combined().iter(low):
        for phrase, section, group in entries:
            start = end - len(phrase) + 1
            strict = section == CHROME
            if start > 0 and low[start - 1].isalnum() and (strict or phrase[0].isalnum()):
                continue
            if end + 1 < len(low) and low[end + 1].isalnum() and (strict or phrase[-1].isalnum()):
                continue
            yield start, end + 1, phrase, section, group


def hits_in(document, section: str):
    """Yield (line, [(start, end, phrase, group), ...]) for lines with hits from ``section``."""
    per_line = line_hits(document)
    if not any(per_line):
        return  # most articles: no phrase at all
    for line, found in zip(document.lines, per_line):
        if found:
            mine = [(s, e, p, g) for s, e, p, sec, g in found if sec == section]
            if mine:
                yield line, mine
