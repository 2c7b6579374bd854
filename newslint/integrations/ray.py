"""Ray Data integration: lint article corpora on a Ray cluster (the ``ray`` extra: ``pip install '.[ray]'`` from a clone).

    import ray
    from newslint.integrations.ray import NewslintBatch, jsonl_lines

    ds = jsonl_lines(ray.data.read_binary_files("s3://bucket/articles/", include_paths=True))
    findings = ds.map_batches(NewslintBatch, concurrency=8, batch_size=256, batch_format="pyarrow")
    findings.write_parquet("s3://bucket/newslint-findings/")

Template lines (NL305) take two stages: ``table = corpus_counts(ds, config)`` counts line
fingerprints over the whole dataset, then ``ds.map_batches(NewslintBatch, fn_constructor_kwargs=
{"config": config, "fingerprints": table}, ...)`` lints with them. ``CleanBatch`` returns the
batch with its text column fixed.

``NewslintBatch`` is a callable class, so Ray runs it as a stateful actor: the rules are compiled
once per worker, not once per batch. It turns article rows into finding rows with the columns
``path, id, record, code, rule, severity, message, line, column, end_line, end_column``. Rows made
by :func:`jsonl_lines` carry the raw JSON line and its physical line number, so positions are
exactly those the CLI reports for the same file. A record the CLI reports as an input error (not
valid JSON, not an object) becomes a row with a null ``code`` and the error as ``message``.
Article rows may have typed columns (timestamps, dates, NumPy numbers): they are written as JSON
values (ISO 8601 for timestamps) before linting.
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
            try:
                out.append({"path": path, "line": number, "raw": raw.decode("utf-8"), "error": None})
            except UnicodeDecodeError as exc:  # reported as an error row, as the CLI reports the file
                out.append({"path": path, "line": number, "raw": None,
                            "error": f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start} of the line)"})
    return out


def jsonl_lines(dataset):
    """Turn a ``ray.data.read_binary_files(..., include_paths=True)`` dataset of JSON Lines files
    into rows ``{path, line, raw}``: the input :class:`NewslintBatch` lints exactly like the CLI."""
    return dataset.flat_map(_split_file)


def _plain(value: Any) -> Any:
    """A JSON value for a typed column: timestamps and dates as ISO 8601, NumPy scalars as numbers."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # NumPy and pandas scalars
        return value.item()
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace")
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


def _error_row(path: str, record_id: Any, problem: Any) -> dict[str, Any]:
    """An input error (a malformed record) as a row: ``code`` is null, ``message`` says what is wrong."""
    line = getattr(problem, "line", None)
    return {"path": path, "id": None if record_id is None else str(record_id), "record": None, "code": None,
            "rule": None, "severity": "error", "message": getattr(problem, "message", str(problem)),
            "line": line, "column": None, "end_line": line, "end_column": None}


def _linter(config: Any):
    from newslint.api import resolve_config
    from newslint.config import Config
    from newslint.linter import Linter

    return Linter(config if isinstance(config, Config) else resolve_config(config) if config else Config())


def _to_rows(batch) -> list[dict[str, Any]]:
    import pyarrow as pa

    if isinstance(batch, pa.Table):
        return batch.to_pylist()
    if hasattr(batch, "to_dict") and hasattr(batch, "columns"):  # pandas
        return batch.to_dict("records")
    keys = list(batch)  # dict of numpy arrays
    return [dict(zip(keys, values)) for values in zip(*(list(batch[k]) for k in keys))]


def _raw_of(row: dict[str, Any]) -> tuple[str, int, str]:
    """``(path, line, raw JSON record)`` of an article row."""
    raw = row.get("raw")
    if raw is None:
        record = {k: v for k, v in row.items() if k not in ("path", "line", "error") and v is not None}
        raw = json.dumps(record, ensure_ascii=False, default=_plain)
    return str(row.get("path") or "corpus.jsonl"), int(row.get("line") or 1), str(raw)


class FingerprintBatch:
    """Stage one of NL305 (template lines) on Ray: article rows in, ``(key, documents)`` rows out.

    Enable NL305 in ``config`` (``extend-select``); :func:`corpus_counts` runs this stage and sums
    per key, and ``NewslintBatch(config, fingerprints=table)`` is stage two.
    """

    def __init__(self, config: Any = None):
        self.linter = _linter(config)

    def __call__(self, batch):
        import pyarrow as pa

        from newslint.fingerprints import FingerprintTable

        table = FingerprintTable()
        for row in _to_rows(batch):
            path, _, raw = _raw_of(row)
            table.merge(self.linter.count_source(path, raw))
        keys = [k - (1 << 64) if k >= 1 << 63 else k for k in table.counts]  # int64 columns
        return pa.table({"key": pa.array(keys, pa.int64()),
                         "documents": pa.array(list(table.counts.values()), pa.int64())})


def corpus_counts(dataset, config: Any = None, **map_kw):
    """Stage one, whole: count line fingerprints over ``dataset`` and sum them per key."""
    from newslint.fingerprints import FingerprintTable

    counted = dataset.map_batches(FingerprintBatch, fn_constructor_kwargs={"config": config},
                                  batch_format="pyarrow", **map_kw)
    table = FingerprintTable(documents=dataset.count())
    for row in counted.groupby("key").sum("documents").iter_rows():
        table.counts[row["key"] % (1 << 64)] = int(row["sum(documents)"])
    return table


class NewslintBatch:
    """A callable class for ``Dataset.map_batches``: article rows in, finding rows out.

    Input columns: either ``raw`` (a JSON Lines record as written, with ``line`` its physical line
    and optional ``path``), or the article fields themselves (``title``/``body``... as configured,
    optional ``id``, ``line``, ``path``). ``config`` is a :class:`newslint.Config`, a path to a
    config file, or ``None`` for the defaults.
    """

    def __init__(self, config: Any = None, fingerprints: Any = None):
        self.linter = _linter(config)
        if fingerprints is not None:  # NL305: the counts of stage one (corpus_counts) or a file
            from newslint.fingerprints import FingerprintTable

            self.linter.corpus = (fingerprints if isinstance(fingerprints, FingerprintTable)
                                  else FingerprintTable.read(str(fingerprints)))

    def _lint_row(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        if row.get("error"):  # a line jsonl_lines could not decode
            from newslint.problems import Problem

            line = int(row.get("line") or 1)
            return [_error_row(str(row.get("path") or "corpus.jsonl"), None, Problem("", str(row["error"]), line))]
        path, line, raw = _raw_of(row)
        result = self.linter.lint_chunk(path, line, str(raw).encode("utf-8"))
        record_id = row.get("id")
        if record_id is None:
            try:
                parsed = json.loads(raw)
                record_id = next((parsed[k] for k in self.linter.config.id_fields if k in parsed), None)
            except (ValueError, TypeError):
                record_id = None
        # a record the CLI reports as an input error is a row too, never silently dropped
        rows = [_error_row(path, record_id, problem) for problem in result.errors + result.crashes]
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

        findings = [f for row in _to_rows(batch) for f in self._lint_row(row)]
        return pa.Table.from_pylist(findings, schema=self.schema())


class CleanBatch:
    """A callable class for ``Dataset.map_batches`` that returns the batch with ``column`` cleaned.

        cleaned = ds.map_batches(CleanBatch, fn_constructor_kwargs={"column": "text"},
                                 concurrency=8, batch_size=256, batch_format="pyarrow")

    Each row's ``column`` is fixed as a plain-text article (safe fixes; ``unsafe=True`` adds the
    unsafe ones); every other column is returned as it was. ``summary=True`` adds a ``newslint``
    column with the codes found, the lines removed and the share of the text removed.
    """

    def __init__(self, column: str = "text", unsafe: bool = False, config: Any = None, summary: bool = False):
        from newslint.api import resolve_config
        from newslint.config import Config
        from newslint.fixes import FixPolicy
        from newslint.linter import Linter

        cfg = config if isinstance(config, Config) else resolve_config(config) if config else Config()
        self.linter = Linter(cfg, fix=FixPolicy(unsafe=unsafe))
        self.column = column
        self.summary = summary

    def clean(self, text: Any) -> tuple[Any, dict[str, Any]]:
        if not isinstance(text, str):
            return text, {"codes": [], "lines_removed": 0, "residue_share": 0.0}
        result = self.linter.lint_text("article.txt", text)
        outcome = result.fixed
        fixed = outcome.fixed if outcome is not None and outcome.fixed is not None else text
        removed = sum(1 for x in text.split("\n") if x.strip()) - sum(1 for x in fixed.split("\n") if x.strip())
        share = 1 - len(fixed) / len(text) if text else 0.0
        codes = sorted({d.code for d in (outcome.found if outcome is not None else result.diagnostics)})
        return fixed, {"codes": codes, "lines_removed": max(0, removed), "residue_share": round(max(0.0, share), 4)}

    def __call__(self, batch):
        import pyarrow as pa

        table = batch if isinstance(batch, pa.Table) else pa.Table.from_pandas(batch) \
            if hasattr(batch, "to_dict") and hasattr(batch, "columns") else pa.table(dict(batch))
        cleaned = [self.clean(v) for v in table.column(self.column).to_pylist()]
        index = table.column_names.index(self.column)
        table = table.set_column(index, self.column, pa.array([c[0] for c in cleaned], type=pa.string()))
        if self.summary:
            table = table.append_column("newslint", pa.array([c[1] for c in cleaned]))
        return table
