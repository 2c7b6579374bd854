"""Command-line flags of the fix side: ``check``'s fixes and fingerprints, and the ``clean`` command."""
from __future__ import annotations

import argparse
from typing import Callable


def add_fix_flags(check: argparse.ArgumentParser) -> None:
    check.add_argument("--fingerprints", metavar="FILE", help="line counts of an earlier corpus run (NL305)")
    check.add_argument("--write-fingerprints", metavar="FILE", help="write this run's line counts (NL305)")
    fixing = check.add_argument_group("fixes")
    fixing.add_argument("--fix", action="store_true", help="apply safe fixes, then report what remains")
    fixing.add_argument("--unsafe-fixes", action="store_true", help="apply unsafe fixes too (with --fix, --diff, --fix-only)")
    fixing.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; change nothing")
    fixing.add_argument("--fix-only", action="store_true", help="apply fixes and report only how many")


def add_clean_command(sub, _codes: Callable[[str], list[str]]) -> None:
    clean = sub.add_parser("clean", help="write a copy of a corpus with its text fixed (JSON Lines: record by record)")
    clean.add_argument("input", metavar="IN", help="the corpus file (.jsonl, or one .txt/.md/.json); '-' reads stdin")
    clean.add_argument("--output", "-o", metavar="OUT", help="where the cleaned corpus goes (default: stdout)")
    clean.add_argument("--unsafe-fixes", action="store_true", help="apply unsafe fixes too")
    clean.add_argument("--summary", action="store_true", help="add a 'newslint' field to each record")
    clean.add_argument("--drop-above", type=float, default=0.5, metavar="SHARE",
                       help="verdict 'drop' when more than this share of the text was removed (default 0.5)")
    clean.add_argument("--drop", action="store_true", help="leave out the records whose verdict is 'drop'")
    for flag, kw in (("--config", {"metavar": "PATH"}), ("--isolated", {"action": "store_true"}),
                     ("--select", {"type": _codes, "metavar": "CODES"}), ("--ignore", {"type": _codes, "metavar": "CODES"}),
                     ("--extend-select", {"type": _codes, "metavar": "CODES"}),
                     ("--stdin-filename", {"default": "-", "metavar": "NAME"}), ("--verbose", {"action": "store_true"}),
                     ("--fingerprints", {"metavar": "FILE"}), ("--write-fingerprints", {"metavar": "FILE"})):
        clean.add_argument(flag, **kw)
    clean.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="worker processes (default: CPUs)")
