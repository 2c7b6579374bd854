"""The wheel ships every engine and rule module, installs rules as ``newslint_rules`` (never as a
top-level ``rules``), and registers them through the ``newslint`` entry-point group."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib.metadata import entry_points

from conftest import ROOT


def test_wheel_contains_every_module(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # setuptools warns of configuration it will stop accepting (a TOML-table licence, a data
    # folder missing from `packages`): a build that warns today fails in a later release
    assert "BuildBackendWarning" not in proc.stderr, proc.stderr[-3000:]
    (wheel,) = tmp_path.glob("newslint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"newslint/{p.relative_to(ROOT / 'newslint').as_posix()}" for p in (ROOT / "newslint").rglob("*.py")}
    expected |= {f"newslint_rules/{p.relative_to(ROOT / 'rules').as_posix()}" for p in (ROOT / "rules").rglob("*.py")}
    expected |= {f"newslint_rules/data/{p.name}" for p in (ROOT / "rules" / "data").iterdir() if p.suffix in (".toml", ".json")}
    expected |= {f"newslint/formats/{p.name}" for p in (ROOT / "newslint" / "formats").glob("html_report.*")}
    missing = expected - names
    assert not missing, f"missing from the wheel: {sorted(missing)}"
    assert not any(n.startswith("rules/") for n in names)
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry).decode()
    assert "[newslint]\nbuiltin = newslint_rules" in text
    assert "newslint = newslint.cli:console_main" in text


def test_builtin_rules_come_through_the_entry_point_group():
    eps = {ep.name: ep.value for ep in entry_points(group="newslint")}
    assert eps.get("builtin") == "newslint_rules"


def test_engine_never_imports_a_rule():
    for path in (ROOT / "newslint").rglob("*.py"):
        assert "newslint_rules" not in path.read_text(encoding="utf-8"), path


def test_no_top_level_rules_package():
    proc = subprocess.run([sys.executable, "-c", "import rules"], capture_output=True, cwd="/")
    assert proc.returncode != 0
