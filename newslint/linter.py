"""The linter: decoded text -> parse -> every enabled rule (crash-isolated) -> suppression -> findings."""
from __future__ import annotations

import os
import time
from typing import Any

from .budget import Budget, RuleTimeout
from .config import Config
from .diagnostics import Diagnostic
from .document import Document
from .errors import InputError
from .fingerprints import FingerprintTable
from .fixapply import fix_loop
from .fixes import FixPolicy
from .inputs import MAX_CHECK_CHARS, decode, format_of, normalise_line_ends, read_file, truncated
from .paths import project_path
from .problems import CRASH, WARNING, FileResult, Problem
from .registry import Registry
from .rules import Rule, RuleContext
from .selection import check_selectors, code_matches_any, ignored_for_path, is_enabled, severity_for
from .suppression import UNUSED_CODE, apply, apply_per_record, suppressions, unused
from .validation import check_option_tables, invalid_finding, probe_options, rule_options
from .values import Value


class CompiledRule(Value):
    __slots__ = ("rule", "cls", "options", "severity")

    def __init__(self, rule: Rule, cls: type[Rule], options: dict[str, Any], severity: str):
        self.rule = rule
        self.cls = cls
        self.options = options
        self.severity = severity


class Linter:
    """Rules compiled once for a config; lints any number of files or strings."""

    def __init__(self, config: Config | None = None, registry: Registry | None = None,
                 keep_source: bool = False, verbose: bool = False, fix: FixPolicy | None = None):
        from .plugins import load_registry  # the plugin loader is only needed without a registry

        self.config = config or Config()
        self.fix = fix
        self.corpus: FingerprintTable | None = None  # the first pass's counts, when the run made one
        self.keep_source = keep_source
        self.verbose = verbose
        self.registry = registry or load_registry(self.config)
        self.budget = Budget(self.config.rule_timeout)
        self._absolute_root: str | None = None  # see pin_root
        check_selectors(self.config, self.registry.rules)
        check_option_tables(self.config, self.registry.rules)
        self.registry.configure(self.config)
        #: every registered rule's configured options, enabled or not: analyses read them
        self.options = {code: rule_options(cls, self.config) for code, cls in self.registry.rules.items()}
        self.rules = [CompiledRule(cls(), cls, self.options[cls.code], severity_for(cls.code, self.config, cls.severity))
                      for cls in self.registry.rules.values() if is_enabled(cls, self.config)]
        probe_options(self)

    def parse(self, path: str, source: str, problems: list[Problem] | None = None) -> list[Document]:
        """Documents of one decoded file; per-record problems of multi-record files go to ``problems``."""
        result = self.registry.parse(path, source, self.config)
        if result is None:
            return []
        if problems is not None:
            problems.extend(p if isinstance(p, Problem) else Problem("", str(p))
                            for p in getattr(result, "errors", ()))
        return [result] if isinstance(result, Document) else list(result)

    def check(self, document: Document, result: FileResult) -> None:
        with self.budget.armed() as budget:
            self._check(document, result, budget)

    def _check(self, document: Document, result: FileResult, budget: Budget) -> None:
        skip = ignored_for_path(document.path, self.config) if self.config.per_file_ignores else ()
        timed_out, all_options, corpus = result.timed_out, self.options, self.corpus
        # Budget.start and .stop inline (16 rules a document): a no-op budget ignores ``started``
        monotonic = time.monotonic
        for compiled in self.rules:
            if skip and code_matches_any(compiled.cls.code, skip):
                continue
            if timed_out and compiled.cls.code in timed_out:
                continue  # once per file: a rule that hung on one record would on the next
            ctx = RuleContext(compiled.cls, document, compiled.options, compiled.severity, all_options, corpus)
            try:
                budget.started = monotonic()
                try:
                    compiled.rule.check(document, ctx)
                finally:
                    budget.started = None
            except RuleTimeout:
                result.timed_out.add(compiled.cls.code)
                result.problems.append(Problem("", (
                    f"rule {compiled.cls.code} ({compiled.cls.name}) from plugin {compiled.cls.plugin} ran past its "
                    f"{budget.seconds:g} s budget on {self._where(document)} and was stopped (rule-timeout)"), kind=CRASH))
                continue
            except Exception as exc:
                result.problems.append(Problem("", (
                    f"rule {compiled.cls.code} ({compiled.cls.name}) from plugin {compiled.cls.plugin} "
                    f"crashed on {self._where(document)}: {self._detail(exc)}"), kind=CRASH))
                continue
            if not ctx.diagnostics:
                continue
            for diag in ctx.diagnostics:  # a plugin's finding is checked once, here, not in every format
                problem = invalid_finding(diag)
                if problem is None:
                    result.diagnostics.append(diag)
                else:
                    result.problems.append(Problem("", (
                        f"rule {compiled.cls.code} ({compiled.cls.name}) from plugin {compiled.cls.plugin} "
                        f"reported an invalid finding on {document.path}: {problem}"), kind=CRASH))
                    break

    @staticmethod
    def _where(document: Document) -> str:
        return f"{document.path}" + (f" (record {document.record})" if document.record else "")

    def _detail(self, exc: BaseException) -> str:
        detail = f"{type(exc).__name__}: {exc}"
        if self.verbose:
            import traceback

            detail += "\n" + traceback.format_exc()
        return detail

    def lint_source(self, path: str, source: str, first_line: int = 1) -> FileResult:
        """Lint decoded text. ``first_line`` > 1 marks whole lines from inside a streamed JSON
        Lines file: positions, record numbers and problems are then given in the file's lines.
        With a fix policy, fixes are applied and the fixed text re-linted until stable: the
        findings are then those that remain, and ``fixed`` says what was done."""
        result = self._lint(path, source, first_line)
        if self.fix is None or result.crashes or result.warnings or (result.errors and self.fix.strict):
            return result  # never fix an input with a problem (a cut file, a bad record)
        final, outcome = fix_loop(lambda text: self._lint(path, text, first_line), source, result, self.fix)
        final.source = source
        final.fixed = outcome
        return final

    def _lint(self, path: str, source: str, first_line: int) -> FileResult:
        result = FileResult(path, source=source if self.keep_source else None)
        source, last_line = truncated(path, source)
        if last_line is not None:
            result.problems.append(Problem(path, f"longer than {MAX_CHECK_CHARS:,} characters; "
                                                 f"checked only up to line {last_line}", kind=WARNING))
        problems: list[Problem] = []
        try:
            documents = self.parse(path, source, problems)
        except InputError as exc:
            problems.append(Problem.from_error(exc))
            documents = []
        except RecursionError:
            problems.append(Problem(path, "input nested too deeply to parse; skipped"))
            documents = []
        except Exception as exc:  # a parser bug must not end the run or hide other files
            result.problems.append(Problem(path, f"parser failed: {self._detail(exc)}", kind=CRASH))
            return result
        result.problems.extend(p.shifted(first_line) for p in problems)
        for document in documents:
            if first_line > 1:
                document.first_line = first_line
                if document.record is not None:
                    document.record += first_line - 1
            self.check(document, result)
        result.diagnostics = self.suppress(result, source, first_line)
        result.diagnostics.sort(key=Diagnostic.sort_key)
        return result

    def suppress(self, result: FileResult, source: str, first_line: int) -> list[Diagnostic]:
        """Findings no suppression comment switches off, plus NL000 for unused comments when selected."""
        marks = suppressions(source, first_line, self.registry.rules, result.path, result.problems)
        if not marks:
            return result.diagnostics
        kept, used = (apply_per_record if format_of(result.path) == "jsonl" else apply)(result.diagnostics, marks)
        nl000 = next((c for c in self.rules if c.cls.code == UNUSED_CODE), None)  # JSONL above: per record
        if nl000 is not None and not code_matches_any(UNUSED_CODE, ignored_for_path(result.path, self.config)):
            kept += unused(marks, used, result.path, nl000.severity)
        return kept

    def shown(self, path: str) -> str:  # the one spelling every output uses: relative to the project root
        if path[:1] == "/" and os.name == "posix" and self._absolute_root is not None:
            return project_path(path, self._absolute_root)  # no getcwd per path (twice per file)
        return project_path(path, self.config.root)

    def pin_root(self) -> None:
        """Spell paths against the project root as the working folder gives it now: for a caller
        that does not change folder while it lints (the command line). A linter that lives on
        (the API's, a pytest session's) follows the working folder, as ``project_path`` does."""
        self._absolute_root = os.path.abspath(self.config.root or ".")

    def unreadable(self, path: str, exc: InputError, first_line: int = 1) -> FileResult:
        shown = self.shown(path)
        return FileResult(shown, problems=[Problem(shown, exc.detail, exc.line).shifted(first_line)], file=path)

    @property
    def corpus_rules(self) -> list[CompiledRule]:
        return [c for c in self.rules if c.cls.corpus_pass]

    def count_source(self, path: str, source: str) -> FingerprintTable:
        """The first pass over one decoded input: every corpus rule's keys, per document."""
        table = FingerprintTable()
        try:
            documents = self.parse(path, truncated(path, source)[0], [])
        except Exception:  # the second pass reports unreadable input
            return table
        rules = self.corpus_rules
        for document in documents:
            table.add(key for c in rules for key in c.cls.fingerprints(document, c.options))
        return table

    def lint_text(self, path: str, text: str) -> FileResult:
        """Lint a string given by a caller (not read from a file): BOM and line ends are normalised."""
        return self.lint_source(self.shown(path), normalise_line_ends(text, format_of(path) == "jsonl").lstrip("\ufeff"))

    def lint_chunk(self, path: str, first_line: int, data: bytes) -> FileResult:
        """Lint whole lines of a JSON Lines file that start at ``first_line``."""
        try:
            source = decode(path, data)
        except InputError as exc:
            return self.unreadable(path, exc, first_line)
        result = self.lint_source(self.shown(path), source, first_line)
        result.file = path
        return result

    def lint_file(self, path: str) -> FileResult:
        try:
            source = read_file(path)
        except InputError as exc:
            return self.unreadable(path, exc)
        result = self.lint_source(self.shown(path), source)
        result.file = path
        return result
