"""NL102 asks rapidfuzz only for lines whose token-set score could reach its threshold: the bound
it reads from the words' lengths and letters must never be below rapidfuzz's own score."""
from __future__ import annotations

from hypothesis import example, given, settings, strategies as st
from rapidfuzz import fuzz

from newslint.config import Config
from newslint.linter import Linter

WORDS = ["fiat", "mulls", "ferrari", "listing", "market", "a", "an", "breaking", "uk", "news", "tax", "taxes",
         "rise", "rises", "minister", "says", "é", "ab", "ba", "abc", "cab", "x"]
keys = st.lists(st.sampled_from(WORDS), min_size=0, max_size=9).map(" ".join)


@settings(max_examples=1500, deadline=None)
@given(keys, keys)
@example("fiat mulls ferrari market listing", "breaking fiat mulls ferrari market listing")
@example("ab abc", "ba cab")
@example("tax rise", "taxes rises")
@example("", "uk")
def test_the_bound_is_never_below_rapidfuzz_s_score(a, b):
    from newslint_rules.title_variant import _token_set_bound

    assert _token_set_bound(a, b) >= fuzz.token_set_ratio(a, b) - 1e-9


def test_an_unlike_headline_line_is_not_scored_and_a_variant_still_is(monkeypatch):
    """The bound turns away an unlike line before rapidfuzz is asked; a variant is scored and reported."""
    from newslint_rules import title_variant

    asked = []
    real = title_variant._token_set_bound
    monkeypatch.setattr(title_variant, "_token_set_bound", lambda a, b: asked.append(b) or real(a, b))
    text = ("Fiat mulls Ferrari market listing\n\nWeather warning issued for northern hills\n\n"
            "The carmaker is considering a listing for its sports car unit, it said on Tuesday.\n\n"
            "Analysts expect a decision within weeks, according to people familiar with the plan.\n\n"
            "BREAKING: Fiat mulls Ferrari market listing today\n")
    found = Linter(Config(select=["NL102"])).lint_text("a.txt", text).diagnostics
    assert [d.line for d in found] == [9]
    assert asked == ["weather warning issued for northern hills", "breaking fiat mulls ferrari market listing today"]
