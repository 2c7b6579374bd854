"""GitLab Code Quality report (a Code Climate subset): a JSON array of issues."""
from __future__ import annotations

from . import SortedArrayReporter, report_path

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


class GitlabReporter(SortedArrayReporter):
    name = "gitlab"
    description = "GitLab Code Quality JSON"

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.occurrences: dict[str, int] = {}  # as ``fingerprints``: content hash, then its occurrence

    def item(self, d) -> dict:
        fp = d.fingerprint()
        self.occurrences[fp] = n = self.occurrences.get(fp, 0) + 1
        return {
            "type": "issue",
            "check_name": d.code,
            "description": f"{d.code} {d.message}",
            "categories": ["Style"],
            "severity": SEVERITIES[d.severity],
            "fingerprint": f"{fp[:16]}-{n}",
            "location": {"path": report_path(d.path), "lines": {"begin": d.line, "end": d.end_line}},
        }
