"""Issue 15: paths, file selection, suppression and CI polish that behave like ruff.

One test (or a few) per numbered problem of the issue; each failed on the main branch before.
"""
from __future__ import annotations

import json
import os

import pytest

from conftest import FIXTURES

SEED = (FIXTURES / "samples" / "seed_article.txt").read_text(encoding="utf-8")


def _project(tmp_path, config: str | None = None, files: dict[str, str] | None = None):
    if config is not None:
        (tmp_path / "newslint.toml").write_text(config, encoding="utf-8")
    for rel, text in (files or {"articles/x.txt": SEED}).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


# -- 1. one spelling of every path, relative to the project root ---------------------------------
@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"])
def test_paths_and_fingerprints_do_not_depend_on_how_the_path_was_typed(cli, tmp_path, fmt):
    project = _project(tmp_path, "")
    outs = [cli("check", "--output-format", fmt, spelling, cwd=project).out
            for spelling in ("./articles/x.txt", "articles/x.txt", str(project / "articles" / "x.txt"))]
    assert outs[0] == outs[1] == outs[2]
    if fmt == "json":
        assert {d["path"] for d in json.loads(outs[0])} == {"articles/x.txt"}


def test_per_file_ignores_and_baselines_match_whatever_the_spelling(cli, tmp_path):
    project = _project(tmp_path, '[per-file-ignores]\n"articles/*" = ["NL3"]\n')
    for spelling in ("./articles/x.txt", "articles/x.txt"):
        codes = {d["code"] for d in json.loads(cli("check", "--output-format", "json", spelling, cwd=project).out)}
        assert codes and not any(c.startswith("NL3") for c in codes), spelling
    assert cli("check", "--write-baseline", "known.json", "./articles/x.txt", cwd=project).returncode == 0
    assert cli("check", "--baseline", "known.json", "articles/x.txt", cwd=project).returncode == 0
    # from a sub-folder, paths are still relative to the project root (where the config is)
    proc = cli("check", "--output-format", "json", "x.txt", cwd=project / "articles")
    assert {d["path"] for d in json.loads(proc.out)} == {"articles/x.txt"}


# -- 2. exclude for named files, extend-exclude, ** and negation, nothing matched -----------------
def test_force_exclude_applies_exclude_to_named_files(cli, tmp_path):
    project = _project(tmp_path, 'extend-exclude = ["drafts"]\n', {"drafts/d.txt": SEED, "a.txt": SEED})
    assert cli("check", "drafts/d.txt", cwd=project).returncode == 1  # named: linted, as before
    proc = cli("check", "--force-exclude", "drafts/d.txt", cwd=project)
    assert proc.returncode == 0 and "no files to check" in proc.err and "All clear" not in proc.out
    proc = cli("check", "--force-exclude", "drafts/d.txt", "a.txt", "--output-format", "json", cwd=project)
    assert {d["path"] for d in json.loads(proc.out)} == {"a.txt"}
    hooks = (FIXTURES.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "--force-exclude" in hooks


def test_force_exclude_applies_to_the_stdin_filename(cli, tmp_path):
    project = _project(tmp_path, 'extend-exclude = ["drafts"]\n', {"a.txt": SEED})
    args = ("check", "--force-exclude", "--output-format", "json", "--stdin-filename")
    proc = cli(*args, "drafts/d.txt", "-", cwd=project, stdin=SEED.encode())
    assert proc.returncode == 0 and json.loads(proc.out) == []
    proc = cli(*args, "news/d.txt", "-", cwd=project, stdin=SEED.encode())
    assert proc.returncode == 1 and {d["path"] for d in json.loads(proc.out)} == {"news/d.txt"}


def test_double_star_and_negation_in_include_and_exclude(cli, tmp_path):
    files = {"articles/a.md": SEED, "articles/2024/b.md": SEED, "articles/2024/drafts/c.md": SEED,
             "articles/2024/drafts/keep.md": SEED, "other/d.md": SEED}
    project = _project(tmp_path, 'include = ["articles/**/*.md"]\nextend-exclude = ["drafts/", "!**/drafts/keep.md"]\n',
                       files)
    shown = cli("check", "--show-files", cwd=project).out.split()
    assert shown == ["articles/a.md", "articles/2024/b.md", "articles/2024/drafts/keep.md"]


def test_nothing_matched_is_a_warning_not_all_clear(cli, tmp_path):
    project = _project(tmp_path, 'include = ["news/**/*.md"]\n')
    proc = cli("check", cwd=project)
    assert "no files to check" in proc.err and "All clear" not in proc.out


# -- 3. default discovery ------------------------------------------------------------------------
def test_default_discovery_skips_non_article_files_and_respects_gitignore(cli, tmp_path):
    files = {"LICENSE.txt": "MIT License\n", "requirements.txt": "pluggy\n", "package.json": "{}\n",
             "tsconfig.json": "{ // comments\n}\n", "CHANGELOG.md": "# 1.0\n", "poetry.lock": "x\n",
             "env/desk.md": SEED, "build/story.md": SEED, "venv/lib.md": SEED, "venv/pyvenv.cfg": "home = /usr\n",
             "tmp/out.md": SEED, ".gitignore": "tmp/\n", "story.md": SEED}
    project = _project(tmp_path, None, files)
    shown = cli("check", "--show-files", cwd=project).out.split()
    assert shown == ["story.md", "build/story.md", "env/desk.md"]
    assert cli("check", "--no-respect-gitignore", "--show-files", cwd=project).out.split() == [
        "story.md", "build/story.md", "env/desk.md", "tmp/out.md"]
    (project / ".gitignore").write_text("build/\ntmp/\n")
    assert cli("check", "--show-files", cwd=project).out.split() == ["story.md", "env/desk.md"]
    assert cli("check", cwd=project).returncode == 1  # tsconfig.json with comments no longer exits 2


def test_show_settings_prints_the_resolved_settings(cli, tmp_path):
    project = _project(tmp_path, 'select = ["NL3"]\n[severity]\nNL301 = "error"\n')
    out = cli("check", "--show-settings", cwd=project).out
    assert 'select = ["NL3"]' in out and '"NL301" = "error"' in out and "respect-gitignore = true" in out
    assert str(project / "newslint.toml") in out


# -- 4. suppression directives, parsed strictly ------------------------------------------------------
SUPPRESSED = ("Budget talks resume\n\n"
              "Skip to content <!-- newslint: disable-line NL301 -->\n\n"
              "Read also:\n\n"
              "<!-- newslint: disble NL301 -->\n"
              "<!-- newslint: disable-next-line NL9999 -->\n"
              "Subscribe to our newsletter\n"
              "<!-- newslint: disable-next-line NL301 -->\n"
              "Ministers met on Tuesday.\n")


def test_disable_line_is_one_line_and_typos_are_warned_about(cli, tmp_path):
    (tmp_path / "s.md").write_text(SUPPRESSED, encoding="utf-8")
    proc = cli("check", "--isolated", "--output-format", "json", "s.md", cwd=tmp_path)
    # disable-line switched off line 3 only (it used to disable to the end of the file)
    assert [(d["code"], d["line"]) for d in json.loads(proc.out)] == [("NL301", 5), ("NL301", 9)]
    assert "s.md:7: unknown newslint directive 'disble'" in proc.err
    assert "s.md:8: newslint disable-next-line: unknown rule code 'NL9999'" in proc.err


def test_disable_file_and_unused_suppressions_as_nl000(cli, tmp_path):
    (tmp_path / "s.md").write_text(SUPPRESSED, encoding="utf-8")
    proc = cli("check", "--isolated", "--extend-select", "NL000", "--output-format", "json", "s.md", cwd=tmp_path)
    found = [(d["code"], d["line"], d["column"]) for d in json.loads(proc.out)]
    assert ("NL000", 10, 1) in found and len([f for f in found if f[0] == "NL000"]) == 1
    (tmp_path / "f.md").write_text("<!-- newslint: disable-file NL3 -->\n" + SUPPRESSED, encoding="utf-8")
    proc = cli("check", "--isolated", "--output-format", "json", "f.md", cwd=tmp_path)
    assert json.loads(proc.out) == []


def test_suppression_is_linear_in_comments_and_findings():
    import time

    from newslint.diagnostics import Diagnostic
    from newslint.suppression import apply, suppressions

    start = time.perf_counter()
    assert suppressions("<!-- newslint: disable " * 20000 + "\n" + "<!-- newslint: disable -->" * 20000)[-1].line == 2
    source = "".join(f"line {i} <!-- newslint: disable-line NL301 -->\n" for i in range(20000))
    marks = suppressions(source)
    assert [(m.line, m.column) for m in marks[:2]] == [(1, 8), (2, 8)]
    diags = [Diagnostic("a.md", "NL301", "r", "warning", "m", i, 1, i, 2) for i in range(1, 20001)]
    kept, used = apply(diags, marks)
    assert kept == [] and len(used) == 20000
    assert time.perf_counter() - start < 10  # quadratic work here took minutes


# -- 5. prefix keys in [severity] and [rules.X] ------------------------------------------------------
def test_severity_prefix_keys_are_selectors_most_specific_wins(cli, tmp_path):
    project = _project(tmp_path, '[severity]\nNL3 = "error"\nNL302 = "info"\n')
    found = json.loads(cli("check", "--output-format", "json", "articles/x.txt", cwd=project).out)
    by_code = {d["code"]: d["severity"] for d in found}
    assert by_code["NL301"] == "error" and by_code["NL302"] == "info" and by_code["NL101"] == "error"


def test_rule_options_table_for_a_prefix_is_rejected(cli, tmp_path):
    project = _project(tmp_path, '[rules.NL3]\nphrases = []\n')
    proc = cli("check", "articles/x.txt", cwd=project)
    assert proc.returncode == 2 and "rules.NL3: options are set per rule" in proc.err and "a prefix" in proc.err


# -- 6. the command line's --select replaces the file's selection ----------------------------------
def test_cli_select_overrides_the_files_ignore(cli, tmp_path):
    project = _project(tmp_path, 'ignore = ["NL3"]\nextend-select = ["NL1"]\n')
    codes = {d["code"] for d in json.loads(cli("check", "--output-format", "json", "articles/x.txt", cwd=project).out)}
    assert codes and not any(c.startswith("NL3") for c in codes)
    codes = {d["code"] for d in json.loads(cli("check", "--select", "NL3", "--output-format", "json", "articles/x.txt",
                                               cwd=project).out)}
    assert codes and all(c.startswith("NL3") for c in codes)
    codes = {d["code"] for d in json.loads(cli("check", "--select", "NL3", "--ignore", "NL302", "--output-format", "json",
                                               "articles/x.txt", cwd=project).out)}
    assert "NL301" in codes and "NL302" not in codes


# -- 7. one source of truth: the CLI, pytest --newslint and the API agree ------------------------
WARNINGS_ONLY = "Budget talks resume in the capital\n\nMinisters met on Tuesday, officials said.\n\nRead also:\n"


def _pytest(project):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "pytest", "--newslint", "-q", "-p", "no:cacheprovider", "-rA"],
                          cwd=project, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})


def test_pytest_newslint_follows_fail_on_baseline_and_discovery(cli, tmp_path):
    from newslint.api import check_paths

    files = {"news/story.txt": WARNINGS_ONLY, "LICENSE.txt": "MIT License\n\nRead also:\n",
             "tmp/scratch.txt": SEED, ".gitignore": "tmp/\n"}
    project = _project(tmp_path, 'fail-on = "error"\n', files)
    assert cli("check", cwd=project).returncode == 0
    proc = _pytest(project)
    assert "1 passed" in proc.stdout and "failed" not in proc.stdout, proc.stdout
    assert "LICENSE" not in proc.stdout and "scratch" not in proc.stdout

    (project / "news" / "seed.txt").write_text(SEED, encoding="utf-8")
    assert cli("check", cwd=project).returncode == 1
    assert "1 failed, 1 passed" in _pytest(project).stdout
    assert check_paths([project / "news"], project / "newslint.toml").exit_code == 1

    assert cli("check", "--write-baseline", "known.json", cwd=project).returncode == 0
    (project / "newslint.toml").write_text('fail-on = "error"\nbaseline = "known.json"\n', encoding="utf-8")
    assert cli("check", cwd=project).returncode == 0
    assert "2 passed" in _pytest(project).stdout
    assert check_paths([project], project / "newslint.toml").exit_code == 0


# -- 8. text output: severity, record id, columns in long records, skipped files --------------------
def test_text_output_shows_severity_record_id_and_an_exact_column(cli, tmp_path):
    body = 'Les ministres se sont réunis « mardi ». "Cité" ' * 40 + "\n\nRead also:\n\nMore text here."
    line = json.dumps({"id": "r1", "title": "Budget talks resume", "body": body})
    (tmp_path / "long.jsonl").write_text(line + "\n", encoding="utf-8")
    out = cli("check", "--isolated", "long.jsonl", cwd=tmp_path).out
    column = line.index("Read also") + 1  # code points on the physical line, escapes included
    assert (f"long.jsonl:1:{column}: NL301 [warning] boilerplate line 'Read also:' (read more) "
            "(record 1 id r1, field /body)") in out


def test_a_skipped_file_does_not_end_in_all_clear(cli, tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "ok.txt").write_text("Budget talks resume\n\nMinisters met on Tuesday, officials said.\n")
    proc = cli("check", "--isolated", "bin.txt", "ok.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "All clear" not in proc.out and "No findings" in proc.out
    proc = cli("check", "--isolated", "bin.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "All clear" not in proc.out


# -- 9. SARIF columnKind, the results guard, notifications; strict JUnit ---------------------------
def _validate(shared, fmt, path, *flags):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, str(shared / "tools" / "validate_report.py"), fmt, str(path), *flags],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_sarif_declares_code_point_columns_and_reports_input_errors(cli, shared, tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00binary")
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    proc = cli("check", "--isolated", "--output-format", "sarif", "-o", "r.sarif", "a.txt", "bin.txt", cwd=tmp_path)
    assert proc.returncode == 2
    run = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "binary file" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bin.txt"
    _validate(shared, "sarif", tmp_path / "r.sarif", "--strict")


def test_sarif_results_guard_truncates_with_a_notification(monkeypatch):
    import io

    from newslint.config import Config
    from newslint.diagnostics import Diagnostic
    from newslint.formats import Summary
    from newslint.formats.sarif import SarifReporter
    from newslint.plugins import load_registry

    monkeypatch.setattr(SarifReporter, "MAX_RESULTS", 5)
    stream = io.StringIO()
    reporter = SarifReporter(stream, load_registry(Config()).rules)
    reporter.add("a.txt", [Diagnostic("a.txt", "NL301", "boilerplate-line", "warning", f"m{i}", i, 1, i, 2)
                           for i in range(1, 9)])
    reporter.finish(Summary(files=1))
    run = json.loads(stream.getvalue())["runs"][0]
    assert len(run["results"]) == 5
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning" and "8 results" in note["message"]["text"]


def test_junit_is_valid_against_the_strict_jenkins_schema(cli, shared, tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00binary")
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "clean.txt").write_text("Budget talks resume\n\nMinisters met on Tuesday, officials said.\n")
    cli("check", "--isolated", "--output-format", "junit", "-o", "r.xml", "a.txt", "bin.txt", "clean.txt", cwd=tmp_path)
    _validate(shared, "junit", tmp_path / "r.xml", "--strict")
    text = (tmp_path / "r.xml").read_text(encoding="utf-8")
    assert 'tests="3" failures="1" errors="1"' in text and "file=" not in text


def test_ci_docs_state_github_annotation_limits():
    ci = (FIXTURES.parent / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "10 per kind per step" in ci and "50 per job" in ci and "25,000" in ci


# -- 11. rule defaults as TOML, plugin file extensions, honest install and release docs ---------------
def test_rule_command_prints_option_defaults_as_pasteable_toml(cli, tmp_path):
    import tomllib

    from newslint.config import Config
    from newslint.plugins import load_registry

    rules = {code: r for code, r in load_registry(Config()).rules.items() if r.options}
    assert rules
    for code, rule in rules.items():
        out = cli("rule", code).out
        block = out.split("[tool.newslint.rules.", 1)[1]
        parsed = tomllib.loads("[tool.newslint.rules." + block)["tool"]["newslint"]["rules"][code]
        expected = {k: list(v) if isinstance(v, tuple) else v for k, v in rule.options.items() if v is not None}
        assert parsed == expected, code
    (tmp_path / "pyproject.toml").write_text("[" + cli("rule", "NL301").out.split("\n\n[", 1)[1])
    (tmp_path / "a.txt").write_text("Budget talks resume\n\nMinisters met on Tuesday, officials said.\n")
    assert cli("check", "a.txt", cwd=tmp_path).returncode == 0


def test_a_plugin_adds_file_extensions_to_discovery(cli, tmp_path):
    (tmp_path / "mdx_plugin.py").write_text(
        "from newslint import hookimpl\n\n\n@hookimpl\ndef newslint_register_extensions():\n"
        "    return {'.mdx': 'markdown'}\n", encoding="utf-8")
    (tmp_path / "newslint.toml").write_text('plugins = ["mdx_plugin.py"]\n')
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.mdx").write_text("# Budget talks resume\n\nSkip to content\n\nMinisters met.\n")
    assert cli("check", "--show-files", cwd=tmp_path).out.split() == ["news/story.mdx"]
    found = json.loads(cli("check", "--output-format", "json", cwd=tmp_path).out)
    assert [(d["path"], d["code"], d["line"]) for d in found] == [("news/story.mdx", "NL301", 3)]
    assert "newslint_register_extensions" in (FIXTURES.parent / "docs" / "plugins.md").read_text(encoding="utf-8")


def test_docs_install_from_git_or_a_local_path_with_a_real_rev():
    import re
    import subprocess

    root = FIXTURES.parent
    docs = {name: (root / name).read_text(encoding="utf-8") for name in ("README.md", "docs/ci.md", "docs/releasing.md")}
    for name, text in docs.items():
        assert not re.search(r"pip install newslint\b", text), f"{name}: newslint is not on PyPI yet"
    revs = set(re.findall(r"rev: ([0-9a-f]{40})", docs["README.md"] + docs["docs/ci.md"]))
    assert revs, "the pre-commit snippets pin a commit"
    for rev in revs:  # a commit of this repository's history, not an invented tag
        proc = subprocess.run(["git", "cat-file", "-e", f"{rev}^{{commit}}"], cwd=root, capture_output=True)
        if proc.returncode != 0 and b"not a git repository" in proc.stderr:
            pytest.skip("not a git checkout")
        assert proc.returncode == 0, rev
    assert "git tag" in docs["docs/releasing.md"]


# -- "Done when": the CI recipes and the pre-commit snippet, followed verbatim ---------------------
def _recipe_commands(text: str) -> list[str]:
    """Every `newslint check ...` command inside the code blocks of a document, as written."""
    import re

    commands = []
    for block in re.findall(r"```(?:yaml|bash)\n(.*?)```", text, re.S):
        block = block.replace("\\\n", " ")
        for line in block.splitlines():
            m = re.search(r"(newslint check [^|#]*)", line)
            if m:
                commands.append(m.group(1).strip())
    return commands


def test_ci_recipes_run_verbatim_and_validate_strictly(shared, tmp_path):
    import shlex
    import subprocess
    import sys

    ci = (FIXTURES.parent / "docs" / "ci.md").read_text(encoding="utf-8")
    commands = _recipe_commands(ci)
    assert len(commands) >= 7
    _project(tmp_path, None, {"articles/seed.txt": SEED, "archive/old.txt": SEED,
                              "articles/clean.txt": "Budget talks resume\n\nMinisters met on Tuesday, officials said.\n"})
    env = {**os.environ, "NO_COLOR": "1"}
    for command in commands:
        args = shlex.split(command)[1:]  # drop the program name: run this checkout's newslint
        proc = subprocess.run([sys.executable, "-m", "newslint", *args], cwd=tmp_path, capture_output=True,
                              text=True, env=env)
        assert proc.returncode in (0, 1), (command, proc.stderr)
        fmt = args[args.index("--output-format") + 1] if "--output-format" in args else None
        if "--output-file" in args and fmt in ("sarif", "gitlab", "junit", "rdjson"):  # the validator's formats
            _validate(shared, fmt, tmp_path / args[args.index("--output-file") + 1], "--strict")
        elif fmt in ("github", "rdjson"):
            (tmp_path / f"stdout.{fmt}").write_text(proc.stdout, encoding="utf-8")
            _validate(shared, fmt, tmp_path / f"stdout.{fmt}", *(["--strict"] if fmt == "rdjson" else []))


def test_readme_pre_commit_snippet_verbatim_from_a_local_clone(tmp_path):
    """The README's snippet as written, only `repo:` pointed at a local clone: its `rev` must exist."""
    import re
    import shutil
    import subprocess
    import sys

    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is needed for pre-commit")
    readme = (FIXTURES.parent / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", readme, re.S).group(1)
    clone = tmp_path / "newslint-clone"
    if subprocess.run(["git", "clone", "-q", str(FIXTURES.parent), str(clone)], capture_output=True).returncode:
        pytest.skip("this checkout is not a git repository")
    project = tmp_path / "newsroom"
    project.mkdir()
    (project / ".pre-commit-config.yaml").write_text(
        snippet.replace("https://github.com/newslint/newslint", str(clone)), encoding="utf-8")
    (project / "clean.txt").write_text((FIXTURES / "samples" / "clean_bbc_article.txt").read_text(encoding="utf-8"))
    git_env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, env=git_env)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=project, capture_output=True,
                          text=True, env=env, timeout=900)
    assert proc.returncode == 0 and "newslint" in proc.stdout, proc.stdout + proc.stderr


def test_fix_writes_back_to_the_file_opened_when_paths_are_shown_from_the_project_root(cli, tmp_path):
    """Findings say `articles/x.txt` (relative to the config's folder) while newslint runs in
    `articles/`: --fix must still edit the file it read, and --diff name it as the findings do."""
    from test_fixes import ARTICLE, FIXED

    project = _project(tmp_path, "", {"articles/x.txt": ARTICLE})
    proc = cli("check", "--diff", "x.txt", cwd=project / "articles")
    assert "articles/x.txt" in proc.out and "-Share this article" in proc.out
    proc = cli("check", "--fix", "x.txt", cwd=project / "articles")
    assert proc.returncode == 0, proc.err
    assert (project / "articles" / "x.txt").read_text() == FIXED
    assert not (project / "articles" / "articles").exists()
