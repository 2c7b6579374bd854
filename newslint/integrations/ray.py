"""Ray Data integration: lint article corpora on a Ray cluster (``pip install 'newslint[ray]'``).

    import ray
    from newslint.integrations.ray import NewslintBatch, jsonl_lines

    ds = jsonl_lines(ray.data.read_binary_files("s3://bucket/articles/", include_paths=True))
    findings = ds.map_batches(NewslintBatch, concurrency=8, batch_size=256, batch_format="pyarrow")
    findings.write_parquet("s3://bucket/newslint-findings/")

``NewslintBatch`` is a callable class, so Ray runs it as a stateful actor: the rules are compiled
once per worker, not once per batch. It turns article rows into finding rows with the columns
``path, id, record, code, rule, severity, message, line, column, end_line, end_column``. Rows made
by :func:`jsonl_lines` carry the raw JSON line and its physical line number, so positions are
exactly those the CLI reports for the same file.
"""
from __future__ import annotations

import json
from typing import Any

FINDING_COLUMNS = ("path", "id", "record", "code", "rule", "severity", "message", "line", "column",
                   "end_line", "end_column", "confidence")


def _split_file(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per non-blank line of a JSON Lines file read by ``read_binary_files``."""
    data: bytes = row["bytes"]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    path = row.get("path", "corpus.jsonl")
    out = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        if raw.strip():
            out.append({"path": path, "line": number, "raw": raw.decode("utf-8", "replace")})
    return out


def jsonl_lines(dataset):
    """Turn a ``ray.data.read_binary_files(..., include_paths=True)`` dataset of JSON Lines files
    into rows ``{path, line, raw}``: the input :class:`NewslintBatch` lints exactly like the CLI."""
    return dataset.flat_map(_split_file)


class NewslintBatch:
    """A callable class for ``Dataset.map_batches``: article rows in, finding rows out.

    Input columns: either ``raw`` (a JSON Lines record as written, with ``line`` its physical line
    and optional ``path``), or the article fields themselves (``title``/``body``... as configured,
    optional ``id``, ``line``, ``path``). ``config`` is a :class:`newslint.Config`, a path to a
    config file, or ``None`` for the defaults.
    """

    def __init__(self, config: Any = None):
        from newslint.config import Config
        from newslint.api import resolve_config
        from newslint.linter import Linter

        self.linter = Linter(config if isinstance(config, Config) else resolve_config(config) if config else Config())

    def _lint_row(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        path = str(row.get("path") or "corpus.jsonl")
        line = int(row.get("line") or 1)
        raw = row.get("raw")
        if raw is None:
            record = {k: v for k, v in row.items() if k not in ("path", "line") and v is not None}
            raw = json.dumps(record, ensure_ascii=False)
        result = self.linter.lint_chunk(path, line, str(raw).encode("utf-8"))
        record_id = row.get("id")
        if record_id is None:
            try:
                parsed = json.loads(raw)
                record_id = next((parsed[k] for k in self.linter.config.id_fields if k in parsed), None)
            except (ValueError, TypeError):
                record_id = None
        rows = []
        for d in result.diagnostics:
            rows.append({"path": path, "id": None if record_id is None else str(record_id), "record": d.record,
                         "code": d.code, "rule": d.rule, "severity": d.severity, "message": d.message,
                         "line": d.line, "column": d.column, "end_line": d.end_line, "end_column": d.end_column,
                         "confidence": d.confidence})
        return rows

    @staticmethod
    def schema():
        import pyarrow as pa

        return pa.schema([("path", pa.string()), ("id", pa.string()), ("record", pa.int64()),
                          ("code", pa.string()), ("rule", pa.string()), ("severity", pa.string()),
                          ("message", pa.string()), ("line", pa.int64()), ("column", pa.int64()),
                          ("end_line", pa.int64()), ("end_column", pa.int64()), ("confidence", pa.float64())])

    @classmethod
    def empty(cls):
        return cls.schema().empty_table()

    def __call__(self, batch):
        import pyarrow as pa

        if isinstance(batch, pa.Table):
            rows = batch.to_pylist()
        elif hasattr(batch, "to_dict") and hasattr(batch, "columns"):  # pandas
            rows = batch.to_dict("records")
        else:  # dict of numpy arrays
            keys = list(batch)
            rows = [dict(zip(keys, values)) for values in zip(*(list(batch[k]) for k in keys))]
        findings = [f for row in rows for f in self._lint_row(row)]
        return pa.Table.from_pylist(findings, schema=self.schema())
