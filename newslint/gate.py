"""What a run's findings decide, in one place for the CLI, ``pytest --newslint`` and the Python API:
the baseline (known findings are not reported) and ``fail-on`` (which findings fail the run)."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from .config import Config
from .diagnostics import SEVERITY_RANK, Diagnostic


class Gate:
    """Filters findings through the baseline and tells whether they fail the run."""

    def __init__(self, config: Config, use_baseline: bool = True):
        self.threshold = SEVERITY_RANK[config.fail_on]
        self.remaining: Counter | None = None
        self.baseline = None  # the loaded Baseline, for callers that need it whole
        if config.baseline and use_baseline:
            from .baseline import load_baseline

            self.baseline = load_baseline(config.baseline)
            # one count for the whole run: a streamed file's chunks share it
            self.remaining = Counter(self.baseline.counts)

    def new(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The findings the baseline does not know (each known fingerprint absorbs one finding)."""
        if self.remaining is None:
            return list(diagnostics)
        out = []
        for d in diagnostics:
            fp = d.fingerprint()
            if self.remaining[fp] > 0:
                self.remaining[fp] -= 1
            else:
                out.append(d)
        return out

    def fails(self, diagnostics: Iterable[Diagnostic]) -> bool:
        """Whether any finding is at or above ``fail-on``."""
        return any(SEVERITY_RANK[d.severity] >= self.threshold for d in diagnostics)
