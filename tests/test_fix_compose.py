"""Composing fixes of one pass: line deletions that share a separator are applied together."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from newslint import Rule
from newslint.config import Config
from newslint.fixapply import apply_fixes, compose
from newslint.fixes import Edit, Fix, FixPolicy, line_deletion
from newslint.linter import Linter
from newslint.plugins import core_registry


def _one_by_one(text: str, *lines: str) -> str:
    """``text`` with each of ``lines`` deleted in turn, one fix per pass."""
    for line in lines:
        start = text.index(line)
        edit = line_deletion(text, start, start + len(line))
        text = text[:edit.start] + text[edit.end:]
    return text


def _deletion(text: str, line: str) -> Fix:
    start = text.index(line)
    return Fix((line_deletion(text, start, start + len(line)),), "safe")


def test_line_deletions_sharing_a_separator_apply_in_one_pass():
    cases = [
        ("Prices rose.\n\nMenu\n\nLoad more\n", ["Menu", "Load more"]),      # the last two paragraphs
        ("Prices rose.\nMenu\nLoad more", ["Menu", "Load more"]),              # the last lines of a paragraph
        ("A.\n\nZ\n\nMenu\n\nLoad more\n", ["Z", "Menu", "Load more"]),       # a run of three at the end
        ("Menu\n\nPrices rose.\n\nLoad more\n", ["Menu", "Load more"]),       # apart: no overlap at all
    ]
    for text, lines in cases:
        fixes = [_deletion(text, line) for line in lines]
        out, accepted = apply_fixes(text, fixes)
        assert len(accepted) == len(fixes), text
        assert out == _one_by_one(text, *lines), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["\n", "\n\n", "\n\n\n", "\n  \n", " \n"])),
                min_size=1, max_size=10), st.booleans())
def test_removing_lines_in_one_pass_is_removing_them_one_by_one(spec, final_newline):
    """Adjacent removals too: "L0\nL1\n\nL2" without its first two lines is "L2", not "\nL2"."""
    text = "".join(f"L{k}x{sep}" for k, (_, sep) in enumerate(spec))
    text = text if final_newline else text.rstrip("\n")
    gone = [f"L{k}x" for k, (drop, _) in enumerate(spec) if drop]
    out, accepted = apply_fixes(text, [_deletion(text, line) for line in gone])
    assert len(accepted) == len(gone)
    assert out == _one_by_one(text, *gone)


def test_other_overlaps_still_wait_for_the_next_pass():
    text = "Prices rose.\n\nMenu\n\nLoad more\n"
    whole = _deletion(text, "Menu")
    same = _deletion(text, "Menu")
    inside = Fix((Edit(whole.edits[0].start, whole.edits[0].start + 2),), "safe")   # not a line deletion
    assert compose([whole, same]) == [whole]
    assert compose([whole, inside]) == [whole]
    replaced = Fix((Edit(text.index("Load"), len(text) - 1, "Read on"),), "safe")
    last = _deletion(text, "Load more")
    assert compose([last, replaced]) == [last]


class FollowsMenu(Rule):
    """Reports "Menu" lines and the line after one; test helper (a rule that judges a line by
    its neighbour, as NL304's model does).

    ## What it does
    ## Why is this bad?
    ## Example
    ## Options
    """

    code = "T014"
    name = "follows-menu"
    fix = "remove-line"
    fix_safety = "safe"

    def check(self, document, ctx):
        lines = [line for line in document.lines if line.text.strip()]
        for before, line in zip([None] + lines, lines):
            if line.text == "Menu" or (before is not None and before.text == "Menu"):
                ctx.report(line.block, line.start, line.end, "menu")


def test_a_finding_that_depends_on_a_removed_neighbour_is_still_fixed():
    registry = core_registry()
    FollowsMenu.plugin = "tests"
    registry.rules = {"T014": FollowsMenu}
    linter = Linter(Config(select=["T014"]), registry, fix=FixPolicy())
    result = linter.lint_source("a.txt", "Prices rose, the bank said.\n\nMenu\n\nLoad more\n")
    assert result.fixed.fixed == "Prices rose, the bank said.\n"
    assert result.fixed.count == 2
