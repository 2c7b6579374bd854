"""JSON Lines: one finding object per line, written as each file finishes (streaming)."""
from __future__ import annotations

import json

from ..escaping import json_text
from . import Reporter, Summary


class JsonLinesReporter(Reporter):
    name = "json-lines"
    description = "one JSON object per finding per line, streamed as files finish"

    def add(self, path, diagnostics, source=None):
        write = self.stream.write
        for d in diagnostics:
            write(json_text(json.dumps(d.to_dict(), ensure_ascii=False)) + "\n")

    def finish(self, summary: Summary) -> None:
        self.stream.flush()
