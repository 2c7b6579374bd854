"""Aho-Corasick scanning of the NL4xx phrase lists: one automaton for every list, built once per
process, run once per document and shared by the rules as a declared analysis."""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from newslint.analysis import Analysis

from ._text import load_data


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
    auto.make_automaton()
    return auto


def _line_hits(document, _options) -> list[list[tuple[int, int, str, str, str]]]:
    """For each line of the document: (start, end, phrase, section, group) of every phrase hit.

    The automaton runs once over the whole document (lines joined by newlines, which no phrase
    contains), not once per line: hits are rare, and per-line calls were most of the cost.
    """
    texts = [line.text for line in document.lines]
    joined = "\n".join(texts)
    low = joined.lower()
    hits = [[] for _ in texts]
    if len(low) != len(joined):  # lowering changed some length: scan line by line
        for i, text in enumerate(texts):
            part = text.lower()
            if len(part) == len(text):
                hits[i] = list(_scan(part))
    else:
        starts = [0]
        for text in texts[:-1]:
            starts.append(starts[-1] + len(text) + 1)
        for start, end, phrase, section, group in _scan(low):
            i = bisect_right(starts, start) - 1
            hits[i].append((start - starts[i], end - starts[i], phrase, section, group))
    return hits


#: Every NL4xx phrase-list hit, per line: (start, end, phrase, section, group).
PHRASE_HITS: "Analysis[list[list[tuple[int, int, str, str, str]]]]" = Analysis("phrase-hits", _line_hits)


def line_hits(document) -> list[list[tuple[int, int, str, str, str]]]:
    return PHRASE_HITS.of(document)


def _scan(low: str):
    """Whole-word hits of the phrase automaton in lower-cased text."""
    for end, entries in combined().iter(low):
        for phrase, section, group in entries:
            start = end - len(phrase) + 1
            if start > 0 and low[start - 1].isalnum() and phrase[0].isalnum():
                continue
            if end + 1 < len(low) and low[end + 1].isalnum() and phrase[-1].isalnum():
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
