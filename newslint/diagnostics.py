"""Diagnostics: what a rule found, where, and how sure it is."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from typing import Any

from . import regexcache
from .fixreport import fix_dict

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: i for i, name in enumerate(SEVERITIES)}
_LINE_REF = regexcache.cached_compile(r"\blines? \d+")


@dataclass(frozen=True)
class Diagnostic:
    """One finding. Lines and columns are 1-based; ``end_*`` point just past the span (as SARIF)."""

    path: str
    code: str
    rule: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str = ""
    record: int | None = None
    field: str | None = None
    record_id: str | None = dc_field(default=None, compare=False)  # the record's id field, for people
    source: str = ""  # the plugin that owns the rule
    context: str = dc_field(default="", compare=False)  # the normalised text, for fingerprints
    #: How sure the rule is, 0-1: 1.0 for exact rules, a model's probability for learned ones.
    confidence: float = dc_field(default=1.0, compare=False)
    fix: Any = dc_field(default=None, compare=False, repr=False)  # a fixes.Fix, or None

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def sort_key(self) -> tuple:
        return (self.path, self.record or 0, self.line, self.column, self.code, self.message)

    def fingerprint(self) -> str:
        """A content fingerprint that survives edits elsewhere in the file (baselines, SARIF)."""
        # line numbers inside messages ("first at line 3") move with edits: leave them out
        message = _LINE_REF.sub("line", self.message)
        basis = "\0".join((self.path, self.code, self.context or self.excerpt, message))
        import hashlib  # only reports and baselines need fingerprints

        return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def to_dict(self) -> dict:
        d = {
            "path": self.path,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "confidence": self.confidence,
        }
        if self.record is not None:
            d["record"] = self.record
            d["field"] = self.field
        if self.fix is not None:
            located = fix_dict(self.fix)
            if located is not None:
                d["fix"] = located
        return d
