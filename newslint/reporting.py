"""The reporter contract: how findings leave newslint, in any format.

A format is a :class:`Reporter` subclass registered through ``newslint_register_formats``
(directly, or as a :class:`LazyReporter` imported only when chosen). The built-in formats in
``newslint.formats`` are plugins written against this contract like any third-party one.
"""
from __future__ import annotations

import importlib
from typing import IO, TYPE_CHECKING, Callable, ClassVar

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .rules import Rule


class Summary:
    """Totals for the end of a run. (A plain class: a dataclass costs import time on every run.)"""

    def __init__(self, files: int = 0, files_with_findings: int = 0, errors: list[str] | None = None):
        self.files = files
        self.files_with_findings = files_with_findings
        self.errors: list[str] = errors if errors is not None else []

    def __repr__(self) -> str:
        return f"Summary(files={self.files!r}, files_with_findings={self.files_with_findings!r}, errors={self.errors!r})"

    def __eq__(self, other) -> bool:
        if not isinstance(other, Summary):
            return NotImplemented
        return (self.files, self.files_with_findings, self.errors) == (other.files, other.files_with_findings, other.errors)


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


class HeldFindings:
    """Findings a streaming format holds until the run releases them (``Reporter.release``).

    Kept per path, the paths in a heap: a release takes the paths below the bound from the top
    of the heap, so findings held for long (a file that sorts after many later ones) are not
    walked again for every file that comes after them.
    """

    def __init__(self) -> None:
        self.by_path: dict[str, list["Diagnostic"]] = {}
        self.paths: list[str] = []  # a heap of the keys of by_path

    def add(self, diagnostics: "list[Diagnostic]") -> None:
        for d in diagnostics:
            bucket = self.by_path.get(d.path)
            if bucket is None:
                import heapq  # once a finding is held: a clean run needs none

                bucket = self.by_path[d.path] = []
                heapq.heappush(self.paths, d.path)
            bucket.append(d)

    def release(self, before: tuple) -> "list[Diagnostic]":
        """The held findings that sort before ``before``, sorted, and no longer held."""
        import heapq

        out: "list[Diagnostic]" = []
        while self.paths and (self.paths[0],) < before:
            path = heapq.heappop(self.paths)
            bucket = self.by_path.pop(path)
            if len(before) > 1 and path == before[0]:  # a file still arriving in chunks: part of it
                keep = [d for d in bucket if not d.sort_key() < before]
                if keep:
                    bucket = [d for d in bucket if d.sort_key() < before]
                    self.by_path[path] = keep
                    heapq.heappush(self.paths, path)
                out.extend(sorted(bucket, key=_key))
                break
            out.extend(sorted(bucket, key=_key))
        return out

    def rest(self) -> "list[Diagnostic]":
        """Everything still held, sorted; nothing is held afterwards."""
        import heapq

        out: "list[Diagnostic]" = []
        while self.paths:
            out.extend(sorted(self.by_path.pop(heapq.heappop(self.paths)), key=_key))
        return out


def _key(d: "Diagnostic") -> tuple:
    return d.sort_key()


class SortedRelease:
    """How far the reporter's sorted output is settled once a result has come: no later finding
    sorts before the smallest path of the files still to come, nor (a JSON Lines file arrives in
    chunks of increasing records) before the current file's last record so far."""

    def __init__(self, shown: Callable[[str], str], plan: list[str], stdin_name: str):
        self.shown, self.plan, self.stdin_name = shown, plan, stdin_name
        self.index: dict[str, int] | None = None
        self.floor: list[str] = []

    def _prepare(self) -> None:
        shown = [self.shown(self.stdin_name if p == "-" else p) for p in self.plan]
        self.index = {}
        for i, path in enumerate(shown):
            self.index.setdefault(path, i)
        # floor[i]: the smallest path from the i-th file on ("\U0010ffff" past the end)
        self.floor = ["\U0010ffff"] * (len(shown) + 1)
        for i in range(len(shown) - 1, -1, -1):
            self.floor[i] = min(shown[i], self.floor[i + 1])

    def after(self, path: str, diagnostics: "list[Diagnostic]") -> tuple | None:
        if self.index is None:
            self._prepare()
        assert self.index is not None
        i = self.index.get(path)
        if i is None:  # a result the plan does not name: hold everything until the end
            return None
        later = self.floor[i + 1]
        last_record = max((d.record or 0 for d in diagnostics), default=0)
        return min((later,), (path, last_record + 1)) if path <= later else (later,)


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

