#!/usr/bin/env python3
"""Check that a change kept newslint's output byte for byte: every format, --jobs 1 and 2.

Runs ``newslint check`` over the fixtures, the bundled samples and every corpus in
../shared/corpus (when present), once per output format and jobs setting, and prints one
SHA-256 per run. Save the digests before a refactoring and compare after it:

    python bench/same_output.py --write /tmp/before.txt   # on the old commit
    python bench/same_output.py --compare /tmp/before.txt # on the new one: exit 1 on a difference
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORMATS = ("text", "json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson")


def inputs() -> list[str]:
    found = [os.path.join(ROOT, "fixtures")]
    corpus = os.path.join(ROOT, "..", "shared", "corpus")
    for pattern in ("clean/*.jsonl", "residue/*.jsonl", "injected/*.jsonl", "wcxb/trafilatura.jsonl"):
        found.extend(sorted(glob.glob(os.path.join(corpus, pattern))))
    return found


def digests(extra: list[str]) -> dict[str, str]:
    paths = [os.path.relpath(p, ROOT) for p in inputs()]
    out = {}
    for fmt in FORMATS:
        for jobs in ("1", "2"):
            cmd = [sys.executable, "-m", "newslint", "check", "--isolated", "--output-format", fmt,
                   "--jobs", jobs, *extra, *paths]
            proc = subprocess.run(cmd, cwd=ROOT, capture_output=True)
            h = hashlib.sha256(proc.stdout + b"\0" + proc.stderr + b"\0" + str(proc.returncode).encode())
            out[f"{fmt} --jobs {jobs}"] = h.hexdigest()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", metavar="FILE")
    ap.add_argument("--compare", metavar="FILE")
    args = ap.parse_args()
    current = digests([])
    lines = [f"{k}\t{v}" for k, v in current.items()]
    if args.write:
        with open(args.write, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    if args.compare:
        with open(args.compare, encoding="utf-8") as fh:
            before = dict(line.rstrip("\n").split("\t") for line in fh if line.strip())
        changed = [k for k in current if before.get(k) != current[k]]
        for k in current:
            print(f"{'same   ' if k not in changed else 'CHANGED'}  {k}")
        return 1 if changed else 0
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
