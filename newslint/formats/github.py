"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding."""
from __future__ import annotations

from ..escaping import github_data, github_property
from . import Reporter, Summary, report_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


escape_data, escape_property = github_data, github_property  # the names this module had


class GithubReporter(Reporter):
    name = "github"
    description = "GitHub Actions annotations (workflow commands)"

    def add(self, path, diagnostics, source=None):
        # streamed, errors first within a file: the runner shows only 10 of each kind per step
        order = {"error": 0, "warning": 1, "info": 2}
        for d in sorted(diagnostics, key=lambda d: (order[d.severity], d.line, d.column)):
            props = [f"file={escape_property(report_path(d.path))}", f"line={d.line}"]
            if d.end_line == d.line:
                props += [f"endLine={d.end_line}", f"col={d.column}", f"endColumn={max(d.end_column, d.column)}"]
            else:
                props.append(f"endLine={d.end_line}")
            props.append(f"title={escape_property(f'newslint ({d.code})')}")
            self.stream.write(f"::{COMMANDS[d.severity]} {','.join(props)}::{escape_data(f'{d.code} {d.message}')}\n")

    def finish(self, summary: Summary) -> None:
        self.stream.flush()
