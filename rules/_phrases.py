"""Aho-Corasick scanning of the NL4xx phrase lists: one automaton for every list, built once per
process, run once per document and shared by the rules as a declared analysis."""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from newslint.analysis import Analysis

from ._text import _COMMON_NON_ASCII, _premap, load_data, translator


#: The section of NL301's built-in in-line phrases in the shared automaton (not a filler.toml section).
CHROME = "\0chrome"


#: letters and digits kept, every other character a space, one for one (offsets do not move)
_SPACED = translator(lambda char: char if char.isalnum() else " ")


def spaced(text: str) -> str:
    """``text`` with every character but letters and digits made a space (same length)."""
    return _SPACED(text)


def _key(phrase: str) -> str:
    """A phrase's key in the automaton, which runs over " " + spaced(text): spaced, and with a
    space in front when it starts with a letter or digit, since it may only start a word there."""
    key = spaced(phrase)
    return " " + key if phrase[:1].isalnum() else key


class PhraseAutomaton:
    """The keys of :func:`combined` in one Aho-Corasick automaton (``ahocorasick_rs``, a Rust
    automaton: 13 us an article where pyahocorasick's took 23) with the entries of each key.

    ``ends`` yields ``(end, entries)`` for every occurrence of a key in ``" " + text`` (spaced),
    overlapping ones included, ``end`` where it ends in ``text`` (exclusive), by end and, at one
    end, the longest first: the order the rules' hits have always had."""

    def __init__(self, keyed: dict[str, tuple[tuple[str, str, str], ...]]):
        import ahocorasick_rs as aho

        self.keys = list(keyed)
        self.entries = [keyed[key] for key in self.keys]
        self._aho = aho
        # a contiguous NFA: a DFA scans ~20% faster but takes 3.5 ms to build, a one-file run's
        # whole rule time; the ASCII automaton runs over bytes, the str one only for other text
        self._ascii = aho.BytesAhoCorasick([key.encode("utf-8") for key in self.keys],
                                           implementation=aho.Implementation.ContiguousNFA)
        self._text = None

    def items(self):
        return zip(self.keys, self.entries)

    def ends(self, spaced_text: "str | bytes"):
        if isinstance(spaced_text, bytes):
            found = self._ascii.find_matches_as_indexes(spaced_text, overlapping=True)
        else:
            if self._text is None:
                self._text = self._aho.AhoCorasick(self.keys, implementation=self._aho.Implementation.ContiguousNFA)
            found = self._text.find_matches_as_indexes(spaced_text, overlapping=True)
        if len(found) > 1:
            found.sort(key=by_end_longest_first)
        entries = self.entries
        for index, _start, end in found:
            yield end - 1, entries[index]  # one character less: the space in front of the text


def by_end_longest_first(match: tuple[int, int, int]) -> tuple[int, int]:
    """The sort key of ``ahocorasick_rs`` matches ``(pattern, start, end)`` in the order an
    automaton reports them: by end, and at one end the longest (earliest start) first."""
    return match[2], match[1]


@lru_cache(maxsize=1)
def combined() -> PhraseAutomaton:
    """One automaton over every phrase list and NL301's built-in in-line phrases, keyed by
    :func:`_key`. It runs over spaced text, whose only state out of the root is a space, so most
    characters cost one failed step (half the time of an automaton over the lower-cased text);
    each key's phrases are checked against the text itself (``_scan``), longest first, as the
    automaton reports nested matches."""
    entries: dict[str, list[tuple[str, str, str]]] = {}
    for section, groups in load_data("filler.toml").items():
        for group, phrases in groups.items():
            for phrase in phrases:
                low = phrase.lower()
                entries.setdefault(low, []).append((low, section, group))
    # NL301's built-in in-line phrases ride along, so one pass over the document finds both
    # (a second automaton scanned the article's lines again); a phrase listed twice keeps its
    # last category, as in NL301's own automaton
    chrome: dict[str, str] = {}
    for category, phrases in load_data("boilerplate.toml").get("phrases", {}).items():
        for phrase in phrases:
            chrome[phrase.lower()] = category
    for low, category in chrome.items():
        entries.setdefault(low, []).append((low, CHROME, category))
    keyed: dict[str, list[tuple[str, str, str]]] = {}
    for low, found in entries.items():
        if low:
            keyed.setdefault(_key(low), []).extend(found)
    # stable: one phrase's entries stay in data order
    return PhraseAutomaton({key: tuple(sorted(found, key=lambda entry: -len(entry[0]))) for key, found in keyed.items()})


def _scan_lines(document, _options) -> tuple[list[list[tuple[int, int, str, str, str]]], list[tuple | None]]:
    """For each line of the document: (start, end, phrase, section, group) of every phrase-list
    hit, and the first of NL301's built-in in-line phrases as (start, end, phrase, category).

    The automaton runs once over the whole document (lines joined by newlines, which no phrase
    contains), not once per line: hits are rare, and per-line calls were most of the cost.
    """
    texts = [line.text for line in document.lines]
    joined = "\n".join(texts)
    hits: list[list[tuple[int, int, str, str, str]]] = [[] for _ in texts]
    chrome: list[tuple | None] = [None] * len(texts)
    if not joined.isascii():  # "£", "’", "—": each made a NUL, which no phrase holds, the text is often ASCII then
        joined = _premap(joined, _stand_ins())
    if joined.isascii():  # most articles: lower-cased and spaced in one bytes.translate
        found = _scan_ascii(joined)
    else:
        low = joined.lower()
        found = _scan(low) if len(low) == len(joined) else None
    if found is None:  # lowering changed some length: scan line by line
        for i, text in enumerate(texts):
            part = text.lower()
            if len(part) == len(text):
                _sort(_scan(part), [0], hits, chrome, i)
    else:
        starts = [0]
        for text in texts[:-1]:
            starts.append(starts[-1] + len(text) + 1)
        _sort(found, starts, hits, chrome)
    return hits, chrome


@lru_cache(maxsize=1)
def _stand_ins() -> tuple[tuple[str, str], ...]:
    """The common non-ASCII punctuation (``_COMMON_NON_ASCII``) that no phrase holds, each to be
    replaced by a NUL, which no phrase holds either. Either character is a space to the automaton,
    no letter or digit to the boundary tests, its own lower case, and a mismatch with any phrase
    where the text itself is compared: the hits are the same, and an article with only these
    characters out of ASCII takes the ASCII scan (``str.lower`` on a non-ASCII article cost ~5 µs)."""
    held = {char for _key, found in combined().items() for phrase, _section, _group in found for char in phrase}
    if "\0" in held:
        return ()
    return tuple((char, "\0") for char in _COMMON_NON_ASCII
                 if char not in held and not char.isalnum() and char.lower() == char)


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


#: ASCII bytes -> letters and digits lower-cased, every other character a space: what
#: ``spaced(text.lower())`` gives for ASCII text, in one ``bytes.translate``
_LOWER_SPACED = bytes(ord(chr(c).lower()) if chr(c).isalnum() else ord(" ") for c in range(128)) + b" " * 128


def _scan_ascii(text: str):
    """``_scan(text.lower())`` for ASCII ``text``: the automaton's input made in one pass, and the
    lower-cased text made only for an article with a candidate (most have none)."""
    low = None
    for end, entries in combined().ends((" " + text).encode("ascii").translate(_LOWER_SPACED)):
        if low is None:
            low = text.lower()
        yield from _checked(low, end, entries)


def _scan(low: str):
    """Whole-word hits of the phrase automaton in lower-cased text. A phrase list's phrase that
    starts or ends with punctuation may touch a word there; NL301's phrases never may."""
    for end, entries in combined().ends(" " + spaced(low)):
        yield from _checked(low, end, entries)


def _checked(low: str, end: int, entries):
    """The automaton's candidates that end at ``end`` (exclusive) in ``low``, checked against the
    text itself."""
    for phrase, section, group in entries:
        start = end - len(phrase)
        if start < 0 or low[start:end] != phrase:
            continue  # the spaced text matched, the text itself does not ("here’s" for "here's")
        strict = section == CHROME
        if start > 0 and low[start - 1].isalnum() and (strict or phrase[0].isalnum()):
            continue
        if end < len(low) and low[end].isalnum() and (strict or phrase[-1].isalnum()):
            continue
        yield start, end, phrase, section, group


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
