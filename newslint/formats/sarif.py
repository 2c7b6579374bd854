"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers."""
from __future__ import annotations

import json

from .. import __version__
from ..escaping import json_text, uri_path
from ..fixreport import fix_dict
from . import HeldFindings, Reporter, Summary, json_item, report_path, rule_help_uri, rule_section

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _sarif_fix(d, fix: dict) -> dict:
    """A SARIF fix object: the edits as replacements of regions of the finding's file."""
    replacements = [{"deletedRegion": {"startLine": e["line"], "startColumn": e["column"], "endLine": e["end_line"],
                                       "endColumn": e["end_column"]},
                     "insertedContent": {"text": e["replacement"]}} for e in fix["edits"]]
    return {"description": {"text": f"{d.rule} ({fix['safety']} fix)"},
            "artifactChanges": [{"artifactLocation": {"uri": uri_path(report_path(d.path)), "uriBaseId": "%SRCROOT%"},
                                 "replacements": replacements}]}


class SarifReporter(Reporter):
    name = "sarif"
    description = "SARIF 2.1.0 (GitHub code scanning)"

    #: GitHub code scanning rejects a run with more results than this
    MAX_RESULTS = 25_000

    def _notifications(self, summary: Summary) -> list[dict]:
        """Input errors (files that could not be checked) as the invocation's notifications."""
        out = []
        for problem in summary.errors:
            note: dict = {"level": "error", "descriptor": {"id": "input-error"}, "message": {"text": problem}}
            path = problem.split(":", 1)[0]
            if path in self.files:
                note["locations"] = [{"physicalLocation": {"artifactLocation": {
                    "uri": uri_path(report_path(path)), "uriBaseId": "%SRCROOT%"}}}]
            out.append(note)
        return out

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        # Findings arrive here in sorted order (``release``, then ``finish``): each gets its
        # fingerprint's occurrence number then, and only the MAX_RESULTS most severe are kept.
        self.total = 0
        self.codes: set[str] = set()
        self._occurrences: dict[str, int] = {}
        self._kept: list[tuple[int, int, object, str]] = []  # (severity rank, order, finding, fingerprint)
        self.held = HeldFindings()

    def add(self, path, diagnostics, source=None):
        self.note_file(path)
        self.held.add(diagnostics)

    def _take(self, diags) -> None:
        rank = {"error": 0, "warning": 1, "info": 2}
        for d in diags:
            fp = d.fingerprint()
            self._occurrences[fp] = n = self._occurrences.get(fp, 0) + 1
            self.codes.add(d.code)
            self._kept.append((rank[d.severity], self.total, d, f"{fp[:16]}:{n}"))
            self.total += 1
        if len(self._kept) > 2 * self.MAX_RESULTS:  # prune now and then, not on every finding
            self._kept = sorted(self._kept, key=lambda k: k[:2])[:self.MAX_RESULTS]

    def release(self, before: tuple) -> None:
        self._take(self.held.release(before))

    def _guard(self, notifications: list[dict]) -> tuple[list, list[str]]:
        """At most MAX_RESULTS results, the most severe kept in report order, with a notification."""
        kept = sorted(sorted(self._kept, key=lambda k: k[:2])[:self.MAX_RESULTS], key=lambda k: k[1])
        if self.total > self.MAX_RESULTS:
            notifications.append({"level": "warning", "descriptor": {"id": "results-truncated"}, "message": {"text": (
                f"{self.total:,} results, over GitHub code scanning's limit of {self.MAX_RESULTS:,} per run: only the "
                f"{self.MAX_RESULTS:,} most severe are in this log; use --output-format json for all of them")}})
        return [k[2] for k in kept], [k[3] for k in kept]

    def _rules(self, used: list[str]) -> list[dict]:
        rules = []
        for code in used:
            rule = self.rules.get(code)
            if rule is None:
                rules.append({"id": code, "shortDescription": {"text": code}, "fullDescription": {"text": code},
                              "help": {"text": code}})
                continue
            doc = rule.doc() or rule.summary()
            rules.append({
                "id": code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary()[:1024]},
                "fullDescription": {"text": rule_section(rule, "What it does")[:1024]},
                "help": {"text": doc, "markdown": doc},
                "helpUri": rule_help_uri(rule),
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
                "properties": {"tags": ["news", rule.family()], "precision": "high" if rule.severity == "error" else "medium",
                               "problem.severity": {"error": "error", "warning": "warning", "info": "recommendation"}[rule.severity]},
            })
        return rules

    def finish(self, summary: Summary) -> None:
        self._take(self.held.rest())
        used = sorted(self.codes | set(self.rules))
        index = {code: i for i, code in enumerate(used)}
        rules = self._rules(used)
        notifications = self._notifications(summary)
        diags, fps = self._guard(notifications)

        def result(d, fp) -> dict:
            region = {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column}
            fix = fix_dict(d.fix) if d.fix is not None else None
            return {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": LEVELS[d.severity],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri_path(report_path(d.path)), "uriBaseId": "%SRCROOT%"},
                    "region": region}}],
                "partialFingerprints": {"primaryLocationLineHash": fp},
                **({"fixes": [_sarif_fix(d, fix)]} if fix else {}),
                "properties": {"confidence": d.confidence,
                               **({"record": d.record, "field": d.field} if d.record is not None else {}),
                               **({"fixSafety": fix["safety"]} if fix else {})},
            }

        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "newslint", "version": __version__, "semanticVersion": __version__,
                                    "informationUri": "https://github.com/newslint/newslint", "rules": rules}},
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The project root (where the config is)."}}},
                "columnKind": "unicodeCodePoints",  # columns count code points; SARIF's default is UTF-16 units
                "invocations": [{"executionSuccessful": not summary.errors, "toolExecutionNotifications": notifications}],
                "results": [],
            }],
        }
        # The log with its results written one at a time at their place (the last key of the
        # run): the same text as json.dumps of the whole log, whose serialisation of 25,000
        # results took ten times the report's size in memory.
        text = json_text(json.dumps(log, ensure_ascii=False, indent=2))
        at = text.rindex('"results": []') + len('"results": ')
        write = self.stream.write
        write(text[:at])
        for i, (d, fp) in enumerate(zip(diags, fps)):
            write(json_item(result(d, fp), i == 0, " " * 8))
        write(("\n      ]" if diags else "[]") + text[at + 2:] + "\n")
