"""The rule contract: a class with metadata and a ``check(document, ctx)`` method."""
from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from . import regexcache
from .diagnostics import SEVERITIES, Diagnostic
from .fixes import FIX_KINDS, SAFETIES, Fix, resolve
from .fixreport import locate

if TYPE_CHECKING:
    from typing import Iterable

    from .analysis import Analysis
    from .fingerprints import FingerprintTable
    from .document import Block, Document

T = TypeVar("T")

#: The option every rule accepts (global ``min-confidence``, or per rule under ``[rules.CODE]``).
MIN_CONFIDENCE = "min-confidence"
CODE_RE = regexcache.cached_compile(r"^[A-Z]{1,5}[0-9]{3}$")
NAME_RE = regexcache.cached_compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Rule:
    """Base class for every rule, built-in or third-party.

    Subclasses set ``code``, ``name``, ``severity`` and ``options`` (defaults, overridden by
    ``[tool.newslint.rules.CODE]``), write a docstring with the sections *What it does*,
    *Why is this bad?*, *Example* and *Options*, and implement :meth:`check`.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[str] = "warning"
    options: ClassVar[dict[str, Any]] = {}
    #: Optional: the type of an option whose default does not show it fully, e.g.
    #: ``{"extend-phrases": "dict[str, list[str]]"}`` (``newslint.validation.type_matches``).
    #: Config values are checked against it once, when the config is loaded.
    option_types: ClassVar[dict[str, str]] = {}
    #: Filled in by the engine: the plugin (distribution or module) that registered the rule.
    plugin: ClassVar[str] = ""
    #: How the engine fixes a finding when ``ctx.report`` gets no ``fix=``: None (not fixable),
    #: "remove-line" (delete the whole lines the finding covers, only when it covers all their
    #: words) or "split-line" (put the text from the finding's start on a line of its own).
    fix: ClassVar[str | None] = None
    #: "safe" (applied by ``--fix``) or "unsafe" (only with ``--unsafe-fixes``).
    fix_safety: ClassVar[str] = "safe"
    #: For "remove-line": how safe it is to delete the whole line when the finding covers only
    #: part of it ("safe", "unsafe", or None: such findings are not fixed).
    fix_partial: ClassVar[str | None] = None

    #: Set by rules that need a first pass over the whole run (see ``newslint.fingerprints``).
    corpus_pass: ClassVar[bool] = False

    def check(self, document: "Document", ctx: "RuleContext") -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def fingerprints(cls, document: "Document", options: dict[str, Any]) -> "Iterable[int]":
        """For ``corpus_pass`` rules: the keys of one document, counted in the first pass."""
        return ()

    # -- metadata used by `newslint rules`, `newslint rule CODE` and SARIF ---------------------
    @classmethod
    def family(cls) -> str:
        return cls.code[:-2] + "xx"

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__) if cls.__doc__ else ""

    @classmethod
    def summary(cls) -> str:
        doc = cls.doc()
        return doc.splitlines()[0].strip() if doc else cls.name

    @classmethod
    def validate(cls) -> list[str]:
        """Problems with the class's metadata, as sentences (empty when it is well formed)."""
        problems = []
        if not CODE_RE.match(cls.code or ""):
            problems.append(f"code {cls.code!r} does not match [A-Z]{{1,5}}[0-9]{{3}}")
        if not NAME_RE.match(cls.name or ""):
            problems.append(f"name {cls.name!r} is not kebab-case")
        if cls.severity not in SEVERITIES:
            problems.append(f"severity {cls.severity!r} is not one of {', '.join(SEVERITIES)}")
        if not isinstance(cls.options, dict):
            problems.append("options must be a dict of defaults")
        problems.extend(_option_type_problems(cls))
        if cls.fix is not None and cls.fix not in FIX_KINDS:
            problems.append(f"fix {cls.fix!r} is not one of {', '.join(FIX_KINDS)}")
        if cls.fix_partial is not None and cls.fix_partial not in SAFETIES:
            problems.append(f"fix_partial {cls.fix_partial!r} is not one of {', '.join(SAFETIES)}")
        if cls.fix_safety not in SAFETIES:
            problems.append(f"fix_safety {cls.fix_safety!r} is not one of {', '.join(SAFETIES)}")
        return problems


def _option_type_problems(cls: type[Rule]) -> list[str]:
    from .validation import type_matches

    if not isinstance(cls.option_types, dict):
        return ["option_types must be a dict of option name -> type"]
    problems = []
    for key, spec in cls.option_types.items():
        if not isinstance(cls.options, dict) or key not in cls.options:
            problems.append(f"option_types names {key!r}, not an option")
            continue
        try:
            type_matches(spec, None)
        except (ValueError, TypeError, AttributeError):
            problems.append(f"option_types[{key!r}] is not a type newslint checks: {spec!r}")
    return problems


class RuleContext:
    """What a rule's ``check`` gets besides the document: its options and a way to report."""

    __slots__ = ("rule", "document", "options", "severity", "diagnostics", "_all_options", "corpus")

    def __init__(self, rule: type[Rule], document: "Document", options: dict[str, Any], severity: str,
                 all_options: dict[str, dict[str, Any]] | None = None, corpus: "FingerprintTable | None" = None):
        #: the first pass's counts (``corpus_pass`` rules), or None when the run has none
        self.corpus = corpus
        self.rule = rule
        self.document = document
        self.options = options
        self.severity = severity
        self.diagnostics: list[Diagnostic] = []
        self._all_options = all_options or {}

    def analysis(self, fact: "Analysis[T]") -> "T":
        """A shared fact about this document, computed once with its owner rule's configured options."""
        options = self._all_options.get(fact.owner) if fact.owner else None
        if fact.owner == self.rule.code:
            options = self.options
        return fact.of(self.document, options, reader=self.rule.code)

    def report(self, block: "Block", start: int, end: int, message: str, *, severity: str | None = None,
               fix: Fix | None | bool = None, confidence: float = 1.0, fix_safety: str | None = None) -> None:
        """Report ``block.text[start:end]``; the engine maps it to the file's line and column.

        ``fix``: edits with offsets into ``block.text`` (default: the rule's declared ``fix``;
        False: none for this finding, where the declared one would take too much).
        ``fix_safety``: this finding's declared fix is "safe" or "unsafe" although the rule's
        ``fix_safety`` says otherwise (a kind of finding whose line is its own evidence).
        ``confidence`` (0-1): 1.0 for exact rules, a model's probability for learned ones.
        Findings below the ``min-confidence`` setting are dropped here."""
        if confidence < (self.options.get(MIN_CONFIDENCE) or 0.0):
            return
        doc = self.document
        start = max(0, min(start, len(block.text)))
        end = max(start, min(end, len(block.text)))
        wanted = fix is not False and (fix is not None or self.rule.fix)
        resolved = resolve(self.rule, doc, block, start, end, fix or None, fix_safety) if wanted else None
        if resolved is not None:
            resolved = locate(doc, resolved)
        s = block.source_offset(start)
        e = block.source_end(end) if end > start else s
        line, col = doc.position(s)
        end_line, end_col = doc.position(e)
        excerpt = block.text[start:end]
        self.diagnostics.append(
            Diagnostic(
                path=doc.path,
                code=self.rule.code,
                rule=self.rule.name,
                severity=severity or self.severity,
                message=message,
                line=line,
                column=col,
                end_line=end_line,
                end_column=end_col,
                excerpt=excerpt,
                record=doc.record,
                record_id=None if doc.record is None or doc.id is None else str(doc.id),
                field=block.meta.get("field") if doc.record is not None else None,
                source=self.rule.plugin,
                context=" ".join(excerpt.lower().split())[:200],
                confidence=float(confidence),
                fix=resolved,
            )
        )
