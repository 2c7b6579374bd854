#!/usr/bin/env python3
"""Peak RSS of ``newslint check`` on ~100 MB of JSON Lines, in every output format.

The file is built as bench/run.py builds its large JSONL (BBC and injected articles repeated,
one record a line); each format is one fresh process (``--jobs 1``, the report to a file) whose
own peak RSS is read from ``os.wait4``. The issue 17 bar: <= 300 MB in every format.

    python bench/rss_formats.py [--mb 100] [--format text ...] [--python PATH]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
sys.path.insert(0, str(HERE))
from run import build_jsonl  # noqa: E402  (the same file bench/run.py lints)

FORMATS = ["text", "json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson", "html"]


def peak(cmd: list[str]) -> tuple[float, float, int]:
    """(peak RSS MB, CPU seconds, exit code) of one child process."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)  # bytes on macOS, KB on Linux
    return rss / 2**20, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--format", action="append", choices=FORMATS)
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose newslint to measure")
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "newslint-bench"))
    args = ap.parse_args()
    folder = Path(args.data)
    folder.mkdir(parents=True, exist_ok=True)
    big = folder / f"corpus-{args.mb}mb.jsonl"
    records = build_jsonl(big, args.mb, SHARED)
    print(f"{big} ({big.stat().st_size / 1e6:.0f} MB, {records:,} records); {args.python}")
    print(f"{'format':12} {'peak RSS MB':>12} {'CPU s':>8} {'exit':>5}")
    for fmt in args.format or FORMATS:
        out = folder / f"report.{fmt}"
        mb, cpu, code = peak([args.python, "-m", "newslint", "check", "--isolated", "--jobs", "1",
                              "--output-format", fmt, "-o", str(out), str(big)])
        print(f"{fmt:12} {mb:12.0f} {cpu:8.1f} {code:5d}" + ("  <-- above 300 MB" if mb > 300 else ""), flush=True)
        out.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
