"""The runner: the discovered files as units of work, linted in order, in one process or a pool.

Units are processed in input order whatever ``--jobs`` is, so the output never depends on it.
At most a few units are in flight at once, so memory stays bounded on corpora of any size.
"""
from __future__ import annotations

import dataclasses
import operator
import os
import sys
from typing import Iterator, Sequence, Union

from .config import Config
from .diagnostics import Diagnostic
from .discovery import FileFilter, discover
from .errors import InputError
from .fingerprints import FingerprintTable
from .inputs import decode, format_of, is_streamed, jsonl_chunks, read_bounded, read_file
from .linter import FileResult, Linter
from .problems import CRASH, WARNING, Problem


# Units of work are plain classes: a dataclass costs more at import than a one-file run spends
# on units (issue 17), and they are only built here and read by ``process``.
class FileBatch:
    """Ordinary files, each read and linted whole."""

    __slots__ = ("paths",)

    def __init__(self, paths: tuple[str, ...]):
        self.paths = paths


class JsonlChunk:
    """Whole lines of a large JSON Lines file, starting at ``first_line``."""

    __slots__ = ("path", "first_line", "data")

    def __init__(self, path: str, first_line: int, data: bytes):
        self.path, self.first_line, self.data = path, first_line, data


class UnreadableFile:
    __slots__ = ("path", "problem")

    def __init__(self, path: str, problem: Problem):
        self.path, self.problem = path, problem


Unit = Union[FileBatch, JsonlChunk, UnreadableFile]


def units(files: Sequence[str], batch: int) -> Iterator[Unit]:
    pending: list[str] = []
    for path in files:
        if not is_streamed(path):
            pending.append(path)
            if len(pending) >= batch:
                yield FileBatch(tuple(pending))
                pending = []
            continue
        if pending:
            yield FileBatch(tuple(pending))
            pending = []
        yield from _chunks(path)
    if pending:
        yield FileBatch(tuple(pending))


def batch_size(files: int, jobs: int) -> int:
    """Files per unit: at least 4 units per worker (a short tail), at most 128 (bounded memory)."""
    return max(1, min(128, files // (max(jobs, 1) * 4) or 1))


def _chunks(path: str) -> Iterator[Unit]:
    try:
        for first_line, data in jsonl_chunks(path):
            yield JsonlChunk(path, first_line, data)
    except OSError as exc:
        yield UnreadableFile(path, Problem(path, f"cannot read: {exc.strerror or exc}"))


def process(linter: Linter, unit: Unit) -> list[FileResult]:
    if isinstance(unit, FileBatch):
        with linter.budget.armed():  # one timer and handler for the batch, not a pair per file
            return [linter.lint_file(p) for p in unit.paths]
    if isinstance(unit, JsonlChunk):
        return [linter.lint_chunk(unit.path, unit.first_line, unit.data)]
    shown = linter.shown(unit.path)
    return [FileResult(shown, problems=[Problem(shown, unit.problem.message, unit.problem.line)])]


#: Forked workers fed over pipes where the platform forks (``forkpool``); multiprocessing's Pool
#: elsewhere (spawn platforms: Windows), which builds each worker's linter afresh.
FORK = hasattr(os, "fork") and sys.platform != "win32"


# -- the worker pool -------------------------------------------------------------------------------
_WORKER: Linter | None = None
_PARENT: Linter | None = None
# "Zürich": the caches a non-ASCII article needs (the str phrase automaton) are built before the fork too
_WARM_UP_TEXT = "Warm-up headline for the linter\n\nA sentence of warm-up prose, said the minister in Zürich.[1]\n\n[1] Note.\n"
_WARM_UP = {"text": _WARM_UP_TEXT, "markdown": "# Warm-up\n\n" + _WARM_UP_TEXT, "html": "<h1>Warm-up</h1><p>Text.</p>",
            "json": '{"title": "Warm-up", "body": "Text."}', "jsonl": '{"title": "Warm-up", "body": "Text."}\n'}
_WARM_UP_SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "json": "json", "jsonl": "jsonl"}


def _init_worker(config: Config, keep_source: bool, verbose: bool, fix=None) -> None:
    global _WORKER
    inherited = _PARENT is not None and _PARENT.config is config
    _WORKER = _PARENT if inherited else Linter(config, keep_source=keep_source, verbose=verbose, fix=fix)


def _work(unit: Unit) -> list[tuple]:
    assert _WORKER is not None
    return pack(process(_WORKER, unit))


_DIAGNOSTIC_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(Diagnostic)))
_PROBLEM_FIELDS = operator.attrgetter(*Problem.__slots__)


def pack(results: list[FileResult]) -> list[tuple]:
    """Results as tuples of plain values for the trip from a worker to the parent: a pickled
    dataclass carries its class and an attribute dict per finding, a tuple only the values."""
    return [(r.path, r.file, r.source, r.fixed, [_DIAGNOSTIC_FIELDS(d) for d in r.diagnostics],
             [_PROBLEM_FIELDS(p) for p in r.problems]) for r in results]


def unpack(packed: list[tuple]) -> list[FileResult]:
    return [FileResult(path, [Diagnostic(*d) for d in diagnostics], [Problem(*p) for p in problems], source, fixed, file)
            for path, file, source, fixed, diagnostics, problems in packed]


def counts_of(linter: Linter, unit: Unit) -> list[FingerprintTable]:
    """The first pass over one unit of work: line fingerprints, no rules run."""
    if isinstance(unit, FileBatch):
        table = FingerprintTable()
        for path in unit.paths:
            try:
                table.merge(linter.count_source(path, read_file(path)))
            except InputError:
                pass  # reported by the second pass
        return [table]
    if isinstance(unit, JsonlChunk):
        try:
            return [linter.count_source(unit.path, decode(unit.path, unit.data))]
        except InputError:
            pass
    return [FingerprintTable()]


def _count_work(unit: Unit) -> list[FingerprintTable]:
    assert _WORKER is not None
    return counts_of(_WORKER, unit)


def count_pass(paths: Sequence[str], config: Config, jobs: int, linter: Linter) -> FingerprintTable:
    """Count line fingerprints over every input (the first pass of a corpus run); the sum is the
    same whatever ``jobs`` is."""
    files = [p for p in discover(paths, config, []) if p != "-"]
    work = units(files, batch=batch_size(len(files), jobs))
    if jobs <= 1 or (len(files) <= 8 and not any(is_streamed(p) for p in files)):
        parts: Iterator[list[FingerprintTable]] = (counts_of(linter, unit) for unit in work)
    else:
        parts = _in_pool(linter, work, set(), jobs, _count_work)
    table = FingerprintTable()
    for part in parts:
        for counted in part:
            table.merge(counted)
    return table


def _in_pool(linter: Linter, work: Iterator[Unit], formats: set[str], jobs: int, fn=_work) -> Iterator[list]:
    """``fn`` over every unit in worker processes: one list per unit, in input order."""
    global _PARENT
    # Build every lazy cache (phrase automata, parsers, regexes) once here, before forking, so
    # each worker starts warm instead of paying for it again.
    for fmt in formats:
        linter.lint_source(f"warm-up.{_WARM_UP_SUFFIX.get(fmt, 'txt')}", _WARM_UP.get(fmt, _WARM_UP["text"]))
    _PARENT = linter  # inherited by forked workers, warm; spawned ones build their own
    initargs = (linter.config, linter.keep_source, linter.verbose, linter.fix)
    if FORK:
        from .forkpool import ordered

        lost = (lambda unit, why: _lost(linter, unit, why)) if fn is _work else (lambda unit, why: [FingerprintTable()])
        yield from ordered(fn, work, jobs, _init_worker, initargs, lost)
        return
    from .workerpool import ordered as in_pool

    yield from in_pool(fn, work, jobs, _init_worker, initargs)


def _lost(linter: Linter, unit: Unit, why: str) -> list[tuple]:
    """Results for a unit whose worker died on it: a crash on each of its files (exit 2)."""
    paths = unit.paths if isinstance(unit, FileBatch) else (unit.path,)
    shown = [linter.shown(p) for p in paths]
    return pack([FileResult(s, problems=[Problem(s, f"the --jobs worker process linting it ended ({why})", kind=CRASH)])
                 for s in shown])


def _with_stdin(linter: Linter, files: Sequence[str], stdin_name: str) -> Iterator[FileResult]:
    for path in files:
        if path != "-":
            yield linter.lint_file(path)
            continue
        try:
            source = decode(stdin_name, read_bounded(sys.stdin.buffer, stdin_name))
        except InputError as exc:
            yield linter.unreadable(stdin_name, exc)
            continue
        result = linter.lint_source(linter.shown(stdin_name), source)
        result.file = stdin_name
        yield result


def run(paths: Sequence[str], config: Config, jobs: int = 1, stdin_name: str = "-",
        linter: Linter | None = None, plan: list[str] | None = None) -> Iterator[FileResult]:
    """Lint every input, yielding FileResults in input order, whatever ``jobs`` is.

    Each file gives one result, except a large JSON Lines file, which gives one per chunk of
    lines (same path, in order). Discovery warnings come first, in a result with no path.
    ``plan``, when given, receives the files in the order they will come, before the first result.
    """
    linter = linter or Linter(config)
    warnings: list[Problem] = []
    files = list(discover(paths, config, warnings))
    if plan is not None:
        plan.extend(files)
    if "-" in files and config.force_exclude and stdin_name != "-" and FileFilter(config).force_excluded(stdin_name):
        files.remove("-")  # an editor piping an excluded file: as ruff, nothing to lint
    if not files:
        warnings.append(Problem("", "no files to check: nothing under the given paths matched `include` "
                                    "(or everything matched `exclude`/.gitignore); `check --show-files` lists them",
                                kind=WARNING))
    if warnings:
        yield FileResult("", problems=warnings)
    if "-" in files:
        yield from _with_stdin(linter, files, stdin_name)
        return
    work = units(files, batch=batch_size(len(files), jobs))
    if jobs <= 1 or (len(files) <= 8 and not any(is_streamed(p) for p in files)):  # a pool costs more than a few files
        for unit in work:
            yield from process(linter, unit)
        return
    for part in _in_pool(linter, work, {format_of(p) for p in files}, jobs):  # warmed up before the fork
        yield from unpack(part)
