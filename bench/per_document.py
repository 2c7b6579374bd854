#!/usr/bin/env python3
"""Per-document CPU of two checkouts, paired: lint one folder in one warm process, alternately.

    python bench/per_document.py --base /tmp/base bench/corpus/bbc          # base vs this checkout
    python bench/per_document.py --base /tmp/base --rounds 7 bench/corpus/bbc

``--base`` is a directory holding another version's ``newslint/`` and ``rules/`` (for example
``git archive main newslint rules | tar -x -C /tmp/base``). Each round runs one child process per
checkout, in alternating order; a child lints every file once to warm up, then times ``--passes``
more with ``time.process_time`` and keeps the fastest (CPU seconds, so other load on the machine
moves it less than wall time, though a busy shared core still slows it). Prints the median of
each side and the per-pair ratios.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CHILD = r"""
import os, sys, time, json
root, folder, passes, bench = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
sys.path.insert(0, bench)
from components import _import_from  # the checkout under test, ahead of the editable install

_import_from(root)
from newslint.config import Config
from newslint.linter import Linter
import newslint
assert newslint.__file__.startswith(root), newslint.__file__
files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
linter = Linter(Config(root=os.getcwd()))
found = sum(len(linter.lint_file(p).diagnostics) for p in files)
cpu = float("inf")
for _ in range(passes):
    t0 = time.process_time()
    again = sum(len(linter.lint_file(p).diagnostics) for p in files)
    cpu = min(cpu, time.process_time() - t0)
print(json.dumps({"cpu": cpu, "files": len(files), "findings": again}))
"""


def run(root: str, folder: str, passes: int) -> dict:
    env = dict(os.environ, NEWSLINT_NO_PLUGIN_CACHE="1")
    out = subprocess.run(["nice", sys.executable, "-c", CHILD, root, folder, str(passes),
                          os.path.dirname(os.path.abspath(__file__))], capture_output=True, text=True, env=env)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--base", required=True)
    ap.add_argument("--head", default=ROOT)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--passes", type=int, default=3, help="timed passes per child; the fastest counts")
    args = ap.parse_args()
    base, head = [], []
    for i in range(args.rounds):
        order = [(args.base, base), (args.head, head)]
        for root, into in (order if i % 2 == 0 else order[::-1]):
            into.append(run(root, args.folder, args.passes))
    if base[0]["findings"] != head[0]["findings"]:
        print(f"FINDINGS DIFFER: base {base[0]['findings']}, head {head[0]['findings']}")
    n = head[0]["files"]
    mb, mh = statistics.median(r["cpu"] for r in base), statistics.median(r["cpu"] for r in head)
    ratios = sorted(h["cpu"] / b["cpu"] for b, h in zip(base, head))
    print(f"base {mb:.3f} s ({n / mb:,.0f} docs/CPU-s)  head {mh:.3f} s ({n / mh:,.0f} docs/CPU-s)  "
          f"head/base {mh / mb:.3f} (pairs {ratios[0]:.3f}-{ratios[-1]:.3f})")


if __name__ == "__main__":
    main()
