"""Aho-Corasick scanning of the NL4xx phrase lists: one automaton for every list, built once per
process, run once per line and shared by the rules through the document cache."""
from __future__ import annotations

from functools import lru_cache

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


def line_hits(document) -> list[list[tuple[int, int, str, str, str]]]:
    """For each line of the document: (start, end, phrase, section, group) of every phrase hit."""
    cache = document.cache
    hits = cache.get("phrase_hits")
    if hits is None:
        auto = combined()
        hits = []
        for line in document.lines:
            text = line.text
            low = text.lower()
            found = []
            if len(low) == len(text):
                for end, entries in auto.iter(low):
                    for phrase, section, group in entries:
                        start = end - len(phrase) + 1
                        if start > 0 and low[start - 1].isalnum() and phrase[0].isalnum():
                            continue
                        if end + 1 < len(low) and low[end + 1].isalnum() and phrase[-1].isalnum():
                            continue
                        found.append((start, end + 1, phrase, section, group))
            hits.append(found)
        cache["phrase_hits"] = hits
    return hits


def hits_in(document, section: str):
    """Yield (line, [(start, end, phrase, group), ...]) for lines with hits from ``section``."""
    for line, found in zip(document.lines, line_hits(document)):
        if found:
            mine = [(s, e, p, g) for s, e, p, sec, g in found if sec == section]
            if mine:
                yield line, mine
