"""The JSON contract: one array of findings sorted by (path, line, column, code).

Each object has ``path``, ``code``, ``rule``, ``severity``, ``message``, ``line``, ``column``,
``end_line``, ``end_column`` (1-based; ends just past the span; columns in code points), and for
JSON and JSONL inputs ``record`` (1-based) and ``field`` (a JSON pointer), and for a fixable
finding ``fix`` (``{"safety", "edits": [{line, column, end_line, end_column, replacement}]}``).
It is stable: fields are only ever added.
"""
from __future__ import annotations

import json

from ..escaping import json_text
from . import Reporter, Summary


class JsonReporter(Reporter):
    name = "json"
    description = "a JSON array of findings (the stable machine contract)"

    def finish(self, summary: Summary) -> None:
        self.stream.write(json_text(json.dumps([d.to_dict() for d in self.sorted()], ensure_ascii=False, indent=2)))
        self.stream.write("\n")
