"""Text helpers shared by the built-in rules; every per-document result is cached on the document."""
from __future__ import annotations

import os
import re
import sys
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from newslint import Document

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")

WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
DIGIT_SEP_RE = re.compile(r"(?<=\d)[,.\u202f\u00a0' ](?=\d{3}\b)")
PUNCT_RE = re.compile(r"[^\w\s]+")
SITE_SUFFIX_RE = re.compile(r"\s+[|\-–—·:]\s+[^|\-–—·:]{1,40}$")
TERMINAL = (".", "!", "?", "…", "。", "！", "？", '."', ".”", "!”", "?”", ".'", ".’", '!"', '?"', ")", ".»")
EDGE_PUNCT = " \t:.!…»›>|-–—•*·()[]{}\"'“”‘’«,;/\\+=_#~^"


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def normalize(text: str) -> str:
    """Case, width, whitespace, punctuation and digit separators folded ("6,000" == "6000")."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = DIGIT_SEP_RE.sub("", text)
    text = PUNCT_RE.sub(" ", text)
    return " ".join(text.split())


def normalize_title(text: str) -> str:
    """As :func:`normalize`, after dropping a trailing site name (" | Site", " - Site")."""
    stripped = SITE_SUFFIX_RE.sub("", text.strip())
    if len(words(stripped)) >= 3:
        text = stripped
    return normalize(text)


def label_key(text: str) -> str:
    """The key for whole-line phrase look-ups: NFKC, casefold, edge punctuation stripped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.strip(EDGE_PUNCT).split())


def is_prose(text: str) -> bool:
    """A sentence-like line: ends with terminal punctuation and has several words."""
    t = text.rstrip()
    if len(t) > 400:
        return True  # no headline, label or credit is this long; skip counting its words
    n = len(words(t))
    return (t.endswith(TERMINAL) and n >= 6) or n >= 30


@lru_cache(maxsize=None)
def load_data(name: str) -> dict[str, Any]:
    with open(os.path.join(DATA_DIR, name), "rb") as fh:
        return tomllib.load(fh)


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


def cached(document: "Document", key: str, compute):
    cache = document.cache
    if key not in cache:
        cache[key] = compute(document)
    return cache[key]


def head_lines(document: "Document"):
    """Lines before the first prose line: where headline stacks and top residue live."""
    def compute(doc):
        out = []
        for line in doc.lines:
            if line.block.kind != "title" and is_prose(line.text):
                break
            out.append(line)
        return out
    return cached(document, "head_lines", compute)


def norm_lines(document: "Document") -> list[str]:
    return cached(document, "norm_lines", lambda doc: [normalize(line.text) for line in doc.lines])


def line_no(document: "Document", line) -> int:
    return line.number
