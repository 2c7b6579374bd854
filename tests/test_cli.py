"""The command line as users drive it: exit codes, the JSON contract, text output, suppression."""
from __future__ import annotations

import json

from conftest import FIXTURES, ROOT

SEED = str(FIXTURES / "samples" / "seed_article.txt")
CLEAN = str(FIXTURES / "samples" / "clean_bbc_article.txt")


def test_exit_codes(cli, tmp_path):
    assert cli("check", "--isolated", CLEAN).returncode == 0
    assert cli("check", "--isolated", SEED).returncode == 1
    assert cli("check", "--isolated", "--exit-zero", SEED).returncode == 0
    assert cli("check", "--isolated", str(tmp_path / "missing.txt")).returncode == 2
    assert cli("check", "--isolated", "--select", "NOPE1", SEED).returncode == 2
    assert cli("check", "--isolated", "--output-format", "nope", SEED).returncode == 2
    assert cli().returncode == 2


def test_fail_on_threshold(cli):
    # the seed has errors (NL101, NL403): it fails at every threshold
    assert cli("check", "--isolated", "--fail-on", "error", SEED).returncode == 1
    # warnings only: passes with fail-on error
    assert cli("check", "--isolated", "--select", "NL103", "--fail-on", "error", SEED).returncode == 0
    assert cli("check", "--isolated", "--select", "NL103", "--fail-on", "warning", SEED).returncode == 1


def test_text_output_shape(cli):
    proc = cli("check", "--isolated", SEED, cwd=ROOT)
    lines = proc.out.splitlines()
    # the path relative to the project root (here the working folder), then code and severity
    assert lines[0] == "fixtures/samples/seed_article.txt:1:1: NL301 [warning] boilerplate line 'Skip to content' (skip link)"
    assert lines[-1].startswith("Found 17 findings (4 errors, 13 warnings) in 1 file")
    assert "\x1b[" not in proc.out  # no colour off a TTY


def test_show_source_and_statistics(cli):
    proc = cli("check", "--isolated", "--show-source", "--statistics", "--select", "NL302", SEED)
    assert "    Latest\n    ^^^^^^" in proc.out
    assert "     1  NL302  edge-residue" in proc.out


def test_json_contract(cli):
    proc = cli("check", "--isolated", "--output-format", "json", SEED, CLEAN)
    data = json.loads(proc.out)
    assert isinstance(data, list) and len(data) == 17
    keys = {"path", "code", "rule", "severity", "message", "line", "column", "end_line", "end_column"}
    for d in data:
        assert keys <= set(d)
        assert d["severity"] in ("error", "warning", "info")
        assert (d["end_line"], d["end_column"]) > (d["line"], d["column"])
    assert data == sorted(data, key=lambda d: (d["path"], d["line"], d["column"], d["code"]))


def test_json_lines_streams_objects(cli):
    proc = cli("check", "--isolated", "--output-format", "json-lines", SEED)
    rows = [json.loads(l) for l in proc.out.splitlines()]
    assert len(rows) == 17 and rows[0]["code"] == "NL301"


def test_stdin_with_filename(cli):
    text = (FIXTURES / "samples" / "seed_article.md").read_bytes()
    proc = cli("check", "--isolated", "--stdin-filename", "piped.md", "-", stdin=text)
    assert proc.returncode == 1
    assert proc.out.startswith("piped.md:1:1: NL301")


def test_output_file(cli, tmp_path):
    out = tmp_path / "report.json"
    proc = cli("check", "--isolated", "--output-format", "json", "--output-file", str(out), SEED)
    assert proc.returncode == 1 and proc.out == ""
    assert len(json.loads(out.read_text())) == 17


def test_rules_rule_and_plugins_commands(cli):
    rules = cli("rules").out
    assert "NL101" in rules and "title-repeated" in rules and "newslint[builtin]" in rules
    assert len([l for l in rules.splitlines() if l.startswith("NL")]) >= 12
    doc = cli("rule", "NL302").out
    assert doc.startswith("# edge-residue (NL302)") and "## Why is this bad?" in doc
    assert cli("rule", "ZZ999").returncode == 2
    assert "newslint" in cli("plugins").out


def test_suppression_comments(cli, tmp_path):
    article = tmp_path / "a.md"
    article.write_text(
        "# Budget talks resume in Brussels\n\n"
        "<!-- newslint: disable-next-line NL301 -->\nShare this article\n\n"
        "Ministers met again on Monday to discuss the plans in some detail.\n\n"
        "<!-- newslint: disable NL301 -->\nFollow us\n<!-- newslint: enable NL301 -->\n\nSubscribe\n",
        encoding="utf-8")
    proc = cli("check", "--isolated", "--output-format", "json", str(article))
    assert [(d["code"], d["line"]) for d in json.loads(proc.out)] == [("NL301", 12)]


def test_quiet_and_no_findings_message(cli):
    assert cli("check", "--isolated", "--quiet", CLEAN).out == ""
    assert "All clear: 1 file checked" in cli("check", "--isolated", CLEAN).out


def test_python_dash_m(cli):
    assert cli("--version").out.startswith("newslint ")


def test_console_script_flushes_everything_and_keeps_the_exit_code(tmp_path):
    # the console script leaves with os._exit: the whole report must still reach a pipe
    import subprocess
    import sys

    articles = tmp_path / "many"
    articles.mkdir()
    seed = open(SEED, encoding="utf-8").read()
    for i in range(40):  # ~700 findings: far more than one pipe buffer of JSON
        (articles / f"a{i:02d}.txt").write_text(seed, encoding="utf-8")
    script = "import sys; from newslint.cli import console_main; sys.argv[0] = 'newslint'; console_main()"
    proc = subprocess.run([sys.executable, "-c", script, "check", "--isolated", "--jobs", "1",
                           "--output-format", "json", str(articles)], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert len(json.loads(proc.stdout)) == 40 * 17
    clean = subprocess.run([sys.executable, "-c", script, "check", "--isolated", CLEAN], capture_output=True)
    assert clean.returncode == 0
