"""Command line: ``newslint check``, ``rules``, ``rule CODE``, ``plugins``.

Exit codes: 0 no findings at or above ``fail-on``; 1 findings; 2 usage, config or input error.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import Sequence

from . import __version__
from .errors import NewslintError, UsageError
from .escaping import terminal
from .fixargs import add_clean_command, add_fix_flags

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143


def _load_config(args):
    from .check import load_config_for

    return load_config_for(args)


def cmd_check(args) -> int:
    from .check import cmd_check as check

    return check(args)


def cmd_clean(args) -> int:
    from .clean import cmd_clean as clean

    return clean(args)


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def _probability(value: str) -> float:
    try:
        p = float(value)
    except ValueError:
        p = -1.0
    if not 0.0 <= p <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {value!r}")
    return p


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0.0 <= seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds (0: no limit), got {value!r}")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    from .helpformat import ArgumentParser

    parser = ArgumentParser(
        prog="newslint",
        description="Lint news articles for duplicated titles, orphan footnotes, boilerplate residue and SEO filler.",
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint files, folders or stdin (-)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; '-' reads stdin (default: .)")
    check.add_argument("--config", metavar="PATH", help="use this config file instead of discovering one")
    check.add_argument("--isolated", action="store_true", help="ignore all config files")
    check.add_argument("--select", type=_codes, metavar="CODES", help="comma-separated codes or prefixes to enable")
    check.add_argument("--extend-select", type=_codes, metavar="CODES", help="enable these in addition")
    check.add_argument("--ignore", type=_codes, metavar="CODES", help="codes or prefixes to disable")
    check.add_argument("--output-format", "--format", default=None, metavar="FORMAT",
                       help="text (default), json, json-lines, sarif, github, gitlab, junit, rdjson")
    check.add_argument("--output-file", "-o", metavar="PATH", help="write the report here instead of stdout")
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("--quiet", "-q", action="store_true", help="no summary line")
    check.add_argument("--show-source", action="store_true", help="print the offending line under each finding")
    check.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="worker processes (default: CPUs)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails the run")
    check.add_argument("--min-confidence", type=_probability, default=None, metavar="P",
                       help="drop findings whose confidence (0-1) is below P")
    check.add_argument("--rule-timeout", type=_seconds, default=None, metavar="SECONDS",
                       help="stop a rule that runs longer than this on one document (default 60; 0: no limit)")
    check.add_argument("--stdin-filename", default="-", metavar="NAME", help="name (and format) for stdin input")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline")
    check.add_argument("--write-baseline", metavar="FILE", help="record today's findings as the baseline and exit 0")
    check.add_argument("--verbose", "-v", action="store_true", help="tracebacks for crashing rules")
    check.add_argument("--force-exclude", action="store_true", default=None,
                       help="apply exclude to files named on the command line too (as pre-commit passes them)")
    check.add_argument("--extend-exclude", type=lambda v: [p for p in v.split(",") if p], metavar="GLOBS",
                       help="comma-separated globs to exclude in addition")
    check.add_argument("--no-respect-gitignore", dest="respect_gitignore", action="store_false", default=None,
                       help="lint files that .gitignore lists too")
    check.add_argument("--show-files", action="store_true", help="print the files that would be linted, and exit")
    check.add_argument("--show-settings", action="store_true", help="print the resolved settings, and exit")
    add_fix_flags(check)
    add_clean_command(sub, _codes)

    sub.add_parser("rules", help="list every rule: code, name, family, severity, summary, plugin")
    rule = sub.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("code")
    sub.add_parser("plugins", help="list loaded plugin distributions and versions")
    return parser


def cmd_rules(args) -> int:
    from .plugins import load_registry

    registry = load_registry(_load_config(args))
    rows = [(r.code, r.name, r.family(), r.severity + ("" if not getattr(r, "opt_in", False) else " (opt-in)"),
             r.summary(), r.plugin) for r in registry.rules.values()]
    header = ("CODE", "NAME", "FAMILY", "SEVERITY", "SUMMARY", "PLUGIN")
    widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(len(header))]
    widths[4] = min(widths[4], 70)
    for row in [header, *rows]:
        cells = [str(c)[:widths[i]].ljust(widths[i]) for i, c in enumerate(row)]
        print("  ".join(cells).rstrip())
    return EXIT_CLEAN


def cmd_rule(args) -> int:
    from .plugins import load_registry

    registry = load_registry(_load_config(args))
    code = args.code.upper()
    rule = registry.rules.get(code) or next((r for r in registry.rules.values() if r.name == args.code), None)
    if rule is None:
        raise UsageError(f"unknown rule {args.code!r}; `newslint rules` lists them")
    print(f"# {rule.name} ({rule.code})\n")
    print(f"Family: {rule.family()} · Default severity: {rule.severity} · Plugin: {rule.plugin}"
          + (" · Opt-in: enable with extend-select" if getattr(rule, "opt_in", False) else "") + "\n")
    print(rule.doc())
    print("\nFix: " + (f"{rule.fix} ({rule.fix_safety}{', with --unsafe-fixes' if rule.fix_safety == 'unsafe' else ''})"
                       if getattr(rule, "fix", None) else "none (not fixable automatically)"))
    if rule.options:
        from .show import toml_key, toml_value

        print(f"\nDefaults (TOML: paste into pyproject.toml and edit):\n\n[tool.newslint.rules.{rule.code}]")
        for key, value in rule.options.items():
            # TOML has no null: an unset option is shown commented out
            print(f"# {toml_key(key)} =  (unset)" if value is None else f"{toml_key(key)} = {toml_value(value)}")
    return EXIT_CLEAN


def cmd_plugins(args) -> int:
    from .plugins import load_registry

    registry = load_registry(_load_config(args))
    print(f"newslint {__version__} (core parsers and formats)")
    for entry, dist, version in registry.distributions:
        count = sum(1 for r in registry.rules.values() if r.plugin.endswith(f"[{entry}]") or r.plugin == dist)
        print(f"{dist} {version} (entry point {entry!r}, {count} rules)")
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    from .helpformat import untranslated

    parser = untranslated(build_parser)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    handler = {"check": cmd_check, "clean": cmd_clean, "rules": cmd_rules, "rule": cmd_rule,
               "plugins": cmd_plugins}[args.command]
    previous = _catch_sigterm()
    try:
        return handler(args)
    except Terminated:
        print("newslint: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except NewslintError as exc:
        print(f"newslint: error: {terminal(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except RecursionError:
        print("newslint: error: input or configuration nested too deeply", file=sys.stderr)
        return EXIT_ERROR
    except (Exception, SystemExit) as exc:  # a bug in newslint or a plugin: exit 2 (tool failed)
        return _internal_error(exc, getattr(args, "verbose", False))
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class Terminated(KeyboardInterrupt):
    """SIGTERM (a cancelled CI job), taken through the Ctrl-C path: outputs removed, pool ended."""


def _raise_terminated(signum, frame):
    raise Terminated()


def _catch_sigterm():
    """Turn SIGTERM into ``Terminated`` while a command runs (main thread only); the old handler."""
    if not hasattr(signal, "SIGTERM"):
        return None
    try:
        return signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread (an embedding program's worker): leave SIGTERM alone
        return None


def _internal_error(exc: BaseException, verbose: bool) -> int:
    """One line naming the problem (the traceback with --verbose); exit 2, so CI reads 'tool failed'."""
    if verbose:
        import traceback

        traceback.print_exc(file=sys.stderr)
    hint = "" if verbose else " (run with --verbose for the traceback)"
    print(f"newslint: internal error: {terminal(f'{type(exc).__name__}: {exc}')}{hint}", file=sys.stderr)
    return EXIT_ERROR


def console_main() -> None:
    """The ``newslint`` console script: run, flush the output, and leave at once.

    Tearing the interpreter down (freeing every module, automaton and cached object) costs about
    20 ms, a sixth of a one-file pre-commit run, and buys nothing once the report is written and
    the pool is closed; mypy's command line leaves the same way. ``main()`` itself returns
    normally, for callers that embed newslint.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: the reader has gone, nothing left to say
            code = code or EXIT_ERROR
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
