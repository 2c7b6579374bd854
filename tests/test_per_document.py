"""The per-document work the rules share (issue 17): each line is tokenised once, whatever rules
read its words, and the shared analyses give the rules what they used to compute themselves."""
from __future__ import annotations

import re
from collections import Counter

import pytest

import newslint_rules._text as text_mod
from newslint.config import Config
from newslint.document import Line
from newslint.linter import Linter

from conftest import FIXTURES

# A document that wakes the word-reading rules: edge residue (NL302), metadata lines (NL303),
# a keyword list (NL404), a repeated line (NL104), a competing headline (NL103), a conclusion
# (NL405, opt-in) and template lines (NL305, opt-in).
ARTICLE = """Council approves new budget for the city's schools

Latest
Updated 09:14 GMT, 21 March 2005

By Jane Smith

The council approved a new budget on Tuesday after a long debate about the schools.
Members said the money would pay for teachers, buildings and books across the city.
The vote was close, with seven members in favour and six against the proposal.
Members said the money would pay for teachers, buildings and books across the city.
cheap flights, cheap flights london, cheap flights paris, best cheap flights deals, cheap flights now
In the end the council approved a new budget for the city's schools after the debate.

Share
"""


class CountingPattern:
    """WORD_RE with a tally of the texts it tokenised."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.seen: Counter = Counter()

    def findall(self, text, *args):
        self.seen[text] += 1
        return self.pattern.findall(text, *args)

    def __getattr__(self, name):
        return getattr(self.pattern, name)


@pytest.fixture
def counting(monkeypatch):
    counter = CountingPattern(text_mod.WORD_RE)
    monkeypatch.setattr(text_mod, "WORD_RE", counter)
    return counter


def every_rule() -> Config:
    return Config(select=["ALL"])


def test_each_line_is_tokenised_at_most_once(counting):
    linter = Linter(every_rule())
    result = linter.lint_text("a.txt", ARTICLE)
    codes = {d.code for d in result.diagnostics}
    assert {"NL104", "NL303", "NL404"} <= codes, codes  # the word-reading rules did run and read words
    lines = Counter(line.strip() for line in ARTICLE.splitlines() if line.strip())
    again = {text: n for text, n in counting.seen.items() if n > lines.get(text, n)}
    assert again == {}, again  # a line said twice is two lines: tokenised once each
    assert set(lines) & set(counting.seen), "no line went through the shared tokeniser"


@pytest.mark.parametrize("path", sorted(p for p in (FIXTURES / "samples").glob("*") if p.suffix in (".txt", ".md")))
def test_samples_tokenise_each_line_once(counting, path):
    linter = Linter(every_rule())
    documents = linter.parse(str(path), path.read_text(encoding="utf-8"))
    linter.lint_source(path.name, path.read_text(encoding="utf-8"))
    texts = Counter(line.text for d in documents for line in d.lines)
    assert {t: n for t, n in counting.seen.items() if n > texts.get(t, n)} == {}


def test_line_words_are_the_tokeniser_s_words():
    linter = Linter(Config())
    (document,) = linter.parse("a.txt", ARTICLE)
    got = text_mod.line_words(document)
    assert [got[k] for k in range(len(document.lines))] == [text_mod.WORD_RE.findall(line.text)
                                                             for line in document.lines]
    assert text_mod.line_words(document) is got  # one per document


def test_lines_carry_no_per_instance_dict():
    """Lines are made for every line of every document: slots, not a dataclass __dict__."""
    linter = Linter(Config())
    (document,) = linter.parse("a.txt", ARTICLE)
    line = document.lines[0]
    assert isinstance(line, Line) and not hasattr(line, "__dict__")
    assert (line.start, line.end, line.text, line.number) == (0, len(line.text), line.text, 1)


def test_a_file_is_read_with_its_size_as_the_hint(tmp_path, monkeypatch):
    """Asking a buffered reader for MAX_FILE_BYTES + 1 bytes makes it allocate that much for every
    file; the size fstat gives is the right first request."""
    from newslint import inputs

    asked = []
    real = inputs.bounded_read
    monkeypatch.setattr(inputs, "bounded_read", lambda read, name, limit=None, expected=None: (
        asked.append(expected), real(read, name, limit, expected))[1])
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nOne line of text.\n", encoding="utf-8")
    assert inputs.read_file(str(path)) == "Headline\n\nOne line of text.\n"
    assert asked == [path.stat().st_size]


@pytest.mark.parametrize("limit, ok", [(20, True), (8, False)])
def test_a_file_that_grows_past_its_size_is_still_bounded(limit, ok):
    import io

    from newslint import inputs
    from newslint.errors import InputError

    fh = io.BytesIO(b"x" * 10)  # fstat said 4 bytes; 10 arrive
    if ok:
        assert inputs.read_bounded(fh, "grows.txt", limit, expected=4) == b"x" * 10
    else:
        with pytest.raises(InputError):
            inputs.read_bounded(fh, "grows.txt", limit, expected=4)


def _relpath_spelling(path: str, root: str) -> str:
    """The spelling project_path gave with os.path.relpath per call (the reference)."""
    import os

    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root or "."))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        rel = os.path.normpath(path)
    return rel.replace(os.sep, "/")


@pytest.mark.parametrize("path", ["a.txt", "./a.txt", "dir/../a.txt", "dir//sub/./a.md", "../outside.txt",
                                  "dir/../../outside.txt", ".", "dir", "dir/", "/", "/etc/passwd", "ROOT/a.txt",
                                  "ROOT", "ROOT/dir/../a.txt", "ROOTx/a.txt"])
@pytest.mark.parametrize("root", [".", "", "dir", "ROOT", "/"])
def test_project_path_spells_as_relpath_did(tmp_path, monkeypatch, path, root):
    from newslint.paths import project_path

    monkeypatch.chdir(tmp_path)
    (tmp_path / "dir").mkdir()
    path, root = (s.replace("ROOT", str(tmp_path / "dir")) for s in (path, root))
    assert project_path(path, root) == _relpath_spelling(path, root)


def test_results_cross_the_process_boundary_as_plain_tuples():
    """A worker sends tuples, not dataclasses; the parent rebuilds the very same results."""
    import pickle

    from newslint import runner
    from newslint.diagnostics import Diagnostic
    from newslint.problems import Problem

    linter = Linter(every_rule())
    results = [linter.lint_text("a.txt", ARTICLE), linter.lint_text("b.jsonl", '{"title": "T", "body": "x"}\n{bad\n')]
    assert results[0].diagnostics and results[1].problems
    packed = runner.pack(results)
    assert not any(isinstance(x, (Diagnostic, Problem)) for item in packed for part in item if isinstance(part, list)
                   for x in part)
    assert len(pickle.dumps(packed)) < len(pickle.dumps(results))
    back = runner.unpack(pickle.loads(pickle.dumps(packed)))
    for a, b in zip(results, back):
        assert (a.path, a.file, a.source, a.fixed, a.problems) == (b.path, b.file, b.source, b.fixed, b.problems)
        assert [vars(d) for d in a.diagnostics] == [vars(d) for d in b.diagnostics]


from hypothesis import given, strategies as st  # noqa: E402


@given(st.text(alphabet=st.sampled_from(list("aZ09 ,.-'\\t’‘“”—–«»·•€£°×éßİﬁ½\u00a0\u2009")) | st.characters(), max_size=60))
def test_fold_and_normalize_map_each_character_as_translate_does(text):
    """The common non-ASCII punctuation is replaced before str.translate (for its ASCII fast
    path): the keys must be exactly those of a plain translate."""
    import unicodedata

    nfkc = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    assert text_mod.fold(text) == nfkc.translate(text_mod._KEY)
    if not text_mod._HAS_DIGIT_SEP.search(nfkc):
        assert text_mod.normalize(text) == " ".join(nfkc.translate(text_mod._FOLD).split())


class NoScan:
    """An automaton that must not be run."""

    def find_matches_as_indexes(self, text, overlapping=False):
        raise AssertionError(f"scanned a line on its own: {text!r}")


def test_one_automaton_pass_serves_the_phrase_lists_and_nl301s_in_line_phrases(monkeypatch):
    from newslint_rules import _boilerplate

    linter = Linter(every_rule())
    matcher = _boilerplate.matcher(linter.options["NL301"])
    monkeypatch.setattr(matcher, "_automaton", NoScan())  # the document's phrase scan finds NL301's phrases
    text = ("Council approves new budget for the schools\n\n"
            "The council approved a crucial budget on Tuesday, the mayor said.\n\n"
            "Read more: we use cookies to improve your visit.\n"
            "All Rights Reserved\u00a9 by the council press office and partners\n")
    found = [(d.code, d.line, d.column, d.end_column) for d in linter.lint_text("a.txt", text).diagnostics
             if d.code == "NL301"]
    assert found == [("NL301", 5, 12, 26), ("NL301", 6, 1, 20)]


def test_nl301_phrases_from_a_phrase_file_are_still_found_in_line(tmp_path):
    (tmp_path / "extra.toml").write_text('[phrases]\npromo = ["limited time offer"]\n')
    config = every_rule()
    config.rules = {"NL301": {"phrase-files": [str(tmp_path / "extra.toml")]}}
    linter = Linter(config)
    text = ("Council approves new budget for the schools\n\n"
            "The council approved the budget on Tuesday, the mayor said.\n\n"
            "Act now: a limited time offer for readers.\n"
            "We use cookies to improve your visit to the site.\n")
    found = [(d.code, d.line, d.column) for d in linter.lint_text("a.txt", text).diagnostics if d.code == "NL301"]
    assert found == [("NL301", 5, 12), ("NL301", 6, 1)]


def test_an_article_without_code_characters_skips_the_code_listing_work(monkeypatch):
    # no line is code-shaped or bracket-only: no indent is measured, no line is asked if it is prose
    calls = Counter()
    for name in ("_raw_indent", "is_prose"):
        real = getattr(text_mod, name)
        monkeypatch.setattr(text_mod, name, lambda *a, _real=real, _name=name: calls.update([_name]) or _real(*a))
    document = Linter(every_rule()).parse("a.txt", ARTICLE)[0]
    assert text_mod._code_lines(document, {}) == frozenset()
    assert calls == Counter()
    listing = ARTICLE.replace("Share\n", "Example:\n\n    if (x) {\n        y = f(x);\n    }\n\nThat was the code.\n")
    document = Linter(every_rule()).parse("a.txt", listing)[0]
    assert len(text_mod._code_lines(document, {})) == 4 and calls["_raw_indent"] > 0


# Faster spellings of per-line work (issue 17, session d): each must give what the plain one gave.
_PUNCTUATED = st.text(alphabet=st.sampled_from(list("ab Z1 ,;|.-—•·/{}()[]<>=\t\n\u00a0’éßﬁ")), max_size=40)


@given(_PUNCTUATED)
def test_keyword_items_split_as_the_pattern_does(text):
    from newslint_rules.keyword_stuffing import _split_items

    assert _split_items(text) == re.split(r"[,;|]", text)  # the pattern NL404 used before


@given(_PUNCTUATED)
def test_label_words_are_the_label_key_s_words(text):
    key = text_mod.label_key(text)
    assert key == " ".join(text_mod.label_words(text))
    assert len(key.split()) == len(text_mod.label_words(text))


@given(_PUNCTUATED)
def test_bracket_lines_are_found_as_before(text):
    t = text.strip()
    assert text_mod._brackets_only(text) == (bool(t) and t not in text_mod._EMPTY_PAIRS
                                             and all(c in text_mod._BRACKETS_ONLY for c in t))


@given(st.integers(0, 50), st.integers(0, 500), st.integers(0, 50), st.integers(0, 120))
def test_a_one_run_block_maps_offsets_as_the_search_does(t, s, n, i):
    """Blocks with one run skip the bisection: same answer as the general search."""
    import bisect

    from newslint.document import Block

    runs = [(t, s, n)]
    k = bisect.bisect_right(runs, (i, float("inf"), 0)) - 1
    expected = runs[0][1] if k < 0 else (s + (i - t) if i <= t + n else s + n)
    assert Block("paragraph", "x" * (t + n), runs).source_offset(i) == expected


def _phrase_entries() -> dict[str, list[tuple[str, str, str]]]:
    """Every phrase of the shared scan with its (phrase, section, group) entries, in data order."""
    from newslint_rules._phrases import CHROME

    entries: dict[str, list] = {}
    for section, groups in text_mod.load_data("filler.toml").items():
        for group, phrases in groups.items():
            for phrase in phrases:
                entries.setdefault(phrase.lower(), []).append((phrase.lower(), section, group))
    chrome = {p.lower(): c for c, ps in text_mod.load_data("boilerplate.toml").get("phrases", {}).items() for p in ps}
    for low, category in chrome.items():
        entries.setdefault(low, []).append((low, CHROME, category))
    return entries


def _reference_scan(low: str) -> list[tuple[int, int, str, str, str]]:
    """Every whole-word occurrence by str.find, ordered as an automaton over the text reports
    them: by end, the longest first."""
    from newslint_rules._phrases import CHROME

    found = []
    for phrase, entries in _phrase_entries().items():
        i = low.find(phrase)
        while i >= 0:
            j = i + len(phrase)
            for _, section, group in entries:
                strict = section == CHROME
                if i > 0 and low[i - 1].isalnum() and (strict or phrase[0].isalnum()):
                    continue
                if j < len(low) and low[j].isalnum() and (strict or phrase[-1].isalnum()):
                    continue
                found.append((i, j, phrase, section, group))
            i = low.find(phrase, i + 1)
    return sorted(found, key=lambda hit: (hit[1], -len(hit[2])))  # stable: one phrase's entries in order


_SOME_PHRASES = sorted(_phrase_entries())


@given(st.lists(st.sampled_from(_SOME_PHRASES) | st.sampled_from(["", " ", "a", "1", "’", "'", "—", "\n", ",", "(",
                                                                  "é", "_", "-", ".", "s", "£"]), max_size=8))
def test_the_spaced_automaton_finds_what_the_text_holds(parts):
    """The automaton runs over spaced text (every non-word character a space) and checks each
    candidate against the text: the hits are every whole-word occurrence, in the order an
    automaton over the text itself gives them."""
    from newslint_rules._phrases import _scan

    low = "".join(parts).lower()
    assert list(_scan(low)) == _reference_scan(low)


@given(st.lists(st.sampled_from(["the", "The", "of", "and", "it's", "don't", "a", "U.S.", "well-known", "cheap",
                                 "flights", "2018", "x", ",", ";", "|", ".", "-", "'", "_", "(", ")", " ", "  ",
                                 "\t", "é", "’"]), max_size=30))
def test_nl404s_chunk_bound_never_turns_away_a_line_the_tokens_would_keep(parts):
    from newslint_rules.keyword_stuffing import _surely_function_words

    text = "".join(parts)
    stops = text_mod.stopwords()
    if _surely_function_words(text, stops):
        toks = [w.casefold() for w in text_mod.words(text)]
        function_words = sum(1 for t in toks if t in stops or t.isdigit())
        assert toks and function_words / len(toks) >= 0.2


def test_ascii_lines_fold_through_bytes_as_translate_would():
    """fold() takes ASCII text through bytes.lower + bytes.translate: every ASCII character
    must come out as the translate table says."""
    assert text_mod._KEY_ASCII_DELETE is not None  # the fast path is on
    every = "".join(chr(c) for c in range(128))
    assert text_mod.fold(every) == every.translate(text_mod._KEY)
    assert text_mod.fold("6,000 Aid-Workers £5") == "6000aidworkers5"
