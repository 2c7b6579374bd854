"""GitLab Code Quality report (a Code Climate subset): a JSON array of issues."""
from __future__ import annotations

import json

from ..escaping import json_text
from . import Reporter, Summary, fingerprints, report_path

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


class GitlabReporter(Reporter):
    name = "gitlab"
    description = "GitLab Code Quality JSON"

    def finish(self, summary: Summary) -> None:
        diags = self.sorted()
        issues = []
        for d, fp in zip(diags, fingerprints(diags)):
            issues.append({
                "type": "issue",
                "check_name": d.code,
                "description": f"{d.code} {d.message}",
                "categories": ["Style"],
                "severity": SEVERITIES[d.severity],
                "fingerprint": fp.replace(":", "-"),
                "location": {"path": report_path(d.path), "lines": {"begin": d.line, "end": d.end_line}},
            })
        self.stream.write(json_text(json.dumps(issues, ensure_ascii=False, indent=2)))
        self.stream.write("\n")
