"""Inline suppression comments: ``<!-- newslint: disable|enable|disable-next-line [CODES] -->``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .diagnostics import Diagnostic
from .selection import code_matches_any

_SUPPRESS_RE = re.compile(r"<!--\s*newslint:\s*(disable-next-line|disable|enable)\b([^>]*?)-->")


@dataclass(frozen=True)
class Mark:
    """One suppression comment: on ``line``, ``action`` for ``codes`` (empty: every code)."""

    line: int
    action: str
    codes: frozenset[str]


def suppressions(source: str, first_line: int = 1) -> list[Mark]:
    """Every suppression comment of ``source``, numbered from ``first_line``."""
    if "newslint:" not in source:
        return []
    out = []
    for m in _SUPPRESS_RE.finditer(source):
        line = source.count("\n", 0, m.start()) + first_line
        codes = frozenset(c for c in re.split(r"[\s,]+", m.group(2).strip()) if c)
        out.append(Mark(line, m.group(1), codes))
    return out


def is_suppressed(diag: Diagnostic, marks: list[Mark]) -> bool:
    """Whether the comments before ``diag`` (or one on the line just above it) switch it off."""
    everything = False
    disabled: set[str] = set()
    for mark in marks:
        if mark.action == "disable-next-line":
            if mark.line == diag.line - 1 and (not mark.codes or code_matches_any(diag.code, mark.codes)):
                return True
            continue
        if mark.line > diag.line:
            break
        if mark.action == "disable":
            everything = everything or not mark.codes
            disabled |= mark.codes
        elif mark.codes:
            disabled -= mark.codes
        else:
            everything, disabled = False, set()
    return everything or code_matches_any(diag.code, disabled)


def unsuppressed(diagnostics: Iterable[Diagnostic], source: str, first_line: int = 1) -> list[Diagnostic]:
    """The diagnostics that no suppression comment in ``source`` switches off."""
    marks = suppressions(source, first_line)
    if not marks:
        return list(diagnostics)
    return [d for d in diagnostics if not is_suppressed(d, marks)]
