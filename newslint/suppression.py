"""Inline suppression comments, parsed strictly: ``<!-- newslint: DIRECTIVE [CODES] -->``.

Directives: ``disable`` / ``enable`` (from this line on), ``disable-next-line``, ``disable-line``
and ``disable-file``. No codes means every code. An unknown directive or code is a warning that
names the file and line, and the comment (or that code) is ignored: ``disable NL9999`` never turns
into "disable everything". A suppression that suppressed nothing is reported as NL000
(``unused-suppression``, opt-in, ruff's RUF100) when that rule is selected.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Collection, Iterable

from . import regexcache
from .diagnostics import Diagnostic
from .problems import WARNING, Problem
from .rules import Rule
from .selection import code_matches_any
from .values import FrozenValue

DIRECTIVES = ("disable", "enable", "disable-next-line", "disable-line", "disable-file")
# one line at most, and never past the next comment's start: an unclosed comment costs only the
# text up to the next one, so many unclosed comments stay linear
_COMMENT_RE = regexcache.cached_compile(r"<!--\s*newslint:((?:(?!<!--)[^\n])*?)-->")
UNUSED_CODE = "NL000"


class UnusedSuppression(Rule):
    """A suppression comment that suppressed nothing.

    ## What it does
    Reports a `<!-- newslint: disable... -->` comment, or one code of it, that switched off no
    finding in the file (as ruff's RUF100 reports unused `noqa` comments). Opt-in: select it
    with `extend-select = ["NL000"]`.

    ## Why is this bad?
    A stale suppression hides the next real finding at that spot, and misleads readers.

    ## Example
    `<!-- newslint: disable-next-line NL301 -->` above a line that is no longer boilerplate.

    ## Options
    None.
    """

    code = UNUSED_CODE
    name = "unused-suppression"
    severity = "info"
    opt_in = True

    def check(self, document, ctx) -> None:  # the linter reports it after suppression
        return None


class Mark(FrozenValue):
    """One suppression comment: on ``line``, ``action`` for ``codes`` (empty: every code)."""

    __slots__ = ("line", "action", "codes", "column", "end_column")

    def __init__(self, line: int, action: str, codes: frozenset[str], column: int = 1, end_column: int = 1):
        self.line = line
        self.action = action
        self.codes = codes
        self.column = column
        self.end_column = end_column


def suppressions(source: str, first_line: int = 1, known: Collection[str] | None = None, path: str = "",
                 problems: list[Problem] | None = None) -> list[Mark]:
    """Every valid suppression comment of ``source``, numbered from ``first_line``; with ``known``
    (the registered codes), unknown directives and codes are warned about in ``problems``."""
    if "newslint:" not in source:
        return []
    out = []
    line, counted, line_start = first_line, 0, 0
    for m in _COMMENT_RE.finditer(source):
        newlines = source.count("\n", counted, m.start())  # counted from the previous comment: linear
        if newlines:
            line, line_start = line + newlines, source.rfind("\n", counted, m.start()) + 1
        counted = m.start()
        words = [w for w in re.split(r"[\s,]+", m.group(1).strip()) if w]
        action, codes = (words[0].lower(), words[1:]) if words else ("", [])

        def warn(message: str) -> None:
            if problems is not None:
                problems.append(Problem(path, message, line, kind=WARNING))

        if action not in DIRECTIVES:
            warn(f"unknown newslint directive {action!r} (known: {', '.join(DIRECTIVES)}); comment ignored")
            continue
        valid = [c for c in codes if known is None or any(k.startswith(c) for k in known)]
        for code in codes:
            if code not in valid:
                warn(f"newslint {action}: unknown rule code {code!r}; ignored")
        if codes and not valid:
            continue  # never widen `disable TYPO` into "disable everything"
        out.append(Mark(line, action, frozenset(valid), m.start() - line_start + 1, m.end() - line_start + 1))
    return out


class _Sweep:
    """The ``disable``/``enable`` state at a line, moved forward only (diagnostics come in line order)."""

    def __init__(self, marks: list[tuple[int, Mark]]):
        self.marks = sorted((mk for mk in marks if mk[1].action in ("disable", "enable")), key=lambda mk: mk[1].line)
        self.at = 0
        self.everything: int | None = None  # the mark that disabled every code
        self.exceptions: set[str] = set()   # codes enabled again after a disable-everything
        self.disabled: dict[str, int] = {}  # code or prefix -> the mark that disabled it

    def advance(self, line: int) -> None:
        while self.at < len(self.marks) and self.marks[self.at][1].line <= line:
            index, mark = self.marks[self.at]
            self.at += 1
            if mark.action == "disable" and not mark.codes:
                self.everything, self.exceptions = index, set()
            elif mark.action == "disable":
                self.disabled.update(dict.fromkeys(mark.codes, index))
                self.exceptions -= mark.codes
            elif mark.codes:
                for code in mark.codes:
                    self.disabled.pop(code, None)
                self.exceptions |= mark.codes if self.everything is not None else set()
            else:
                self.everything, self.exceptions, self.disabled = None, set(), {}

    def who(self, code: str) -> tuple[int, str | None] | None:
        for selector, index in self.disabled.items():
            if code.startswith(selector):
                return index, selector
        if self.everything is not None and not code_matches_any(code, self.exceptions):
            return self.everything, None
        return None


def _point(marks: list[tuple[int, Mark]], code: str) -> tuple[int, str | None] | None:
    for index, mark in marks:
        if not mark.codes:
            return index, None
        for selector in mark.codes:
            if code.startswith(selector):
                return index, selector
    return None


def apply(diagnostics: Iterable[Diagnostic], marks: list[Mark]) -> tuple[list[Diagnostic], set]:
    """The diagnostics no comment switches off, and which ``(mark index, code or None)`` were used.

    One pass over the diagnostics in line order with the comments swept alongside: linear in both.
    """
    indexed = list(enumerate(marks))
    by_line: dict[int, list[tuple[int, Mark]]] = {}
    for index, mark in indexed:
        if mark.action in ("disable-line", "disable-next-line"):
            by_line.setdefault(mark.line + (mark.action == "disable-next-line"), []).append((index, mark))
    whole_file = [(i, m) for i, m in indexed if m.action == "disable-file"]
    sweep = _Sweep(indexed)
    kept, used = [], set()
    for d in sorted(diagnostics, key=lambda d: d.line):
        sweep.advance(d.line)
        hit = _point(by_line.get(d.line, ()), d.code) or _point(whole_file, d.code) or sweep.who(d.code)
        if hit is None:
            kept.append(d)
        else:
            used.add(hit)
    return kept, used


def unused(marks: list[Mark], used: set, path: str, severity: str) -> list[Diagnostic]:
    """NL000 findings: suppression comments (or codes of them) that switched nothing off."""
    out = []
    for index, mark in enumerate(marks):
        if mark.action == "enable":
            continue
        if mark.codes:
            idle = sorted(c for c in mark.codes if (index, c) not in used)
            message = f"unused suppression for {', '.join(idle)}" if idle else ""
        else:
            message = "" if any(i == index for i, _ in used) else "unused suppression (it suppressed nothing)"
        if message:
            out.append(Diagnostic(path, UNUSED_CODE, UnusedSuppression.name, severity, f"{message} ({mark.action})",
                                  mark.line, mark.column, mark.line, mark.end_column, source="newslint",
                                  context=f"{mark.action} {' '.join(sorted(mark.codes))}"))
    return out


def apply_per_record(diagnostics: Iterable[Diagnostic], marks: list[Mark]) -> tuple[list[Diagnostic], set]:
    """``apply`` for JSON Lines: a comment acts only inside its own record (line), so the result never
    depends on how a large file is cut into chunks; ``disable-next-line`` does not reach the next record."""
    by_line: dict[int, list[int]] = {}
    for index, mark in enumerate(marks):
        if mark.action != "disable-next-line":
            by_line.setdefault(mark.line, []).append(index)
    kept: list[Diagnostic] = []
    used: set = set()
    groups: dict[int, list[Diagnostic]] = {}
    for d in diagnostics:
        groups.setdefault(d.line, []).append(d)
    for line, found in groups.items():
        own = by_line.get(line)
        if not own:
            kept += found
            continue
        here, hits = apply(found, [marks[i] for i in own])
        kept += here
        used |= {(own[i], code) for i, code in hits}
    return kept, used


def unsuppressed(diagnostics: Iterable[Diagnostic], source: str, first_line: int = 1) -> list[Diagnostic]:
    """The diagnostics that no suppression comment in ``source`` switches off."""
    marks = suppressions(source, first_line)
    if not marks:
        return list(diagnostics)
    return apply(diagnostics, marks)[0]


def unsuppressed_per_record(diagnostics: Iterable[Diagnostic], source: str, first_line: int = 1) -> list[Diagnostic]:
    """``unsuppressed`` for JSON Lines, where a comment acts only inside its own record."""
    marks = suppressions(source, first_line)
    if not marks:
        return list(diagnostics)
    return apply_per_record(diagnostics, marks)[0]


def is_suppressed(diag: Diagnostic, marks: list[Mark]) -> bool:
    """Whether the comments of a file switch ``diag`` off (one diagnostic; ``apply`` does many)."""
    return not apply([replace(diag)], marks)[0]


@__import__("pluggy").HookimplMarker("newslint")
def newslint_register_rules():
    return [UnusedSuppression]
