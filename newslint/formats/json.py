"""The JSON contract: one array of findings sorted by (path, line, column, code).

Each object has ``path``, ``code``, ``rule``, ``severity``, ``message``, ``line``, ``column``,
``end_line``, ``end_column`` (1-based; ends just past the span; columns in code points), and for
JSON and JSONL inputs ``record`` (1-based) and ``field`` (a JSON pointer), and for a fixable
finding ``fix`` (``{"safety", "edits": [{line, column, end_line, end_column, replacement}]}``).
It is stable: fields are only ever added.
"""
from __future__ import annotations

from . import SortedArrayReporter


class JsonReporter(SortedArrayReporter):
    """Written as the run releases findings in sorted order: the same text as
    ``json.dumps(findings, indent=2)``, without holding every finding."""

    name = "json"
    description = "a JSON array of findings (the stable machine contract)"

    def item(self, d) -> dict:
        return d.to_dict()
