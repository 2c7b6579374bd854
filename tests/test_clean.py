"""``newslint clean``: a corpus in, the same corpus out with its text fixed; the Ray step and fix_text."""
from __future__ import annotations

import json

import pytest

from newslint import fix_text

REC = {"id": 1, "title": "Dollar gains on Greenspan speech", "x": [1, 2],
       "body": "The dollar rose.\n\nShare this article\n\nIt rose.\n\nDollar gains on Greenspan speech"}
JUNK = {"id": 2, "title": "Markets rise on rate hopes", "body": "Share this article\n\nSkip to content\n\nRead more\n\nOk."}
PLAIN = {"id": 3, "body": "Nothing here at all."}


def corpus(tmp_path, n: int = 1):
    path = tmp_path / "c.jsonl"
    rows = []
    for i in range(n):
        rows += [json.dumps({**REC, "n": i}), "{bad", json.dumps({**JUNK, "n": i}), "", json.dumps({**PLAIN, "n": i})]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_clean_keeps_every_record_and_field(cli, tmp_path):
    path = corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    proc = cli("clean", "--isolated", str(path), "-o", str(out), "--summary")
    assert proc.returncode == 2 and "record skipped" in proc.err  # the bad record is reported...
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[1] == "{bad" and lines[3] == "" and len(lines) == 6  # ...and copied, as is every line
    first, junk, plain = json.loads(lines[0]), json.loads(lines[2]), json.loads(lines[4])
    assert first["body"] == "The dollar rose.\n\nIt rose." and first["x"] == [1, 2]
    assert list(first)[:-1] == list({**REC, "n": 0})
    assert first["newslint"] == {"codes": ["NL101", "NL301"], "lines_removed": 2, "residue_share": 0.4821,
                                 "verdict": "keep"}
    assert junk["body"] == "Ok." and junk["newslint"]["verdict"] == "drop"
    assert plain["newslint"]["codes"] == [] and plain["body"] == PLAIN["body"]
    assert path.read_text(encoding="utf-8").startswith(json.dumps({**REC, "n": 0}))  # the input is untouched


def test_clean_drop_and_jobs_give_the_same_output(cli, tmp_path, monkeypatch):
    path = corpus(tmp_path, 30)
    one = cli("clean", "--isolated", str(path), "--drop", "-j", "1")
    two = cli("clean", "--isolated", str(path), "--drop", "-j", "2")
    assert one.out == two.out
    kept = [line for line in one.out.split("\n") if line.startswith("{\"")]
    assert len(kept) == 60 and "cleaned 60 of 90 records; dropped 30" in one.err


def test_clean_refuses_to_overwrite_its_input(cli, tmp_path):
    path = corpus(tmp_path)
    proc = cli("clean", "--isolated", str(path), "-o", str(path))
    assert proc.returncode == 2 and "must differ" in proc.err


def test_fix_text_api():
    text = "Dollar gains on Greenspan speech\r\n\r\nThe dollar rose.\r\n\r\nShare this article\r\n"
    fixed, remaining = fix_text(text)
    assert fixed == "Dollar gains on Greenspan speech\n\nThe dollar rose.\n" and remaining == []


def test_ray_clean_batch_returns_the_cleaned_column():
    pa = pytest.importorskip("pyarrow")
    from newslint.integrations.ray import CleanBatch

    table = pa.table({"id": ["a", "b"], "text": [
        "Dollar gains on Greenspan speech\n\nThe dollar rose.\n\nShare this article\n", "Plain text only."]})
    out = CleanBatch(column="text", summary=True)(table)
    assert out.column_names == ["id", "text", "newslint"]
    assert out.column("text").to_pylist() == ["Dollar gains on Greenspan speech\n\nThe dollar rose.\n",
                                              "Plain text only."]
    assert out.column("newslint").to_pylist()[0]["codes"] == ["NL301"]
