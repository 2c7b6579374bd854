"""The Python API: one door for scripts, the pytest plugin, Ray and the command line.

``lint_text`` and ``lint_paths`` are the public functions; ``check_paths`` is ``newslint check``
for Python (discovery, baseline and fail-on as the CLI applies them); ``resolve_config`` turns what
a caller gives (nothing, a path, a Config) into a Config the same way everywhere.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable

from .config import Config, find_config, load_config
from .diagnostics import Diagnostic
from .errors import InputError
from .gate import Gate
from .inputs import normalise_line_ends
from .linter import Linter
from .runner import run


def resolve_config(config: Config | str | os.PathLike[str] | None) -> Config:
    if isinstance(config, Config):
        return config
    if config is None:
        found = find_config()
        return load_config(found) if found else Config()
    return load_config(config)


_DEFAULT_LINTER: Linter | None = None


def lint_text(text: str, filename: str = "article.txt", config: Config | None = None) -> list[Diagnostic]:
    """Lint a string as if it were the file ``filename`` (its extension picks the parser).

    ``config=None`` means newslint's defaults (no config file is read); the rules are compiled
    once and reused by later calls, so calling this per record of a corpus is cheap.
    """
    global _DEFAULT_LINTER
    if config is None:
        if _DEFAULT_LINTER is None:
            _DEFAULT_LINTER = Linter(Config())
        linter = _DEFAULT_LINTER
    else:
        linter = Linter(resolve_config(config))
    result = linter.lint_text(filename, text)
    if result.errors:
        raise InputError(filename, "; ".join(map(str, result.errors)))
    return result.diagnostics


_FIXERS: dict[bool, Linter] = {}


def fix_text(text: str, filename: str = "article.txt", config: Config | None = None,
             unsafe: bool = False) -> tuple[str, list[Diagnostic]]:
    """``text`` with its fixes applied (safe ones; unsafe ones too when asked), and the findings
    that remain. ``config=None`` means the defaults, compiled once and reused."""
    from .fixes import FixPolicy

    if config is None:
        linter = _FIXERS.get(unsafe) or _FIXERS.setdefault(unsafe, Linter(Config(), fix=FixPolicy(unsafe=unsafe)))
    else:
        linter = Linter(resolve_config(config), fix=FixPolicy(unsafe=unsafe))
    result = linter.lint_text(filename, text)
    if result.errors:
        raise InputError(filename, "; ".join(map(str, result.errors)))
    fixed = result.fixed.fixed if result.fixed is not None and result.fixed.fixed is not None else None
    return (fixed if fixed is not None else normalise_line_ends(text).lstrip("\ufeff")), result.diagnostics


def lint_paths(paths: Iterable[str | os.PathLike[str]], config: Config | None = None,
               errors: list[str] | None = None) -> list[Diagnostic]:
    """Lint files and folders; input problems go to ``errors`` (when given) instead of raising."""
    config = resolve_config(config)
    out: list[Diagnostic] = []
    for result in run([os.fspath(p) for p in paths], config):
        out.extend(result.diagnostics)
        if errors is not None:
            errors.extend(str(p) for p in result.errors + result.crashes)
    out.sort(key=Diagnostic.sort_key)
    return out


@dataclass
class CheckResult:
    """What ``newslint check`` would say: the findings it reports, input errors, and the verdict."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: bool = False  # a finding at or above fail-on (after the baseline)

    @property
    def exit_code(self) -> int:
        return 2 if self.errors else 1 if self.failed else 0


def check_paths(paths: Iterable[str | os.PathLike[str]], config: Config | str | os.PathLike[str] | None = None
                ) -> CheckResult:
    """Lint files and folders exactly as ``newslint check`` does: the config file found from the working
    folder (or the one given), its discovery rules, baseline and ``fail-on``."""
    config = resolve_config(config)
    gate, out = Gate(config), CheckResult()
    for result in run([os.fspath(p) for p in paths], config):
        new = gate.new(result.diagnostics)
        out.diagnostics.extend(new)
        out.failed = out.failed or gate.fails(new)
        out.errors.extend(str(p) for p in result.errors + result.crashes)
    out.diagnostics.sort(key=Diagnostic.sort_key)
    return out
