"""The reporter contract: how findings leave newslint, in any format.

A format is a :class:`Reporter` subclass registered through ``newslint_register_formats``
(directly, or as a :class:`LazyReporter` imported only when chosen). The built-in formats in
``newslint.formats`` are plugins written against this contract like any third-party one.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .rules import Rule


@dataclass
class Summary:
    """Totals for the end of a run."""

    files: int = 0
    files_with_findings: int = 0
    errors: list[str] = field(default_factory=list)


class Reporter:
    """Writes diagnostics in one format. ``add`` is called once per file, in input order."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    #: Set when the format needs each file's decoded text (UTF-8 byte columns, source excerpts).
    needs_source: ClassVar[bool] = False

    def __init__(self, stream: IO[str], rules: "dict[str, type[Rule]]", *, show_source: bool = False,
                 color: bool = False, statistics: bool = False, quiet: bool = False, files: list[str] | None = None):
        self.stream = stream
        self.rules = rules
        self.show_source = show_source
        self.color = color
        self.statistics = statistics
        self.quiet = quiet
        self.files = files if files is not None else []
        self._seen = set(self.files)
        self.collected: list["Diagnostic"] = []

    def add(self, path: str, diagnostics: "list[Diagnostic]", source: str | None = None) -> None:
        self.note_file(path)
        self.collected.extend(diagnostics)

    def note_file(self, path: str) -> None:
        """Record ``path`` in ``files`` once (for a format that keeps its findings its own way)."""
        if path and path not in self._seen:  # a streamed file arrives in several chunks
            self._seen.add(path)
            self.files.append(path)

    def release(self, before: tuple) -> None:
        """Called by the run: every finding still to come sorts at or after ``before`` (a prefix
        of ``Diagnostic.sort_key``). A format that writes in sorted order may write out what it
        holds below that and forget it, so its memory stays bounded; the default keeps all."""

    def finish(self, summary: Summary) -> None:
        raise NotImplementedError

    def sorted(self) -> "list[Diagnostic]":
        from .diagnostics import Diagnostic

        return sorted(self.collected, key=Diagnostic.sort_key)


def load_reporter(spec: str) -> type[Reporter]:
    """Import ``"package.module:Class"``."""
    module, _, cls = spec.partition(":")
    return getattr(importlib.import_module(module), cls)


class LazyReporter:
    """A format known by name now and imported only when chosen (keeps start-up fast).

    ``newslint_register_formats`` may return these instead of Reporter classes; ``spec`` is
    ``"package.module:Class"``.
    """

    def __init__(self, name: str, spec: str):
        self.name = name
        self.spec = spec

    def load(self) -> type[Reporter]:
        return load_reporter(self.spec)


def resolve(item) -> type[Reporter]:
    return item.load() if isinstance(item, LazyReporter) else item
