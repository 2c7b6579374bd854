"""Human-readable output: ``path:line:col: CODE [severity] message (record N id ID, field /f)``, then a summary.

Findings are written in sorted order as soon as the run says nothing still to come sorts before
them (``Reporter.release``), so a long run holds only the findings it cannot place yet, not all.
"""
from __future__ import annotations

from collections import Counter

from ..escaping import terminal
from ..reporting import HeldFindings
from . import Reporter, Summary

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _record(d) -> str:
    """Where in a JSON/JSON Lines file: the record's number, its id and the field's JSON pointer."""
    if d.record is None:
        return ""
    ident = f" id {d.record_id}" if d.record_id else ""
    return f" (record {d.record}{ident}{', field ' + d.field if d.field else ''})"


class TextReporter(Reporter):
    name = "text"
    description = "path:line:col: CODE message (the default)"

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.sources: dict[str, list[str]] = {}
        # the totals of the summary line and --statistics, kept as counts once findings are written
        self.codes: Counter = Counter()
        self.names: dict[str, str] = {}
        self.severities: Counter = Counter()
        self.paths_with_findings: set[str] = set()
        self.held = HeldFindings()

    def add(self, path, diagnostics, source=None):
        self.note_file(path)
        self.held.add(diagnostics)
        for d in diagnostics:
            self.codes[d.code] += 1
            self.names.setdefault(d.code, d.rule)
            self.severities[d.severity] += 1
            self.paths_with_findings.add(d.path)
        if self.show_source and source is not None and diagnostics:
            self.sources[path] = source.split("\n")

    def release(self, before: tuple) -> None:
        ready = self.held.release(before)
        if ready:
            self._write(ready)
            for path in {d.path for d in ready} - set(self.held.by_path):
                self.sources.pop(path, None)

    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def _write(self, diags) -> None:
        write = self.stream.write
        for d in diags:
            where = terminal(f"{d.path}:{d.line}:{d.column}:")
            code = self._paint(terminal(d.code), _COLORS.get(d.severity, "") + _BOLD)
            write(f"{self._paint(where, _BOLD)} {code} [{d.severity}] {terminal(d.message)}{terminal(_record(d))}\n")
            if self.show_source and d.path in self.sources:
                lines = self.sources[d.path]
                if 0 < d.line <= len(lines):
                    text = lines[d.line - 1]
                    start, end = d.column - 1, (d.end_column - 1 if d.end_line == d.line else len(text))
                    # as shown: control characters escaped, the caret under the same characters
                    write(f"    {terminal(text)}\n")
                    pad, width = len(terminal(text[:start])), len(terminal(text[start:max(end, start)]))
                    write("    " + " " * pad + self._paint("^" * max(1, width), _COLORS.get(d.severity, "")) + "\n")

    def finish(self, summary: Summary) -> None:
        write = self.stream.write
        self._write(self.held.rest())
        n = sum(self.codes.values())
        if self.statistics and n:
            for code, count in sorted(self.codes.items(), key=lambda kv: (-kv[1], kv[0])):
                write(f"{count:6d}  {terminal(code)}  {terminal(self.names[code])}\n")
        if self.quiet:
            return
        if n:
            sev = self.severities
            parts = ", ".join(f"{sev[s]} {s}{'s' if sev[s] != 1 else ''}" for s in ("error", "warning", "info") if sev[s])
            files = len(self.paths_with_findings)
            write(f"Found {n} finding{'s' if n != 1 else ''} ({parts}) in {files} file{'s' if files != 1 else ''} "
                  f"of {summary.files} checked.\n")
        elif not summary.files:
            write("No files checked.\n")
        elif summary.errors:  # never "All clear" when some input could not be checked
            problems = len(summary.errors)
            write(f"No findings in {summary.files} file{'s' if summary.files != 1 else ''} checked, but "
                  f"{problems} problem{'s' if problems != 1 else ''} (reported above) stopped part of the check.\n")
        else:
            write(f"All clear: {summary.files} file{'s' if summary.files != 1 else ''} checked, no findings.\n")
