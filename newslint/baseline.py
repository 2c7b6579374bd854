"""Baselines: record today's findings once, then report only new ones.

Findings are matched by content fingerprint (file, code, matched text, message), never by line,
so edits above a known finding do not bring it back. Counts are kept, so a second copy of a
known defect is still reported.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from typing import Iterable

from .diagnostics import Diagnostic
from .errors import UsageError

VERSION = 1


class Baseline:
    def __init__(self, counts: Counter):
        self.counts = counts

    def filter(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        remaining = Counter(self.counts)
        out = []
        for d in diagnostics:
            fp = d.fingerprint()
            if remaining[fp] > 0:
                remaining[fp] -= 1
            else:
                out.append(d)
        return out


def load_baseline(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise UsageError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise UsageError(f"{path}: not a newslint baseline (expected version {VERSION} with a findings list)")
    return Baseline(Counter(str(f.get("fingerprint")) for f in data["findings"] if isinstance(f, dict)))


def write_baseline(path: str, diagnostics: Iterable[Diagnostic]) -> None:
    findings = [
        {"fingerprint": d.fingerprint(), "path": d.path, "code": d.code, "message": d.message, "line": d.line}
        for d in sorted(diagnostics, key=Diagnostic.sort_key)
    ]
    tmp = path + ".newslint-tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"version": VERSION, "tool": "newslint", "findings": findings}, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    os.replace(tmp, path)
