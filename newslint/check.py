"""``newslint check``: settings -> linter and reporter -> run -> tally -> report -> exit code."""
from __future__ import annotations

import contextlib
import os
import sys
from typing import IO, Iterator, Sequence

from .config import Config, find_config, load_config, override
from .diagnostics import Diagnostic
from .errors import UsageError
from .escaping import terminal
from .gate import Gate
from .linter import FileResult, Linter
from .outputs import OutputFile, written
from .plugins import load_registry
from .reporting import SortedRelease, Summary
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
                      min_confidence=getattr(args, "min_confidence", None),
                      rule_timeout=getattr(args, "rule_timeout", None))
    config = override(config, force_exclude=getattr(args, "force_exclude", None),
                      extend_exclude=getattr(args, "extend_exclude", None),
                      respect_gitignore=getattr(args, "respect_gitignore", None))
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
def report_stream(out_path: str | None, inputs: Sequence[str] = (), stdout_taken: bool = False) -> Iterator[IO[str]]:
    """stdout, or a temporary file beside ``out_path`` moved into place once the report is whole.

    The destination is checked (and refused if it is one of ``inputs``) before the block runs.
    When the fixed text of stdin goes to stdout, the report goes to stderr.
    """
    if not out_path:
        yield sys.stderr if stdout_taken else sys.stdout
        return
    output = OutputFile(out_path)
    output.refuse_inputs(inputs)
    with written(output) as stream:
        yield stream


class Tally:
    """What the run has seen so far: files, problems, and whether a finding fails the run."""

    def __init__(self, gate: Gate):
        self.gate = gate
        self.summary = Summary()
        self.failing = False
        self._last_path: str | None = None
        self._last_counted: str | None = None

    def add(self, result: FileResult, diagnostics: list[Diagnostic]) -> None:
        if result.path != self._last_path:  # a streamed JSON Lines file arrives in chunks
            self.summary.files += 1
            self._last_path = result.path
        if result.problems:  # most files have none: no lists made to find that out
            self.summary.errors.extend(str(p) for p in result.errors + result.crashes)
        if diagnostics and self._last_counted != result.path:
            self.summary.files_with_findings += 1
            self._last_counted = result.path
        # decided per finding, so a failing finding in any chunk of a streamed file counts
        self.failing = self.failing or self.gate.fails(diagnostics)


def _print_problems(result: FileResult, verbose: bool = False) -> None:
    if not result.problems:
        return
    for warning in result.warnings:
        print(f"newslint: warning: {terminal(str(warning))}", file=sys.stderr)
    for problem in result.errors + result.crashes:
        text = str(problem)
        if verbose and "\nTraceback" in text:  # --verbose: the traceback keeps its lines
            head, _, trace = text.partition("\nTraceback")
            print(f"newslint: error: {terminal(head)}\nTraceback{trace}", file=sys.stderr)
        else:
            print(f"newslint: error: {terminal(text)}", file=sys.stderr)


def open_outputs(args, paths: Sequence[str]) -> tuple[OutputFile | None, OutputFile | None]:
    """The report file and the baseline to write, checked and opened before any input is read."""
    fingerprints = getattr(args, "write_fingerprints", None)
    if fingerprints:  # written after the first pass: its place is checked now, like the others
        table = OutputFile(fingerprints, "fingerprints")
        table.refuse_inputs(paths)
        table.open()
        table.discard()
    report = OutputFile(args.output_file) if args.output_file else None
    baseline = OutputFile(args.write_baseline, "baseline") if args.write_baseline else None
    opened: list[OutputFile] = []
    try:
        for output in (o for o in (report, baseline) if o is not None):
            output.refuse_inputs(paths)
            output.open()
            opened.append(output)
        if report and baseline and report.is_target(baseline.path):
            raise UsageError(f"{baseline.path}: the report and the baseline would be the same file")
    except BaseException:
        for output in opened:
            output.discard()
        raise
    return report, baseline


def cmd_check(args) -> int:
    config, jobs, paths = settings(args)
    if getattr(args, "show_files", False) or getattr(args, "show_settings", False):
        from .show import show

        return show(args, config, paths)
    registry = load_registry(config)
    reporter_cls = registry.reporter(args.output_format or "text")
    gate = Gate(config, use_baseline=not args.write_baseline)
    writer, policy = fix_setup(args, paths, gate.baseline)
    linter = Linter(config, registry, keep_source=reporter_cls.needs_source or args.show_source or policy is not None,
                    verbose=args.verbose, fix=policy)
    linter.pin_root()  # the command line never changes folder while it runs
    report, baseline = open_outputs(args, paths)  # before any input is read
    try:
        prepare_corpus(args, linter, paths, config, jobs)
        if writer is not None and (writer.mode == "diff" or getattr(args, "fix_only", False)):
            return fix_only(run(paths, config, jobs=jobs, stdin_name=args.stdin_filename, linter=linter), writer,
                            Tally(gate))
        default = sys.stderr if writer is not None and writer.stdin_name is not None else sys.stdout
        with written(report) if report else contextlib.nullcontext(default) as stream:
            tally, everything = _check(args, paths, config, jobs, linter, reporter_cls, stream, gate,
                                       (report, baseline), writer)
        if baseline is not None:
            return _write_baseline(baseline, everything, tally)
    finally:
        for output in (report, baseline):
            if output is not None:
                output.discard()  # nothing is left to remove once an output is in place
    return exit_code(tally, args.exit_zero)


def _check(args, paths, config, jobs, linter, reporter_cls, stream, gate: Gate, outputs,
           writer) -> tuple[Tally, list[Diagnostic]]:
    """Lint every input into the reporter (and the fix writer); the tally and every finding."""
    tally = Tally(gate)
    everything: list[Diagnostic] = []
    remaining = 0
    color = (not args.output_file and sys.stdout.isatty() and "NO_COLOR" not in os.environ
             and os.environ.get("TERM") != "dumb")
    reporter = reporter_cls(stream, linter.registry.rules, show_source=args.show_source, color=color,
                            statistics=args.statistics, quiet=args.quiet)
    targets = [o for o in outputs if o is not None]
    plan: list[str] = []
    order = SortedRelease(linter.shown, plan, args.stdin_filename)
    with contextlib.closing(run(paths, config, jobs=jobs, stdin_name=args.stdin_filename, linter=linter,
                                plan=plan)) as results:
        for result in results:
            _print_problems(result, args.verbose)
            if not result.path:  # discovery notes: an unreadable folder or a broken link is an error
                tally.summary.errors.extend(str(p) for p in result.errors)
                continue
            for output in targets:
                if output.is_target(result.file or result.path):
                    raise UsageError(f"{output.path}: cannot write the {output.what} here: it is one of the "
                                     f"files being linted; choose another place or exclude it")
            diags = result.diagnostics
            if args.write_baseline:
                everything.extend(diags)
            diags = gate.new(diags)
            tally.add(result, diags)
            remaining += len(diags)
            if writer is not None:
                writer.add(result)
            fixed = result.fixed.fixed if result.fixed is not None else None
            reporter.add(result.path, diags, fixed if fixed is not None else result.source)
            bound = order.after(result.path, diags)
            if bound is not None:
                reporter.release(bound)
        if writer is not None:
            writer.close()
            fix_summary(writer, remaining)
        reporter.finish(tally.summary)
    return tally, everything


def _write_baseline(output: OutputFile, everything: list[Diagnostic], tally: Tally) -> int:
    from .baseline import dump_baseline

    with written(output) as stream:
        dump_baseline(stream, everything)
    print(f"newslint: wrote {len(everything)} findings to baseline {terminal(output.path)}", file=sys.stderr)
    return EXIT_ERROR if tally.summary.errors else EXIT_CLEAN


def exit_code(tally: Tally, exit_zero: bool) -> int:
    if tally.summary.errors:
        return EXIT_ERROR
    if tally.failing and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN
