#!/usr/bin/env python3
"""Start-up bench: CPU seconds of one-file ``newslint check`` runs beside ``python -c pass``.

CPU (user + system of the child, from ``resource.getrusage(RUSAGE_CHILDREN)``), not wall time:
the machine is shared. Bytecode is cached (``PYTHONDONTWRITEBYTECODE`` is dropped, the .pyc files go
under ``PYTHONPYCACHEPREFIX``), as in an installed newslint. Each command runs --repeats times; the median is printed, with the
import-time view (``-X importtime``) of the slowest modules when --imports is given.

    python bench/startup.py [--repeats 15] [--imports]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

TEXT = "Council approves budget for the coming year\n\nThe council approved the budget on Tuesday, the mayor said.\n"


def cpu_of(cmd: list[str], env: dict) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def slowest_imports(cmd: list[str], env: dict, n: int = 12) -> list[tuple[int, str]]:
    out = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True, text=True, env=env).stderr
    rows = []
    for line in out.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = (part.strip() for part in line[len("import time:"):].split("|"))
            if cumulative.isdigit():
                rows.append((int(cumulative), name))
    return sorted(rows, reverse=True)[:n]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--imports", action="store_true", help="also print the slowest imports of each run")
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose newslint to measure")
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # as installed: from .pyc files (kept outside the source tree), not compiled on every run
    env.setdefault("PYTHONPYCACHEPREFIX", os.path.join(tempfile.gettempdir(), "newslint-startup-pycache"))
    with tempfile.TemporaryDirectory() as folder:
        for suffix in ("txt", "md"):
            with open(os.path.join(folder, f"a.{suffix}"), "w", encoding="utf-8") as fh:
                fh.write(TEXT)
        commands = {
            "python -c pass": [args.python, "-c", "pass"],
            "newslint check a.txt": [args.python, "-m", "newslint", "check", "--isolated", "a.txt"],
            "newslint check a.md": [args.python, "-m", "newslint", "check", "--isolated", "a.md"],
            "newslint --version": [args.python, "-m", "newslint", "--version"],
        }
        cwd = os.getcwd()
        os.chdir(folder)  # an empty working folder: no project config, no .gitignore to read
        try:
            base = None
            print(f"{'command':24} {'median ms CPU':>14} {'min':>6} {'x pass':>7}")
            for name, cmd in commands.items():
                cpu_of(cmd, env)  # warm the page cache and the .pyc files
                runs = [cpu_of(cmd, env) * 1000 for _ in range(args.repeats)]
                median = statistics.median(runs)
                base = base or median
                print(f"{name:24} {median:14.1f} {min(runs):6.1f} {median / base:7.2f}", flush=True)
                if args.imports and name.startswith("newslint"):
                    for us, module in slowest_imports(cmd, env):
                        print(f"    {us / 1000:7.1f} ms  {module}")
        finally:
            os.chdir(cwd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
