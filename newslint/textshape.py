"""Text-shape helpers that parsers and rules (built-in or third-party) both need. Public API.

- :func:`is_headline_shaped`: does a line look like a headline rather than a sentence or label?
"""
from __future__ import annotations

from . import regexcache

__all__ = ["is_headline_shaped"]

_WORD_RE = regexcache.cached_compile(r"\w+")
_SENTENCE_END = (".", ",", ";", ":", "。", "、")
_CLOSERS = "\"'”’»)"
_TRAILING_MARKERS = regexcache.LazyPattern(r"(?:\[\^?\w{1,5}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)+$")  # compiled on first use: few lines end so


def is_headline_shaped(line: str, min_words: int = 2, max_words: int = 25) -> bool:
    """Short, starts with a letter or digit, and does not end like a sentence or a label."""
    line = line.strip()
    if not line or len(line) > 240:
        return False
    if line[-1] == "]" or line[-1] in "⁰¹²³⁴⁵⁶⁷⁸⁹":
        line = _TRAILING_MARKERS.sub("", line)  # "... project.[1]" ends like a sentence
    if not line or len(line) > 220 or line.rstrip(_CLOSERS).endswith(_SENTENCE_END):
        return False
    if not (line[0].isalnum() or line[0] in "\"'‘“«¿¡"):
        return False
    words = len(_WORD_RE.findall(line))
    if words > 10 and line.rstrip(_CLOSERS).endswith("!"):
        return False  # a long exclamation is a sentence: headlines that shout are short
    return min_words <= words <= max_words
