"""Per-document time budgets for rules: a SIGALRM timer, so a rule that never returns (a plugin's
endless loop, a pathological input) is stopped and named instead of hanging the run.

The timer needs ``signal.setitimer`` and the main thread: on Windows, or when newslint runs in
another thread (an editor's server), rules run without a budget. Pool workers are processes,
each its own main thread, so the budget holds there too. A rule stuck inside C code that never
returns to the interpreter is stopped only when it does.
"""
from __future__ import annotations

import signal
import time

#: The default budget, in seconds, of one rule on one document (``rule-timeout``; 0: none).
DEFAULT_RULE_TIMEOUT = 60.0


try:
    # signal.signal wraps this in enum conversions (~10 µs a pair, ~1 % of linting a BBC article,
    # set and restored per document); the handlers set and restored here need no enums
    from _signal import signal as _set_handler
except ImportError:  # pragma: no cover - another interpreter
    _set_handler = signal.signal


class RuleTimeout(BaseException):
    """Raised inside a rule whose budget ran out. A BaseException, so a rule's own
    ``except Exception`` cannot swallow it and run on."""


class Budget:
    """``with budget.armed(): ... budget.start() ... rule ... budget.stop()``: one handler and one
    timer per document. Setting the timer costs a system call, and a document runs a dozen rules,
    so ``start`` only notes when the rule began; when the timer fires, the handler stops the rule
    only if it has itself run the whole budget, and otherwise sets the timer for what that rule has
    left (or a fresh budget between rules). Each rule still gets its own budget on each document."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.usable = bool(seconds) and hasattr(signal, "setitimer")
        self.started: float | None = None  # when the running rule began; None between rules
        self.holding = False  # armed by an outer ``armed()`` (a batch of files)

    def armed(self) -> "_Armed":
        """``with budget.armed() as b:`` the handler and the timer for what runs inside; ``b`` is
        this budget, or one that never stops anything where no timer can be set. Nested (each
        document of a batch of files), it costs nothing: the outer one's timer already gives every
        rule its budget. A small class, not a generator-based context manager, which cost twice
        as much (one is entered per document)."""
        return _Armed(self)

    def start(self) -> None:
        self.started = time.monotonic()

    def stop(self) -> None:
        self.started = None

    def _expire(self, signum, frame) -> None:
        started = self.started
        left = self.seconds if started is None else self.seconds - (time.monotonic() - started)
        if left <= 0:
            self.started = None
            # a fresh budget for the rules after this one: the timer fired once and is spent
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            raise RuleTimeout
        # never 0, which would disarm the timer: a millisecond past the budget at most
        signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


class _Armed:
    __slots__ = ("budget", "previous")

    def __init__(self, budget: Budget):
        self.budget = budget
        self.previous: object = _UNSET

    def __enter__(self) -> Budget:
        budget = self.budget
        if not budget.usable:
            return _NO_BUDGET
        if budget.holding:
            budget.started = None
            return budget
        try:
            self.previous = _set_handler(signal.SIGALRM, budget._expire)
        except ValueError:  # not the main thread (asked this way so a run need not import threading)
            return _NO_BUDGET
        budget.started = None
        budget.holding = True
        signal.setitimer(signal.ITIMER_REAL, budget.seconds)
        return budget

    def __exit__(self, *exc: object) -> None:
        if self.previous is not _UNSET:
            self.budget.holding = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            _set_handler(signal.SIGALRM, self.previous)
            self.previous = _UNSET


_UNSET = object()  # no handler was set, so none is restored


class _None(Budget):
    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


_NO_BUDGET = _None(0)
