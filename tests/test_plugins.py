"""The plugin system as rule authors and teams use it: local plugins, isolation of broken ones,
the example third-party plugin installed for real, and the pytest plugin."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import venv

import pytest

from conftest import FIXTURES, ROOT

SEED = FIXTURES / "samples" / "seed_article.txt"
CLEAN = FIXTURES / "samples" / "clean_bbc_article.txt"

RULE_TEMPLATE = '''
from newslint import Rule, hookimpl

class {cls}(Rule):
    """{summary}

    ## What it does
    test rule
    ## Why is this bad?
    test
    ## Example
    test
    ## Options
    none
    """
    code = "{code}"
    name = "{name}"
    severity = "warning"

    def check(self, document, ctx):
        {body}

@hookimpl
def newslint_register_rules():
    return [{cls}]
'''


def write_plugin(path, cls="LocalRule", code="LOC001", name="local-rule", summary="A local rule.",
                 body="ctx.report(document.blocks[0], 0, 1, 'local finding')"):
    path.write_text(RULE_TEMPLATE.format(cls=cls, code=code, name=name, summary=summary, body=body), encoding="utf-8")


def test_local_plugin_file_and_module(cli, tmp_path):
    write_plugin(tmp_path / "my_rules.py")
    pkg = tmp_path / "house"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    write_plugin(pkg / "style.py", cls="HouseStyle", code="HS001", name="house-style")
    (tmp_path / "newslint.toml").write_text('plugins = ["my_rules.py", "house.style"]\n')
    (tmp_path / "a.txt").write_text(CLEAN.read_text(encoding="utf-8"))
    proc = cli("check", "--output-format", "json", "a.txt", cwd=tmp_path)
    assert sorted(d["code"] for d in json.loads(proc.out)) == ["HS001", "LOC001"]
    rules = cli("rules", cwd=tmp_path).out
    assert "LOC001" in rules and "local:my_rules.py" in rules and "local:house.style" in rules


def test_crashing_rule_is_isolated(cli, tmp_path):
    write_plugin(tmp_path / "boom.py", cls="Boom", code="BOOM001", name="boom",
                 body="raise ValueError('kaboom on ' + document.path)")
    (tmp_path / "newslint.toml").write_text('plugins = ["boom.py"]\n')
    (tmp_path / "a.txt").write_text(SEED.read_text(encoding="utf-8"))
    (tmp_path / "b.txt").write_text(SEED.read_text(encoding="utf-8"))
    proc = cli("check", "--output-format", "json", "a.txt", "b.txt", cwd=tmp_path)
    assert proc.returncode == 2
    found = json.loads(proc.out)
    assert {d["path"] for d in found} == {"a.txt", "b.txt"} and len(found) == 34  # every other rule still ran
    assert "rule BOOM001 (boom) from plugin local:boom.py crashed on a.txt: ValueError: kaboom on a.txt" in proc.err
    assert "Traceback" not in proc.err
    verbose = cli("check", "--verbose", "a.txt", cwd=tmp_path)
    assert "Traceback" in verbose.err


def test_duplicate_codes_name_both_plugins(cli, tmp_path):
    write_plugin(tmp_path / "one.py", cls="One", code="DUP001", name="dup-one")
    write_plugin(tmp_path / "two.py", cls="Two", code="DUP001", name="dup-two")
    (tmp_path / "newslint.toml").write_text('plugins = ["one.py", "two.py"]\n')
    proc = cli("check", str(CLEAN), cwd=tmp_path)
    assert proc.returncode == 2
    assert "rule code DUP001 is claimed by both local:one.py and local:two.py" in proc.err


def test_builtin_code_clash_and_bad_metadata(cli, tmp_path):
    write_plugin(tmp_path / "clash.py", cls="Clash", code="NL101", name="my-title")
    (tmp_path / "newslint.toml").write_text('plugins = ["clash.py"]\n')
    proc = cli("check", str(CLEAN), cwd=tmp_path)
    assert proc.returncode == 2 and "NL101 is claimed by both newslint[builtin] and local:clash.py" in proc.err
    write_plugin(tmp_path / "clash.py", cls="Clash", code="bad", name="Bad Name")
    proc = cli("check", str(CLEAN), cwd=tmp_path)
    assert proc.returncode == 2 and "does not match" in proc.err and "Traceback" not in proc.err


def test_plugin_that_fails_to_import(cli, tmp_path):
    (tmp_path / "broken.py").write_text("import not_a_real_module_xyz\n")
    (tmp_path / "newslint.toml").write_text('plugins = ["broken.py"]\n')
    proc = cli("check", str(CLEAN), cwd=tmp_path)
    assert proc.returncode == 2
    assert "local plugin 'broken.py' failed to import: ModuleNotFoundError" in proc.err
    assert "Traceback" not in proc.err


def test_disable_and_require_plugins(cli, tmp_path):
    (tmp_path / "newslint.toml").write_text('disable-plugins = ["builtin"]\n')
    proc = cli("check", str(SEED), cwd=tmp_path)
    assert proc.returncode == 0 and "no findings" in proc.out
    assert "NL101" not in cli("rules", cwd=tmp_path).out
    (tmp_path / "newslint.toml").write_text('require-plugins = ["newslint-plugin-missing"]\n')
    proc = cli("check", str(SEED), cwd=tmp_path)
    assert proc.returncode == 2 and "'newslint-plugin-missing' is not installed" in proc.err


def test_trace_plugins(cli):
    proc = cli("check", "--isolated", str(CLEAN), env={"NEWSLINT_TRACE_PLUGINS": "1"})
    assert "newslint_parse_document" in proc.err


def test_parser_plugin_takes_over_a_format(cli, tmp_path):
    (tmp_path / "upper.py").write_text(textwrap.dedent('''
        from newslint import hookimpl, Document, Block

        @hookimpl
        def newslint_parse_document(path, source, config):
            if not path.endswith(".txt"):
                return None
            return Document(path=path, format="shout", source=source,
                            blocks=[Block.verbatim("paragraph", "Skip to content", 0)])
    '''))
    (tmp_path / "newslint.toml").write_text('plugins = ["upper.py"]\n')
    (tmp_path / "a.txt").write_text("Skip to content and more text follows here\n")
    proc = cli("check", "--output-format", "json", "a.txt", cwd=tmp_path)
    assert [d["code"] for d in json.loads(proc.out)] == ["NL301"]


def test_pytest_plugin_collects_articles_and_fixture(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\ninclude = ["*.txt"]\n')
    (tmp_path / "seed.txt").write_text(SEED.read_text(encoding="utf-8"))
    (tmp_path / "clean.txt").write_text(CLEAN.read_text(encoding="utf-8"))
    (tmp_path / "test_scraper.py").write_text(textwrap.dedent('''
        from pathlib import Path

        def test_clean_output(newslint_check):
            assert newslint_check(Path("clean.txt")) == []

        def test_dirty_output(newslint_check):
            found = newslint_check("Skip to content\\n\\nA title for the story\\n\\nBody text.")
            assert [d.code for d in found] == ["NL301"]
    '''))
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "pytest", "--newslint", "-q", "-p", "no:cacheprovider"],
                          cwd=tmp_path, capture_output=True, text=True, env=env)
    assert "1 failed, 3 passed" in proc.stdout, proc.stdout + proc.stderr
    assert "seed.txt:12:1: NL101 title repeated (first at line 3)" in proc.stdout
    plain = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                           cwd=tmp_path, capture_output=True, text=True, env=env)
    assert "2 passed" in plain.stdout, plain.stdout  # without --newslint, articles are not collected


@pytest.mark.skipif(os.environ.get("NEWSLINT_SKIP_VENV_TESTS") == "1", reason="venv tests disabled")
def test_example_plugin_installed_in_a_fresh_venv(tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    py = str(bindir / "python")
    example = ROOT / "examples" / "newslint-plugin-example"
    install = subprocess.run([py, "-m", "pip", "install", "-q", str(ROOT), str(example), "pytest"],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-3000:]

    def newslint(*args, cwd=tmp_path):
        return subprocess.run([str(bindir / "newslint"), *args], capture_output=True, text=True, cwd=cwd,
                              env={**os.environ, "NO_COLOR": "1"})

    assert "newslint-plugin-example 0.1.0" in newslint("plugins").stdout
    rules = newslint("rules").stdout
    assert "CB001" in rules and "clickbait-headline" in rules and "newslint-plugin-example[example]" in rules

    article = tmp_path / "story.txt"
    article.write_text("You won't believe what the minister said\n\nThe minister resigned on Monday.\n")
    found = json.loads(newslint("check", "--output-format", "json", "story.txt").stdout)
    assert [d["code"] for d in found] == ["CB001"]

    (tmp_path / "newslint.toml").write_text('[rules.CB001]\nphrases = ["the minister"]\n')
    found = json.loads(newslint("check", "--output-format", "json", "story.txt").stdout)
    assert [(d["code"], d["column"]) for d in found] == [("CB001", 24)]
    (tmp_path / "newslint.toml").write_text('select = ["NL"]\n')
    assert json.loads(newslint("check", "--output-format", "json", "story.txt").stdout) == []
    (tmp_path / "newslint.toml").unlink()

    sarif = json.loads(newslint("check", "--output-format", "sarif", "story.txt").stdout)
    rule_ids = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rule_ids["CB001"]["fullDescription"]["text"].startswith("Looks for configured phrases")
    assert rule_ids["CB001"]["helpUri"] == "https://pypi.org/project/newslint-plugin-example/"

    tests = subprocess.run([py, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(example / "tests")],
                           capture_output=True, text=True, cwd=tmp_path)
    assert tests.returncode == 0 and "6 passed" in tests.stdout, tests.stdout + tests.stderr
