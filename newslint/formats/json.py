"""The JSON contract: one array of findings sorted by (path, line, column, code).

Each object has ``path``, ``code``, ``rule``, ``severity``, ``message``, ``line``, ``column``,
``end_line``, ``end_column`` (1-based; ends just past the span; columns in code points), and for
JSON and JSONL inputs ``record`` (1-based) and ``field`` (a JSON pointer). It is stable: fields
are only ever added.
"""
from __future__ import annotations

import json

from ..escaping import json_text
from . import Reporter, Summary


class JsonReporter(Reporter):
    """Writes the array as the run releases findings in sorted order (``Reporter.release``), the
    same text ``json.dumps(findings, indent=2)`` gives, without holding every finding."""

    name = "json"
    description = "a JSON array of findings (the stable machine contract)"

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.written = 0

    def _write(self, diagnostics) -> None:
        for d in diagnostics:
            item = json.dumps(d.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
            self.stream.write(json_text(("[\n  " if not self.written else ",\n  ") + item))
            self.written += 1

    def release(self, before: tuple) -> None:
        ready = [d for d in self.collected if d.sort_key() < before]
        if ready:
            self.collected = [d for d in self.collected if not d.sort_key() < before]
            self._write(sorted(ready, key=lambda d: d.sort_key()))

    def finish(self, summary: Summary) -> None:
        self._write(self.sorted())
        self.collected = []
        self.stream.write("\n]\n" if self.written else "[]\n")
