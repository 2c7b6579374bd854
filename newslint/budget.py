"""Per-document time budgets for rules: a SIGALRM timer, so a rule that never returns (a plugin's
endless loop, a pathological input) is stopped and named instead of hanging the run.

The timer needs ``signal.setitimer`` and the main thread: on Windows, or when newslint runs in
another thread (an editor's server), rules run without a budget. Pool workers are processes,
each its own main thread, so the budget holds there too. A rule stuck inside C code that never
returns to the interpreter is stopped only when it does.
"""
from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator

#: The default budget, in seconds, of one rule on one document (``rule-timeout``; 0: none).
DEFAULT_RULE_TIMEOUT = 60.0


class RuleTimeout(BaseException):
    """Raised inside a rule whose budget ran out. A BaseException, so a rule's own
    ``except Exception`` cannot swallow it and run on."""


def _expire(signum, frame):
    raise RuleTimeout


class Budget:
    """``with budget.armed(): ... budget.start() ... rule ...``: one handler per document,
    the timer restarted for each rule."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.usable = bool(seconds) and hasattr(signal, "setitimer")

    @contextmanager
    def armed(self) -> Iterator["Budget"]:
        if not self.usable:
            yield _NO_BUDGET
            return
        try:
            previous = signal.signal(signal.SIGALRM, _expire)
        except ValueError:  # not the main thread (asked this way so a run need not import threading)
            yield _NO_BUDGET
            return
        try:
            yield self
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def start(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def stop(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)


class _None(Budget):
    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


_NO_BUDGET = _None(0)
