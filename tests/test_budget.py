"""The rule time budget (``rule-timeout``): each rule gets its own budget on each document, the rule
that runs past it is the one named, and the timer costs one arming per document, not one per rule."""
from __future__ import annotations

import signal
import time

import pytest

from newslint import Rule
from newslint.config import Config
from newslint.linter import CompiledRule, Linter

from conftest import FIXTURES, sleeper

SEED = (FIXTURES / "samples" / "seed_article.txt").read_text(encoding="utf-8")
needs_timer = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timer on this platform")


def linter_with(timeout: float, *classes: type[Rule]) -> Linter:
    linter = Linter(Config(rule_timeout=timeout))
    linter.rules = [CompiledRule(cls(), cls, {}, "warning") for cls in classes]
    return linter


@needs_timer
def test_each_rule_has_its_own_budget_on_a_document():
    # together past the budget, each well inside it: neither is stopped
    linter = linter_with(1.0, sleeper("ZZ801", 0.6), sleeper("ZZ802", 0.6))
    result = linter.lint_text("a.txt", SEED)
    assert result.problems == [] and result.timed_out == set()
    assert [d.code for d in result.diagnostics] == ["ZZ801", "ZZ802"]


@needs_timer
def test_the_rule_past_its_budget_is_the_one_named():
    linter = linter_with(0.5, sleeper("ZZ801", 0.3), sleeper("ZZ802", 0.3, forever=True), sleeper("ZZ803", 0.0))
    result = linter.lint_text("a.txt", SEED)
    assert result.timed_out == {"ZZ802"}
    assert [p.message for p in result.problems] == [
        "rule ZZ802 (sleeper-zz802) from plugin  ran past its 0.5 s budget on a.txt and was stopped (rule-timeout)"]
    assert [d.code for d in result.diagnostics] == ["ZZ801", "ZZ803"]


@needs_timer
def test_the_timer_is_armed_once_per_document_not_once_per_rule(monkeypatch):
    calls = []
    real = signal.setitimer

    def counting(which, seconds, *interval):
        calls.append(seconds)
        return real(which, seconds, *interval)

    monkeypatch.setattr(signal, "setitimer", counting)
    linter = Linter(Config(rule_timeout=30))
    assert len(linter.rules) >= 10
    linter.lint_text("a.txt", SEED)
    assert calls == [30, 0]  # armed for the document, disarmed after it
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None)


@needs_timer
def test_a_timer_left_armed_between_rules_stops_nothing():
    # the document's timer fires while the engine, not a rule, is running: nothing is stopped
    linter = linter_with(0.2, sleeper("ZZ801", 0.0), sleeper("ZZ802", 0.0))
    budget = linter.budget
    with budget.armed():
        budget.start()
        budget.stop()
        time.sleep(0.35)  # the timer fires here, outside any rule, and is re-armed
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
