"""Configuration: find the closest config file, validate it, merge the command line over it."""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, fields
from typing import Any

from .budget import DEFAULT_RULE_TIMEOUT
from .diagnostics import SEVERITIES
from .errors import ConfigError


def _toml():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib

CONFIG_NAMES = (".newslint.toml", "newslint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ["*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.json", "*.jsonl"]
#: Well-known files that are never articles, skipped when found in folders (the default of
#: ``exclude``; ``extend-exclude`` adds to it). Conservative on purpose: README and docs stay in.
DEFAULT_EXCLUDE = [
    "LICENSE*", "LICENCE*", "COPYING*", "NOTICE*", "AUTHORS*", "CONTRIBUTORS*", "CHANGELOG*", "CHANGES*",
    "CODE_OF_CONDUCT*", "requirements*.txt", "constraints*.txt", "package.json", "package-lock.json",
    "tsconfig*.json", "jsconfig.json", "composer.json", "*.lock", "robots.txt",
]
#: Tool and version-control folders, never entered (nor are virtualenvs: folders with a pyvenv.cfg).
SKIPPED_FOLDERS = frozenset({
    ".git", ".hg", ".svn", ".bzr", ".venv", ".tox", ".nox", "node_modules", "__pycache__", ".mypy_cache",
    ".pytest_cache", ".ruff_cache", "site-packages", "__pypackages__",
})


@dataclass
class Config:
    """The resolved settings for one run. Keys in TOML are kebab-case versions of these names."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list)
    extend_include: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    force_exclude: bool = False
    plugins: list[str] = field(default_factory=list)
    disable_plugins: list[str] = field(default_factory=list)
    require_plugins: list[str] = field(default_factory=list)
    fail_on: str = "info"
    #: Findings less sure than this (their ``confidence``, 0-1) are dropped; per rule as
    #: ``[rules.CODE] min-confidence``. 0 keeps everything.
    min_confidence: float = 0.0
    #: Seconds one rule may run on one document before it is stopped and reported (0: no limit).
    rule_timeout: float = DEFAULT_RULE_TIMEOUT
    baseline: str | None = None
    title_fields: list[str] = field(default_factory=lambda: ["title", "headline"])
    body_fields: list[str] = field(default_factory=lambda: ["body", "text", "content", "article"])
    id_fields: list[str] = field(default_factory=lambda: ["id", "url"])
    #: Where the config came from (None: defaults) and the folder relative paths are taken from.
    path: str | None = None
    root: str = "."

    @property
    def all_excludes(self) -> list[str]:
        return self.exclude + self.extend_exclude


_LIST_OF_STR = "a list of strings"
_BOOL = "true or false"
_SCHEMA: dict[str, str] = {
    "select": _LIST_OF_STR, "extend-select": _LIST_OF_STR, "ignore": _LIST_OF_STR,
    "include": _LIST_OF_STR, "exclude": _LIST_OF_STR, "extend-exclude": _LIST_OF_STR, "extend-include": _LIST_OF_STR, "plugins": _LIST_OF_STR,
    "respect-gitignore": _BOOL, "force-exclude": _BOOL,
    "disable-plugins": _LIST_OF_STR, "require-plugins": _LIST_OF_STR,
    "title-fields": _LIST_OF_STR, "body-fields": _LIST_OF_STR, "id-fields": _LIST_OF_STR,
    "per-file-ignores": "a table of glob = [codes]",
    "severity": "a table of CODE = severity",
    "rules": "a table of [rules.CODE] option tables",
    "fail-on": "one of " + ", ".join(SEVERITIES),
    "baseline": "a path string",
    "min-confidence": "a number from 0 to 1",
    "rule-timeout": "a number of seconds (0: no limit)",
}
_NUMBERS = {"min-confidence": (0, 1), "rule-timeout": (0, float("inf"))}


def find_config(start: str | os.PathLike[str] = ".") -> str | None:
    """The closest config file from ``start`` upward; a pyproject counts only with [tool.newslint]."""
    folder = os.path.abspath(os.fspath(start))
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if not os.path.isfile(candidate):
                continue
            if name != "pyproject.toml":
                return candidate
            try:
                if "tool" in (data := _read_toml(candidate)) and "newslint" in data["tool"]:
                    return candidate
            except ConfigError:
                return candidate  # a broken pyproject is reported when it is loaded
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _read_text(path: str) -> str:
    with open(path, encoding="utf-8-sig") as fh:
        return fh.read()


def _read_toml(path: str) -> dict[str, Any]:
    tomllib = _toml()
    try:
        return tomllib.loads(_read_text(path))
    except RecursionError:
        raise ConfigError(str(path), "invalid TOML: nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(str(path), f"invalid TOML: {exc}", int(m.group(1)) if m else None) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read config: {exc}") from None


def _line_of(text: str, key: str) -> int | None:
    # [ \t]*, not \s*: a blank line before the key must not be counted as its line
    m = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?\s*=", text, re.M)
    if m is None:
        m = re.search(rf"^[ \t]*\[[^\]\n]*\b{re.escape(key)}\b[^\]\n]*\]", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def line_of_key(config: "Config", key: str) -> int | None:
    """The line of ``key`` (a key or a table name) in the file a config came from, if known."""
    try:
        return _line_of(_read_text(config.path), key) if config.path and os.path.isfile(config.path) else None
    except (OSError, UnicodeDecodeError):
        return None


def load_config(path: str | os.PathLike[str] | None) -> Config:
    """Read and validate a config file; ``None`` gives the defaults."""
    if path is None:
        return Config()
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise ConfigError(path, "config file not found")
    data = _read_toml(path)
    if os.path.basename(path) == "pyproject.toml" or "tool" in data:
        table = data.get("tool", {}).get("newslint", {})
    else:
        table = data
    return config_from_table(table, path, _read_text(path), root=os.path.dirname(os.path.abspath(path)))


def _unknown_key(key: str) -> str:
    import difflib

    close = difflib.get_close_matches(key.replace("_", "-"), list(_SCHEMA), n=1, cutoff=0.75)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key{hint}; known keys: {', '.join(sorted(_SCHEMA))}"


def config_from_table(table: dict[str, Any], where: str = "<config>", text: str = "", root: str = ".") -> Config:
    """Validate one ``[tool.newslint]`` table into a Config, naming the key and line on error."""
    config = Config(path=where, root=root)

    def fail(key: str, message: str) -> None:
        raise ConfigError(where, f"{key}: {message}", _line_of(text, key.split(".")[-1]) if text else None)

    for key, value in table.items():
        kind = _SCHEMA.get(key)
        if kind is None:
            fail(key, _unknown_key(key))
        attr = key.replace("-", "_")
        if kind == _LIST_OF_STR:
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                fail(key, f"expected {kind}, got {value!r}")
            setattr(config, attr, list(value))
        elif kind == _BOOL:
            if not isinstance(value, bool):
                fail(key, f"expected {kind}, got {value!r}")
            setattr(config, attr, value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict) or not all(isinstance(v, list) and all(isinstance(c, str) for c in v)
                                                      for v in value.values()):
                fail(key, f"expected {kind}")
            config.per_file_ignores = {k: list(v) for k, v in value.items()}
        elif key == "severity":
            if not isinstance(value, dict):
                fail(key, f"expected {kind}")
            for code, sev in value.items():
                if sev not in SEVERITIES:
                    fail(f"severity.{code}", f"expected one of {', '.join(SEVERITIES)}, got {sev!r}")
            config.severity = dict(value)
        elif key == "rules":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                fail(key, f"expected {kind}")
            config.rules = {code: dict(opts) for code, opts in value.items()}
        elif key == "fail-on":
            if value not in SEVERITIES:
                fail(key, f"expected {kind}, got {value!r}")
            config.fail_on = value
        elif key in _NUMBERS:
            low, high = _NUMBERS[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
                fail(key, f"expected {kind}, got {value!r}")
            setattr(config, attr, float(value))
        elif key == "baseline":
            if not isinstance(value, str):
                fail(key, f"expected {kind}, got {value!r}")
            config.baseline = os.path.join(root, value) if root else value
    return config


def override(config: Config, **values: Any) -> Config:
    """Apply command-line values (those that are not None) over a loaded config."""
    names = {f.name for f in fields(Config)}
    for name, value in values.items():
        if name not in names:
            raise TypeError(name)
        if value is None:
            continue
        if name in ("extend_select", "extend_exclude"):
            setattr(config, name, getattr(config, name) + list(value))
        elif name == "select":
            # ruff's layering: a --select on the command line replaces the file's whole selection,
            # its ignores and extend-selects included (per-file-ignores stay)
            config.select, config.extend_select, config.ignore = list(value), [], []
        else:
            setattr(config, name, value)
    return config
