"""Aho-Corasick scanning of the NL4xx phrase lists (one automaton per list, built once)."""
from __future__ import annotations

from functools import lru_cache

from ._text import load_data


@lru_cache(maxsize=None)
def automaton(section: str, key: str | None = None):
    import ahocorasick

    data = load_data("filler.toml")[section]
    groups = {key: data[key]} if key else data
    auto = ahocorasick.Automaton()
    for group, phrases in groups.items():
        for phrase in phrases:
            auto.add_word(phrase.lower(), (phrase.lower(), group))
    auto.make_automaton()
    return auto


def scan(text: str, section: str, key: str | None = None, whole_words: bool = True):
    """Yield (start, end, phrase, group) for each phrase in ``text`` (offsets into ``text``)."""
    low = text.lower()
    if len(low) != len(text):
        return
    for end, (phrase, group) in automaton(section, key).iter(low):
        start = end - len(phrase) + 1
        if whole_words:
            if start > 0 and low[start - 1].isalnum() and phrase[0].isalnum():
                continue
            if end + 1 < len(low) and low[end + 1].isalnum() and phrase[-1].isalnum():
                continue
        yield start, end + 1, phrase, group
