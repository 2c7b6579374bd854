"""Every output format: schema-valid (../shared/tools/validate_report.py), golden snapshots, and
hostile content in messages and paths escaped."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newslint import __version__
from newslint.config import Config
from newslint.diagnostics import Diagnostic
from newslint.formats import Summary, load_reporter, BUILTIN
from newslint.plugins import load_registry

from conftest import FIXTURES, ROOT

RULES = load_registry(Config()).rules
VALIDATED = {"sarif": "sarif", "github": "github", "gitlab": "gitlab", "junit": "junit", "rdjson": "rdjson"}
INPUT = FIXTURES / "formats" / "input"
GOLDEN = FIXTURES / "formats" / "expected"


def validate(shared: Path, fmt: str, path: Path) -> None:
    proc = subprocess.run([sys.executable, str(shared / "tools" / "validate_report.py"), fmt, str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def render(fmt: str, diags: list[Diagnostic], sources: dict[str, str] | None = None) -> str:
    stream = io.StringIO()
    reporter = load_reporter(BUILTIN[fmt])(stream, RULES)
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diags:
        by_path.setdefault(d.path, []).append(d)
    for path, ds in by_path.items():
        reporter.add(path, ds, (sources or {}).get(path))
    reporter.finish(Summary(files=len(by_path)))
    return stream.getvalue()


@pytest.mark.parametrize("fmt", sorted(VALIDATED))
def test_cli_output_validates_against_official_schema(cli, shared, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    proc = cli("check", "--isolated", "--output-format", fmt, "--output-file", str(out), "fixtures/samples", cwd=ROOT)
    assert proc.returncode == 1, proc.err
    validate(shared, VALIDATED[fmt], out)


# The HTML page embeds its script and every rule's documentation, so a byte snapshot would break on
# any doc edit: tests/test_html_report.py checks its structure and, in a browser, what it shows.
SNAPSHOT = sorted(set(BUILTIN) - {"html"})


@pytest.mark.parametrize("fmt", SNAPSHOT)
def test_golden_snapshot(cli, fmt):
    proc = cli("check", "--isolated", "--output-format", fmt, "fixtures/formats/input", cwd=ROOT)
    got = proc.out.replace(__version__, "VERSION")
    expected = (GOLDEN / f"report.{fmt}").read_text(encoding="utf-8")
    assert got == expected, f"regenerate with: python tests/test_formats.py --regenerate ({fmt})"


HOSTILE_MESSAGES = [
    "closing </failure> tag and <![CDATA[ ]]> & stuff",
    "::error file=x::injected",
    "percent %0A and %25 and a real\nnewline and a\rcarriage return",
    'quotes " and \' and `backticks`',
    "control \x01\x02\x1b[31m chars and \ufffe",
    "commas, colons: and 100%",
]
HOSTILE_PATHS = ["dir/a,b:c%.md", "dir/ü ñ space.md", "we</failure>ird.md"]


def hostile_diagnostics() -> list[Diagnostic]:
    out = []
    for i, message in enumerate(HOSTILE_MESSAGES):
        path = HOSTILE_PATHS[i % len(HOSTILE_PATHS)]
        out.append(Diagnostic(path=path, code="NL301", rule="boilerplate-line", severity="warning",
                              message=message, line=i + 1, column=2, end_line=i + 1, end_column=9, excerpt=message))
    return out


@pytest.mark.parametrize("fmt", sorted(VALIDATED))
def test_hostile_content_stays_valid(shared, tmp_path, fmt):
    out = tmp_path / f"hostile.{fmt}"
    sources = {p: "\n".join("x" * 20 for _ in range(10)) for p in HOSTILE_PATHS}
    out.write_text(render(fmt, hostile_diagnostics(), sources), encoding="utf-8")
    validate(shared, VALIDATED[fmt], out)


def test_github_escaping_exact():
    text = render("github", hostile_diagnostics())
    lines = text.splitlines()
    assert len(lines) == len(HOSTILE_MESSAGES)  # no raw newline or CR leaked into a command
    assert "::warning file=dir/a%2Cb%3Ac%25.md,line=1,endLine=1,col=2,endColumn=9,title=newslint (NL301)::" in text
    assert "percent %250A and %2525 and a real%0Anewline and a%0Dcarriage return" in text
    assert "NL301 ::error file=x::injected" in text  # data part may hold '::'; the command ends at the first


def test_junit_escapes_markup():
    text = render("junit", hostile_diagnostics())
    assert "</failure> tag" not in text and "&lt;/failure&gt; tag" in text
    assert "\x01" not in text and "\\x01" in text


def test_sarif_fingerprints_survive_line_shifts(tmp_path):
    base = "Budget talks resume\n\nMinisters met again on Monday to discuss the plans in detail.\nShare this article\n"
    shifted = base.replace("\n\n", "\n\nAn unrelated new paragraph was added here by an editor today.\n\n", 1)
    prints = []
    for i, text in enumerate((base, shifted, base)):
        path = tmp_path / "a.txt"
        path.write_text(text, encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--output-format", "sarif", "a.txt"],
                              capture_output=True, text=True, cwd=tmp_path)
        result = json.loads(proc.stdout)["runs"][0]["results"][0]
        prints.append((result["partialFingerprints"]["primaryLocationLineHash"],
                       result["locations"][0]["physicalLocation"]["region"]["startLine"]))
    assert prints[0][0] == prints[1][0] == prints[2][0]
    assert prints[0][1] != prints[1][1]


def test_sarif_rule_metadata_comes_from_docstrings(cli):
    log = json.loads(cli("check", "--isolated", "--output-format", "sarif", "fixtures/samples", cwd=ROOT).out)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "newslint" and driver["version"] == __version__ and driver["informationUri"]
    rules = {r["id"]: r for r in driver["rules"]}
    nl101 = rules["NL101"]
    assert nl101["shortDescription"]["text"] == "The headline appears again inside the article."
    assert nl101["fullDescription"]["text"].startswith("Compares every line of the article with the title")
    assert nl101["defaultConfiguration"]["level"] == "error" and nl101["helpUri"].endswith("#nl101")
    result = log["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert not result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("/")


def test_gitlab_fingerprints_unique_and_severity_mapped(cli):
    issues = json.loads(cli("check", "--isolated", "--output-format", "gitlab", "fixtures/samples", cwd=ROOT).out)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} <= {"major", "minor", "info"}
    assert all(i["location"]["lines"]["begin"] >= 1 and not i["location"]["path"].startswith("/") for i in issues)


def test_junit_one_testcase_per_file(cli):
    text = cli("check", "--isolated", "--output-format", "junit", "fixtures/samples", cwd=ROOT).out
    assert text.count("<testcase ") == 6  # every file, clean ones pass
    found = json.loads(cli("check", "--isolated", "--output-format", "json", "fixtures/samples", cwd=ROOT).out)
    # one outcome per case (Jenkins' strict junit-10.xsd): a failure listing every finding of the file
    assert text.count("<failure ") == len({d["path"] for d in found})
    assert sum(text.count(f":{d['line']}:{d['column']}: {d['code']} ") for d in found) >= len(found)


def test_rdjson_columns_are_utf8_bytes(tmp_path):
    diag = Diagnostic(path="a.txt", code="NL301", rule="boilerplate-line", severity="warning", message="m",
                      line=1, column=3, end_line=1, end_column=4)
    data = json.loads(render("rdjson", [diag], {"a.txt": "a𐐀bc"}))
    rng = data["diagnostics"][0]["location"]["range"]
    assert rng["start"]["column"] == 6 and rng["end"]["column"] == 7


def regenerate() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for fmt in SNAPSHOT:
        proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--output-format", fmt,
                               "fixtures/formats/input"], capture_output=True, text=True, cwd=ROOT,
                              env={**__import__("os").environ, "NO_COLOR": "1"})
        (GOLDEN / f"report.{fmt}").write_text(proc.stdout.replace(__version__, "VERSION"), encoding="utf-8")


if __name__ == "__main__" and "--regenerate" in sys.argv:
    regenerate()


@pytest.mark.parametrize("fmt", sorted(BUILTIN))
def test_reports_do_not_leak_absolute_paths(cli, fmt):
    out = cli("check", "--isolated", "--output-format", fmt, "fixtures/samples", cwd=ROOT).out
    assert str(ROOT) not in out
