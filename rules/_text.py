"""Text helpers shared by the built-in rules; per-document results are declared analyses."""
from __future__ import annotations

import os
import re
import sys
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newslint import regexcache
from newslint.analysis import Analysis

if TYPE_CHECKING:
    from collections.abc import Callable

    from newslint import Document

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")

#: a regular expression compiled on first use (``newslint.regexcache.LazyPattern``)
lazy_re = LazyPattern = regexcache.LazyPattern

WORD_RE = regexcache.cached_compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
DIGIT_SEP_RE = regexcache.cached_compile(r"(\d)[,.\u202f\u00a0' ](?=\d{3}\b)")
PUNCT_RE = regexcache.cached_compile(r"[^\w\s]+")
_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", ": ")
SITE_SUFFIX_RE = lazy_re(r"\s+[|\-–—·:]\s+[^|\-–—·:]{1,40}$")
TERMINAL = (".", "!", "?", "…", "。", "！", "？", '."', ".”", "!”", "?”", ".'", ".’", '!"', '?"', ")", ".»")
EDGE_PUNCT = " \t:.!…»›>|-–—•*·()[]{}\"'“”‘’«,;/\\+=_#~^→←↑↓⟶⟵▶◀►◄▸◂"


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


# word_count: in ASCII a word is a run of letters and digits, and one of ' . - between two runs
# joins them; each ASCII character becomes "a" (letter, digit), "j" (joiner) or " " (any other).
_COUNT_TABLE = bytes(ord("a") if chr(c).isalnum() else ord("j") if chr(c) in "'.-" else ord(" ") for c in range(128)) \
    + b" " * 128
#: common non-ASCII characters replaced by an ASCII one of the same kind for the count: a joiner ("’")
#: or a character that is no part of a word ("—", "£", ...)
_COUNT_PRE = tuple((c, "'" if c == "’" else " ") for c in "’‘“”—–«»·•€£°×" if c == "’" or not (c.isalnum() or c == "_"))


def word_count(text: str) -> int:
    """``len(words(text))``, counted without the tokeniser for ASCII text (five times faster on
    a sentence): joiners between two runs of letters and digits are dropped, a run of several
    joiners is no joiner, and each chunk left between spaces is one word."""
    if not text.isascii():
        for char, same in _COUNT_PRE:
            if char in text:
                text = text.replace(char, same)
        if not text.isascii():
            return len(WORD_RE.findall(text))
    return len(text.encode("ascii").translate(_COUNT_TABLE).replace(b"jj", b"  ").replace(b"j", b"").split())


class LineWords:
    """The words of each line of a document (:func:`words`), tokenised on first use and kept, so a
    line is tokenised once however many rules read it; ``folded(k)`` are the same words casefolded.
    Lazy, not computed up front: most rules pass most lines by a cheap test and never ask."""

    __slots__ = ("_lines", "_words", "_folded")

    def __init__(self, document: "Document"):
        self._lines = document.lines
        self._words: list[list[str] | None] = [None] * len(self._lines)
        self._folded: list[list[str] | None] = [None] * len(self._lines)

    def __getitem__(self, k: int) -> list[str]:
        found = self._words[k]
        if found is None:
            found = self._words[k] = WORD_RE.findall(self._lines[k].text)
        return found

    def count(self, k: int) -> int:
        """How many words line ``k`` has: the list's length once tokenised, else :func:`word_count`."""
        found = self._words[k]
        return len(found) if found is not None else word_count(self._lines[k].text)

    def folded(self, k: int) -> list[str]:
        found = self._folded[k]
        if found is None:
            found = self._folded[k] = [w.casefold() for w in self[k]]
        return found


#: The words of every line, shared by the rules that read words (see :class:`LineWords`).
LINE_WORDS: "Analysis[LineWords]" = Analysis("line-words", lambda doc, _: LineWords(doc))


def line_words(document: "Document") -> LineWords:
    return LINE_WORDS.of(document)


class CharTable(dict):
    """A str.translate table, memoised per character: ``rule(char)`` the first time it is met.

    Deletion is stored as None, never "": CPython translates ASCII text through a fast 128-entry
    cache only while every mapping is None or one character (15× faster on a BBC paragraph).
    """

    def __init__(self, rule: Callable[[str], str | None]):
        super().__init__()
        self.rule = rule

    def __missing__(self, code: int) -> str | None:
        value = self[code] = self.rule(chr(code))
        return value


def _case_fold(categories: str, replacement: str) -> Callable[[str], str | None]:
    """Letters case-folded; characters of ``categories`` (Unicode, by first letter) replaced."""
    replace = replacement or None
    return lambda char: replace if unicodedata.category(char)[0] in categories else char.casefold()


_FOLD = CharTable(_case_fold("PS", " "))  # punctuation and symbols become spaces
_KEY = CharTable(_case_fold("PSZC", ""))  # ... and spaces and controls vanish too
# The non-ASCII punctuation and symbols news text is full of (after NFKC). Replaced first, they
# leave most lines ASCII, which str.translate maps through its fast path; one of them left in a
# line sends the whole line through the per-character dictionary path, ten times slower.
_COMMON_NON_ASCII = "’‘“”—–«»·•€£°×"


def _pre_replace(table: CharTable) -> tuple[tuple[str, str], ...]:
    pairs = []
    for char in _COMMON_NON_ASCII:
        value = table[ord(char)] or ""
        if value.translate(table) == value:  # the replacement maps to itself: same result
            pairs.append((char, value))
    return tuple(pairs)


_FOLD_PRE, _KEY_PRE = _pre_replace(_FOLD), _pre_replace(_KEY)


def _ascii_deletions(table: CharTable) -> bytes | None:
    """The ASCII characters ``table`` deletes, as bytes, when it maps every other ASCII character
    to its lower case: then ``bytes.lower`` and ``bytes.translate`` give what ``str.translate``
    gives, four times faster on an article's line. None when the table does anything else."""
    delete = bytearray()
    for code in range(128):
        value = table[code]
        if value is None:
            delete.append(code)
        elif value != chr(code).lower():
            return None
    return bytes(delete)


_KEY_ASCII_DELETE = _ascii_deletions(_KEY)


def _premap(text: str, pre: tuple[tuple[str, str], ...]) -> str:
    """``text`` with the common non-ASCII characters of ``pre`` replaced (often it is ASCII then)."""
    for char, value in pre:
        if char in text:
            text = text.replace(char, value)
    return text


def _translate(text: str, table: CharTable, pre: tuple[tuple[str, str], ...],
               ascii_delete: bytes | None = None) -> str:
    """``text.translate(table)``, with the common non-ASCII characters mapped first (and ASCII
    text through bytes when ``ascii_delete`` says how, see :func:`_ascii_deletions`)."""
    if not text.isascii():
        text = _premap(text, pre)
        if not text.isascii():
            return text.translate(table)
    if ascii_delete is not None:
        return text.encode("ascii").lower().translate(None, ascii_delete).decode("ascii")
    return text.translate(table)


def translator(rule: Callable[[str], str | None]) -> Callable[[str], str]:
    """``text.translate`` by ``rule(char)`` (memoised), the common non-ASCII characters mapped
    first so that most text keeps translate's ASCII fast path."""
    table = CharTable(rule)
    pre = _pre_replace(table)
    one_for_one = _ascii_byte_table(table)
    if one_for_one is None:
        return lambda text: _translate(text, table, pre)

    def run(text: str) -> str:  # ASCII text through bytes.translate: three times faster on an article
        if not text.isascii():
            text = _premap(text, pre)
            if not text.isascii():
                return text.translate(table)
        return text.encode("ascii").translate(one_for_one).decode("ascii")

    return run


def _ascii_byte_table(table: CharTable) -> bytes | None:
    """A bytes.translate table that maps each ASCII character as ``table`` does, when ``table``
    maps each to one ASCII character (None when it deletes or widens any)."""
    out = bytearray(range(256))
    for code in range(128):
        value = table[code]
        if value is None or len(value) != 1 or not value.isascii():
            return None
        out[code] = ord(value)
    return bytes(out)


_HAS_DIGIT_SEP = regexcache.cached_compile(r"\d[,.\u202f\u00a0' ]\d{3}")


def normalize(text: str) -> str:
    """Case, width, whitespace, punctuation and digit separators folded ("6,000" == "6000")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if _HAS_DIGIT_SEP.search(text):
        text = DIGIT_SEP_RE.sub(r"\1", text)
    return " ".join(_translate(text, _FOLD, _FOLD_PRE).split())


def fold(text: str) -> str:
    """A comparison key for whole lines: one C-level pass. Case, width, punctuation, spaces and
    digit separators vanish, so "6,000 Aid-Workers" and "6000 aid workers" share a key."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _translate(text, _KEY, _KEY_PRE, _KEY_ASCII_DELETE)


def strip_site_suffix(text: str) -> str:
    if any(sep in text for sep in _SITE_SEPARATORS):
        stripped = SITE_SUFFIX_RE.sub("", text.strip())
        if len(stripped.split()) >= 3:
            return stripped
    return text


@lru_cache(maxsize=1024)
def title_key(text: str) -> str:
    """:func:`fold` after dropping a trailing site name (" | Site", " - Site"). Memoised: three
    rules key the same title of each document."""
    return fold(strip_site_suffix(text))


#: what fold() deletes from ASCII text but the line end, which no line holds: the lines of an
#: ASCII document folded in one pass and split apart again
_KEY_ASCII_DELETE_KEEP_LF = None if _KEY_ASCII_DELETE is None else _KEY_ASCII_DELETE.replace(b"\n", b"")


def fold_lines(texts: list[str]) -> list[str]:
    """``[fold(text) for text in texts]`` for texts without a line end: one bytes pass over them
    all when they are ASCII once NFKC and the common non-ASCII punctuation are done with (most
    articles), instead of five calls per line. Neither step reaches across a line end."""
    if not texts or _KEY_ASCII_DELETE_KEEP_LF is None:
        return [fold(text) for text in texts]
    joined = "\n".join(texts)
    if not joined.isascii():
        joined = _premap(unicodedata.normalize("NFKC", joined), _KEY_PRE)
        if not joined.isascii():
            return [fold(text) for text in texts]
    return joined.encode("ascii").lower().translate(None, _KEY_ASCII_DELETE_KEEP_LF).decode("ascii").split("\n")


#: Every line of the document, folded for comparison (:func:`fold`).
FOLDED_LINES: "Analysis[list[str]]" = Analysis("folded-lines", lambda doc, _: fold_lines([line.text for line in doc.lines]))


def folded_lines(document: "Document") -> list[str]:
    return FOLDED_LINES.of(document)


def normalize_title(text: str) -> str:
    """As :func:`normalize`, after dropping a trailing site name (" | Site", " - Site")."""
    return normalize(strip_site_suffix(text))


def shown(text: str, width: int = 60) -> str:
    """A line as a message quotes it: its words, one space apart (HTML templates indent and pad
    bylines and dates with runs of spaces), cut at ``width`` characters."""
    return " ".join(text.split())[:width]


def label_text(text: str) -> str:
    """:func:`label_key` before its whitespace is collapsed: NFKC, casefold, edge punctuation stripped."""
    return unicodedata.normalize("NFKC", text).casefold().strip(EDGE_PUNCT)


def label_words(text: str) -> list[str]:
    """The words of :func:`label_key` (its key is them joined by single spaces)."""
    return label_text(text).split()


def label_key(text: str) -> str:
    """The key for whole-line phrase look-ups: NFKC, casefold, edge punctuation stripped."""
    return " ".join(label_words(text))


def is_prose(text: str) -> bool:
    """A sentence-like line: ends with terminal punctuation and has several words."""
    t = text.rstrip()
    if len(t) > 400:
        return True  # no headline, label or credit is this long; skip counting its words
    if t.endswith(TERMINAL):  # six words are enough, and splitting off six is cheaper than thirty
        return len(t.split(None, 5)) >= 6
    return len(t.split(None, 29)) >= 30


@lru_cache(maxsize=None)
def load_data(name: str) -> dict[str, Any]:
    """A built-in data file, parsed once and kept in a marshal cache (TOML parsing costs more
    than linting an article; the cache is keyed by the file's size and modification time)."""
    from newslint import diskcache

    path = os.path.join(DATA_DIR, name)
    st = os.stat(path)
    cache = f"data-{name}-{st.st_size}-{st.st_mtime_ns}.marshal"
    data = diskcache.read(cache)
    if isinstance(data, dict):
        return data
    with open(path, "rb") as fh:
        data = _toml().load(fh)
    diskcache.write(cache, data, family=f"data-{name}-")
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


def stopword_density(text: str, toks: list[str] | None = None) -> float:
    """The share of function words among the words of ``text`` (``toks``: its casefolded words,
    when the caller has them)."""
    if toks is None:
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




# -- page structure that is not residue: code, separators, lists, letters -------------------------

_SEPARATOR_GLYPHS = set("*-_=~#•·§¶—–|+:.⁂❧❦☙◆◇●○■□♦✦✧※⸻⸺ ")
# One code pattern, taken apart (tests/test_cheap_gates.py holds it whole as the reference): a
# line ending in a brace, or in ";" after a bracket or "="; an operator; a start of line that
# only code has (anchored, so tried at one position); a method call. Searched whole, the pattern
# tried every alternative at every character: ~10 µs on a long line with a bracket.
_CODE_ENDS = ("{", "}")
_CODE_BRACKETS = frozenset("=(){}[]")
_CODE_OPERATORS = (":=", "==", "!=", "&&", "||", "=>", "->")
_CODE_START_RE = lazy_re(
    r"//|/\*|#include|\$ |"
    r"(?:import|from|def|func|return|const|let|var|if|for|while|else|elif|try|catch|class|public|private|"
    r"package|fn|pub|use|SELECT|FROM|WHERE|GROUP BY|HAVING|ORDER BY|JOIN|INSERT|UPDATE|CREATE)\b|"
    r"[\w.]+\([^()]*\)\s*[;{]?$|[+-]\s{2,}\S")
_CODE_CALL_RE = lazy_re(r"\w\.\w+\(")
_CODE_END_RE = lazy_re(r"[{}]\s*$|[=(){}\[\]].*;\s*$")  # what the two end tests decide, for text with a line end


def _code_pattern(text: str) -> bool:
    """Whether the code pattern (above) is found in ``text``."""
    if "\n" in text:  # "$" may match before a final line end, and "." stops at one
        if _CODE_END_RE.search(text):
            return True
    else:
        end = text.rstrip()
        if end.endswith(_CODE_ENDS) or (end.endswith(";") and not _CODE_BRACKETS.isdisjoint(end[:-1])):
            return True
    if any(map(text.__contains__, _CODE_OPERATORS)):
        return True
    if "(" in text and "." in text and _CODE_CALL_RE.search(text):
        return True
    return _CODE_START_RE.match(text) is not None
_BRACKETS_ONLY = set("{}()[];,<>/ ")
_BRACKET_STARTS = frozenset(_BRACKETS_ONLY - {" "})


_CODE_CHARS = frozenset("{};=()&|$#/+<>")
#: any of _CODE_CHARS: a character class searched in C, five times faster on a line of prose
#: than ``_CODE_CHARS.isdisjoint(text)``, which looks each character up in the set
_CODE_CHAR_RE = regexcache.cached_compile("[" + re.escape("".join(sorted(_CODE_CHARS))) + "]")
_EMPTY_PAIRS = ("{}", "()", "[]")
_CODE_WORDS = frozenset("import from def func return const let var if for while else elif try catch class public "
                        "private package fn pub use SELECT FROM WHERE GROUP HAVING ORDER JOIN INSERT UPDATE "
                        "CREATE".split())


def _code_shaped(text: str) -> bool:
    """Braces, operators, calls or a keyword opening the line; a cheap test first, since most
    lines of an article have none of the characters code needs."""
    if len(text) >= 300 or text.strip() in _EMPTY_PAIRS:
        return False  # "{}" alone is an unrendered template slot, not a line of code
    if _CODE_CHAR_RE.search(text) is None:  # _CODE_CHARS.isdisjoint(text)
        # the first word, from the first eight characters: a code word has seven at most, so a
        # longer word cut there is none either, and the rest of the line is not copied
        first = text.lstrip()[:8].split(None, 1)[:1]
        if not first or first[0] not in _CODE_WORDS:
            return False
    return _code_pattern(text)


def is_separator(text: str) -> bool:
    """A typographic break between sections: a dinkus ("*", "* * *", "§", "⁂"), a rule ("___",
    "---", "—") or an empty table rule ("|---|---|"). Nothing a reader takes for content."""
    t = text.strip()
    if t.replace(" ", "") in ("...", "…", "....", "[...]", "[…]", "(...)", "(…)"):
        return True  # an elision mark
    return bool(t) and all(c in _SEPARATOR_GLYPHS for c in t) and t.strip(" .,:") != ""


def is_bullet_only(text: str) -> bool:
    """A list marker whose item text went to the next line ("-", "*", "•", "1.")."""
    t = text.strip()
    return t in ("-", "*", "•", "·", "–", "+") or bool(re.fullmatch(r"\d{1,3}[.)]", t))


def is_table_row(text: str) -> bool:
    t = text.strip()
    return t.startswith("|") and t.endswith("|") and t.count("|") >= 3


def _raw_indent(document, line) -> int:
    if document.format not in ("text", "markdown"):
        return 0
    starts = document.line_starts
    k = line.number - document.first_line
    if not 0 <= k < len(starts):
        return 0
    if document.source[starts[k]:starts[k] + 1] not in (" ", "\t"):
        return 0  # most lines: no indent, and no slice of the line needed to say so
    end = starts[k + 1] - 1 if k + 1 < len(starts) else len(document.source)
    raw = document.source[starts[k]:end]
    return len(raw) - len(raw.lstrip(" \t"))


def _brackets_only(text: str) -> bool:
    """A line of brackets and separators only ("});"), not an empty pair ("{}")."""
    t = text.strip()
    return bool(t) and t not in _EMPTY_PAIRS and _BRACKETS_ONLY.issuperset(t)


def _code_lines(doc, _options) -> frozenset[int]:
    lines = doc.lines
    n = len(lines)
    shaped = [_code_shaped(l.text) for l in lines]
    # a (stripped) line of brackets only starts with one: most lines are turned away by their first character
    bracket = [l.text[:1] in _BRACKET_STARTS and _brackets_only(l.text) for l in lines]
    if not any(shaped) and not any(bracket):
        return frozenset()  # every step below starts from a code-shaped or bracket line: most articles
    indent = [_raw_indent(doc, l) >= 2 for l in lines]
    out = set()
    for i in range(n):
        near = range(max(0, i - 2), min(n, i + 3))
        if shaped[i] and any(shaped[j] or bracket[j] for j in near if j != i):
            out.add(i)
        elif bracket[i] and any(shaped[j] for j in near if j != i):
            out.add(i)
    # an indented run (preformatted text) is code when any line of it is code-shaped
    i = 0
    while i < n:
        if not indent[i]:
            i += 1
            continue
        j = i
        while j < n and indent[j]:
            j += 1
        if j - i >= 2 and any(shaped[k] or bracket[k] for k in range(max(0, i - 1), j)):
            out.update(k for k in range(i, j) if not is_prose(lines[k].text))
        i = j
    # a bracket line between two code lines of a listing is code too ("}" closing a block), and
    # so is the header line that opens one ("theorem name {a : T} :", "function f(x) {")
    for i in range(n):
        if bracket[i] and ((i - 1 in out) or (i + 1 in out)):
            out.add(i)
        elif i + 1 in out and not is_prose(lines[i].text) and (
                lines[i].text.rstrip().endswith((":", "{", "(", "[", "=")) or len(lines[i].text.split()) == 1
                and lines[i].text.strip().isalpha() and lines[i].text.strip().islower()):
            out.add(i)  # ... or a lone keyword over an indented block ("by" of a Lean proof)
    # Code before the article's first sentence is a stylesheet or script that leaked into the
    # text, not a listing the article shows: it stays residue.
    first_prose = next((k for k, l in enumerate(lines)
                        if k not in out and not shaped[k] and not bracket[k] and is_prose(l.text)
                        and l.text.rstrip().endswith((".", "!", "?", "…"))), n)
    return frozenset(k for k in out if k > first_prose)


#: Lines of code listings shown in the article (see :func:`code_lines`).
CODE_LINES: "Analysis[frozenset[int]]" = Analysis("code-lines", _code_lines)


def code_lines(document) -> frozenset[int]:
    """Indices (into ``document.lines``) of lines that belong to a code listing shown in the
    article: runs of code-shaped lines (braces, operators, calls, keywords), the bracket-only
    lines that close them, and indented runs of a plain-text file (preformatted text).
    Markdown fences are dropped by the parser already; this finds code that extractors flatten."""
    return CODE_LINES.of(document)


_VALEDICTION_RE = lazy_re(r"^[—–-]?\s*(?:[A-Za-z’']+\s){0,3}[A-Za-z’']+,\s*(?:[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,2})?$")


def is_letter_framing(text: str) -> bool:
    """A letter's salutation or sign-off: a short line ending in a comma ("Friend,", "Dear Ana,",
    "Best wishes,") or a sign-off with the name after it ("—Warmly, Michael")."""
    t = text.strip()
    # the ending first: most lines end otherwise, and then neither split nor pattern is needed
    return (t.endswith(",") or t[:1] in "—–-") and 0 < len(t.split(None, 5)) <= 5 and bool(_VALEDICTION_RE.match(t))


def continues_prose(lines, k: int) -> bool:
    """Line ``k`` goes on with the sentence of the line before it (hard-wrapped prose): the line
    before has several words and no sentence end, and this one starts in lower case."""
    if k == 0:
        return False
    prev, text = lines[k - 1].text.rstrip(), lines[k].text.lstrip()
    if not (text and text[0].islower() and len(prev.split()) >= 8) or prev.endswith(TERMINAL) or prev.endswith(":"):
        return False
    # the line before breaks off mid-sentence: after a comma or a function word, or it is prose
    # already (a sentence ended inside it); a headline above a lower-case byline does neither
    last = prev.split()[-1].casefold()
    return prev.endswith(",") or last in stopwords() or bool(re.search(r"[a-z][.!?] [A-Z]", prev))
