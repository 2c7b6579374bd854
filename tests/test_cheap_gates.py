"""Cheap string tests in front of regular expressions (issue 17): each must answer exactly what
the pattern alone answered, on any text."""
from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings, strategies as st

from newslint_rules import _text, metadata_residue

YEAR_PIECES = ["19", "20", "1", "2", "0", "9", "199", "2024", "1999", "20001", "a", "x1", " ", "-", "_", "é", "٢٠٢٠",
               "\n", "in", ",", "."]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(YEAR_PIECES), max_size=12))
def test_the_year_test_answers_as_the_year_pattern(parts):
    text = "".join(parts)
    assert metadata_residue._has_year(text) == bool(re.search(r"\b(?:19|20)\d{2}\b", text))


CODE_PIECES = ["{", "}", "(", ")", "[", "]", ";", "=", ":=", "==", "!=", "&&", "||", "=>", "->", "//", "/*",
               "#include", "$ ", "import", "def", "return", "SELECT", "GROUP BY", "x", "foo", "a.b", ".", "f(",
               "+", "-", "  ", " ", "\t", "\u00a0", "\n", "é", "_", "1", "word", "Word", ",", ":", "<", ">", "&", "|",
               "#", "/", "$"]
ORIGINAL_CODE_RE = re.compile(
    r"[{}]\s*$|[=(){}\[\]].*;\s*$|:=|==|!=|&&|\|\||=>|->|^//|^/\*|^#include|^\$ |"
    r"^(?:import|from|def|func|return|const|let|var|if|for|while|else|elif|try|catch|class|public|private|"
    r"package|fn|pub|use|SELECT|FROM|WHERE|GROUP BY|HAVING|ORDER BY|JOIN|INSERT|UPDATE|CREATE)\b|"
    r"^[\w.]+\([^()]*\)\s*[;{]?$|\w\.\w+\(|^[+-]\s{2,}\S")


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(CODE_PIECES), max_size=12))
def test_the_code_test_answers_as_the_one_code_pattern(parts):
    text = "".join(parts)
    assert _text._code_pattern(text) == bool(ORIGINAL_CODE_RE.search(text))


WORD_PIECES = ["a", "Word", "9", "2,000", "U.S.", "it's", "it’s", "well-known", "a--b", "a.-b", "-", ".", "'", "’", "‘",
               "_", "a_b", " ", "  ", "\t", "é", "Ünïcode", "£5", "—", "–", "“", "”", "«", "»", "·", "•", "€", "°", "×",
               "٢", "中文", "x", ",", "(", ")", "\u00a0", "\u2009"]


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(WORD_PIECES), max_size=16))
def test_the_word_count_is_the_tokeniser_s(parts):
    text = "".join(parts)
    assert _text.word_count(text) == len(_text.WORD_RE.findall(text))


def test_nl303_counts_a_line_s_words_without_listing_them(monkeypatch):
    from newslint.config import Config
    from newslint.linter import Linter

    calls = []
    real = _text.WORD_RE

    class Counting:
        def findall(self, text):
            calls.append(text)
            return real.findall(text)

        def __getattr__(self, name):
            return getattr(real, name)

    monkeypatch.setattr(_text, "WORD_RE", Counting())
    linter = Linter(Config(select=["NL303"]))
    result = linter.lint_text("a.txt", "Council approves new budget for the schools\n\nUpdated 09:14 GMT, 21 March 2005\n\n"
                                       "The council approved a new budget on Tuesday after a long debate.\n")
    assert [d.code for d in result.diagnostics] == ["NL303"]
    assert calls == []


def test_a_long_configured_line_phrase_still_matches_a_line():
    from newslint_rules._boilerplate import SHORT_WORDS, Matcher

    phrase = " ".join(f"word{i}" for i in range(SHORT_WORDS + 5))
    matcher = Matcher({"lines": {"promo": [phrase]}}, [], 0.05, 1.0)
    assert matcher.match(phrase.upper() + ".").category == "promo"
    assert matcher.match("12 comments").category == "counter"
    assert matcher.match(" ".join(["12"] + ["x"] * 40)) is None


@settings(max_examples=800)
@given(st.lists(st.sampled_from(["word", "Dear", "Ana", " ", "  ", "\t", ",", ".", "!", "—", "-", "Best", "wishes",
                                 "é", "’"]), max_size=40))
def test_prose_and_letter_framing_answer_as_before(parts):
    text = "".join(parts)
    t = text.rstrip()
    n = len(t.split(None, 30))
    assert _text.is_prose(text) == (len(t) > 400 or (t.endswith(_text.TERMINAL) and n >= 6) or n >= 30)
    s = text.strip()
    assert _text.is_letter_framing(text) == (0 < len(s.split(None, 5)) <= 5 and bool(_text._VALEDICTION_RE.match(s))
                                             and (s.endswith(",") or s[:1] in "—–-"))


HEAD_PIECES = ["Ad", "sales", "boost", "Time", "Warner", " ", "  ", ".", "!", "?", ". ", "U.S.", "Mr.", "2024", "3-1",
               "²", "٣", "é", "Émile", "'", "“", "by ", "(", "1", "x1", "über"]


def _original_two_sentences(text):
    for m in re.finditer(r"(\S+)[.!?]\s+[A-Z]", text):
        word = m.group(1)
        if len(word) >= 4 and not any(c.isupper() for c in word[1:]) and "." not in word:
            return True
        if word[-1:].isdigit() or (not word[-1:].isalnum() and word[-1:] not in "."):
            return True
    return False


def _original_headline(text):
    from newslint.textshape import is_headline_shaped

    if not is_headline_shaped(text, min_words=4, max_words=20) or _original_two_sentences(text):
        return False
    first = next((c for c in text if c.isalpha()), "")
    if first and not first.isupper() and first.lower() != first.upper():
        return False
    toks = text.split()
    if sum(any(c.isdigit() for c in t) for t in toks) > len(toks) * 0.3:
        return False
    return not text.lower().startswith(("by ", "von ", "par ", "por "))


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(HEAD_PIECES), max_size=14))
def test_headline_tests_answer_as_before(parts):
    from newslint_rules.headline_cluster import _headline
    from newslint_rules.title_variant import _two_sentences

    text = "".join(parts)
    assert _two_sentences(text) == _original_two_sentences(text)
    assert _headline(text) == _original_headline(text)


@settings(max_examples=800)
@given(st.lists(st.sampled_from(["a", "word", " ", "  ", "\t", "\n", "\n\n", "\u00a0", "\x1c", "é", "\n  x  \n"]),
                max_size=20), st.integers(0, 50))
def test_block_lines_are_the_stripped_non_blank_lines(parts, offset):
    from newslint.document import Block, Document

    text = "".join(parts)
    block = Block.verbatim("paragraph", text, offset)
    want, start = [], 0
    for part in text.split("\n"):
        if part.strip():
            want.append((start + len(part) - len(part.lstrip()), start + len(part.rstrip()), part.strip()))
        start += len(part) + 1
    assert list(block.lines()) == want
    doc = Document(path="a.txt", format="text", source=" " * offset + text, blocks=[block])
    assert [line.number for line in doc.lines] == [doc.position(block.source_offset(s))[0] for s, _, _ in want]
    assert [(line.start, line.end, line.text) for line in doc.lines] == want  # one-line blocks skip the generator


@settings(max_examples=800)
@given(st.text(alphabet=st.sampled_from(list("aZ09 _-.,'\n\t’“—é£ß") + ["\u00a0", "\x7f", "ﬁ"]), max_size=40))
def test_spaced_text_is_the_translate_table_s(text):
    from newslint_rules._phrases import spaced

    assert spaced(text) == text.translate({ord(c): (c if c.isalnum() else " ") for c in set(text)})


@given(st.lists(st.sampled_from(["Read", "more", "read more", "Related", ":", "  ", " ", "-", ">", "•", "Share",
                                 "this", "story", "Sign", "up", "x", "Advertisement", "READ", "ALSO"]), max_size=8),
       st.booleans())
def test_the_prefix_first_word_gate_keeps_every_prefix_match(parts, empty_prefix):
    """NL301's prefix look-up runs only when the line's first word starts some prefix: the match is
    the one of the matcher without that gate (an empty prefix turns the gate off)."""
    from newslint_rules import _boilerplate

    data = {"prefixes": {"nav": ["read more", "related", "read also:", "share this story"]}}
    if empty_prefix:
        data["prefixes"]["any"] = [" "]
    gated = _boilerplate.Matcher(data, [], 0.05, 1.0)
    ungated = _boilerplate.Matcher(data, [], 0.05, 1.0)
    ungated.prefix_firsts = None
    text = " ".join(parts)
    if text.strip():
        assert gated.match(text) == ungated.match(text)


@given(st.lists(st.sampled_from(["", "a", "b", "ab", "c"]), max_size=8))
def test_nl102_returns_early_only_when_no_key_is_met_twice(keys):
    """NL102 leaves before its loop when every line's key is distinct: then no key has the count
    of two that the loop looks for."""
    from collections import Counter

    counts = Counter(keys)
    if len(set(keys)) == len(keys):
        assert all(counts[key] != 2 for key in keys)


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["Some words here.", "[1]", "[^a]", " ", "\n", "\n\n", "References", "Notes:",
                                 "1. Smith, J.", "- 2. Jones", "^ Doe", "¹", "word²", "x", "£5", "[", "]", "(1)",
                                 "Title Of The Story", "[2]: http://a.b", "He said. [3] More"]), max_size=14))
def test_the_footnote_gate_keeps_every_marker_and_definition(parts):
    """The footnote analysis is skipped when no line can give a marker or a definition: the notes
    are then those the line-by-line analysis finds (none)."""
    from newslint.document import Document
    from newslint.parsers.text import plain_blocks
    from newslint_rules import _footnotes

    text = "".join(parts)
    doc = Document(path="a.txt", format="text", source=text, blocks=plain_blocks(text))
    full = _footnotes._analyse_lines(doc)
    if not _footnotes._may_have_notes(doc.lines):
        assert (full.markers, full.definitions, full.glued) == ([], [], [])
    assert _footnotes._analyse(doc) == full


@given(st.lists(st.lists(st.sampled_from(["a", "word", "seventeen-letters", " ", "  ", "\t", "\u00a0", "é"]),
                         max_size=24).map("".join).filter(str.strip), min_size=1, max_size=9))
def test_nl404s_median_test_answers_as_the_sorted_median(items):
    from newslint_rules.keyword_stuffing import _median_over_eight

    assert _median_over_eight(items) == (sorted([len(i.split(None, 9)) for i in items])[len(items) // 2] > 8)


@given(st.lists(st.sampled_from(["Dear", "Ana", ",", "—", "-", "–", " ", "Best", "wishes", "word", ".", "x", "and",
                                 "the", "of"]), max_size=12))
def test_the_inline_line_tests_answer_as_the_functions(parts):
    """NL302 and NL303 test a (stripped) line's first or last character before calling
    is_letter_framing and continues_prose, which need it."""
    from newslint.document import Line
    from newslint_rules._text import continues_prose, is_letter_framing

    text = "".join(parts).strip()
    if not text:
        return
    if is_letter_framing(text):
        assert text[-1:] == "," or text[:1] in "—–-"
    lines = [Line(None, 0, 0, "one two three four five six seven eight the", 1), Line(None, 0, 0, text, 2)]
    if continues_prose(lines, 1):
        assert text[:1].islower()


class _LongList(list):
    """A list that says it is long: turns NL103's "too few head lines" gate off."""

    def __len__(self):
        return 1_000_000


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["North Korea sends 6000 workers to rebuild Kursk",
                                 "Russia and North Korea Strike Diplomatic Agreement",
                                 "Russia's Kursk Region Gets a Helping Hand from North Korea's Workforce",
                                 "By Jane Smith", "Updated 09:14 GMT", "Share this story",
                                 "North Korea is sending 6,000 workers to help rebuild Russia's Kursk region, Moscow "
                                 "said on Tuesday."]), min_size=1, max_size=6), st.integers(1, 4))
@example(["North Korea sends 6000 workers to rebuild Kursk", "Russia and North Korea Strike Diplomatic Agreement",
          "Russia's Kursk Region Gets a Helping Hand from North Korea's Workforce",
          "North Korea is sending 6,000 workers to help rebuild Russia's Kursk region, Moscow said on Tuesday."], 3)
def test_nl103_leaves_early_only_when_the_stack_cannot_be_long_enough(lines, least):
    """NL103 leaves before building its stack when there are fewer head lines than the
    ``min-headlines`` its stack (taken from them) needs: the findings are those without the gate."""
    from newslint.config import Config
    from newslint.linter import Linter
    from newslint_rules import headline_cluster

    text = "\n\n".join(lines) + "\n"
    config = Config(select=["NL103"], rules={"NL103": {"min-headlines": least}})
    gated = [(d.line, d.message) for d in Linter(config).lint_text("a.txt", text).diagnostics]
    real = headline_cluster.head_lines
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(headline_cluster, "head_lines", lambda document: _LongList(real(document)))
        assert [(d.line, d.message) for d in Linter(config).lint_text("a.txt", text).diagnostics] == gated


@settings(max_examples=500)
@given(st.lists(st.text(alphabet=st.sampled_from(list("aZ09 _-.,'\t’“—é£ßİ") + ["\u00a0", "\x7f", "\x00", "ﬁ"]),
                        max_size=12), max_size=6))
def test_lines_fold_together_as_each_alone(texts):
    """The folded-lines analysis folds an ASCII document's lines in one pass: each key is fold()'s."""
    assert _text.fold_lines(texts) == [_text.fold(text) for text in texts]


@given(st.text(alphabet=st.sampled_from(list("{};=()&|$#/+<>[]-^\\a ,.\n") + ["é", "\u00a0"]), max_size=30))
def test_the_code_character_search_is_the_set_test(text):
    assert (_text._CODE_CHAR_RE.search(text) is None) == _text._CODE_CHARS.isdisjoint(text)


@given(st.text(alphabet=st.sampled_from(list("a 09.,x") + ["²", "٣", "é", "\u00a0"]), max_size=20))
def test_the_digit_search_is_isdigit(text):
    assert metadata_residue._any_digit(text) == any(map(str.isdigit, text))


@given(st.lists(st.sampled_from(["facebook", "twitter,", "|", "share", "x", "news", "today", "·email", "word"]),
                max_size=9))
def test_the_share_button_test_answers_as_the_count(parts):
    from newslint_rules._boilerplate import SOCIAL, _share_buttons

    toks = [t.strip(",;|·•/") for t in parts]
    known = sum(1 for t in toks if t in SOCIAL)
    assert _share_buttons(parts) == (known >= 2 and known >= len(toks) - 1)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_punctuation_counts_through_bytes_as_through_the_table(text):
    from newslint_rules.keyword_stuffing import _ASCII_WORD_OR_SPACE, _PUNCTUATION_ONLY

    assert len(text.encode("ascii").translate(None, _ASCII_WORD_OR_SPACE)) == len(text.translate(_PUNCTUATION_ONLY))


def _original_repeated_opener(items, content, stops, opts):
    """NL404's opener test as it was written before its content words were kept per item."""
    from collections import Counter

    openers: Counter = Counter()
    for toks in items:
        item_words = [w for w in toks if w not in stops]
        openers.update({item_words[0]: 1} if item_words else {})
        if len(item_words) >= 2:
            openers[item_words[0] + " " + item_words[1]] += 1
    keyword, lead = max(openers.items(), key=lambda kv: (kv[1], len(kv[0])), default=("", 0))
    variants = {" ".join(toks) for toks in items
                if [w for w in toks if w not in stops][:len(keyword.split())] == keyword.split()}
    if len(variants) < 3:
        return None
    count = sum(1 for t in content if t == keyword) if " " not in keyword else lead
    if lead >= 3 and (count >= opts["min-repeats"] or " " in keyword) and count / len(content) * (
            2 if " " in keyword else 1) >= opts["max-share"]:
        return f"{keyword!r} repeated {max(count, lead)} times in one line"
    return None


@given(st.lists(st.lists(st.sampled_from(["stock", "car", "the", "of", "2018", "brasil", "cheap", "flights"]),
                         max_size=5), min_size=1, max_size=8), st.integers(1, 5))
def test_nl404s_opener_test_answers_as_before(items, repeats):
    from newslint_rules.keyword_stuffing import _repeated_opener

    stops = _text.stopwords()
    content = [w for toks in items for w in toks if w not in stops and not w.isdigit()] or ["x"]
    opts = {"min-repeats": repeats, "max-share": 0.2}
    assert _repeated_opener(items, content, stops, opts) == _original_repeated_opener(items, content, stops, opts)


@given(st.lists(st.sampled_from(["import", "importance", "class", "classroom", "private", "privately", "SELECT",
                                 "for", "fore", " ", "  ", "\t", "x", "word", "packages", "package"]), max_size=6))
def test_the_first_word_is_read_from_eight_characters(parts):
    """_code_shaped reads a line's first word from its first eight characters: every code word
    has seven at most, so the answer is the whole first word's."""
    text = "".join(parts)
    assert max(map(len, _text._CODE_WORDS)) <= 7
    whole = text.split(None, 1)[:1]
    cut = text.lstrip()[:8].split(None, 1)[:1]
    assert bool(whole and whole[0] in _text._CODE_WORDS) == bool(cut and cut[0] in _text._CODE_WORDS)


@given(st.lists(st.sampled_from([", left", ", ", ",", "left", " right", ", far", " ", "x", ", far ", ", top",
                                 ", second from", "second", ", rear"]), max_size=6))
def test_the_position_key_search_is_the_substring_tests(parts):
    low = "".join(parts)
    assert (metadata_residue._POSITION_KEY_RE.search(low) is not None) == \
        any(k in low for k in metadata_residue._POSITION_KEYS)


@given(st.text(alphabet=st.sampled_from(["a", " ", "\t", "\u00a0", "\x1c", "\n"]), max_size=6))
def test_a_blank_item_is_empty_or_whitespace(item):
    assert bool(item and not item.isspace()) == bool(item.strip())


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["", " ", "a", "1", "A", "Z", "'", "-", "\n", ",", "(", "_", ".", "s", "In", "THE",
                                 "of the", "at the end of the day", "Needless to say", "sign up", "Click here",
                                 "it's", "\t", "\x7f"]), max_size=12))
def test_the_ascii_phrase_scan_is_the_scan_of_the_lower_cased_text(parts):
    """An ASCII article's automaton input is made lower-cased and spaced in one bytes.translate:
    the hits are those of the scan over ``text.lower()``."""
    from newslint_rules._phrases import _scan, _scan_ascii

    text = "".join(parts)
    assert list(_scan_ascii(text)) == list(_scan(text.lower()))


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["word", "Share", "facebook", "twitter", "1", "12", "comments", "Read", "more", " ",
                                 "  ", "\t", "-", "©", "2024", "Copyright", "[AP]", "newsletter", "Subscribe", "to",
                                 "our", "é", "\u00a0"]), max_size=70),
       st.sampled_from(["none", "no hit", "hit"]))
@example(["word"] * 65, "hit")
@example(["word"] * 30, "no hit")
@example(["Share", "facebook", "twitter"], "no hit")
def test_nl301_counts_a_line_s_words_only_as_far_as_its_tests_read(parts, scanned):
    """NL301's matcher splits a line's label only up to the word count its tests compare: the
    match is the one of the matcher that counts every word."""
    from newslint_rules import _boilerplate

    text = " ".join(parts)
    if not text.strip():
        return
    hit = {"none": None, "no hit": _boilerplate.NO_HIT, "hit": (0, 4, "word", "promo")}[scanned]
    m = _boilerplate.matcher(_boilerplate.DEFAULTS)
    capped = m.match(text, hit)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_boilerplate, "_word_cap", lambda short_words, scanned: 10**9)
        assert m.match(text, hit) == capped


@given(st.lists(st.sampled_from(["{", "}", "(", ")", "[]", ";", ",", "<", ">", "/", " ", "x", "\t", "{}"]), max_size=6))
def test_a_bracket_line_starts_with_a_bracket(parts):
    """The code-listing analysis tests a (stripped) line's first character before _brackets_only."""
    text = "".join(parts).strip()
    if _text._brackets_only(text):
        assert text[:1] in _text._BRACKET_STARTS


KEY_PIECES = [*metadata_residue._BIO_KEYS, *metadata_residue._CONTRIB_KEYS, "reache", "follo", "ti", "editing", " by",
              "avec", " afp", "con informaci", "ón", "x", " ", "ed"]


@given(st.lists(st.sampled_from(KEY_PIECES), max_size=5))
@example([])
def test_the_spelled_out_key_tests_are_the_key_lists(parts):
    low = "".join(parts)
    assert metadata_residue._has_bio_key(low) == any(k in low for k in metadata_residue._BIO_KEYS)
    assert metadata_residue._has_contrib_key(low) == any(k in low for k in metadata_residue._CONTRIB_KEYS)
    for key in metadata_residue._BIO_KEYS:
        assert metadata_residue._has_bio_key(f"a {key} b")
    for key in metadata_residue._CONTRIB_KEYS:
        assert metadata_residue._has_contrib_key(f"a {key} b")


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["", " ", "a", "1", "A", "'", "-", "\n", ",", "\0", "£", "’", "“", "”", "—", "–", "é",
                                 "ß", "°", "€5", "of the", "at the end of the day", "Needless to say", "sign up",
                                 "Click here", "it's", "it’s", "here’s", "×", "needless", "to say", "at the"]), max_size=12))
@example(["needless", "£", "to say"])
@example(["needless", "—", "to say", "’"])
def test_the_stand_ins_keep_the_phrase_scan_s_hits(parts):
    """Common non-ASCII punctuation made a NUL before the scan: the hits are those of the text."""
    from newslint_rules._phrases import _scan, _stand_ins
    from newslint_rules._text import _premap

    text = "".join(parts).lower()
    assert list(_scan(_premap(text, _stand_ins()))) == list(_scan(text))
    assert _stand_ins() and all(char not in phrase for char, _ in _stand_ins() for phrase in _all_phrases())


def _all_phrases() -> list[str]:
    from newslint_rules._phrases import combined

    return [phrase for _key, found in combined().items() for phrase, _section, _group in found]


def test_a_document_with_stand_ins_is_scanned_as_before():
    """The whole analysis, on lines with "£" and curly quotes, against the scan of each line alone."""
    from newslint.config import Config
    from newslint.linter import Linter
    from newslint_rules._phrases import CHROME, PHRASE_SCAN, _scan

    lines = ["It’s worth £5, needless to say — at the end of the day.", "Click here — by continuing to browse “now”.", "é plain"]
    document = Linter(Config()).parse("a.txt", "\n\n".join(lines))[0]
    hits, chrome = PHRASE_SCAN.of(document)
    assert any(hits) and any(chrome)
    for i, line in enumerate(document.lines):
        found = list(_scan(line.text.lower()))
        assert hits[i] == [h for h in found if h[3] != CHROME]
        assert chrome[i] == next(((s, e, p, g) for s, e, p, sec, g in found if sec == CHROME), None)


@given(st.lists(st.sampled_from(["Updated", " ", "1", "12:30", "ago", "AGO", "Ago", "3 hours", "GMT", "March", "2005",
                                 ",", "٣", "²", "a", "go"]), max_size=8))
def test_nl303_asks_for_a_timestamp_only_with_a_digit_or_ago(parts):
    t = "".join(parts).strip()
    if not (metadata_residue._ANY_DIGIT_RE.search(t) or "ago" in t.lower()):
        assert not metadata_residue._timestamp(t)


@settings(max_examples=400)
@given(st.lists(st.lists(st.sampled_from(["stock", "car", "Car", "2018", "the", "of", "brasil", "budget", "vote",
                                          "delayed", "x", "1", "an", "news"]), min_size=1, max_size=4), min_size=4,
                max_size=9))
def test_nl404_leaves_a_line_without_a_word_said_three_times_to_neither_test(items):
    """The gate in front of _repeated_opener and _repeated_phrase: when it says no, both say None."""
    from newslint_rules import keyword_stuffing as ks
    from newslint_rules._text import stopwords, words

    stops = stopwords()
    texts = [" ".join(item) for item in items]
    toks = [w.casefold() for w in words(", ".join(texts))]
    item_words = [[w.casefold() for w in words(item)] for item in texts]
    content = [t for t in toks if t not in stops and not t.isdigit()]
    if not ks._repeats_a_word(toks, stops):
        assert ks._repeated_phrase(item_words, stops) is None
        assert content == [] or ks._repeated_opener(item_words, content, stops, {"min-repeats": 1, "max-share": 0.0}) is None


def test_nl302_reads_only_the_prose_tests_it_needs(monkeypatch):
    """The last prose line is looked for from the end and the head's lines as the head loop reaches
    them: on an article whose last line is prose and whose first is its title, two calls, not one
    per line (the findings are the corpora's, byte for byte: bench/same_output.py)."""
    from newslint.config import Config
    from newslint.linter import Linter
    from newslint_rules import edge_residue

    calls = []
    real = edge_residue.is_prose
    monkeypatch.setattr(edge_residue, "is_prose", lambda text: calls.append(text) or real(text))
    paragraphs = [f"Paragraph {i} of the story goes on for a while, as stories do, and ends here." for i in range(8)]
    text = "Council approves budget\n\n" + "\n\n".join(paragraphs) + "\n\nFollow Mike Jones\n"
    found = [d.code for d in Linter(Config(select=["NL302"])).lint_text("a.txt", text).diagnostics]
    assert found == ["NL302"]  # the teaser after the last paragraph
    assert len(calls) <= 3


_OWN_PHRASES = {"promo": ["limited time offer"], "partner": ["time offer", "offer", "offer ends"],
                "other": ["OFFER", "-offer", "é"]}


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["limited", "time", "offer", "ends", "Offer", "TIME", "z", "-", ",", "é", "timeoffer",
                                 "limited time offer", "offers", " ", "ée", "--offer", "a-offer", "\ud800"]), max_size=10))
@example(["limited time offer", "ends"])
@example(["\ud800", "offer"])
@example(["z", "--offer"])
def test_a_matcher_s_own_phrases_match_first_by_end_then_longest(parts):
    """NL301's own automaton (phrases that are not the built-in ones): the first whole-word phrase
    by end, the longest of those ending there, a phrase listed twice keeping its last category."""
    from newslint_rules import _boilerplate

    text = " ".join(parts)
    if not text.strip(" -,"):
        return
    categories = {p.lower(): c for c, ps in _OWN_PHRASES.items() for p in ps}
    low = text.lower()
    found = []
    for phrase in categories:
        i = low.find(phrase)
        while i >= 0:
            j = i + len(phrase)
            if (i == 0 or not low[i - 1].isalnum()) and (j == len(low) or not low[j].isalnum()):
                found.append((j, -len(phrase), i))
            i = low.find(phrase, i + 1)
    m = _boilerplate.Matcher({"phrases": _OWN_PHRASES}, [], 1.0, 1.0).match(text)
    if not found:
        assert m is None
    else:
        end, _, start = min(found)
        assert m == _boilerplate.Match(categories[low[start:end]], low[start:end], start, end)
