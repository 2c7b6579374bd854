"""The boilerplate phrase matcher: set look-ups for whole lines and prefixes, one Aho-Corasick
automaton for in-line phrases, and a few anchored patterns (counters, copyright lines)."""
from __future__ import annotations

import time
from functools import lru_cache
from typing import Any

from newslint.analysis import Analysis
from newslint.values import Value

from ._phrases import by_end_longest_first, chrome_hits
from ._text import _toml, label_key, label_text, lazy_re, load_data

MAX_PREFIX_WORDS = 14
MAX_PHRASE_WORDS = 60
#: the most words a line may have for a test that reads its key or its words, the counter
#: pattern and the whole-line phrases aside (``Matcher.short_words`` adds the longest of those):
#: teaser tags (25), copyright (20), share buttons (8), subscribe (5)
SHORT_WORDS = 25
COUNTER_RE = lazy_re(
    r"^\d[\d.,]*\s*[kmb]?\s*(likes?|shares?|comments?|retweets?|reposts?|quotes?|bookmarks?|upvotes?|downvotes?|"
    r"downloads?|views?|followers?|replies|reply|kommentare?|commentaires?|comentarios?|comentários?|commenti|"
    r"compartidos|partages|aufrufe|visualizações|просмотр\w*|коммент\w*)$|"
    r"^\d+\s+(thoughts|responses|replies|comments|reactions) (on|to)\b")
TEASER_TAG_RE = lazy_re(r"\[(?:[A-Z]{3,12})\]\W*$")
COPYRIGHT_RE = lazy_re(r"^(©|\(c\)\s*\d{4}|copyright\b)")
SOCIAL = {"facebook", "twitter", "whatsapp", "linkedin", "pinterest", "pint", "reddit", "telegram", "email", "e-mail",
          "mail", "print", "tumblr", "flipboard", "messenger", "sms", "copy", "link", "share", "tweet", "x", "vk",
          "ok", "viber", "line", "wechat", "weibo", "instagram", "youtube", "tiktok", "rss", "compartilhar",
          "partager", "teilen", "compartir", "condividi", "baixar", "поделиться"}


def _word_cap(short_words: int, scanned: Any) -> int:
    """How far :meth:`Matcher.match` counts a line's words (see there)."""
    return short_words if scanned is NO_HIT else max(short_words, MAX_PHRASE_WORDS)


def _share_buttons(parts: list[str]) -> bool:
    """Two or more of the words (edge punctuation stripped) name a share button and at most one
    does not; left at the second word that does not (a headline: its first two)."""
    misses = 0
    for part in parts:
        if part.strip(",;|·•/") not in SOCIAL:
            misses += 1
            if misses > 1:
                return False
    return len(parts) - misses >= 2


class Match(Value):
    """A boilerplate phrase found in a line: ``start``/``end`` are offsets into the line's text
    (the whole line for line and prefix matches)."""

    __slots__ = ("category", "phrase", "start", "end")

    def __init__(self, category: str, phrase: str, start: int, end: int):
        self.category = category
        self.phrase = phrase
        self.start = start
        self.end = end


class Matcher:
    def __init__(self, data: dict[str, dict[str, list[str]]], patterns: list[str], timeout: float, budget: float):
        self.lines: dict[str, str] = {}
        self.prefixes: dict[str, str] = {}
        for category, phrases in data.get("lines", {}).items():
            for p in phrases:
                self.lines.setdefault(label_key(p), category)
        for category, phrases in data.get("prefixes", {}).items():
            for p in phrases:
                self.prefixes.setdefault(" ".join(p.casefold().split()), category)
        self.prefix_lengths = sorted({len(p.split()) for p in self.prefixes}, reverse=True)
        #: the first word of every prefix: a line whose first word is none of them has no prefix
        #: (None when an empty prefix, which any line starts with, is configured)
        self.prefix_firsts = None if "" in self.prefixes else {p.split(" ", 1)[0] for p in self.prefixes}
        #: lines of more words are never split (a configured whole-line phrase may be longer)
        self.short_words = max([SHORT_WORDS, *(len(key.split()) for key in self.lines)])
        self._automaton = None
        #: True when the in-line phrases are exactly the built-in ones, which the document's
        #: shared phrase scan (``_phrases.chrome_hits``) finds without this automaton
        self.builtin_phrases = False
        #: in-line phrase -> category; a phrase listed twice keeps its last category
        self.phrases = {p.lower(): c for c, ps in data.get("phrases", {}).items() for p in ps if p}
        self.patterns = []
        if patterns:
            import regex  # only for user patterns: it bounds them with a timeout

            self.patterns = [(regex.compile(p, regex.I | regex.V1), p) for p in patterns]
        self.timeout = timeout
        self.budget = budget  # CPU seconds all patterns together may take on one document
        self.spent = 0.0

    def automaton(self):
        """The in-line phrases' automaton, built on first use: with the built-in phrases the
        document's shared phrase scan finds them, and this one is never built."""
        if self._automaton is None:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.AhoCorasick(self.phrases)
        return self._automaton

    def match(self, text: str, scanned: Any = None) -> Match | None:
        """The first kind of chrome ``text`` is. ``scanned``: the in-line phrase hit the
        document's phrase scan found in it, ``(start, end, phrase, category)`` or ``NO_HIT``,
        when the phrases are the built-in ones; None: scan ``text`` here."""
        label = label_text(text)
        # the words are counted only as far as a test reads them: past short_words words only
        # the counter pattern reads the key (a line that starts with a digit) and, up to
        # MAX_PHRASE_WORDS, the in-line phrases, which a line without a phrase hit cannot have;
        # a count of cap + 1 says "more than cap", and a count up to cap comes with the words
        pieces = label.split(None, _word_cap(self.short_words, scanned))
        n_words = len(pieces)
        if not n_words:
            return None
        parts = pieces if n_words <= self.short_words else None
        key = " ".join(parts) if parts is not None else None
        category = self.lines.get(key) if key is not None else None
        if category:
            return Match(category, key, 0, len(text))
        if label.lstrip()[0].isdigit():
            key = key or " ".join(label.split())
            if COUNTER_RE.match(key):
                return Match("counter", key, 0, len(text))
        if 3 <= n_words <= 25 and text.rstrip().endswith(("]", "]|")) and TEASER_TAG_RE.search(text):
            return Match("teaser", key, 0, len(text))
        if 2 <= n_words <= 20 and key.startswith(("©", "(c)", "copyright")) and COPYRIGHT_RE.match(key):
            return Match("copyright", key, 0, len(text))
        if n_words <= 5 and key.endswith(("newsletter", "newsletters", "newsletter abonnieren")):
            return Match("subscribe", key, 0, len(text))
        if 2 <= n_words <= 8 and _share_buttons(parts):
            return Match("share", key, 0, len(text))
        if n_words <= MAX_PREFIX_WORDS and not text.rstrip().endswith((".", "!", "?")):
            low = " ".join(text.casefold().split()).lstrip("•·*-–—> ")
            low_words = low.split()
            firsts = self.prefix_firsts
            for k in self.prefix_lengths if firsts is None or (low_words and low_words[0] in firsts) else ():
                head = " ".join(low_words[:k])
                if head in self.prefixes and (len(low) == len(head) or low[len(head)] == " " or head.endswith(":")):
                    return Match(self.prefixes[head], head, 0, len(text))
        if scanned is not None and n_words <= MAX_PHRASE_WORDS:
            if scanned is not NO_HIT:
                return Match(scanned[3], scanned[2], scanned[0], scanned[1])
        elif self.phrases and n_words <= MAX_PHRASE_WORDS:
            low = text.lower()
            if len(low) == len(text):
                # overlapping matches by end, the longest first: the first whole-word one counts
                found = sorted(self.automaton().find_matches_as_indexes(_encodable(low), overlapping=True),
                               key=by_end_longest_first)
                for _index, start, end in found:
                    if (start == 0 or not low[start - 1].isalnum()) and (end == len(low) or not low[end].isalnum()):
                        phrase = low[start:end]
                        return Match(self.phrases[phrase], phrase, start, end)
        return self._user_patterns(text) if self.patterns else None

    def _user_patterns(self, text: str) -> Match | None:
        """The first user pattern found in ``text``, within the per-line timeout and what is left
        of the document's budget: many lines each just under the timeout cannot add up to minutes."""
        for pattern, source in self.patterns:
            left = self.budget - self.spent
            if left <= 0:
                raise PatternTimeout(source, "budget")
            started = time.process_time()
            try:
                m = pattern.search(text, timeout=min(self.timeout, left))
            except TimeoutError:
                raise PatternTimeout(source, "timeout" if self.timeout < left else "budget") from None
            finally:
                self.spent += time.process_time() - started
            if m and m.end() > m.start():
                return Match("custom", m.group(), m.start(), m.end())
        return None


NO_HIT = ()


def _encodable(text: str) -> str:
    """``text`` as the Rust automaton can take it: a lone surrogate (a JSON record's "\\ud800")
    made a NUL, which no phrase holds; same length, so offsets do not move."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\0" if "\ud800" <= char <= "\udfff" else char for char in text)
    return text


class PatternTimeout(Exception):
    """A user pattern ran past its time on one line (``timeout``) or the document's patterns past
    their budget (``budget``): catastrophic backtracking."""


def _read_phrase_file(path: str) -> dict[str, Any]:
    with open(path, "rb") as fh:
        if path.endswith(".json"):
            import json  # a JSON phrase file only: off the default import path

            return json.load(fh)
        return _toml().load(fh)


@lru_cache(maxsize=16)
def _matcher(options_key: str) -> Matcher:
    options = _KEYED_OPTIONS[options_key]
    data: dict[str, dict[str, list[str]]] = {} if options["replace-builtin"] else _copied(load_data("boilerplate.toml"))
    extra_phrases = False
    for path in options["phrase-files"]:
        extra = _read_phrase_file(path)
        extra_phrases = extra_phrases or bool(extra.get("phrases"))
        for kind in ("lines", "prefixes", "phrases"):
            for category, phrases in extra.get(kind, {}).items():
                data.setdefault(kind, {}).setdefault(category, []).extend(phrases)
    for category, phrases in options["extend-phrases"].items():
        data.setdefault("lines", {}).setdefault(category, []).extend(phrases)
    m = Matcher(data, options["patterns"], options["pattern-timeout"], options["pattern-budget"])
    m.builtin_phrases = bool(m.phrases) and not options["replace-builtin"] and not extra_phrases
    return m


_OPTION_KEYS: dict[int, tuple[dict, str]] = {}
_KEYED_OPTIONS: dict[str, dict[str, Any]] = {}


def _copied(value: Any, sort_keys: bool = False) -> Any:
    """``json.loads(json.dumps(value, sort_keys=sort_keys))`` for TOML-shaped data (str keys),
    without importing json: a deep copy, tuples as lists, dicts in key order when asked."""
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: kv[0]) if sort_keys else value.items()
        return {k: _copied(v, sort_keys) for k, v in items}
    if isinstance(value, (list, tuple)):
        return [_copied(v, sort_keys) for v in value]
    return value


def _typed(value: Any) -> Any:
    """A hashable form whose ``repr`` tells apart what JSON text would (``1``, ``1.0``, ``true``)."""
    if isinstance(value, dict):
        return ("dict", tuple(sorted((k, _typed(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_typed(v) for v in value))
    return (type(value).__name__, value)


def options_key(options: dict[str, Any]) -> str:
    """A canonical key for a rule's options, computed once per options object (not per document)."""
    known = _OPTION_KEYS.get(id(options))
    if known is not None and known[0] is options:
        return known[1]
    keys = ("replace-builtin", "phrase-files", "extend-phrases", "patterns", "pattern-timeout", "pattern-budget")
    chosen = {k: options.get(k, DEFAULTS[k]) for k in keys}
    key = repr(_typed(chosen))
    _KEYED_OPTIONS.setdefault(key, _copied(chosen, sort_keys=True))
    _OPTION_KEYS[id(options)] = (options, key)
    return key


def matcher(options: dict[str, Any]) -> Matcher:
    return _matcher(options_key(options))


DEFAULTS: dict[str, Any] = {
    "extend-phrases": {},
    "phrase-files": [],
    "replace-builtin": False,
    "patterns": [],
    "pattern-timeout": 0.05,
    "pattern-budget": 1.0,
}


def _boilerplate_matches(document, options: dict[str, Any]) -> dict[int, Match]:
    """Line index -> match, for every line of the document."""
    m = matcher(options)
    m.spent = 0.0  # the matcher is shared by documents; the budget is each document's own
    scanned = chrome_hits(document) if m.builtin_phrases else None
    out = {}
    for i, line in enumerate(document.lines):
        if len(line.text) > 600:
            continue
        hit = m.match(line.text, None if scanned is None else scanned[i] or NO_HIT)
        if hit is not None:
            out[i] = hit
    return out


#: Which lines NL301's phrase inventory (as configured) calls site chrome.
BOILERPLATE_MATCHES: "Analysis[dict[int, Match]]" = Analysis(
    "boilerplate-matches", _boilerplate_matches, owner="NL301", defaults=DEFAULTS, fallback=dict)
