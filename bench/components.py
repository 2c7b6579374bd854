#!/usr/bin/env python3
"""Where one warm process spends its time per document: each rule's ``check`` and each shared
analysis's first computation, in microseconds per file.

    python bench/components.py bench/corpus/bbc                      # this checkout
    python bench/components.py --root /tmp/base bench/corpus/bbc     # another (git archive main newslint rules)

Every rule's ``check`` and ``Analysis.of`` are wrapped with ``time.perf_counter``; a component's
time excludes the analyses it asks for first (those count as their own rows), so a fact shared by
many rules is charged once, wherever it is first read. ``Document.lines`` is not an analysis: the
first rule that reads it pays for building it (NL101 in the default order). The folder is linted
once to warm up, then ``--passes`` times; the fastest pass counts. The wrappers add ~20 µs to
"whole" on a BBC article. Run base and head alternately, a few rounds, and compare medians.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import sys
import time


def _import_from(root: str) -> None:
    """Import ``newslint`` and ``newslint_rules`` from the checkout at ``root``."""
    roots = {"newslint": os.path.join(root, "newslint"), "newslint_rules": os.path.join(root, "rules")}

    class Finder:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name in roots:
                return importlib.util.spec_from_file_location(
                    name, os.path.join(roots[name], "__init__.py"), submodule_search_locations=[roots[name]])
            return None

    sys.meta_path.insert(0, Finder)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args()
    _import_from(args.root)
    import newslint
    from newslint import analysis
    from newslint.config import Config
    from newslint.linter import Linter

    assert os.path.abspath(newslint.__file__).startswith(os.path.abspath(args.root)), newslint.__file__

    clock, spent, stack = time.perf_counter, collections.Counter(), []

    def timed(name, call, *a):
        t = clock()
        stack.append(0.0)
        try:
            return call(*a)
        finally:
            elapsed, inner = clock() - t, stack.pop()
            spent[name] += elapsed - inner
            if stack:
                stack[-1] += elapsed

    linter = Linter(Config(root=os.getcwd()))
    for compiled in linter.rules:
        compiled.rule.check = lambda doc, ctx, _check=compiled.rule.check, _code=compiled.cls.code: \
            timed(_code, _check, doc, ctx)
    real_of = analysis.Analysis.of

    def of(self, document, options=None, reader=None):
        if self in document.cache:
            return real_of(self, document, options, reader)
        return timed("analysis: " + self.name, real_of, self, document, options, reader)

    analysis.Analysis.of = of
    files = sorted(os.path.join(args.folder, f) for f in os.listdir(args.folder))
    best: dict[str, float] = {}
    for _ in range(args.passes + 1):  # the first pass warms up, and may count only if it is fastest
        spent.clear()
        t0 = clock()
        for path in files:
            linter.lint_file(path)
        spent["whole lint_file"] = clock() - t0
        if not best or spent["whole lint_file"] < best["whole lint_file"]:
            best = dict(spent)
    for name, seconds in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"{name:32s} {seconds / len(files) * 1e6:8.1f}")


if __name__ == "__main__":
    main()
