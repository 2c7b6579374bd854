"""reviewdog Diagnostic Format (rdjson): columns in UTF-8 bytes, as reviewdog expects."""
from __future__ import annotations

import json

from ..fixreport import fix_dict
from . import Reporter, Summary, json_item, report_path, rule_help_uri

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
#: the whole report when there is nothing to say; its head when there is (the array opened)
_HEAD = json.dumps({"source": {"name": "newslint", "url": "https://github.com/newslint/newslint"},
                    "diagnostics": []}, indent=2) + "\n"


def byte_column(lines: list[str] | None, line: int, column: int) -> int:
    if not lines or not 0 < line <= len(lines):
        return column
    return len(lines[line - 1][:column - 1].encode("utf-8", "surrogatepass")) + 1


def _suggestions(d, lines: list[str] | None) -> list[dict]:
    """reviewdog suggestions: each edit of the finding's fix, columns in UTF-8 bytes."""
    return [{"range": {"start": {"line": e["line"], "column": byte_column(lines, e["line"], e["column"])},
                       "end": {"line": e["end_line"], "column": byte_column(lines, e["end_line"], e["end_column"])}},
             "text": e["replacement"]} for e in fix_dict(d.fix)["edits"]]


class RdjsonReporter(Reporter):
    name = "rdjson"
    description = "reviewdog rdjson"
    needs_source = True

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.written = 0  # diagnostics go out in input order as each file is added, none held

    def add(self, path, diagnostics, source=None):
        super().add(path, [], source)
        lines = source.split("\n") if source is not None and diagnostics else None
        for d in diagnostics:
            rule = self.rules.get(d.code)
            code = {"value": d.code}
            if rule is not None:
                code["url"] = rule_help_uri(rule)
            if not self.written:
                self.stream.write(_HEAD[:-len("[]\n}\n")])
            self.stream.write(json_item({
                "message": d.message,
                "location": {"path": report_path(d.path), "range": {
                    "start": {"line": d.line, "column": byte_column(lines, d.line, d.column)},
                    "end": {"line": d.end_line, "column": byte_column(lines, d.end_line, d.end_column)}}},
                "severity": SEVERITIES[d.severity],
                "source": {"name": "newslint"},
                "code": code,
                **({"suggestions": _suggestions(d, lines)} if d.fix is not None and fix_dict(d.fix) else {}),
            }, not self.written, "    "))
            self.written += 1

    def finish(self, summary: Summary) -> None:
        self.stream.write("\n  ]\n}\n" if self.written else _HEAD)
