"""Baselines: record today's findings once, then report only new ones.

Findings are matched by content fingerprint (file, code, matched text, message), never by line,
so edits above a known finding do not bring it back. Counts are kept, so a second copy of a
known defect is still reported.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Iterable

from .diagnostics import Diagnostic
from .errors import UsageError
from .escaping import json_text

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
    except RecursionError:
        raise UsageError(f"{path}: cannot read baseline: nested too deeply") from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise UsageError(f"{path}: not a newslint baseline (expected version {VERSION} with a findings list)")
    return Baseline(Counter(str(f.get("fingerprint")) for f in data["findings"] if isinstance(f, dict)))


def dump_baseline(stream, diagnostics: Iterable[Diagnostic]) -> None:
    """Write a baseline of ``diagnostics`` to an open text stream."""
    findings = [
        {"fingerprint": d.fingerprint(), "path": d.path, "code": d.code, "message": d.message, "line": d.line}
        for d in sorted(diagnostics, key=Diagnostic.sort_key)
    ]
    stream.write(json_text(json.dumps({"version": VERSION, "tool": "newslint", "findings": findings}, indent=1,
                                      ensure_ascii=False)) + "\n")


def write_baseline(path: str, diagnostics: Iterable[Diagnostic]) -> None:
    """Write a baseline file safely (a temporary beside it, moved into place when whole)."""
    from .outputs import OutputFile, written

    with written(OutputFile(path, "baseline")) as stream:
        dump_baseline(stream, diagnostics)
