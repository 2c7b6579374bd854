"""The layout's promises, checked on the source: who may import whom, and modules and functions
small enough to read. ``contract_violations`` is also run on a copy with a bad import added, so
this test is known to fail when the contract is broken."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PLUGIN_PACKAGES = ("parsers", "formats", "integrations")
MAX_MODULE_LINES = 250
MAX_FUNCTION_LINES = 50
#: functions allowed past the limit (data tables only); none today
LONG_FUNCTION_ALLOWED: set[tuple[str, str]] = set()


def _imports(path: Path, package: str) -> list[str]:
    """Absolute module names imported by one file (relative imports resolved against ``package``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append(module)
            found.extend(f"{module}.{alias.name}" for alias in node.names)
    return found


def _package_of(root: Path, path: Path, top: str) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = [top, *rel.parts[1:]]
    return ".".join(parts[:-1]) if parts[-1] != "__init__" else ".".join(parts[:-1])


def contract_violations(root: Path) -> list[str]:
    """Every import that breaks the layout's dependency rules, as ``file: imports module``."""
    problems = []
    for path in sorted((root / "newslint").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(root / "newslint").parts
        in_plugin_package = parts[0] in PLUGIN_PACKAGES
        for module in _imports(path, _package_of(root, path, "newslint")):
            if module.startswith("newslint_rules"):
                problems.append(f"{rel}: imports {module} (the engine never imports a rule)")
            elif not in_plugin_package and any(module.startswith(f"newslint.{p}") for p in PLUGIN_PACKAGES):
                problems.append(f"{rel}: imports {module} (core never imports parsers, formats or integrations)")
            elif parts == ("hookspecs.py",) and module.startswith("newslint.") and module.split(".")[1] not in (
                    "config", "document", "reporting", "rules", "diagnostics"):
                problems.append(f"{rel}: imports {module} (hookspecs import only core types)")
    for path in sorted((root / "rules").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for module in _imports(path, _package_of(root, path, "newslint_rules")):
            if any(module.startswith(f"newslint.{p}") for p in ("cli", "check", "formats", "parsers", "engine")):
                problems.append(f"{rel}: imports {module} (rules use newslint's public API and core only)")
    return problems


def test_the_import_contract_holds():
    assert contract_violations(ROOT) == []


@pytest.mark.parametrize("file, line", [
    ("newslint/linter.py", "from .parsers import format_of"),
    ("newslint/hookspecs.py", "from .formats import Reporter"),
    ("rules/repeated_line.py", "from newslint.parsers.text import plain_blocks"),
    ("newslint/runner.py", "import newslint_rules"),
])
def test_the_import_contract_catches_a_violation(tmp_path, file, line):
    for folder in ("newslint", "rules"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / file
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    assert [v for v in contract_violations(tmp_path) if v.startswith(file)], line


def test_engine_modules_are_small_and_say_their_job():
    problems = []
    for path in sorted((ROOT / "newslint").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        if len(source.splitlines()) > MAX_MODULE_LINES:
            problems.append(f"{rel}: {len(source.splitlines())} lines")
        if not ast.get_docstring(tree):
            problems.append(f"{rel}: no module docstring")
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and (rel, node.name) not in LONG_FUNCTION_ALLOWED:
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    problems.append(f"{rel}: {node.name}() is {length} lines")
    assert problems == []


def test_the_project_lints_itself():
    ruff = shutil.which("ruff") or (Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (it is in the test extra)")
    proc = subprocess.run([str(ruff), "check", "newslint", "rules", "tests", "bench", "docs"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
