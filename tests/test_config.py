"""Config discovery, precedence, validation errors and ruff-style selection."""
from __future__ import annotations

import json
import os

import pytest

from newslint.config import Config, config_from_table, find_config, load_config
from newslint.errors import ConfigError
from newslint.plugins import load_registry
from newslint.selection import is_enabled

from conftest import FIXTURES

SEED = str(FIXTURES / "samples" / "seed_article.txt")
RULES = load_registry(Config()).rules


def codes(config: Config) -> set[str]:
    return {code for code, rule in RULES.items() if is_enabled(rule, config)}


def test_default_selection_leaves_opt_in_rules_out():
    enabled = codes(Config())
    assert "NL101" in enabled and "NL405" not in enabled
    assert "NL405" in codes(Config(extend_select=["NL405"]))


def test_more_specific_prefix_wins_and_ignore_wins_ties():
    assert codes(Config(select=["NL3"], ignore=["NL30"])) == set()
    assert codes(Config(select=["NL301"], ignore=["NL3"])) == {"NL301"}
    assert codes(Config(select=["NL3"], ignore=["NL3"])) == set()
    assert codes(Config(select=["ALL"], ignore=["NL1", "NL2", "NL4"])) == {"NL301", "NL302", "NL303"}
    assert codes(Config(select=["NL1"], extend_select=["NL203"])) == {"NL101", "NL102", "NL103", "NL104", "NL203"}


def test_discovery_closest_file_wins(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.newslint]\nselect = ['NL1']\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) == str(tmp_path / "pyproject.toml")
    (tmp_path / "a" / "newslint.toml").write_text("select = ['NL2']\n")
    assert find_config(sub) == str(tmp_path / "a" / "newslint.toml")
    (tmp_path / "a" / ".newslint.toml").write_text("select = ['NL3']\n")
    assert find_config(sub) == str(tmp_path / "a" / ".newslint.toml")
    assert load_config(find_config(sub)).select == ["NL3"]


def test_pyproject_without_section_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    sub = tmp_path / "s"
    sub.mkdir()
    found = find_config(sub)
    assert found is None or os.path.dirname(found) != str(tmp_path)


def test_cli_flags_override_file(cli, tmp_path):
    (tmp_path / "newslint.toml").write_text("select = ['NL1']\n")
    out = json.loads(cli("check", "--output-format", "json", SEED, cwd=tmp_path).out)
    assert {d["code"][:3] for d in out} == {"NL1"}
    out = json.loads(cli("check", "--output-format", "json", "--select", "NL3", SEED, cwd=tmp_path).out)
    assert {d["code"][:3] for d in out} == {"NL3"}
    out = json.loads(cli("check", "--output-format", "json", "--isolated", SEED, cwd=tmp_path).out)
    assert {d["code"][:3] for d in out} == {"NL1", "NL2", "NL3", "NL4"}


def test_severity_override_and_rule_options(cli, tmp_path):
    cfg = tmp_path / "cfg.toml"
    cfg.write_text("[severity]\nNL302 = 'error'\n[rules.NL104]\nmin-words = 40\n")
    out = json.loads(cli("check", "--config", str(cfg), "--output-format", "json", SEED).out)
    assert {d["severity"] for d in out if d["code"] == "NL302"} == {"error"}
    assert not [d for d in out if d["code"] == "NL104"]


def test_per_file_ignores(cli, tmp_path):
    cfg = tmp_path / "cfg.toml"
    cfg.write_text("[per-file-ignores]\n'seed_*.txt' = ['NL3', 'NL4']\n")
    out = json.loads(cli("check", "--config", str(cfg), "--output-format", "json", SEED).out)
    assert {d["code"][:3] for d in out} == {"NL1", "NL2"}


@pytest.mark.parametrize("content, fragment", [
    ("selct = ['NL1']\n", "selct: unknown key (did you mean 'select'?)"),
    ("select = 'NL1'\n", "select: expected a list of strings"),
    ("fail-on = 'sometimes'\n", "fail-on: expected one of info, warning, error"),
    ("select = ['NL1'\n", "invalid TOML"),
    ("select = ['XX9']\n", "unknown rule code or prefix 'XX9'"),
    ("[rules.NL104]\nmin-wrds = 3\n", "rules.NL104: unknown option 'min-wrds'"),
    ("[rules.NL104]\nmin-words = 'three'\n", "rules.NL104.min-words: expected int"),
    ("[severity]\nNL101 = 'fatal'\n", "severity.NL101: expected one of"),
])
def test_bad_config_exits_2_with_file_key_and_line(cli, tmp_path, content, fragment):
    cfg = tmp_path / "newslint.toml"
    cfg.write_text("# comment\n" + content)
    proc = cli("check", SEED, cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.err
    assert fragment in proc.err and "newslint.toml" in proc.err


def test_config_error_names_the_line(tmp_path):
    cfg = tmp_path / "newslint.toml"
    cfg.write_text("# one\n# two\nunknown-thing = 1\n")
    with pytest.raises(ConfigError) as exc:
        load_config(cfg)
    assert exc.value.line == 3 and str(exc.value).startswith(f"{cfg}:3: unknown-thing")


def test_fail_on_from_config(cli, tmp_path):
    (tmp_path / "newslint.toml").write_text("select = ['NL103']\nfail-on = 'error'\n")
    assert cli("check", SEED, cwd=tmp_path).returncode == 0


def test_table_round_trip():
    cfg = config_from_table({"select": ["NL1"], "include": ["*.txt"], "title-fields": ["headline"]})
    assert cfg.select == ["NL1"] and cfg.include == ["*.txt"] and cfg.title_fields == ["headline"]


def test_file_discovery_order_includes_and_excludes(tmp_path):
    from newslint.discovery import discover

    for rel in ("b.txt", "a.md", "notes.py", "z/inner.html", "z/drafts/skip.txt", "node_modules/x.txt",
                "c/y.json", "c/old.txt", "c/d/deep.jsonl"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("Text.\n")
    config = Config(exclude=["drafts", "old.*"])
    found = [os.path.relpath(p, tmp_path) for p in discover([str(tmp_path)], config)]
    # a folder's own files (sorted) come before its sub-folders (sorted), as in `ls -R`
    assert found == ["a.md", "b.txt", os.path.join("c", "y.json"), os.path.join("c", "d", "deep.jsonl"),
                     os.path.join("z", "inner.html")]
    explicit = str(tmp_path / "notes.py")
    assert list(discover([explicit], config)) == [explicit]  # files named explicitly are always linted
