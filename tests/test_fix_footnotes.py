"""NL204's fix: markers and definitions renumbered 1..n, only when nothing else is wrong with them.

The edits span blocks (a marker in a paragraph, its definition in another), so the fix is one
Fix whose edits name their blocks (``Edit(..., block=...)``); it is unsafe (a gap may mean a cut
sentence the reader should know about), so only ``--unsafe-fixes`` applies it.
"""
from __future__ import annotations

import json

import pytest

from newslint.config import Config
from newslint.fixes import FixPolicy
from newslint.linter import Linter
from newslint.testing import RuleTester

GAP = ("Beer sales fall\n\nBrewers are making money from other drinks[1].\n\n"
       "Asahi is predicting profits to rise 50% in 2005.[3] Kirin agreed.[4]\n\n"
       "[1] Source: company statement.\n[3] Analyst note.\n[4] Kirin filing.\n")
RENUMBERED = GAP.replace("[3]", "[2]").replace("[4]", "[3]")


def _fix(name: str, text: str, unsafe: bool = True) -> tuple[str, list]:
    result = Linter(Config(), fix=FixPolicy(unsafe=unsafe)).lint_source(name, text)
    out = result.fixed.fixed if result.fixed and result.fixed.fixed is not None else text
    return out, result.diagnostics


def _tester():
    from newslint_rules.footnote_numbering import FootnoteNumbering

    return RuleTester(FootnoteNumbering)


def test_gaps_are_renumbered_across_blocks():
    _tester().run(invalid=[{"text": GAP, "errors": [{"code": "NL204", "line": 5}], "output": RENUMBERED}])


def test_the_fix_is_unsafe():
    out, remaining = _fix("a.txt", GAP, unsafe=False)
    assert out == GAP and any(d.code == "NL204" for d in remaining)
    out, remaining = _fix("a.txt", GAP)
    assert out == RENUMBERED and not any(d.code == "NL204" for d in remaining)


def test_every_use_of_a_marker_is_renumbered():
    text = "Rates rise\n\nThe bank raised rates.[2] It said so twice.[2] Then again.[5]\n\n[2] Statement.\n[5] Minutes.\n"
    out, _ = _fix("a.txt", text)
    assert out == text.replace("[2]", "[1]").replace("[5]", "[2]")


def test_markdown_caret_notes_and_superscripts():
    md = "# Rates rise\n\nThe bank raised rates.[1] Markets fell.[3]\n\n[1] Statement.\n[3] Minutes.\n"
    assert _fix("a.md", md)[0] == md.replace("[3]", "[2]")
    caret = "Rates rise\n\nThe bank raised rates.[^1] Markets fell.[^3]\n\n[^1]: Statement.\n[^3]: Minutes.\n"
    assert _fix("a.txt", caret)[0] == caret.replace("^3", "^2")
    sup = "Rates rise\n\nThe bank raised rates again.² Markets fell after the decision.³\n\n² Statement.\n³ Minutes.\n"
    assert _fix("a.txt", sup)[0] == sup.replace("²", "¹").replace("³", "²")


@pytest.mark.parametrize("text", [
    # out of order: which note is which is not certain
    "Rates rise\n\nThe bank raised rates.[1] Markets fell.[3] Bonds rallied.[2]\n\n[1] A.\n[2] B.\n[3] C.\n",
    # a marker without its definition (NL202's business first)
    "Rates rise\n\nThe bank raised rates.[1] Markets fell.[3] Bonds rallied.[4]\n\n[1] A.\n[3] B.\n",
    # a definition without its marker
    "Rates rise\n\nThe bank raised rates.[1] Markets fell.[3]\n\n[1] A.\n[3] B.\n[4] C.\n",
    # a grouped citation: renumbering a range is not certain
    "Rates rise\n\nThe bank raised rates [1]. Markets fell [3,4].\n\n[1] A.\n[3] B.\n[4] C.\n",
    # definitions written out of order
    "Rates rise\n\nThe bank raised rates.[1] Markets fell.[3]\n\n[3] B.\n[1] A.\n",
])
def test_uncertain_numbering_is_reported_and_left(text):
    # NL204 alone: with every rule, NL202/NL203's own fixes may first make the numbering certain
    _tester().run(invalid=[{"text": text, "errors": [{"code": "NL204"}], "output": None}])


def test_jsonl_field_value_is_renumbered():
    rec = {"id": 1, "title": "Beer sales fall", "text": GAP.split("\n\n", 1)[1], "n": 2}
    out, _ = _fix("a.jsonl", json.dumps(rec) + "\n")
    got = json.loads(out)
    assert list(got) == list(rec) and got["text"] == RENUMBERED.split("\n\n", 1)[1]


def test_html_is_not_renumbered():
    page = ("<html><body><h1>Beer sales fall</h1><p>Brewers are making money from other drinks.[1]</p>"
            "<p>Asahi is predicting profits to rise 50% in 2005.[3]</p><p>[1] Source.</p><p>[3] Note.</p></body></html>\n")
    assert _fix("a.html", page)[0] == page


def test_fixing_twice_is_a_no_op():
    once, _ = _fix("a.txt", GAP)
    assert _fix("a.txt", once)[0] == once
