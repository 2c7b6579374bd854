"""Corpus scale: large JSON Lines files stream in chunks with the same findings as a whole-file
parse, whatever --jobs is."""
from __future__ import annotations

import json
import subprocess
import sys

from newslint.config import Config
from newslint.inputs import STREAM_JSONL_BYTES
from newslint.linter import Linter

from conftest import FIXTURES


def test_streamed_jsonl_equals_whole_file(tmp_path):
    seed = (FIXTURES / "samples" / "seed_article.txt").read_text(encoding="utf-8")
    clean = (FIXTURES / "samples" / "clean_bbc_article.txt").read_text(encoding="utf-8")
    path = tmp_path / "corpus.jsonl"
    lines, size, i = [], 0, 0
    while size <= STREAM_JSONL_BYTES + 200_000:
        body = seed if i % 3 == 0 else clean
        line = json.dumps({"id": f"r{i}", "title": f"Headline number {i} of the corpus", "body": body},
                          ensure_ascii=i % 2 == 0)
        if i == 500:
            line = "{broken record"
        lines.append(line)
        size += len(line) + 1
        i += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    whole = Linter(Config()).lint_source(str(path), path.read_text(encoding="utf-8"))
    expected = [d.to_dict() for d in whole.diagnostics]
    assert list(map(str, whole.errors)) == [f"{path}:501: invalid JSON (Expecting property name enclosed in double quotes); record skipped"]
    for jobs in ("1", "2"):
        proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--jobs", jobs,
                               "--output-format", "json-lines", str(path)], capture_output=True, text=True)
        assert proc.returncode == 2
        assert f"{path}:501: invalid JSON" in proc.stderr
        got = [json.loads(l) for l in proc.stdout.splitlines()]
        assert got == expected


def test_records_of_one_file_share_one_line_index(monkeypatch):
    # Each record of a JSON Lines file is a Document over the whole file's text; indexing the
    # file's lines once per record made parsing quadratic in the number of records.
    import newslint.document as document_module
    import newslint.parsers.jsonfmt as jsonfmt

    calls = []
    real = document_module.line_starts
    counted = lambda source: calls.append(1) or real(source)  # noqa: E731
    monkeypatch.setattr(document_module, "line_starts", counted)
    monkeypatch.setattr(jsonfmt, "line_starts", counted)
    record = {"title": "Minister resigns over \"leak\"", "body": "First paragraph.\n\nSecond \u2019 paragraph."}
    source = "".join(json.dumps(dict(record, id=i)) + "\n" for i in range(200))
    result = Linter(Config()).lint_source("corpus.jsonl", source)
    assert not result.errors
    assert len(calls) == 1


def test_escapes_map_to_the_right_columns_in_a_long_record():
    # many escaped characters in one body: every finding still points at its exact source span
    body = "\n\n".join(f"Paragraph {i} says \u201cquoted\u201d words \\ and more." for i in range(300))
    body += "\n\nSkip to content"
    line = json.dumps({"title": "A headline about escapes", "body": body})
    (diag,) = [d for d in Linter(Config()).lint_source("a.jsonl", line + "\n").diagnostics if d.code == "NL301"]
    assert line[diag.column - 1:diag.end_column - 1] == "Skip to content"
