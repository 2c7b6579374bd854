"""The fix side of ``newslint check``: ``--fix``, ``--unsafe-fixes``, ``--diff`` and ``--fix-only``.

``--fix`` writes fixed files and reports what remains (the exit code reflects it); ``--diff``
prints a unified diff and changes nothing (exit 1 when something would change); ``--fix-only``
writes fixed files and reports nothing but the count (exit 0 unless an input failed).
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Iterable

from .errors import UsageError
from .fixes import FixPolicy

if TYPE_CHECKING:
    from .fixwrite import FixWriter

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fix_setup(args, paths: list[str], baseline) -> tuple[FixWriter | None, FixPolicy | None]:
    """The writer and fix policy the flags ask for (None, None: a plain check)."""
    fix, diff, fix_only = (getattr(args, k, False) for k in ("fix", "diff", "fix_only"))
    if not (fix or diff or fix_only):
        return None, None
    if diff and (fix or fix_only):
        raise UsageError("--diff shows fixes without applying them; it cannot be combined with --fix or --fix-only")
    if args.write_baseline:
        raise UsageError("--write-baseline cannot be combined with --fix, --fix-only or --diff")
    from .fixwrite import FixWriter  # a plain check writes no files

    stdin_name = args.stdin_filename if "-" in paths else None
    writer = FixWriter("diff" if diff else "fix", stdin_name=stdin_name)
    return writer, FixPolicy(unsafe=getattr(args, "unsafe_fixes", False), baseline=baseline)


def fix_summary(writer: FixWriter, remaining: int | None = None) -> None:
    for note in writer.notes:
        print(f"newslint: warning: {note}", file=sys.stderr)
    verb = "Would fix" if writer.mode == "diff" else "Fixed"
    files = writer.files_changed
    line = f"{verb} {writer.fixed} finding{'s' if writer.fixed != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    if remaining is not None:
        line += f"; {remaining} remaining"
    print(f"newslint: {line}.", file=sys.stderr)


def fix_only(results: Iterable, writer: FixWriter, tally) -> int:
    """Run ``--diff`` or ``--fix-only``: no findings report, only fixes and their count."""
    from .check import _print_problems

    for result in results:
        _print_problems(result)
        if not result.path:
            continue
        tally.add(result, [])
        writer.add(result)
    writer.close()
    fix_summary(writer)
    if tally.summary.errors:
        return EXIT_ERROR
    if writer.mode == "diff" and writer.files_changed:
        return EXIT_FINDINGS
    return EXIT_CLEAN
