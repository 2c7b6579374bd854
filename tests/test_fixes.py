"""Fixes: the edit model, every input format, the --fix/--diff/--fix-only flags and their safety."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from newslint.config import Config
from newslint.fixapply import apply_fixes, compose
from newslint.fixes import Edit, Fix, FixPolicy, line_deletion
from newslint.linter import Linter
from newslint.testing import RuleTester

ARTICLE = ("Dollar gains on Greenspan speech\n\nThe dollar has hit its highest level against the euro.\n\n"
           "Share this article\n\nIt rose 2% said the bank.\n\nDollar gains on Greenspan speech\n")
FIXED = "Dollar gains on Greenspan speech\n\nThe dollar has hit its highest level against the euro.\n\nIt rose 2% said the bank.\n"


def fixed_text(name: str, text: str, unsafe: bool = False, config: Config | None = None) -> tuple[str, list]:
    result = Linter(config or Config(), fix=FixPolicy(unsafe=unsafe)).lint_source(name, text)
    out = result.fixed.fixed if result.fixed and result.fixed.fixed is not None else text
    return out, result.diagnostics


# -- the model --------------------------------------------------------------------------------------
def test_line_deletion_takes_one_separator():
    assert line_deletion("A\n\nX\n\nB\n", 3, 4) == Edit(3, 6)          # a paragraph of its own
    assert line_deletion("A\nX\nB\n", 2, 3) == Edit(2, 4)               # a line inside a paragraph
    assert line_deletion("A\n\nX\n", 3, 4) == Edit(1, 4)                # the last paragraph
    assert line_deletion("X\n\nB", 0, 1) == Edit(0, 3)                  # the first


def test_compose_skips_overlaps_and_applies_from_the_end():
    a = Fix((Edit(0, 5),), "safe")
    b = Fix((Edit(3, 8),), "safe")
    c = Fix((Edit(10, 10, "\n"),), "safe")
    assert compose([b, a, c]) == [a, c]
    text, accepted = apply_fixes("0123456789abc", [a, b, c])
    assert text == "56789\nabc" and accepted == [a, c]


# -- formats ----------------------------------------------------------------------------------------
def test_plain_text_safe_fixes():
    out, remaining = fixed_text("a.txt", ARTICLE)
    assert out == FIXED and remaining == []


def test_markdown_keeps_markup_of_other_lines():
    text = ("# Dollar gains on Greenspan speech\n\nThe dollar has hit its **highest** level.\n\n"
            "- Share this article\n\nIt rose [2%](http://x) said the bank.\n")
    out, _ = fixed_text("a.md", text)
    assert out == "# Dollar gains on Greenspan speech\n\nThe dollar has hit its **highest** level.\n\n" \
                  "It rose [2%](http://x) said the bank.\n"


def test_markdown_front_matter_is_never_edited():
    text = "---\ntitle: Share this article\n---\n\nShares rose on Monday, said the bank.\n\nShare this article\n"
    out, _ = fixed_text("a.md", text, unsafe=True)
    assert out == "---\ntitle: Share this article\n---\n\nShares rose on Monday, said the bank.\n"


def test_a_symbolic_link_stays_a_link(cli, tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(ARTICLE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert cli("check", "--isolated", "--fix", str(link)).returncode == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == FIXED


def test_glued_footnotes_are_split():
    text = "Markets rise on rate hopes\n\nShares rose, said the bank.[1][2]\n\n[1] Reuters, 3 May.[2] Company filing, 4 May.\n"
    out, remaining = fixed_text("a.txt", text)
    assert out.endswith("[1] Reuters, 3 May.\n[2] Company filing, 4 May.\n")
    assert not any(d.code == "NL203" for d in remaining)


def test_jsonl_edits_only_the_string_value():
    rec = {"id": 7, "title": "Dollar gains on Greenspan speech", "x": [1, {"y": 2}],
           "body": "The dollar rose — \u00e9.\n\nShare this article\n\nIt rose.\n\nDollar gains on Greenspan speech"}
    bad = '{"broken": \n'
    lines = [json.dumps(rec), json.dumps(rec, ensure_ascii=False), '{"id": 9, "title": "Plain", "body": "Nothing."}']
    out, _ = fixed_text("a.jsonl", "\n".join(lines) + "\n")
    got = out.split("\n")
    assert got[2] == lines[2]
    for raw, orig in zip(got[:2], lines[:2]):
        obj = json.loads(raw)
        assert list(obj) == list(rec) and obj["x"] == rec["x"] and obj["id"] == 7
        assert obj["body"] == "The dollar rose — \u00e9.\n\nIt rose."
        assert raw.startswith(orig[:orig.index('"body"')])  # everything before the value untouched
    assert got[0].isascii() and not got[1].isascii()  # the record's own escaping style is kept
    # a file with an invalid record is never modified
    result = Linter(Config(), fix=FixPolicy()).lint_source("b.jsonl", lines[0] + "\n" + bad)
    assert result.fixed is None


def test_json_array_records():
    rec = {"title": "Dollar gains on Greenspan speech", "body": "Text one.\n\nShare this article\n\nText two."}
    out, _ = fixed_text("a.json", json.dumps([rec, rec], indent=2))
    assert [r["body"] for r in json.loads(out)] == ["Text one.\n\nText two."] * 2


def test_html_removes_the_element_whose_text_is_the_line():
    page = ('<html><head><title>Dollar gains on Greenspan speech</title></head>\n<body>\n'
            '<nav><a href="/">Skip to content</a></nav>\n<h1>Dollar gains on Greenspan speech</h1>\n'
            '<p>The dollar rose against the euro &amp; yen.</p>\n'
            '<div class="share"><span>Share this article</span></div>\n'
            '<p>It rose, said the bank. <b>Share this article</b> and more words here.</p>\n'
            '<p>Dollar gains on <em>Greenspan</em> speech</p>\n<p>Share this article\n</body></html>\n')
    out, remaining = fixed_text("a.html", page)
    assert out == ('<html><head><title>Dollar gains on Greenspan speech</title></head>\n<body>\n'
                   '<h1>Dollar gains on Greenspan speech</h1>\n<p>The dollar rose against the euro &amp; yen.</p>\n'
                   '<p>It rose, said the bank. <b>Share this article</b> and more words here.</p>\n'
                   '<p>Share this article\n</body></html>\n')
    # an unclosed <p> has no element to remove: reported, not fixed
    assert [d.code for d in remaining] == ["NL301"] and remaining[0].line == 6


def test_unsafe_fixes_only_when_asked():
    text = "Markets rise on rate hopes\n\nThe firm's shares rose 4% on Monday.\nAnalysts had expected a fall.\n" \
           "The firm's shares rose 4% on Monday.\n"
    safe, remaining = fixed_text("a.txt", text)
    assert safe == text and [d.code for d in remaining] == ["NL104"]
    unsafe, remaining = fixed_text("a.txt", text, unsafe=True)
    assert unsafe == text[: text.rindex("The firm")] and remaining == []


def test_suppressed_lines_are_not_touched():
    text = "Markets rise on rate hopes\n\nShares rose.\n\n<!-- newslint: disable-next-line NL301 -->\nShare this article\n"
    out, _ = fixed_text("a.md", text)
    assert out == text


# -- properties ---------------------------------------------------------------------------------------
_LINES = st.sampled_from(["Dollar gains on Greenspan speech", "Share this article", "Skip to content", "",
                          "The dollar rose, said the bank.", "[1] Reuters.[2] Filing.", "Enrichment Data:",
                          "Analysts had expected a fall on Monday.", "  ", "Read also:"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=14), st.sampled_from(["a.txt", "a.md"]), st.booleans())
def test_fixing_twice_is_a_no_op(lines, name, unsafe):
    text = "\n".join(lines) + "\n"
    once, _ = fixed_text(name, text, unsafe)
    twice, _ = fixed_text(name, once, unsafe)
    assert twice == once


_WRAPS = st.sampled_from(["<p>{}</p>", "<div><span>{}</span></div>", "<li>{}</li>", "<p>{}", "{}<br>", "<h2>{}</h2>"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_LINES, _WRAPS), min_size=1, max_size=10), st.booleans())
def test_html_fixes_are_stable_and_remove_only_whole_elements(parts, unsafe):
    from newslint.fixhtml import visible

    page = "<html><body>\n" + "\n".join(w.format(t) for t, w in parts) + "\n</body></html>\n"
    once, _ = fixed_text("a.html", page, unsafe)
    assert fixed_text("a.html", once, unsafe)[0] == once
    kept = visible(once)
    assert kept in visible(page) or all(word in visible(page) for word in kept.split())
    assert once.startswith("<html><body>\n") and once.endswith("</body></html>\n")


# -- the command line ---------------------------------------------------------------------------------
def test_fix_diff_and_fix_only(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode())
    proc = cli("check", "--isolated", "--diff", str(path))
    assert proc.returncode == 1 and "-Share this article" in proc.out
    assert path.read_bytes() == ARTICLE.replace("\n", "\r\n").encode()  # --diff changes nothing
    proc = cli("check", "--isolated", "--fix", str(path))
    assert proc.returncode == 0, proc.err
    assert "Fixed 2 findings in 1 file; 0 remaining" in proc.err
    assert path.read_bytes() == FIXED.replace("\n", "\r\n").encode()  # CRLF kept
    again = cli("check", "--isolated", "--fix-only", str(path))
    assert again.returncode == 0 and "Fixed 0 findings" in again.err and again.out == ""


def test_fix_exit_code_reflects_what_remains(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE + "\nThe firm's shares rose 4% on Monday.\nThe firm's shares rose 4% on Monday.\n")
    proc = cli("check", "--isolated", "--fix", str(path))
    assert proc.returncode == 1 and "NL104" in proc.out and "1 remaining" in proc.err
    proc = cli("check", "--isolated", "--fix", "--unsafe-fixes", str(path))
    assert proc.returncode == 0


def test_mixed_line_ends_are_refused(cli, tmp_path):
    path = tmp_path / "a.txt"
    data = ARTICLE.replace("\n", "\r\n", 2).encode()
    path.write_bytes(data)
    proc = cli("check", "--isolated", "--fix", str(path))
    assert "mixes line-end styles" in proc.err and path.read_bytes() == data


def test_fix_on_stdin_writes_fixed_text_to_stdout(cli):
    proc = cli("check", "--isolated", "--fix", "--stdin-filename", "x.txt", "-", stdin=ARTICLE.encode())
    assert proc.out == FIXED and proc.returncode == 0


def test_baseline_accepted_findings_are_not_fixed(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    cli("check", "--isolated", "--write-baseline", str(tmp_path / "b.json"), str(path))
    proc = cli("check", "--isolated", "--baseline", str(tmp_path / "b.json"), "--fix", str(path))
    assert proc.returncode == 0 and path.read_text() == ARTICLE


def test_streamed_jsonl_is_fixed_chunk_by_chunk(tmp_path, monkeypatch):
    from newslint import inputs
    from newslint.check import cmd_check
    from newslint.cli import build_parser

    monkeypatch.setattr(inputs, "STREAM_JSONL_BYTES", 100)
    monkeypatch.setattr(inputs, "CHUNK_BYTES", 300)
    rec = {"title": "Dollar gains on Greenspan speech", "body": "Text one.\n\nShare this article\n\nText two."}
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(json.dumps({**rec, "n": i}) for i in range(40)) + "\n")
    args = build_parser().parse_args(["check", "--isolated", "--fix", "-j", "1", str(path)])
    assert cmd_check(args) == 0
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert [r["n"] for r in rows] == list(range(40)) and {r["body"] for r in rows} == {"Text one.\n\nText two."}


def test_rule_shows_its_fix(cli):
    assert "Fix: remove-line (safe)" in cli("rule", "NL101").out
    assert "unsafe" in cli("rule", "NL104").out.split("Fix:")[-1]


def test_rule_tester_checks_output():
    from newslint_rules.boilerplate_line import BoilerplateLine

    tester = RuleTester(BoilerplateLine)
    tester.run(invalid=[{"text": "Markets rise\n\nShares rose.\n\nShare this article\n",
                         "errors": [{"code": "NL301"}], "output": "Markets rise\n\nShares rose.\n"}])
    with pytest.raises(AssertionError, match="fix of"):
        tester.run(invalid=[{"text": "Markets rise\n\nShare this article\n", "errors": [{"code": "NL301"}],
                             "output": None}])


def _fixable_codes():
    from newslint.plugins import load_registry

    return sorted(code for code, rule in load_registry(Config()).rules.items() if rule.fix and not rule.corpus_pass)


@pytest.mark.parametrize("code", _fixable_codes())
def test_every_fixable_rule_fixes_its_bad_fixture(code):
    from conftest import FIXTURES
    from newslint.plugins import load_registry

    tester = RuleTester(load_registry(Config()).rules[code])
    bad = next(p for p in sorted((FIXTURES / "rules" / code).iterdir()) if p.stem == "bad")
    text = bad.read_text(encoding="utf-8")
    before = tester.lint(text, bad.name)
    fixed = tester.fix(text, bad.name)
    after = tester.lint(fixed, bad.name)
    assert len(after) < len(before), f"{code}: no finding of its bad fixture was fixed"
    assert tester.fix(fixed, bad.name) == fixed


# -- NL404 and NL405: unsafe removal of the stuffed line and of the restating paragraph ----------
def test_keyword_stuffing_fix_removes_the_line():
    from newslint.plugins import load_registry

    rule = load_registry(Config()).rules["NL404"]
    assert rule.fix == "remove-line" and rule.fix_safety == "unsafe"
    text = ("Stock Car calendar announced\n\nThe 2018 Stock Car calendar has 12 rounds, starting at Interlagos.\n\n"
            "stock car 2018, stock car brasil, stock car cascavel, stock car interlagos, stock car results\n\n"
            "Tickets go on sale in January, the organisers said.\n")
    RuleTester(rule).run(invalid=[{"text": text, "errors": [{"code": "NL404", "line": 5}], "output": (
        "Stock Car calendar announced\n\nThe 2018 Stock Car calendar has 12 rounds, starting at Interlagos.\n\n"
        "Tickets go on sale in January, the organisers said.\n")}])
    assert fixed_text("a.txt", text)[0] == text  # unsafe: not with --fix alone


RESTATING = ("Russia and North Korea strike aid deal\n\n"
             "North Korea is sending 6,000 workers to help rebuild Russia's Kursk region, Moscow said on Tuesday.\n\n"
             "The workers will include 1,000 mine clearance specialists, officials said after a meeting in Pyongyang.\n\n"
             "The deployment shows the growing military and diplomatic ties between Russia and North Korea, officials said.\n\n")
CLOSING = ("The cooperation between North Korea and Russia shows the growing ties between the two nations and their "
           "workers in the region of Kursk.\n")


def test_restating_conclusion_fix_removes_the_paragraph():
    from newslint.plugins import load_registry

    rule = load_registry(Config(extend_select=["NL405"])).rules["NL405"]
    assert rule.fix == "remove-line" and rule.fix_safety == "unsafe"
    RuleTester(rule).run(invalid=[{"text": RESTATING + CLOSING, "errors": [{"code": "NL405", "line": 9}],
                                   "output": RESTATING.rstrip("\n") + "\n"}])


def test_restating_conclusion_fix_takes_a_wrapped_paragraph_whole():
    from newslint.plugins import load_registry

    rule = load_registry(Config(extend_select=["NL405"])).rules["NL405"]
    wrapped = "In short, as officials said,\n" + CLOSING
    RuleTester(rule).run(invalid=[{"text": RESTATING + wrapped, "errors": [{"code": "NL405", "line": 9}],
                                   "output": RESTATING.rstrip("\n") + "\n"}])


# -- NL401: a taxonomy sentence that is the whole line goes; one inside a paragraph stays ---------
def test_taxonomy_leak_fix_removes_a_one_sentence_line_only():
    from newslint.plugins import load_registry

    rule = load_registry(Config()).rules["NL401"]
    lead = "Workers sent to Kursk\n\nNorth Korea is sending 6,000 workers to help rebuild Russia's Kursk region, Moscow said.\n\n"
    leak = "Such cooperation falls under the broader umbrella of general news, including politics and war-and-conflicts."
    label = "Filed under: entertainment, arts-and-culture, world-news."
    tester = RuleTester(rule)
    tester.run(invalid=[
        {"text": lead + leak + "\n", "errors": [{"code": "NL401"}] * 3, "output": lead.rstrip("\n") + "\n"},
        {"text": lead + label + "\n", "errors": [{"code": "NL401"}] * 2, "output": lead.rstrip("\n") + "\n"},
        {"text": lead + "Officials met on Monday. " + leak + "\n", "errors": [{"code": "NL401"}] * 3, "output": None},
    ])


def test_html_fixes_never_remove_a_table_cell():
    # removing a cell shifts every later cell of its row into the wrong column (as newslint/fixsafety.py
    # guards flattened cells in text); an element inside a cell may go, the cell stays
    head = ('<html><head><title>Dollar gains on Greenspan speech</title></head>\n<body>\n'
            '<h1>Dollar gains on Greenspan speech</h1>\n<p>The dollar rose against the euro, said the bank on Monday.</p>\n'
            '<table>\n')
    tail = '</table>\n<p>It rose, said the bank.</p>\n</body></html>\n'
    rows = ('<tr><th>Plan</th><th>Share this article</th></tr>\n<tr><td>Basic</td><td>Share this article</td></tr>\n'
            '<tr><td>Plus</td><td><span>Share this article</span></td></tr>\n')
    for unsafe in (False, True):
        out, remaining = fixed_text("a.html", head + rows + tail, unsafe)
        assert out == head + rows.replace("<span>Share this article</span>", "") + tail
        assert [d.line for d in remaining] == [6, 7]
