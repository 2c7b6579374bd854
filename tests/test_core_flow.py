"""The core flow's contracts: fail-on per finding, shared analyses with configured options,
problems as values."""
from __future__ import annotations

import json

from newslint.config import Config
from newslint.inputs import STREAM_JSONL_BYTES
from newslint.linter import Linter
from newslint.problems import Problem

CLEAN_BODY = ("The council approved the new budget on Tuesday after a long debate, officials said. "
              "Spending on schools will rise by 4% next year, the finance director told reporters.\n\n")


def test_fail_on_counts_an_error_in_a_later_chunk_of_a_streamed_jsonl(tmp_path, cli):
    # The first chunk holds a warning only; the error (a repeated title) sits far past the
    # first chunk of the streamed file. With --fail-on error the run must still fail.
    path = tmp_path / "corpus.jsonl"
    records = [json.dumps({"id": "w", "title": "Council approves budget for the coming year",
                           "body": CLEAN_BODY + "Share this article"})]
    size = len(records[0])
    i = 0
    while size <= STREAM_JSONL_BYTES + 100_000:
        line = json.dumps({"id": f"c{i}", "title": f"Council approves budget number {i} today",
                           "body": CLEAN_BODY * 3})
        records.append(line)
        size += len(line) + 1
        i += 1
    title = "Minister resigns after a week of protests in the capital"
    records.append(json.dumps({"id": "e", "title": title, "body": CLEAN_BODY + title}))
    path.write_text("\n".join(records) + "\n", encoding="utf-8")

    proc = cli("check", "--isolated", "--fail-on", "error", "--output-format", "json-lines", str(path))
    codes = {json.loads(line)["code"] for line in proc.out.splitlines()}
    assert "NL301" in codes and "NL101" in codes, proc.out[:500]
    assert proc.returncode == 1, proc.err


def test_a_phrase_added_to_nl301_is_reported_once():
    # NL302 skips lines NL301 reports; it must see NL301's *configured* phrases, not the defaults.
    text = ("Council approves budget for the coming year\n\n" + CLEAN_BODY + "Quick navigation\n")
    default = {d.code for d in Linter(Config()).lint_text("a.txt", text).diagnostics if d.line == 5}
    assert default == {"NL302"}
    config = Config(rules={"NL301": {"extend-phrases": {"navigation": ["quick navigation"]}}})
    extended = [d.code for d in Linter(config).lint_text("a.txt", text).diagnostics if d.line == 5]
    assert extended == ["NL301"]


def test_problems_are_values_with_path_and_line(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text('{"title": "A headline about the council", "body": "Text."}\n{broken\n', encoding="utf-8")
    result = Linter(Config()).lint_file(str(path))
    [problem] = result.errors
    assert isinstance(problem, Problem)
    assert (problem.path, problem.line) == (str(path), 2)
    assert str(problem).startswith(f"{path}:2: invalid JSON")
    assert problem.shifted(10).line == 11
