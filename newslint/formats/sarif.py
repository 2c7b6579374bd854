"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers."""
from __future__ import annotations

import json

from .. import __version__
from ..escaping import json_text, uri_path
from . import Reporter, Summary, fingerprints, report_path, rule_help_uri, rule_section

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


class SarifReporter(Reporter):
    name = "sarif"
    description = "SARIF 2.1.0 (GitHub code scanning)"

    def finish(self, summary: Summary) -> None:
        diags = self.sorted()
        used = sorted({d.code for d in diags} | set(self.rules))
        index = {code: i for i, code in enumerate(used)}
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
        results = []
        for d, fp in zip(diags, fingerprints(diags)):
            region = {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column}
            results.append({
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": LEVELS[d.severity],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri_path(report_path(d.path)), "uriBaseId": "%SRCROOT%"},
                    "region": region}}],
                "partialFingerprints": {"primaryLocationLineHash": fp},
                "properties": {"confidence": d.confidence,
                               **({"record": d.record, "field": d.field} if d.record is not None else {})},
            })
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "newslint", "version": __version__, "semanticVersion": __version__,
                                    "informationUri": "https://github.com/newslint/newslint", "rules": rules}},
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder newslint ran in."}}},
                "results": results,
            }],
        }
        self.stream.write(json_text(json.dumps(log, ensure_ascii=False, indent=2)))
        self.stream.write("\n")
