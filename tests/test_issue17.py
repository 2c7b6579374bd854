"""Issue 17: the text output streams in sorted order; a one-file run imports only what it needs."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from newslint.cli import main
from newslint.linter import Linter

ARTICLE = "Council approves budget\n\nThe council approved the budget, the mayor said.\n\nShare this article\n"


class Events(io.StringIO):
    """stdout that notes each finding line written among the linter's events."""

    def __init__(self, events: list):
        super().__init__()
        self.events = events

    def write(self, text: str) -> int:
        if ": NL" in text:
            self.events.append(("write", text.split(":", 1)[0]))
        return super().write(text)


def _run(monkeypatch, tmp_path, names: list[str], given: list[str]) -> tuple[list, str]:
    for name in names:
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    events: list = []
    lint_file = Linter.lint_file

    def noted(self, path, *args, **kw):
        events.append(("lint", path.replace("\\", "/").rsplit("/", 1)[-1]))
        return lint_file(self, path, *args, **kw)

    monkeypatch.setattr(Linter, "lint_file", noted)
    monkeypatch.chdir(tmp_path)
    out = Events(events)
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["check", "--isolated", "--jobs", "1", *given]) == 1
    return events, out.getvalue()


def test_text_writes_a_file_before_the_run_ends(monkeypatch, tmp_path):
    events, text = _run(monkeypatch, tmp_path, ["a.txt", "b.txt", "c.txt"], ["."])
    assert events.index(("write", "a.txt")) < events.index(("lint", "c.txt"))
    assert events.index(("write", "b.txt")) < events.index(("lint", "c.txt"))
    assert [line.split(":")[0] for line in text.splitlines()[:3]] == ["a.txt", "b.txt", "c.txt"]


def test_text_holds_findings_a_later_file_sorts_before(monkeypatch, tmp_path):
    """Given as c, a, b: c's finding must wait for a's and b's, the output stays sorted."""
    events, text = _run(monkeypatch, tmp_path, ["a.txt", "b.txt", "c.txt"], ["c.txt", "a.txt", "b.txt"])
    assert events.index(("write", "c.txt")) > events.index(("lint", "b.txt"))
    assert events.index(("write", "a.txt")) < events.index(("lint", "b.txt"))
    assert [line.split(":")[0] for line in text.splitlines()[:3]] == ["a.txt", "b.txt", "c.txt"]
    assert text.splitlines()[3] == "Found 3 findings (3 warnings) in 3 files of 3 checked."


def test_text_streams_json_lines_chunks(monkeypatch, tmp_path):
    """A large JSON Lines file arrives in chunks of increasing records: each is written as it comes."""
    import newslint.inputs as inputs

    monkeypatch.setattr(inputs, "STREAM_JSONL_BYTES", 0)
    monkeypatch.setattr(inputs, "CHUNK_BYTES", 200)
    record = {"title": "Council approves budget", "body": "The council approved it, the mayor said.\n\nShare this article"}
    (tmp_path / "big.jsonl").write_text("".join(json.dumps(record) + "\n" for _ in range(20)), encoding="utf-8")
    events: list = []
    chunk = Linter.lint_chunk

    def noted(self, path, first_line, data):
        events.append(("chunk", first_line))
        return chunk(self, path, first_line, data)

    monkeypatch.setattr(Linter, "lint_chunk", noted)
    monkeypatch.chdir(tmp_path)
    out = Events(events)
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["check", "--isolated", "--jobs", "1", "big.jsonl"]) == 1
    chunks = [i for i, e in enumerate(events) if e[0] == "chunk"]
    assert len(chunks) > 2
    assert any(e[0] == "write" for e in events[:chunks[-1]])  # written before the last chunk was read
    records = [int(line.split("(record ")[1].split(",")[0].split(")")[0])
               for line in out.getvalue().splitlines() if "(record " in line]
    assert records == sorted(records) and len(records) >= 20
