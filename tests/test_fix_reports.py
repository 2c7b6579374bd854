"""Fixes in machine reports: JSON / JSON Lines ``fix``, SARIF ``fixes``, rdjson ``suggestions``.

Each edit is given as 1-based line and column positions (code points, ``end_*`` just past the
span, as the finding's own) plus the replacement text, so a consumer can apply it to the file
without running newslint. Applying a report's edits must give what ``--fix`` writes.
"""
from __future__ import annotations

import json

from newslint.config import Config
from newslint.fixapply import apply_fixes
from newslint.linter import Linter

from conftest import FIXTURES

ARTICLE = ("Dollar gains on Greenspan speech\n\nThe dollar has hit its highest level against the euro.\n\n"
           "Share this article\n\nIt rose 2% said the bank.\n")
CONTRACT = {"path", "code", "rule", "severity", "message", "line", "column", "end_line", "end_column", "confidence"}


def _offset(text: str, line: int, column: int) -> int:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    return starts[line - 1] + column - 1


def apply_reported(text: str, edits: list[dict]) -> str:
    spans = [(_offset(text, e["line"], e["column"]), _offset(text, e["end_line"], e["end_column"]), e["replacement"])
             for e in edits]
    for s, t, rep in sorted(spans, reverse=True):
        text = text[:s] + rep + text[t:]
    return text


def _report(cli, tmp_path, name: str, text: str, fmt: str, *extra: str):
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    cli("check", "--isolated", *extra, "--output-format", fmt, "--output-file", str(out), str(src))
    return src, out.read_text(encoding="utf-8")


def test_json_findings_carry_their_fix(cli, tmp_path):
    _, raw = _report(cli, tmp_path, "a.txt", ARTICLE, "json")
    found = json.loads(raw)
    share = next(d for d in found if d["code"] == "NL301")
    assert set(share) == CONTRACT | {"fix"}
    assert share["fix"]["safety"] == "safe"
    assert apply_reported(ARTICLE, share["fix"]["edits"]) == ARTICLE.replace("Share this article\n\n", "")


def test_findings_without_a_fix_keep_the_old_fields_only(cli, tmp_path):
    # taxonomy wording inside a paragraph of several sentences: NL401 reports it, fixes nothing
    text = ("Home prices rise\n\nPrices rose in most cities last year, the survey found. The survey falls under "
            "the broader umbrella of general news, including politics and war-and-conflicts. Buyers stayed cautious.\n")
    _, raw = _report(cli, tmp_path, "a.txt", text, "json")
    found = json.loads(raw)
    assert found and all("fix" not in d and set(d) == CONTRACT for d in found)


def test_json_lines_report_and_a_jsonl_input(cli, tmp_path):
    rec = {"id": 7, "title": "Dollar gains", "body": "The dollar rose — \u00e9 \"a\".\n\nShare this article\n\nIt rose."}
    text = json.dumps(rec) + "\n" + json.dumps(rec, ensure_ascii=False) + "\n"
    _, raw = _report(cli, tmp_path, "a.jsonl", text, "json-lines")
    found = [json.loads(line) for line in raw.splitlines()]
    fixes = [d for d in found if d["code"] == "NL301"]
    assert len(fixes) == 2 and all(d["fix"]["safety"] == "safe" for d in fixes)
    fixed = apply_reported(text, [e for d in fixes for e in d["fix"]["edits"]])
    for line in fixed.splitlines():
        obj = json.loads(line)
        assert list(obj) == list(rec) and obj["body"] == "The dollar rose — \u00e9 \"a\".\n\nIt rose."


def test_reported_edits_equal_what_fix_writes():
    """Every fixable bad fixture: the reported edits of one pass are the edits --fix applies."""
    linter = Linter(Config(extend_select=["NL304", "NL406"]))
    checked = 0
    for bad in sorted((FIXTURES / "rules").glob("*/bad.*")):
        text = bad.read_text(encoding="utf-8")
        for d in linter.lint_source(bad.name, text).diagnostics:
            if d.fix is not None:
                reported = d.to_dict()["fix"]
                assert reported["safety"] in ("safe", "unsafe")
                assert apply_reported(text, reported["edits"]) == apply_fixes(text, [d.fix])[0], (bad, d.code)
                checked += 1
    assert checked > 20


def test_sarif_fixes_validate(cli, shared, tmp_path):
    from test_formats import validate

    _, raw = _report(cli, tmp_path, "a.txt", ARTICLE, "sarif")
    results = json.loads(raw)["runs"][0]["results"]
    share = next(r for r in results if r["ruleId"] == "NL301")
    assert share["properties"]["fixSafety"] == "safe"
    (change,) = share["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"] == share["locations"][0]["physicalLocation"]["artifactLocation"]
    (rep,) = change["replacements"]
    region = rep["deletedRegion"]
    edit = {"line": region["startLine"], "column": region["startColumn"], "end_line": region["endLine"],
            "end_column": region["endColumn"], "replacement": rep["insertedContent"]["text"]}
    assert apply_reported(ARTICLE, [edit]) == ARTICLE.replace("Share this article\n\n", "")
    assert all(("fixes" in r) == ("fixSafety" in r["properties"]) for r in results)
    validate(shared, "sarif", tmp_path / "report.sarif")


def test_rdjson_suggestions_validate(cli, shared, tmp_path):
    from test_formats import validate

    _, raw = _report(cli, tmp_path, "a.txt", ARTICLE, "rdjson")
    share = next(d for d in json.loads(raw)["diagnostics"] if d["code"]["value"] == "NL301")
    (sug,) = share["suggestions"]
    assert sug["text"] == "" and sug["range"]["start"] == {"line": 5, "column": 1}
    validate(shared, "rdjson", tmp_path / "report.rdjson")
