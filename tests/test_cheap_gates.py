"""Cheap string tests in front of regular expressions (issue 17): each must answer exactly what
the pattern alone answered, on any text."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

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
