"""``check --show-files`` and ``check --show-settings``: what a run would lint, and with which settings."""
from __future__ import annotations

import json
import os
from dataclasses import fields

from .config import Config
from .discovery import discover
from .paths import project_path
from .problems import Problem


def show(args, config: Config, paths: list[str]) -> int:
    if args.show_settings:
        print(settings_toml(config))
        return 0
    from .plugins import load_registry

    load_registry(config)  # plugins may add file extensions to discovery
    warnings: list[Problem] = []
    for path in discover(paths, config, warnings):
        print(project_path(path, config.root))
    for warning in warnings:
        print(f"newslint: warning: {warning}")
    return 0


def settings_toml(config: Config) -> str:
    """The resolved settings as a ``[tool.newslint]`` table (pasteable TOML), with where they came from."""
    lines = [f"# config file: {config.path or '(none: defaults)'}", f"# project root: {os.path.abspath(config.root)}",
             "[tool.newslint]"]
    tables = []
    for f in fields(Config):
        if f.name in ("path", "root"):
            continue
        value, key = getattr(config, f.name), f.name.replace("_", "-")
        if isinstance(value, dict):
            tables.append((key, value))
        elif value is not None:
            lines.append(f"{key} = {toml_value(value)}")
    for key, table in tables:
        if not table:
            continue
        lines.append(f"\n[tool.newslint.{key}]")
        for name, value in table.items():
            if isinstance(value, dict):
                inline = ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items())
                lines.append(f"{json.dumps(name)} = {{ {inline} }}")
            else:
                lines.append(f"{json.dumps(name)} = {toml_value(value)}")
    return "\n".join(lines)


def toml_value(value) -> str:
    """A Python value written as TOML (strings, numbers, booleans, lists)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value))


def toml_key(key: str) -> str:
    """A bare key when TOML allows one, else a quoted one."""
    return key if key and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in key) else json.dumps(key)
