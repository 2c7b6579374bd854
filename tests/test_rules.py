"""Every built-in rule against its bad and good fixture articles, through RuleTester.

The expected findings are written out by hand: code, line, column (and end column where the
span matters). A change in any of them is a behaviour change and must be deliberate.
"""
from __future__ import annotations

import pytest

from newslint.plugins import load_registry
from newslint.config import Config
from newslint.testing import RuleTester

from conftest import FIXTURES, fixture_text

# the rules of newslint_rules; core's NL000 (unused-suppression) is tested with suppression
RULES = {code: rule for code, rule in load_registry(Config()).rules.items() if rule.plugin != "newslint"}

# code -> {fixture file: [(line, column, end_column or None), ...]}; [] means "must be clean"
EXPECTED: dict[str, dict[str, list[tuple]]] = {
    "NL101": {"bad.txt": [(5, 1, 49)], "bad.md": [(7, 4, 36)], "good.txt": []},
    "NL102": {"bad.txt": [(3, 1, 44)], "good.txt": [], "good_promo.txt": []},
    "NL103": {"bad.txt": [(3, 1, 51), (5, 1, 71)], "bad2.txt": [(3, 1, 38), (7, 1, 45)], "good.txt": [],
              "good_deck.txt": []},
    "NL104": {"bad.txt": [(5, 1, 86)], "bad_block.txt": [(7, 1, None), (8, 1, None), (9, 1, None)], "good.txt": [],
              "good_parallel.txt": []},
    "NL201": {"bad.txt": [(3, 112, 115), (5, 79, 80)], "bad_refs.txt": [(4, 121, 124)], "bad_wiki.html": [(9, 154, None)],
              "good.md": [], "good_refs.txt": [], "good_pandoc.html": []},
    "NL202": {"bad.txt": [(5, 1, 5)], "bad_notes.md": [(11, 1, None)], "good.txt": [], "good_pandoc.html": []},
    "NL203": {"bad.txt": [(5, 35, 38)], "good.txt": []},
    "NL204": {"bad.txt": [(5, 49, 52)], "good.txt": [], "good_groups.txt": []},
    "NL301": {"bad.txt": [(1, 1, 16), (6, 1, 19), (7, 1, 15), (8, 1, 12), (9, 1, 16), (10, 1, 42),
                        (11, 1, 13), (12, 1, 42)], "good.txt": []},
    "NL302": {"bad.txt": [(1, 1, 8), (7, 1, 3), (11, 1, 7)], "good.txt": [], "good_code.txt": [],
              "good_letter.txt": []},
    "NL303": {"bad.txt": [(3, 1, 33), (4, 1, 14), (6, 1, 23), (8, 1, 82), (9, 1, 79), (10, 1, 59), (11, 1, 69)],
              "bad_source.txt": [(4, 1, 16), (5, 1, 21), (7, 1, 10), (8, 1, 17), (9, 1, 43)], "good.txt": [], "good_shapes.txt": [],
              "good_table.txt": [], "bad_table.txt": [(3, 1, 17), (4, 1, 14), (5, 1, 11)]},
    "NL304": {"bad.txt": [(11, 1, 31), (12, 1, 23), (14, 1, 51)], "good.txt": []},
    "NL401": {"bad.txt": [(5, 18, 53), (5, 54, 77), (5, 91, 108)], "good.txt": [], "good_categories.txt": []},
    "NL402": {"bad.txt": [(5, 1, 104)], "good.txt": []},
    "NL403": {"bad.txt": [(5, 1, 31), (7, 1, 18), (7, 20, 38)], "good.txt": [], "good_joke.txt": []},
    "NL404": {"bad.txt": [(5, 1, 94), (7, 1, 134)], "good.txt": [], "good_table.txt": [],
              "good_refrain.txt": []},
    "NL405": {"bad.txt": [(9, 1, 136)], "good.txt": []},
    "NL406": {"bad.txt": [(5, 1, 60)], "good.txt": []},
    # NL305 needs a corpus (a first pass over many documents): tests/test_template_line.py
    "NL305": {"good.txt": []},
}


def _params():
    for code, files in EXPECTED.items():
        tester = RuleTester(RULES[code])
        valid, invalid = [], []
        for name, spots in files.items():
            text = fixture_text(f"rules/{code}/{name}")
            case_name = f"{code}-{name}"
            if spots:
                errors = [{"code": code, "line": ln, "column": col, **({"end_column": end} if end else {})}
                          for ln, col, end in spots]
                invalid.append({"name": case_name, "text": text, "filename": name, "errors": errors})
            else:
                valid.append({"name": case_name, "text": text, "filename": name})
        for param in tester.cases(valid, invalid):
            yield pytest.param(tester, param.values[0], id=param.id)


@pytest.mark.parametrize("tester, case", list(_params()))
def test_rule_fixture(tester, case):
    tester.check(case)


def test_every_rule_has_bad_and_good_fixtures():
    for code in RULES:
        folder = FIXTURES / "rules" / code
        names = {p.stem for p in folder.iterdir()} if folder.is_dir() else set()
        assert {"bad", "good"} <= names, f"{code} needs bad and good fixtures in {folder}"
        assert code in EXPECTED, f"{code} has no expected findings in this test"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_docstring_has_ruff_sections(code):
    doc = RULES[code].doc()
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Options"):
        assert section in doc, f"{code} docstring lacks {section!r}"


def test_at_least_twelve_rules_in_four_families():
    families = {code[:3] for code in RULES if code.startswith("NL")}
    assert len([c for c in RULES if c.startswith("NL")]) >= 12
    assert families == {"NL1", "NL2", "NL3", "NL4"}


def test_messages_name_the_problem():
    tester = RuleTester(RULES["NL101"])
    (d,) = tester.lint(fixture_text("rules/NL101/bad.txt"))
    assert d.message == "title repeated (first at line 1)"
    # a breadcrumb above the headline repeats it: the message must not call the later line "first"
    html = ("<html><body><ol><li>Home</li><li>Oxygen bar offers fresh air in Delhi</li></ol>\n"
            "<h1>Oxygen bar offers fresh air in Delhi</h1>\n<p>The bar opened last week near the market.</p>"
            "</body></html>\n")
    (d,) = tester.lint(html, "page.html")
    assert (d.line, d.message) == (1, "title repeated above it (the title is at line 2)")
    # an HTML byline keeps its template's run of spaces in the source: the message shows the words
    (d,) = RuleTester(RULES["NL303"]).lint("Floods close the road\n\nBy                    Alex Ward\n\n"
                                           "The road was closed on Monday after heavy rain, police said.\n")
    assert d.message == "byline 'By Alex Ward' left in the body"
    (d,) = RuleTester(RULES["NL104"]).lint(fixture_text("rules/NL104/bad.txt"))
    assert d.message == "line repeated (first at line 3)"
    found = RuleTester(RULES["NL301"]).lint("A title for this\n\nSome prose sentence that is long enough here.\nRead also:\n")
    assert [x.message for x in found] == ["boilerplate line 'Read also:' (read more)"]


def test_user_phrases_extend_the_boilerplate_inventory():
    text = "Budget talks resume today\n\nMinisters met again on Monday to discuss the plans in detail.\nOffers picked for you\n"
    assert RuleTester(RULES["NL301"]).lint(text) == []
    found = RuleTester(RULES["NL301"], **{"extend-phrases": {"partner": ["offers picked for you"]}}).lint(text)
    assert [(d.line, d.message) for d in found] == [(4, "boilerplate line 'Offers picked for you' (partner)")]


def test_catastrophic_user_pattern_is_bounded(tmp_path):
    tester = RuleTester(RULES["NL301"], patterns=["(a|aa)+$"], **{"pattern-timeout": 0.05})
    with pytest.raises(AssertionError, match="timeout"):
        tester.lint("Title line here now\n\n" + "a" * 40 + "!\n")


def test_rule_docs_page_is_current():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_rules", FIXTURES.parent / "docs" / "gen_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (FIXTURES.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == module.render(), "run: python docs/gen_rules.py"
