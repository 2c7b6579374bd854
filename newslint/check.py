"""``newslint check``: settings -> linter and reporter -> run -> tally -> report -> exit code."""
from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field
from typing import IO, Iterator

from .config import Config, find_config, load_config, override
from .diagnostics import SEVERITY_RANK, Diagnostic
from .errors import UsageError
from .linter import FileResult, Linter
from .plugins import load_registry
from .reporting import Summary
from .runner import run
from .fingerprints import prepare_corpus
from .fixcommand import fix_only, fix_setup, fix_summary

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def load_config_for(args) -> Config:
    if getattr(args, "isolated", False):
        return Config()
    if getattr(args, "config", None):
        return load_config(args.config)
    found = find_config()
    return load_config(found) if found else Config()


def settings(args) -> tuple[Config, int, list[str]]:
    """The merged config, the number of worker processes and the paths to lint."""
    config = override(load_config_for(args), select=args.select, extend_select=args.extend_select,
                      ignore=args.ignore, fail_on=args.fail_on,
                      min_confidence=getattr(args, "min_confidence", None))
    if args.baseline:
        config.baseline = args.baseline
    jobs = args.jobs if args.jobs is not None else _cpus()
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    paths = args.paths or ["."]
    for path in paths:
        if path != "-" and not os.path.lexists(path):
            raise UsageError(f"{path}: no such file or directory")
    return config, jobs, paths


def _cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextlib.contextmanager
def report_stream(out_path: str | None, stdout_taken: bool = False) -> Iterator[IO[str]]:
    """stdout, or a temporary file beside ``out_path`` renamed into place once the report is whole.
    When the fixed text of stdin goes to stdout, the report goes to stderr."""
    if not out_path:
        yield sys.stderr if stdout_taken else sys.stdout
        return
    tmp = out_path + ".newslint-tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as stream:
        yield stream
    os.replace(tmp, out_path)


@dataclass
class Tally:
    """What the run has seen so far: files, problems, and whether a finding fails the run."""

    threshold: int
    summary: Summary = field(default_factory=Summary)
    failing: bool = False
    _last_path: str | None = None
    _last_counted: str | None = None

    def add(self, result: FileResult, diagnostics: list[Diagnostic]) -> None:
        if result.path != self._last_path:  # a streamed JSON Lines file arrives in chunks
            self.summary.files += 1
            self._last_path = result.path
        self.summary.errors.extend(str(p) for p in result.errors + result.crashes)
        if diagnostics and self._last_counted != result.path:
            self.summary.files_with_findings += 1
            self._last_counted = result.path
        # decided per finding, so a failing finding in any chunk of a streamed file counts
        self.failing = self.failing or any(SEVERITY_RANK[d.severity] >= self.threshold for d in diagnostics)


def _print_problems(result: FileResult) -> None:
    for warning in result.warnings:
        print(f"newslint: warning: {warning}", file=sys.stderr)
    for problem in result.errors + result.crashes:
        print(f"newslint: error: {problem}", file=sys.stderr)


def cmd_check(args) -> int:
    config, jobs, paths = settings(args)
    registry = load_registry(config)
    reporter_cls = registry.reporter(args.output_format or "text")
    known = None
    if config.baseline and not args.write_baseline:
        from .baseline import load_baseline

        known = load_baseline(config.baseline)
    writer, policy = fix_setup(args, paths, known)
    linter = Linter(config, registry, keep_source=reporter_cls.needs_source or args.show_source or policy is not None,
                    verbose=args.verbose, fix=policy)
    prepare_corpus(args, linter, paths, config, jobs)
    tally = Tally(SEVERITY_RANK[config.fail_on])
    everything: list[Diagnostic] = []
    remaining = 0
    if writer is not None and (writer.mode == "diff" or getattr(args, "fix_only", False)):
        return fix_only(run(paths, config, jobs=jobs, stdin_name=args.stdin_filename, linter=linter), writer, tally)
    with report_stream(args.output_file, writer is not None and writer.stdin_name is not None) as stream:
        color = (not args.output_file and sys.stdout.isatty() and "NO_COLOR" not in os.environ
                 and os.environ.get("TERM") != "dumb")
        reporter = reporter_cls(stream, registry.rules, show_source=args.show_source, color=color,
                                statistics=args.statistics, quiet=args.quiet)
        for result in run(paths, config, jobs=jobs, stdin_name=args.stdin_filename, linter=linter):
            _print_problems(result)
            if not result.path:
                continue  # discovery notes only
            diags = result.diagnostics
            if args.write_baseline:
                everything.extend(diags)
            if known is not None:
                diags = known.filter(diags)
            tally.add(result, diags)
            remaining += len(diags)
            if writer is not None:
                writer.add(result)
            fixed = result.fixed.fixed if result.fixed is not None else None
            reporter.add(result.path, diags, fixed if fixed is not None else result.source)
        if writer is not None:
            writer.close()
            fix_summary(writer, remaining)
        reporter.finish(tally.summary)
    if args.write_baseline:
        return _write_baseline(args.write_baseline, everything, tally)
    return exit_code(tally, args.exit_zero)


def _write_baseline(path: str, everything: list[Diagnostic], tally: Tally) -> int:
    from .baseline import write_baseline

    write_baseline(path, everything)
    print(f"newslint: wrote {len(everything)} findings to baseline {path}", file=sys.stderr)
    return EXIT_ERROR if tally.summary.errors else EXIT_CLEAN


def exit_code(tally: Tally, exit_zero: bool) -> int:
    if tally.summary.errors:
        return EXIT_ERROR
    if tally.failing and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN
