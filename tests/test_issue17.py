"""Issue 17: the text output streams in sorted order; a one-file run imports only what it needs."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.linter import Linter

ROOT = Path(__file__).resolve().parent.parent
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


# -- start-up --------------------------------------------------------------------------------------
HEAVY = {"shutil", "tempfile", "difflib", "urllib.parse", "lzma", "bz2", "importlib.metadata", "threading",
         "hashlib"}
# An editable install's import finder (run by site) has imported some of them before newslint is:
# forget them first, so that an import by newslint shows up again.
#: modules a one-file check of a UTF-8 ``.txt`` does not need (session h); forgotten like HEAVY
NOT_ON_THE_PATH = {"newslint.charset", "newslint.fixwrite", "fnmatch", "locale", "importlib.util", "json"}
_IMPORTS = f"""
import sys
for name in {sorted(HEAVY | NOT_ON_THE_PATH)!r}:
    sys.modules.pop(name, None)
before = set(sys.modules)
from newslint.cli import main
code = main(["check", "--isolated", "a.txt"])
print(" ".join(sorted(set(sys.modules) - before)))
"""


def _modules_of_a_one_file_check(tmp_path) -> set[str]:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NEWSLINT_NO_PLUGIN_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env.pop("NEWSLINT_CACHE_DIR", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    for _ in range(2):  # the first run fills the plugin cache; the second is the one pre-commit sees
        out = subprocess.run([sys.executable, "-c", _IMPORTS], cwd=tmp_path, env=env, capture_output=True,
                             text=True, check=True).stdout
    return set(out.splitlines()[-1].split())  # the last line: the report comes first


def test_one_file_check_imports_no_heavy_standard_modules(tmp_path):
    loaded = _modules_of_a_one_file_check(tmp_path)
    assert "newslint.check" in loaded  # the run happened in this process
    assert not HEAVY & loaded, sorted(HEAVY & loaded)


def test_one_file_check_leaves_rarely_needed_modules_unloaded(tmp_path):
    loaded = _modules_of_a_one_file_check(tmp_path)
    assert "newslint.inputs" in loaded
    assert not NOT_ON_THE_PATH & loaded, sorted(NOT_ON_THE_PATH & loaded)


def test_one_file_check_leaves_opt_in_models_unloaded(tmp_path):
    loaded = _modules_of_a_one_file_check(tmp_path)
    assert "newslint_rules.filler_model" in loaded  # the rule classes are registered...
    assert not {"newslint_rules._filler_model", "newslint_rules._residue_model"} & loaded  # ...not run


def test_help_still_wraps_at_the_terminal_width(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "60")
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert any("--output-format" in line for line in lines)


def test_plugin_cache_survives_writes_in_the_working_folder(monkeypatch, tmp_path):
    """Under ``python -m`` the working folder is on sys.path; a report written there (its mtime
    changes) must not make the next run scan the installed distributions again."""
    import newslint.plugins as plugins

    scans = []
    monkeypatch.setattr(plugins, "_scan_entry_points", lambda: scans.append(1) or [])
    monkeypatch.delenv("NEWSLINT_NO_PLUGIN_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(sys, "path", ["", str(work), *sys.path])
    plugins.discovered_entry_points()
    (work / "report.sarif").write_text("{}", encoding="utf-8")
    os.utime(work, ns=(1, 1))  # whatever the file system's mtime resolution
    plugins.discovered_entry_points()
    assert len(scans) == 1
    (work / "extra-1.0.dist-info").mkdir()  # a distribution installed into the working folder
    plugins.discovered_entry_points()
    assert len(scans) == 2
    assert len(list((tmp_path / "cache" / "newslint").iterdir())) == 2


# -- bounded memory of the other formats -----------------------------------------------------------
def test_html_report_keeps_findings_once_and_writes_the_data_block_whole(monkeypatch, tmp_path):
    from newslint.formats.html import HtmlReporter

    kept = []
    finish = HtmlReporter.finish
    monkeypatch.setattr(HtmlReporter, "finish", lambda self, summary: kept.append(len(self.collected))
                        or finish(self, summary))
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE + "\nThe mayor said </script><!-- was a tag.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--isolated", "--jobs", "1", "--output-format", "html", "-o", "r.html", "."]) == 1
    assert kept == [0]  # the findings live in the page's articles, not also in ``collected``
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    block = page.split('<script type="application/json" id="newslint-data">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert list(data)[-1] == "articles" and [a.get("path", a.get("p")) for a in data["articles"]] == ["a.txt", "b.txt"]
    assert data["articles_checked"] == 2 and "<" not in block


class JsonEvents(io.StringIO):
    def __init__(self, events: list):
        super().__init__()
        self.events = events

    def write(self, text: str) -> int:
        for name in ("a.txt", "b.txt", "c.txt"):
            if f'"path": "{name}"' in text:
                self.events.append(("write", name))
        return super().write(text)


def test_json_streams_the_same_array(monkeypatch, tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    events: list = []
    lint_file = Linter.lint_file
    monkeypatch.setattr(Linter, "lint_file", lambda self, path, *a, **kw: events.append(
        ("lint", path.replace("\\", "/").rsplit("/", 1)[-1])) or lint_file(self, path, *a, **kw))
    monkeypatch.chdir(tmp_path)
    out = JsonEvents(events)
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["check", "--isolated", "--jobs", "1", "--output-format", "json", "c.txt", "a.txt", "b.txt"]) == 1
    assert events.index(("write", "a.txt")) < events.index(("lint", "b.txt"))  # a before the run ends
    assert events.index(("write", "c.txt")) > events.index(("lint", "b.txt"))  # c waits: it sorts last
    text = out.getvalue()
    findings = json.loads(text)
    assert [f["path"] for f in findings] == ["a.txt", "b.txt", "c.txt"]
    assert text == json.dumps(findings, ensure_ascii=False, indent=2) + "\n"


def test_json_of_no_findings_is_an_empty_array(monkeypatch, tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Council approves budget\n\nThe council approved it, the mayor said.\n",
                                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--isolated", "--output-format", "json", "a.txt"]) == 0
    assert capsys.readouterr().out == "[]\n"


def test_sarif_keeps_only_what_it_can_report(monkeypatch, tmp_path):
    """Findings are fingerprinted as they are released; past the results limit only the most
    severe are kept, so memory stays bounded, and the log is as it was (first ones, in order)."""
    from newslint.formats.sarif import SarifReporter

    monkeypatch.setattr(SarifReporter, "MAX_RESULTS", 2)
    held = []
    finish = SarifReporter.finish
    monkeypatch.setattr(SarifReporter, "finish", lambda self, summary: held.append(
        (len(self.held.by_path), len(self._kept))) or finish(self, summary))
    names = [f"{c}.txt" for c in "abcdefg"]
    for name in names:
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--isolated", "--jobs", "1", "--output-format", "sarif", "-o", "r.sarif", "."]) == 1
    assert held[0][0] == 0 and held[0][1] <= 4
    text = (tmp_path / "r.sarif").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"  # written in pieces
    run = json.loads(text)["runs"][0]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]]
    assert uris == ["a.txt", "b.txt"]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any(n["descriptor"]["id"] == "results-truncated" and "7 results" in n["message"]["text"] for n in notes)
    fps = [r["partialFingerprints"]["primaryLocationLineHash"] for r in run["results"]]
    assert len(set(fps)) == 2 and all(fp.endswith(":1") for fp in fps)


@pytest.mark.parametrize("fmt", ["text", "json", "gitlab", "sarif", "rdjson", "junit", "github", "json-lines"])
def test_streamed_output_is_the_output_of_holding_everything(monkeypatch, tmp_path, fmt):
    import newslint.check as check

    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "c.txt", "sub/b.txt", "sub/a.md"):
        (tmp_path / name).write_text(ARTICLE + "\nShare this article\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    given = ["c.txt", ".", "sub/b.txt"]
    outputs = []
    for streamed in (True, False):
        if not streamed:
            monkeypatch.setattr(check.SortedRelease, "after", lambda self, path, diagnostics: None)
        main(["check", "--isolated", "--jobs", "1", "--output-format", fmt, "-o", f"{streamed}.out", *given])
        outputs.append((tmp_path / f"{streamed}.out").read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert outputs[0].count("Share this article") >= 4 or fmt in ("junit",)


def test_one_file_check_builds_only_the_public_dataclasses(tmp_path):
    """Each dataclass costs about 1 ms to create at import (exec of its generated methods), more
    than a one-file run spends linting: on the default path, only the classes the plugin API
    documents as dataclasses are ones."""
    import dataclasses
    import importlib
    import inspect

    public = {"newslint.diagnostics.Diagnostic", "newslint.config.Config", "newslint.document.Document",
              "newslint.document.Block", "newslint.fixes.Edit", "newslint.fixes.Fix"}
    ours = sorted(name for name in _modules_of_a_one_file_check(tmp_path)
                  if name.split(".")[0] in ("newslint", "newslint_rules"))
    made = {f"{name}.{cls.__name__}" for name in ours
            for _, cls in inspect.getmembers(importlib.import_module(name), inspect.isclass)
            if cls.__module__ == name and dataclasses.is_dataclass(cls)}
    assert made - public == set()
    assert "newslint.diagnostics.Diagnostic" in made  # the check sees dataclasses where they are


def test_held_findings_are_not_rescanned_for_every_file(monkeypatch, tmp_path):
    """A folder's own files come before its sub-folders, but sort after them when named past
    them: those findings wait to the end, and each later file must not walk them again."""
    from newslint.diagnostics import Diagnostic

    (tmp_path / "a").mkdir()
    for i in range(30):
        (tmp_path / f"z{i:02d}.txt").write_text(ARTICLE, encoding="utf-8")
    for i in range(60):
        (tmp_path / "a" / f"{i:02d}.txt").write_text(ARTICLE, encoding="utf-8")
    calls = []
    key = Diagnostic.sort_key
    monkeypatch.setattr(Diagnostic, "sort_key", lambda self: calls.append(1) or key(self))
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["check", "--isolated", "--jobs", "1", "."]) == 1
    lines = [line.split(":")[0] for line in out.getvalue().splitlines() if ": NL" in line]
    assert lines == sorted(lines) and len(lines) == 90
    assert len(calls) < 10 * 90, len(calls)  # not 30 held findings x 60 later files


# --- the boilerplate matcher's options key without json (kept off the default import path) ---
from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newslint_rules import _boilerplate  # noqa: E402

_SCALARS = st.one_of(st.booleans(), st.integers(-3, 3), st.floats(-2, 2, allow_nan=False, width=16),
                     st.sampled_from(["", "a", "b", "1", "true", "é"]))
_TOML_SHAPED = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.tuples(inner, inner),
    st.dictionaries(st.sampled_from(["b", "a", "c", "é", "1"]), inner, max_size=3)), max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(_TOML_SHAPED, st.booleans())
def test_options_copy_is_the_json_round_trip(value, sort_keys):
    got = _boilerplate._copied(value, sort_keys)
    want = json.loads(json.dumps(value, sort_keys=sort_keys))
    assert json.dumps(got) == json.dumps(want)  # the same values in the same key order
    assert got == want


@settings(max_examples=300, deadline=None)
@given(_TOML_SHAPED, _TOML_SHAPED)
@example({"a": [1], "b": {"c": 1, "a": 2}}, {"b": {"a": 2, "c": 1}, "a": (1,)})  # order and tuples
@example({"a": 1}, {"a": 1.0})
def test_options_key_tells_apart_what_json_text_tells_apart(a, b):
    same_key = repr(_boilerplate._typed(a)) == repr(_boilerplate._typed(b))
    assert same_key == (json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True))
