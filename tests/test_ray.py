"""The Ray Data example lints a JSON Lines corpus on a local Ray cluster (num_cpus=2), and its
findings equal the CLI's on the same file."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

pytest.importorskip("ray", reason="Ray is installed by the test extras")
pq = pytest.importorskip("pyarrow.parquet")

KEYS = ("record", "code", "rule", "severity", "message", "line", "column", "end_line", "end_column")


def test_ray_example_equals_cli(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    seed = (FIXTURES / "samples" / "seed_article.txt").read_text(encoding="utf-8")
    lines = (FIXTURES / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    for i in range(30):
        lines.append(json.dumps({"id": f"x{i}", "title": f"Extra headline number {i}", "body": seed[: 200 + 90 * i]},
                                ensure_ascii=i % 2 == 0))
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "findings.parquet"
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "ray_corpus.py"), str(corpus), str(out),
                           "--num-cpus", "2"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    ray_rows = sorted(tuple(r[k] for k in KEYS) for r in pq.read_table(out).to_pylist())

    cli = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--output-format", "json",
                          str(corpus)], capture_output=True, text=True)
    cli_rows = sorted(tuple(d[k] for k in KEYS) for d in json.loads(cli.stdout))
    assert cli_rows and ray_rows == cli_rows
    ids = {r["id"] for r in pq.read_table(out).to_pylist()}
    assert "seed-1" in ids


def test_batch_class_directly():
    import pyarrow as pa

    from newslint.integrations.ray import NewslintBatch

    batch = pa.table({"line": [7], "raw": ['{"id": "a", "title": "Budget talks resume", "body": "Read also:"}']})
    rows = NewslintBatch()(batch).to_pylist()
    assert [(r["code"], r["line"], r["record"], r["id"]) for r in rows] == [("NL301", 7, 7, "a")]
    fields = pa.table({"title": ["Budget talks resume"], "body": ["Skip to content\n\nMinisters met."], "line": [3]})
    assert [r["code"] for r in NewslintBatch()(fields).to_pylist()] == ["NL301"]


def test_typed_columns_and_error_rows():
    """Issue 15 item 10: a timestamp column (every news table has one) does not crash, and a malformed
    record becomes an error row (null code), as the CLI reports it, instead of vanishing."""
    import datetime

    import pyarrow as pa

    from newslint.integrations.ray import NewslintBatch

    when = datetime.datetime(2024, 3, 1, 9, 30, tzinfo=datetime.timezone.utc)
    typed = pa.table({"id": pa.array([7], pa.int64()), "title": ["Budget talks resume"],
                      "body": ["Skip to content\n\nMinisters met."], "published": pa.array([when], pa.timestamp("us", "UTC")),
                      "day": pa.array([when.date()], pa.date32()), "line": [3]})
    rows = NewslintBatch()(typed).to_pylist()
    assert [(r["code"], r["id"]) for r in rows] == [("NL301", "7")]
    assert [r["code"] for r in NewslintBatch()(typed.to_pandas()).to_pylist()] == ["NL301"]

    batch = pa.table({"line": [1, 2], "raw": ['{"id": "a", "title": "Budget talks resume", "body": "Read also:"}',
                                              '{"id": "b", "title": "Broken']})
    rows = NewslintBatch()(batch).to_pylist()
    assert [(r["code"], r["line"]) for r in rows] == [("NL301", 1), (None, 2)]
    assert rows[1]["severity"] == "error" and rows[1]["message"]


def test_invalid_utf8_line_is_an_error_row():
    from newslint.integrations.ray import NewslintBatch, _split_file

    rows = _split_file({"path": "c.jsonl", "bytes": b'{"id": "a", "title": "T", "body": "Read also:"}\n{"id": "\xff"}\n'})
    assert [r["error"] is None for r in rows] == [True, False]
    import pyarrow as pa

    found = NewslintBatch()(pa.Table.from_pylist(rows)).to_pylist()
    assert [(r["code"], r["line"], r["severity"]) for r in found] == [("NL301", 1, "warning"), (None, 2, "error")]
    assert "UTF-8" in found[1]["message"]
