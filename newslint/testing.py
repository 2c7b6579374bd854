"""Test helpers for rule authors: ``RuleTester``, in the manner of ESLint's and textlint's testers.

    from newslint.testing import RuleTester

    def test_clickbait():
        RuleTester(ClickbaitHeadline, phrases=["you won't believe"]).run(
            valid=["Markets rise on rate hopes\\n\\nShares rose."],
            invalid=[{"text": "You won't believe this\\n\\nBody.", "errors": [{"code": "CB001", "line": 1, "column": 1}]}],
        )
"""
from __future__ import annotations

from typing import Any, Iterable

from .config import Config
from .diagnostics import Diagnostic
from .fixes import FixPolicy
from .linter import Linter
from .plugins import core_registry
from .rules import Rule

ERROR_KEYS = ("code", "rule", "line", "column", "end_line", "end_column", "message", "severity", "record", "field")
CASE_KEYS = ("text", "filename", "options", "errors", "name", "output")


class RuleTester:
    """Runs one rule (with the given option overrides) over small cases and compares findings."""

    def __init__(self, rule: type[Rule], **options: Any):
        problems = rule.validate()
        if problems:
            raise ValueError(f"{rule.__name__}: " + "; ".join(problems))
        self.rule = rule
        self.options = {k.replace("_", "-"): v for k, v in options.items()}

    # -- running ---------------------------------------------------------------------------------
    def lint(self, text: str, filename: str = "article.txt", options: dict[str, Any] | None = None) -> list[Diagnostic]:
        return self._result(text, filename, options).diagnostics

    def fix(self, text: str, filename: str = "article.txt", options: dict[str, Any] | None = None) -> str:
        """The text after every fix of this rule (safe and unsafe) is applied until stable."""
        result = self._result(text, filename, options, fix=True)
        return result.fixed.fixed if result.fixed and result.fixed.fixed is not None else result.source

    def _result(self, text: str, filename: str, options: dict[str, Any] | None, fix: bool = False):
        registry = core_registry()
        self.rule.plugin = self.rule.plugin or "tester"
        registry.rules = {self.rule.code: self.rule}
        merged = {**self.options, **{k.replace("_", "-"): v for k, v in (options or {}).items()}}
        config = Config(select=[self.rule.code], rules={self.rule.code: merged} if merged else {})
        linter = Linter(config, registry, keep_source=True, fix=FixPolicy(unsafe=True) if fix else None)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        result = linter.lint_source(filename, text.lstrip("\ufeff"))
        if result.errors or result.crashes:
            raise AssertionError(f"{self.rule.code} on {filename}: " + "; ".join(map(str, result.errors + result.crashes)))
        return result

    def run(self, valid: Iterable[Any] = (), invalid: Iterable[dict[str, Any]] = ()) -> None:
        for case in valid:
            self.check_valid(case)
        for case in invalid:
            self.check_invalid(case)

    def check_valid(self, case: Any) -> None:
        case = _normalise_case(case, invalid=False)
        found = self.lint(case["text"], case.get("filename", "article.txt"), case.get("options"))
        if found:
            raise AssertionError(
                f"expected no {self.rule.code} findings in {case.get('filename', 'article.txt')}, got:\n" + _table(found))

    def check_invalid(self, case: dict[str, Any]) -> None:
        case = _normalise_case(case, invalid=True)
        found = self.lint(case["text"], case.get("filename", "article.txt"), case.get("options"))
        expected = case["errors"]
        actual = [{k: getattr(d, k) for k in ERROR_KEYS} for d in found]
        ok = len(expected) == len(actual) and all(
            all(exp[k] == act[k] for k in exp) for exp, act in zip(expected, actual))
        if not ok:
            raise AssertionError(
                f"{self.rule.code} findings in {case.get('filename', 'article.txt')} differ.\n"
                f"expected ({len(expected)}):\n" + "\n".join(f"  {e}" for e in expected)
                + f"\nactual ({len(actual)}):\n" + _table(found))
        if "output" in case:
            self._check_output(case)

    def _check_output(self, case: dict[str, Any]) -> None:
        """``output``: the text after fixing (ESLint's key); None means the findings have no fix."""
        name = case.get("filename", "article.txt")
        fixed = self.fix(case["text"], name, case.get("options"))
        expected = case["output"] if case["output"] is not None else case["text"].replace("\r\n", "\n")
        if fixed != expected:
            raise AssertionError(f"{self.rule.code} fix of {name} differs.\nexpected: {expected!r}\nactual:   {fixed!r}")

    # -- pytest integration ------------------------------------------------------------------------
    def cases(self, valid: Iterable[Any] = (), invalid: Iterable[dict[str, Any]] = ()) -> list[Any]:
        """``pytest.param`` objects for ``@pytest.mark.parametrize("case", tester.cases(...))``;
        pass each to :meth:`check`."""
        import pytest

        out = []
        for i, case in enumerate(valid):
            name = case.get("name") if isinstance(case, dict) else None
            out.append(pytest.param(("valid", case), id=name or f"{self.rule.code}-valid-{i}"))
        for i, case in enumerate(invalid):
            out.append(pytest.param(("invalid", case), id=case.get("name") or f"{self.rule.code}-invalid-{i}"))
        return out

    def check(self, param: tuple[str, Any]) -> None:
        kind, case = param
        (self.check_valid if kind == "valid" else self.check_invalid)(case)


def _normalise_case(case: Any, invalid: bool) -> dict[str, Any]:
    if isinstance(case, str):
        if invalid:
            raise ValueError("an invalid case must be a dict with 'text' and 'errors'")
        return {"text": case}
    if not isinstance(case, dict):
        raise ValueError(f"a case must be a string or a dict, got {type(case).__name__}")
    unknown = set(case) - set(CASE_KEYS)
    if unknown:
        raise ValueError(f"unknown case key(s) {sorted(unknown)}; allowed: {', '.join(CASE_KEYS)}")
    if "text" not in case:
        raise ValueError("a case needs 'text'")
    if invalid:
        errors = case.get("errors")
        if not isinstance(errors, list) or not errors:
            raise ValueError("an invalid case needs a non-empty 'errors' list")
        for err in errors:
            bad = set(err) - set(ERROR_KEYS)
            if bad:
                raise ValueError(f"unknown expected-error key(s) {sorted(bad)}; allowed: {', '.join(ERROR_KEYS)}")
    elif "errors" in case:
        raise ValueError("a valid case cannot have 'errors'")
    return case


def _table(found: list[Diagnostic]) -> str:
    if not found:
        return "  (none)"
    return "\n".join(
        f"  {{'code': {d.code!r}, 'line': {d.line}, 'column': {d.column}, 'end_line': {d.end_line}, "
        f"'end_column': {d.end_column}, 'message': {d.message!r}}}" for d in found)
