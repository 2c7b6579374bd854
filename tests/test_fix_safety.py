"""Fix safety: an unsafe fix never removes a line of a flattened table.

Extractors flatten a table into one short line per cell. Its cells repeat ("Up to 45 days" in two
columns), are dates ("7/1/2021") or look like headings, so NL104, NL303 and the other shape rules
report them, and removing one shifts every later cell into the wrong column. The finding is kept;
only the fix is withheld. Safe fixes (an exact boilerplate line, a repeated title) still apply.
"""
from __future__ import annotations

import json

import pytest

from newslint import Rule
from newslint.config import Config
from newslint.fixes import FixPolicy
from newslint.fixsafety import table_lines
from newslint.linter import Linter
from newslint.plugins import core_registry

DATES = ("Home prices rise\n\nPrices rose in most cities last year, the survey found.\n\n"
         "Month\nChange\n7/1/2021\n-3.7%\n8/1/2021\n+0.5%\n9/1/2021\n-3.9%\n\nThe data come from Redfin.\n")
PLANS = ("Travel cover compared\n\nWe compared three policies for travellers this spring, and found big "
         "differences in cover.\n\nPlan\nBasic\nPlus\nPremium\nCovered trip length\nUp to 45 days\nUp to 45 days\n"
         "Up to 90 days\nTrip cancellation\nNo\n$3,000\n$2,000\n\nPrices are for one adult.\n")


def _fix(name: str, text: str) -> tuple[str, list]:
    result = Linter(Config(), fix=FixPolicy(unsafe=True)).lint_source(name, text)
    out = result.fixed.fixed if result.fixed and result.fixed.fixed is not None else text
    return out, (result.fixed.found if result.fixed else result.diagnostics)


def test_table_cells_are_reported_but_not_removed():
    out, found = _fix("a.txt", PLANS)
    assert out == PLANS
    assert any(d.code == "NL104" and d.fix is None for d in found)


def test_a_date_column_is_kept_and_not_reported_as_timestamps():
    out, found = _fix("a.txt", DATES)
    assert out == DATES
    assert not [d for d in found if d.code == "NL303"]


def test_a_table_in_a_jsonl_field_is_kept_too():
    line = json.dumps({"id": 1, "text": DATES}) + "\n"
    assert _fix("a.jsonl", line)[0] == line


def test_safe_fixes_still_apply_inside_a_table():
    text = PLANS.replace("No\n", "No\nShare this article\n")
    assert _fix("a.txt", text)[0] == PLANS


def test_lines_outside_tables_are_still_fixed():
    text = ("Home prices rise\n\nPrices rose in most cities last year, the survey found.\n\n"
            "Updated 09:14 GMT, 21 March 2005\n\nThe data come from Redfin.\n")
    assert "Updated" not in _fix("a.txt", text)[0]


@pytest.mark.parametrize("run, table", [
    (["7/1/2021", "-3.7%", "8/1/2021", "+0.5%"], True),                        # numbers
    (["Plan", "Up to 45 days", "Up to 45 days", "Cover"], True),               # digits and a repeat
    (["Home", "News", "Sport", "Business", "Contact us"], False),               # a menu: no digits
    (["7/1/2021", "-3.7%", "8/1/2021"], False),                                # too short to tell
    (["The index rose 2% on Monday.", "It fell 3% on Tuesday.", "It rose 1%.", "It fell 4%."], False),  # sentences
])
def test_table_lines(run, table):
    text = "A sentence that ends here.\n" + "\n".join(run) + "\nAnother sentence that ends here.\n"
    starts = {i for i, c in enumerate(text) if i == 0 or text[i - 1] == "\n"}
    cells = table_lines(text)
    assert cells <= starts
    assert (len(cells) == len(run)) is table and (not cells) is (not table)


@pytest.mark.parametrize("code", ["NL304", "NL406"])
def test_model_findings_are_unsafe_line_removals(code):
    """A model only believes a line is residue or filler: its fix needs --unsafe-fixes."""
    from newslint.plugins import load_registry

    rule = load_registry(Config()).rules[code]
    assert (rule.fix, rule.fix_safety) == ("remove-line", "unsafe")


def _sample(shared, pattern: str, every: int):
    import gzip

    for path in sorted((shared / "corpus").glob(pattern)):
        if path.suffix == ".gz":
            yield "a.html", gzip.open(path).read().decode("utf-8", "replace").replace("\r\n", "\n")
            continue
        for k, raw in enumerate(path.open(encoding="utf-8")):
            if k % every == 0:
                yield "a.txt", json.loads(raw)["text"]


@pytest.mark.parametrize("pattern, every", [("clean/*.jsonl", 20), ("residue/*.jsonl", 5), ("residue_naive/*.jsonl", 5),
                                            ("wcxb/*.jsonl", 15), ("injected/*.jsonl", 10), ("html/*.html.gz", 1)])
def test_fixing_twice_is_a_no_op_on_every_corpus(shared, pattern, every):
    """A sample of every corpus, every fix (unsafe ones and the opt-in models' too): the fixed text
    is stable, so a second --fix finds nothing left to fix."""
    linter = Linter(Config(extend_select=["NL304", "NL406"]), fix=FixPolicy(unsafe=True))
    changed = 0
    for name, text in _sample(shared, pattern, every):
        once = linter.lint_source(name, text)
        if once.fixed and once.fixed.fixed is not None:
            changed += 1
            again = linter.lint_source(name, once.fixed.fixed)
            assert not (again.fixed and again.fixed.fixed is not None), text[:200]
    assert changed or pattern.startswith("clean")


# -- a rule may make some of its findings' fixes safe --------------------------------------------
class StampLines(Rule):
    """Reports lines starting "Updated" (safe fix) and "Posted" (the rule's unsafe fix); test helper.

    ## What it does
    ## Why is this bad?
    ## Example
    ## Options
    """

    code = "T013"
    name = "stamp-lines"
    fix = "remove-line"
    fix_safety = "unsafe"

    def check(self, document, ctx):
        for line in document.lines:
            if line.text.startswith(("Updated", "Posted")):
                ctx.report(line.block, line.start, line.end, "stamp",
                           fix_safety="safe" if line.text.startswith("Updated") else None)


def _stamp_fix(text: str, unsafe: bool) -> str:
    registry = core_registry()
    StampLines.plugin = "tests"
    registry.rules = {"T013": StampLines}
    result = Linter(Config(select=["T013"]), registry, fix=FixPolicy(unsafe=unsafe)).lint_source("a.txt", text)
    return result.fixed.fixed if result.fixed and result.fixed.fixed is not None else text


STAMPS = "Prices rose.\n\nUpdated 09:14 GMT\n\nPosted 09:10 GMT\n\nThe end, said the bank.\n"


def test_a_finding_can_make_its_fix_safe():
    assert _stamp_fix(STAMPS, unsafe=False) == "Prices rose.\n\nPosted 09:10 GMT\n\nThe end, said the bank.\n"
    assert _stamp_fix(STAMPS, unsafe=True) == "Prices rose.\n\nThe end, said the bank.\n"


def test_a_finding_made_safe_by_an_unsafe_rule_keeps_the_table_guard():
    table = "Prices rose.\n\nUpdated 1\n7/1/2021\n-3.7%\n8/1/2021\n+0.5%\n\nThe end, said the bank.\n"
    assert _stamp_fix(table, unsafe=True) == table


# NL303: the kinds whose line is its own evidence are removed by --fix (decided on residue/,
# see docs/benchmarks.md "Fix quality"); timestamps in the story, bylines and credits wait for --unsafe-fixes
SAFE_KINDS_TEXT = ("Stocks slide as dollar weakens\n\nWall Street shares fell on Monday as the dollar slid.\n\n"
                   "Image 2 of 5\n\n5 min read\n\nVideo\n\n"
                   "Finance minister Ana Ruiz, left, talks with traders on the floor of the exchange.\n\n"
                   "Traders said worries about the deficit were weighing on markets.\n\n"
                   "Have a tip? Jane Roe may be reached at jroe@example.com.\n")
UNSAFE_KINDS_TEXT = ("Stocks slide as dollar weakens\n\nBy John Smith\n\n"
                     "Wall Street shares fell on Monday as the dollar slid.\n\n(Updated 09:14 GMT, 21 March 2005)\n\n"
                     "(AP Photo/Matt Rourke)\n\n"
                     "Associated Press\n\nTraders said worries about the deficit were weighing on markets.\n")
RESTORED = ("Stocks slide as dollar weakens\n\nWall Street shares fell on Monday as the dollar slid.\n\n"
            "Traders said worries about the deficit were weighing on markets.\n")


def test_nl303_fixes_of_self_evident_kinds_are_safe():
    safe = Linter(Config(select=["NL303"]), fix=FixPolicy()).lint_source("a.txt", SAFE_KINDS_TEXT)
    assert safe.fixed.fixed == RESTORED


def test_nl303_timestamps_bylines_and_credits_stay_unsafe():
    safe = Linter(Config(select=["NL303"]), fix=FixPolicy()).lint_source("a.txt", UNSAFE_KINDS_TEXT)
    assert safe.fixed.fixed is None and len(safe.diagnostics) == 4
    unsafe = Linter(Config(select=["NL303"]), fix=FixPolicy(unsafe=True)).lint_source("a.txt", UNSAFE_KINDS_TEXT)
    assert unsafe.fixed.fixed == RESTORED


def test_nl301_consent_wording_inside_a_longer_line_is_a_safe_fix():
    text = ("Markets rise on rate hopes\n\nShares rose on Monday, said the bank.\n\n"
            "We use cookies to understand how you use our site and to improve your experience.\n")
    result = Linter(Config(select=["NL301"]), fix=FixPolicy()).lint_source("a.txt", text)
    assert result.fixed.fixed == "Markets rise on rate hopes\n\nShares rose on Monday, said the bank.\n"


def test_nl303_a_timestamp_outside_the_prose_is_a_safe_fix_one_inside_is_not():
    text = ("Stocks slide as dollar weakens\n\nUpdated 09:14 GMT, 21 March 2005\n\n"
            "Wall Street shares fell on Monday as the dollar slid.\n\nPublished 10:02 GMT, 21 March 2005.\n\n"
            "Traders said worries about the deficit were weighing on markets.\n\nMonday 21 March 2005\n")
    safe = Linter(Config(select=["NL303"]), fix=FixPolicy()).lint_source("a.txt", text)
    assert safe.fixed.fixed == ("Stocks slide as dollar weakens\n\nWall Street shares fell on Monday as the dollar slid.\n\n"
                                "Published 10:02 GMT, 21 March 2005.\n\n"
                                "Traders said worries about the deficit were weighing on markets.\n")


def test_nl303_a_timestamp_line_that_is_not_a_sentence_is_a_safe_fix_anywhere():
    """Inside the prose too: a bare date line is page metadata; one that ends like a sentence
    (a dated note, a reference) waits for --unsafe-fixes (chosen on residue/, see docs/benchmarks.md)."""
    text = ("Stocks slide as dollar weakens\n\nWall Street shares fell on Monday as the dollar slid.\n\n"
            "Updated 09:14 GMT, 21 March 2005\n\nPosted Nov 18, 8:19 PM\n\n"
            "Traders said worries about the deficit were weighing on markets.\n\n(Published Monday, Nov. 18, 2019)\n\n"
            "The bank will publish its report on Friday, officials said.\n")
    safe = Linter(Config(select=["NL303"]), fix=FixPolicy()).lint_source("a.txt", text)
    assert safe.fixed.fixed == ("Stocks slide as dollar weakens\n\nWall Street shares fell on Monday as the dollar slid.\n\n"
                                "Traders said worries about the deficit were weighing on markets.\n\n"
                                "(Published Monday, Nov. 18, 2019)\n\n"
                                "The bank will publish its report on Friday, officials said.\n")


def test_nl302_a_line_of_punctuation_alone_is_a_safe_fix():
    """It holds no word of the article (")." or "%" split off a sentence by the extractor); a
    short line at the edge is still only believed to be residue."""
    text = ("Markets rise on rate hopes\n\nShares rose on Monday (the third rise in a row, said the bank\n\n).\n\n"
            "Traders expect another rise in the spring, the bank said.\n\nLatest\n")
    safe = Linter(Config(select=["NL302"]), fix=FixPolicy()).lint_source("a.txt", text)
    assert safe.fixed.fixed == ("Markets rise on rate hopes\n\nShares rose on Monday (the third rise in a row, said the bank\n\n"
                                "Traders expect another rise in the spring, the bank said.\n\nLatest\n")
