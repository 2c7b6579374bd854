"""Inline suppression comments: ``<!-- newslint: disable|enable|disable-next-line [CODES] -->``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .diagnostics import Diagnostic
from .selection import code_matches_any

# The codes never run past the next comment's start: an unclosed comment then costs the text up
# to the next one, not the rest of the file (20k unclosed comments were quadratic).
_SUPPRESS_RE = re.compile(r"<!--\s*newslint:\s*(disable-next-line|disable|enable)\b((?:(?!<!--)[^>])*?)-->")


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
    line, counted = first_line, 0
    for m in _SUPPRESS_RE.finditer(source):
        line += source.count("\n", counted, m.start())  # counted from the previous comment: linear
        counted = m.start()
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
    """The diagnostics that no suppression comment in ``source`` switches off.

    One pass over the marks and the findings, both in line order (``is_suppressed`` per finding
    would cost findings x marks: 16k disable/enable pairs took half a minute).
    """
    diagnostics = list(diagnostics)
    marks = suppressions(source, first_line)
    if not marks:
        return diagnostics
    next_line: dict[int, list[frozenset[str]]] = {}
    regions = []
    for mark in marks:
        if mark.action == "disable-next-line":
            next_line.setdefault(mark.line + 1, []).append(mark.codes)
        else:
            regions.append(mark)
    everything, disabled, i = False, set(), 0
    keep = [True] * len(diagnostics)
    for index in sorted(range(len(diagnostics)), key=lambda k: diagnostics[k].line):
        diag = diagnostics[index]
        while i < len(regions) and regions[i].line <= diag.line:
            everything, disabled = _apply(regions[i], everything, disabled)
            i += 1
        here = next_line.get(diag.line, ())
        if any(not codes or code_matches_any(diag.code, codes) for codes in here) or everything \
                or code_matches_any(diag.code, disabled):
            keep[index] = False
    return [d for d, kept in zip(diagnostics, keep) if kept]


def unsuppressed_per_record(diagnostics: Iterable[Diagnostic], source: str, first_line: int = 1) -> list[Diagnostic]:
    """JSON Lines: a comment applies only inside its own record (line), so the result never depends
    on how a large file is cut into chunks; ``disable-next-line`` does not reach the next record."""
    by_line: dict[int, list[Mark]] = {}
    for mark in suppressions(source, first_line):
        if mark.action != "disable-next-line":
            by_line.setdefault(mark.line, []).append(mark)
    if not by_line:
        return list(diagnostics)
    return [d for d in diagnostics if d.line not in by_line or not is_suppressed(d, by_line[d.line])]


def _apply(mark: Mark, everything: bool, disabled: set[str]) -> tuple[bool, set[str]]:
    """The suppression state after one ``disable`` or ``enable`` comment."""
    if mark.action == "disable":
        disabled |= mark.codes
        return everything or not mark.codes, disabled
    if mark.codes:
        disabled -= mark.codes
        return everything, disabled
    return False, set()
