"""Text helpers shared by the built-in rules; per-document results are declared analyses."""
from __future__ import annotations

import os
import re
import sys
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newslint.analysis import Analysis

if TYPE_CHECKING:
    from newslint import Document

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")

class LazyPattern:
    """A regular expression compiled on first use: start-up pays only for the patterns a run
    actually reaches (compiling all of them costs more than linting a short article)."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags, self._compiled = pattern, flags, None

    def compiled(self) -> "re.Pattern[str]":
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, *args):
        return self.compiled().search(*args)

    def match(self, *args):
        return self.compiled().match(*args)

    def finditer(self, *args):
        return self.compiled().finditer(*args)

    def findall(self, *args):
        return self.compiled().findall(*args)

    def sub(self, *args):
        return self.compiled().sub(*args)

    def split(self, *args):
        return self.compiled().split(*args)


lazy_re = LazyPattern

WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
DIGIT_SEP_RE = re.compile(r"(\d)[,.\u202f\u00a0' ](?=\d{3}\b)")
PUNCT_RE = re.compile(r"[^\w\s]+")
_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", ": ")
SITE_SUFFIX_RE = lazy_re(r"\s+[|\-–—·:]\s+[^|\-–—·:]{1,40}$")
TERMINAL = (".", "!", "?", "…", "。", "！", "？", '."', ".”", "!”", "?”", ".'", ".’", '!"', '?"', ")", ".»")
EDGE_PUNCT = " \t:.!…»›>|-–—•*·()[]{}\"'“”‘’«,;/\\+=_#~^→←↑↓⟶⟵▶◀►◄▸◂"


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


class _CaseFoldTable(dict):
    """A str.translate table, memoised per character: letters case-folded, and characters of the
    given Unicode categories (by first letter) replaced by ``replacement``.

    Deletion is stored as None, never "": CPython translates ASCII text through a fast 128-entry
    cache only while every mapping is None or one character (15× faster on a BBC paragraph).
    """

    def __init__(self, categories: str, replacement: str):
        super().__init__()
        self.categories, self.replacement = categories, replacement or None

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = self.replacement if unicodedata.category(char)[0] in self.categories else char.casefold()
        self[code] = value
        return value


_FOLD = _CaseFoldTable("PS", " ")  # punctuation and symbols become spaces
_KEY = _CaseFoldTable("PSZC", "")  # ... and spaces and controls vanish too
_HAS_DIGIT_SEP = re.compile(r"\d[,.\u202f\u00a0' ]\d{3}")


def normalize(text: str) -> str:
    """Case, width, whitespace, punctuation and digit separators folded ("6,000" == "6000")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if _HAS_DIGIT_SEP.search(text):
        text = DIGIT_SEP_RE.sub(r"\1", text)
    return " ".join(text.translate(_FOLD).split())


def fold(text: str) -> str:
    """A comparison key for whole lines: one C-level pass. Case, width, punctuation, spaces and
    digit separators vanish, so "6,000 Aid-Workers" and "6000 aid workers" share a key."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.translate(_KEY)


def strip_site_suffix(text: str) -> str:
    if any(sep in text for sep in _SITE_SEPARATORS):
        stripped = SITE_SUFFIX_RE.sub("", text.strip())
        if len(stripped.split()) >= 3:
            return stripped
    return text


def title_key(text: str) -> str:
    """:func:`fold` after dropping a trailing site name (" | Site", " - Site")."""
    return fold(strip_site_suffix(text))


#: Every line of the document, folded for comparison (:func:`fold`).
FOLDED_LINES: "Analysis[list[str]]" = Analysis("folded-lines", lambda doc, _: [fold(line.text) for line in doc.lines])


def folded_lines(document: "Document") -> list[str]:
    return FOLDED_LINES.of(document)


def normalize_title(text: str) -> str:
    """As :func:`normalize`, after dropping a trailing site name (" | Site", " - Site")."""
    return normalize(strip_site_suffix(text))


def label_key(text: str) -> str:
    """The key for whole-line phrase look-ups: NFKC, casefold, edge punctuation stripped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.strip(EDGE_PUNCT).split())


def is_prose(text: str) -> bool:
    """A sentence-like line: ends with terminal punctuation and has several words."""
    t = text.rstrip()
    if len(t) > 400:
        return True  # no headline, label or credit is this long; skip counting its words
    n = len(t.split())
    return (t.endswith(TERMINAL) and n >= 6) or n >= 30


@lru_cache(maxsize=None)
def load_data(name: str) -> dict[str, Any]:
    """A built-in data file, parsed once and kept in a marshal cache (TOML parsing costs more
    than linting an article; the cache is keyed by the file's size and modification time)."""
    import marshal

    path = os.path.join(DATA_DIR, name)
    st = os.stat(path)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    cache = os.path.join(base, "newslint", f"data-{name}-{st.st_size}-{st.st_mtime_ns}.marshal")
    try:
        with open(cache, "rb") as fh:
            return marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    with open(path, "rb") as fh:
        data = _toml().load(fh)
    try:
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        tmp = f"{cache}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            marshal.dump(data, fh)
        os.replace(tmp, cache)
    except (OSError, ValueError):
        pass
    return data


def _toml():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    data = load_data("stopwords.toml")
    return frozenset(w for ws in data.values() for w in ws)


def stopword_density(text: str) -> float:
    toks = [w.casefold() for w in words(text)]
    if not toks:
        return 0.0
    stops = stopwords()
    return sum(1 for t in toks if t in stops) / len(toks)


def _head_lines(document: "Document", _options) -> list:
    out = []
    for line in document.lines:
        if line.block.kind != "title" and is_prose(line.text):
            break
        out.append(line)
    return out


#: Lines before the first prose line: where headline stacks and top residue live.
HEAD_LINES: "Analysis[list]" = Analysis("head-lines", _head_lines)


def head_lines(document: "Document"):
    return HEAD_LINES.of(document)


