"""Output formats: one reporter class per format, registered through ``newslint_register_formats``."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, ClassVar

from ..plugins import hookimpl

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..rules import Rule

BUILTIN = {
    "text": "text:TextReporter",
    "json": "json:JsonReporter",
    "json-lines": "jsonlines:JsonLinesReporter",
}


@dataclass
class Summary:
    """Totals for the end of a run."""

    files: int = 0
    files_with_findings: int = 0
    errors: list[str] = field(default_factory=list)
    by_code: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=dict)
    fixed_baseline: int = 0


class Reporter:
    """Writes diagnostics in one format. ``add`` is called once per file, in input order."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, stream: IO[str], rules: "dict[str, type[Rule]]", *, show_source: bool = False,
                 color: bool = False, statistics: bool = False, quiet: bool = False, files: list[str] | None = None):
        self.stream = stream
        self.rules = rules
        self.show_source = show_source
        self.color = color
        self.statistics = statistics
        self.quiet = quiet
        self.files = files if files is not None else []
        self.collected: list["Diagnostic"] = []

    def add(self, path: str, diagnostics: "list[Diagnostic]", source: str | None = None) -> None:
        if path and path not in self.files:
            self.files.append(path)
        self.collected.extend(diagnostics)

    def finish(self, summary: Summary) -> None:
        raise NotImplementedError

    def sorted(self) -> "list[Diagnostic]":
        from ..diagnostics import Diagnostic

        return sorted(self.collected, key=Diagnostic.sort_key)


def load_reporter(spec: str) -> type[Reporter]:
    module, _, cls = spec.partition(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), cls)



@hookimpl
def newslint_register_formats():
    return [load_reporter(spec) for spec in BUILTIN.values()]
