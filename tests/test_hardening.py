"""Issue 18: no output path, special file, file name, plugin or signal makes newslint overwrite a
file, hang, crash with a traceback, or inject into a terminal or a CI log.

Each test here failed before the hardening. Growth tests (linear time) are in
``test_linear_time.py``.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES

SEED = (FIXTURES / "samples" / "seed_article.txt").read_text(encoding="utf-8")
FORMATS = ("text", "json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson")


def newslint(*args, cwd=None, stdin=None, timeout=120, **kw):
    return subprocess.run([sys.executable, "-m", "newslint", *args], cwd=cwd, input=stdin, capture_output=True,
                          timeout=timeout, env={**os.environ, "NO_COLOR": "1"}, **kw)


def tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: file contents by hash, links by target."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_symlink():
            out[str(p)] = "-> " + os.readlink(p)
        elif p.is_file():
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def leftovers(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*newslint-tmp*")]


PLUGIN_RULE = '''
from newslint import Rule, hookimpl

class Hostile(Rule):
    """A test rule.

    ## What it does
    test
    """
    code = "ZZ901"
    name = "hostile-rule"
    severity = "warning"

    def check(self, document, ctx):
        block = document.blocks[0] if document.blocks else None
{body}

@hookimpl
def newslint_register_rules():
    return [Hostile]
'''


def plugin_config(folder: Path, body: str) -> Path:
    (folder / "hostile.py").write_text(PLUGIN_RULE.format(body=body))
    cfg = folder / "newslint.toml"
    cfg.write_text('plugins = ["hostile.py"]\n')
    return cfg


# -- 1. output safety ---------------------------------------------------------------------------

def test_output_that_is_an_input_is_refused_before_the_run(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SEED)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    before = tree(tmp_path)
    for option in ("-o", "--write-baseline"):
        proc = newslint("check", "--isolated", option, str(article), str(tmp_path / "binary.txt"), str(article))
        err = proc.stderr.decode()
        assert proc.returncode == 2 and "a.txt: cannot write the" in err and "it is an input" in err, err
        assert "binary.txt" not in err  # decided before any input was read
        assert tree(tmp_path) == before and not leftovers(tmp_path)


def test_output_that_is_a_linted_file_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(SEED)
    (tmp_path / "report.txt").write_text(SEED)
    before = tree(tmp_path)
    proc = newslint("check", "--isolated", "-o", str(tmp_path / "report.txt"), str(tmp_path))
    assert proc.returncode == 2 and b"one of the files being linted" in proc.stderr
    assert b"Traceback" not in proc.stderr
    assert tree(tmp_path) == before and not leftovers(tmp_path)


def test_planted_link_at_the_temporary_name_is_not_followed(tmp_path):
    (tmp_path / "a.txt").write_text(SEED)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    for planted in ("report.json.newslint-tmp", "report.json.tmp", ".report.json.newslint-tmp"):
        (out.parent / planted).symlink_to(victim)
    baseline = out.parent / "base.json"
    (out.parent / "base.json.newslint-tmp").symlink_to(victim)
    proc = newslint("check", "--isolated", "--format", "json", "-o", str(out), "--write-baseline", str(baseline),
                    str(tmp_path / "a.txt"))
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text() == "precious\n"
    assert len(json.loads(out.read_text())) == 17 and json.loads(baseline.read_text())["findings"]
    assert not out.is_symlink() and not baseline.is_symlink()
    assert sorted(p.name for p in out.parent.iterdir() if not p.is_symlink()) == ["base.json", "report.json"]


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_output_in_a_folder_or_an_impossible_place_exits_2_before_the_run(tmp_path, option):
    (tmp_path / "a.txt").write_text(SEED)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    (tmp_path / "folder").mkdir()
    before = tree(tmp_path)
    for place, reason in (("folder", "it is a folder"), ("a.txt/out.json", "Not a directory"),
                          ("/proc/version", "")):
        target = place if place.startswith("/") else str(tmp_path / place)
        proc = newslint("check", "--isolated", option, target, str(tmp_path / "a.txt"), str(tmp_path / "binary.txt"))
        err = proc.stderr.decode()
        assert proc.returncode == 2, err
        assert f"{target}: cannot write the" in err and reason in err and len(err.splitlines()) == 1, err
        assert "Traceback" not in err and tree(tmp_path) == before and not leftovers(tmp_path)


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_missing_parent_folders_are_created(tmp_path, option):
    (tmp_path / "a.txt").write_text(SEED)
    target = tmp_path / "reports" / "today" / "out.json"
    proc = newslint("check", "--isolated", "--format", "json", option, str(target), str(tmp_path / "a.txt"))
    assert proc.returncode in (0, 1) and target.is_file(), proc.stderr
    assert not leftovers(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_output_to_a_pipe_or_device_is_written_not_replaced(tmp_path):
    # a FIFO of our own stands for /dev/null and /dev/stdout: never test this on /dev/null itself,
    # an unfixed newslint run as root replaces it with a regular file
    import stat
    import threading

    (tmp_path / "a.txt").write_text(SEED)
    fifo = tmp_path / "pipe.out"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()), daemon=True)
    reader.start()
    proc = newslint("check", "--isolated", "-o", str(fifo), str(tmp_path / "a.txt"))
    reader.join(30)
    assert proc.returncode == 1 and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and "Found 17 findings" in received[0]


def test_crash_or_interrupt_mid_run_leaves_no_partial_output(tmp_path):
    (tmp_path / "a.txt").write_text(SEED)
    # a rule's Exception is isolated; these escape it: Ctrl-C, and a plugin calling sys.exit(0)
    for raised, code in (("KeyboardInterrupt()", 130), ("SystemExit(0)", 2)):
        case = tmp_path / f"case{code}"
        case.mkdir()
        plugin_config(case, f"        raise {raised}")
        out = case / "out.json"
        proc = newslint("check", "--format", "json", "-o", str(out), "--write-baseline", str(case / "b.json"),
                        str(tmp_path / "a.txt"), cwd=case)
        err = proc.stderr.decode()
        assert proc.returncode == code, err
        assert "Traceback" not in err and len(err.splitlines()) == 1, err
        assert not out.exists() and not (case / "b.json").exists() and not leftovers(case)


# -- 2. exit 2 for internal errors, a clean Ctrl-C ----------------------------------------------

FORMAT_PLUGIN = '''
from newslint import hookimpl
from newslint.reporting import Reporter

class Broken(Reporter):
    name = "broken"
    def finish(self, summary):
        raise ValueError("the reporter broke")

@hookimpl
def newslint_register_formats():
    return [Broken]
'''


def test_internal_error_exits_2_with_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(SEED)
    (tmp_path / "fmt.py").write_text(FORMAT_PLUGIN)
    (tmp_path / "newslint.toml").write_text('plugins = ["fmt.py"]\n')
    proc = newslint("check", "--format", "broken", "-o", "out.txt", "a.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.splitlines() == ["newslint: internal error: ValueError: the reporter broke "
                                "(run with --verbose for the traceback)"]
    assert not (tmp_path / "out.txt").exists() and not leftovers(tmp_path)
    verbose = newslint("check", "--verbose", "--format", "broken", "a.txt", cwd=tmp_path)
    assert verbose.returncode == 2 and b"Traceback" in verbose.stderr


def default_sigint():
    # A shell starts background jobs with SIGINT ignored, and a Python started that way never
    # raises KeyboardInterrupt: give the child the terminal's default, however pytest was started.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("signum, code, line", [(signal.SIGINT, 130, "newslint: interrupted"),
                                                (signal.SIGTERM, 143, "newslint: terminated")], ids=["INT", "TERM"])
def test_ctrl_c_exits_130_with_one_line_and_no_partial_output(tmp_path, jobs, signum, code, line):
    started = tmp_path / "started"
    body = (f"        open({str(started)!r}, 'a').close()\n"
            "        import time\n        time.sleep(60)")
    plugin_config(tmp_path, body)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"a{i:02d}.txt").write_text(SEED)
    out = tmp_path / "out.json"
    proc = subprocess.Popen([sys.executable, "-m", "newslint", "check", "--jobs", jobs, "--format", "json", "-o",
                             str(out), str(corpus)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, preexec_fn=default_sigint)
    deadline = time.monotonic() + 60
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    else:
        os.kill(proc.pid, signal.SIGTERM)  # as a cancelled CI job or `kill` does: the parent
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.decode().splitlines() == [line]
    assert not out.exists() and not leftovers(tmp_path)
    time.sleep(0.5)
    alive = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert alive == [], "worker processes left behind"


# -- 3. only regular files, bounded reads --------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_in_a_folder_is_refused_not_waited_on(tmp_path):
    (tmp_path / "good.txt").write_text(SEED)
    os.mkfifo(tmp_path / "pipe.txt")
    proc = newslint("check", "--isolated", "--format", "json", str(tmp_path), timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "pipe.txt: a FIFO (named pipe), not a regular file; skipped" in err, err
    assert len(json.loads(proc.stdout)) == 17


def test_device_behind_a_link_is_refused(tmp_path):
    (tmp_path / "z.txt").symlink_to("/dev/zero")
    proc = newslint("check", "--isolated", str(tmp_path / "z.txt"), timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "z.txt: a character device, not a regular file; skipped" in err, err
    assert "All clear" not in proc.stdout.decode()


def test_size_limit_holds_while_reading_and_on_stdin(tmp_path, monkeypatch, capsys):
    from newslint import inputs
    from newslint.cli import main

    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text(SEED * 10)
    assert main(["check", "--isolated", str(big)]) == 2
    assert "big.txt: file is" in capsys.readouterr().err
    # a file that grows after fstat, or a pipe: the read itself is bounded
    import io
    with pytest.raises(inputs.InputError, match="over the 1000 byte limit"):
        inputs.read_bounded(io.BytesIO(b"x" * 5000), "grows.txt")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.encode() * 10)))
    assert main(["check", "--isolated", "--stdin-filename", "piped.txt", "-"]) == 2
    assert "piped.txt: over the 1000 byte limit; skipped" in capsys.readouterr().err


def test_unreadable_folder_and_link_loop_are_errors_not_all_clear(tmp_path, monkeypatch, capsys):
    from newslint.cli import main

    (tmp_path / "good.txt").write_text("Budget talks resume\n\nMinisters met again on Monday.\n")
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["check", "--isolated", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "locked: cannot list folder: Permission denied; skipped" in captured.err
    assert "All clear" not in captured.out and "problem" in captured.out
    monkeypatch.undo()
    os.rmdir(tmp_path / "locked")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    assert main(["check", "--isolated", str(tmp_path)]) == 2
    assert "self.txt: symbolic link loop; skipped" in capsys.readouterr().err


# -- 4. no injection into CI logs, terminals or structured output -----------------------------

INJECTED = "x.txt\n::error file=README.md,line=1::pwned\n\x1b]0;owned\x07\x1b[2J.txt"


@pytest.mark.parametrize("fmt", FORMATS)
def test_file_names_cannot_inject_workflow_commands_or_escapes(tmp_path, fmt):
    (tmp_path / INJECTED).write_bytes("Caf\u00e9 prices\n".encode("latin-1"))  # fails to decode: named on stderr
    (tmp_path / ("y\x1b[31m.txt")).write_text(SEED)
    proc = newslint("check", "--isolated", "--format", fmt, "--show-source", str(tmp_path))
    for stream in (proc.stdout.decode(), proc.stderr.decode()):
        lines = stream.splitlines()
        assert not [line for line in lines if line.startswith("::") and "pwned" in line], stream
        if fmt in ("text", "github"):
            assert "\x1b" not in stream and "\x07" not in stream
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr


def test_show_source_strips_terminal_escapes_from_article_text(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SEED.replace("falls under the broader", "\x1b[2J\x1b]8;;http://evil\x07falls under the broader"))
    proc = newslint("check", "--isolated", "--show-source", str(article))
    out = proc.stdout.decode()
    assert proc.returncode == 1 and "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J\\x1b]8;;http://evil\\x07falls under" in out
    caret_line = out.splitlines()[out.splitlines().index(next(l for l in out.splitlines() if "\\x07falls" in l)) + 1]
    assert caret_line.index("^") == out.splitlines()[out.splitlines().index(caret_line) - 1].index("falls")


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_utf8_file_names_and_lone_surrogates_are_escaped(tmp_path, fmt):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as fh:
        fh.write(SEED.encode())
    (folder / "s.json").write_text('{"title": "Skip to content \\ud800 here", "body": "Skip to content\\n\\nRead also:"}')
    plugin_config(tmp_path, "        ctx.report(block, 0, 1, 'lone \\ud800 surrogate') if block else None")
    out = tmp_path / "out.txt"
    proc = newslint("check", "--format", fmt, "-o", str(out), str(folder), cwd=tmp_path)
    assert b"Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr
    text = out.read_bytes().decode("utf-8")  # valid UTF-8
    assert any(shown in text for shown in ("caf\\xe9.txt", "caf\\\\xe9.txt", "caf%E9.txt")), text
    if fmt in ("json", "sarif", "gitlab", "rdjson"):
        json.loads(text)
    if fmt == "json-lines":
        [json.loads(line) for line in text.splitlines()]
    if fmt == "junit":
        import xml.etree.ElementTree as ET
        ET.fromstring(out.read_bytes())


# -- 6. config and plugin results validated once -------------------------------------------------

@pytest.mark.parametrize("table, fragment", [
    ('[rules.NL3]\nnot-an-option = 1\n', "c.toml:3: rules.NL3: options are set per rule; 'NL3' is not a rule code"),
    ('[rules.NL301]\nnot-an-option = 1\n', "c.toml:4: rules.NL301: unknown option 'not-an-option'"),
    ('[rules.NL301]\npatterns = [1]\n', "c.toml:4: rules.NL301.patterns: expected list[str], got [1]"),
    ('[rules.NL301]\npatterns = ["(unclosed"]\n', "c.toml:4: rules.NL301.patterns: rejected by rule NL301"),
    ('[rules.NL403]\ngroups = [1]\n', "c.toml:4: rules.NL403.groups: expected list[str], got [1]"),
    ('[rules.NL301]\nextend-phrases = {partner = "abc"}\n',
     "c.toml:4: rules.NL301.extend-phrases: expected dict[str, list[str]], got {'partner': 'abc'}"),
    ('[rules.NL301]\n\nextend-phrases = {partner = [1]}\n', "c.toml:5: rules.NL301.extend-phrases: expected dict"),
    ('[rules.NL301]\npattern-timeout = "1"\n', "c.toml:4: rules.NL301.pattern-timeout: expected float, got '1'"),
    ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "c.toml: invalid TOML: nested too deeply"),
])
def test_bad_rule_options_are_one_config_error(tmp_path, capsys, table, fragment):
    from newslint.cli import main

    (tmp_path / "c.toml").write_text("# options\n\n" + table)
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(SEED)
    assert main(["check", "--config", str(tmp_path / "c.toml"), "--jobs", "1", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert fragment in err and len(err.splitlines()) == 1, err


def test_deep_baseline_is_a_clean_error(tmp_path, capsys):
    from newslint.cli import main

    (tmp_path / "a.txt").write_text(SEED)
    (tmp_path / "b.json").write_text("[" * 100_000 + "]" * 100_000)
    assert main(["check", "--isolated", "--baseline", str(tmp_path / "b.json"), str(tmp_path / "a.txt")]) == 2
    assert capsys.readouterr().err == f"newslint: error: {tmp_path / 'b.json'}: cannot read baseline: nested too deeply\n"


def test_plugin_listed_twice_is_loaded_once(tmp_path):
    plugin_config(tmp_path, "        pass")
    (tmp_path / "newslint.toml").write_text('plugins = ["hostile.py", "hostile.py"]\n')
    (tmp_path / "a.txt").write_text(SEED)
    proc = newslint("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr == b""


@pytest.mark.parametrize("report, fragment", [
    ("ctx.report(block, 0, 1, 'x', severity='fatal')", "severity 'fatal' (expected one of error, warning, info)"),
    ("ctx.report(block, 0, 1, 12345)", "message 12345 (expected a string)"),
])
@pytest.mark.parametrize("fmt", ["sarif", "json", "github"])
def test_plugin_reporting_an_invalid_finding_is_named(tmp_path, report, fragment, fmt):
    plugin_config(tmp_path, f"        {report}")
    (tmp_path / "a.txt").write_text(SEED)
    proc = newslint("check", "--format", fmt, "a.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err, err
    assert "rule ZZ901 (hostile-rule) from plugin local:hostile.py reported an invalid finding on a.txt" in err
    out = proc.stdout.decode()
    if fmt == "sarif":  # problems are the invocation's notifications (issue 15 item 9), never results
        out = json.dumps(json.loads(out)["runs"][0]["results"])
    assert fragment in err and "fatal" not in out and "12345" not in out


# -- 8. the pytest plugin from a sub-folder -----------------------------------------------------

def test_pytest_newslint_from_a_sub_folder_with_the_config_above(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nignore = ["NL302"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text((FIXTURES / "samples" / "clean_bbc_article.txt").read_text(encoding="utf-8"))
    (sub / "bad.txt").write_text(SEED)
    proc = subprocess.run([sys.executable, "-m", "pytest", "--newslint", "-q", "-p", "no:cacheprovider"], cwd=sub,
                          capture_output=True, text=True, timeout=120)
    assert "file not found" not in proc.stdout, proc.stdout
    assert "1 failed, 1 passed" in proc.stdout and "bad.txt:1:1: NL301" in proc.stdout, proc.stdout


# -- 7. JSON Lines: line ends and suppression whatever the chunk -------------------------------

def _jsonl_findings(tmp_path: Path, data: bytes) -> tuple[list, list]:
    (tmp_path / "r.jsonl").write_bytes(data)
    from_file = newslint("check", "--isolated", "--format", "json", str(tmp_path / "r.jsonl"))
    from_stdin = newslint("check", "--isolated", "--format", "json", "--stdin-filename", str(tmp_path / "r.jsonl"),
                          "-", stdin=data)
    assert from_file.stderr == from_stdin.stderr
    return json.loads(from_file.stdout), json.loads(from_stdin.stdout)


def test_jsonl_lone_cr_inside_a_record_is_whitespace(tmp_path):
    data = b'{"title": "Skip to content",\r"body": "Skip to content\\n\\nRead also:"}\n' * 2
    from_file, from_stdin = _jsonl_findings(tmp_path, data)
    assert from_file == from_stdin
    assert [(d["record"], d["line"]) for d in from_file if d["code"] == "NL301"] == [(1, 1), (1, 1), (2, 2), (2, 2)]


def test_jsonl_cr_only_line_ends_number_records_alike_from_file_and_stdin(tmp_path):
    record = b'{"title": "A headline for the record", "body": "Body text.\\n\\nRead also:"}'
    from_file, from_stdin = _jsonl_findings(tmp_path, record + b"\r" + record + b"\r" + record + b"\r")
    assert from_file == from_stdin
    assert [(d["record"], d["line"]) for d in from_file] == [(1, 1), (2, 2), (3, 3)]


def test_jsonl_suppression_is_per_record_whatever_the_chunk_size(tmp_path, monkeypatch):
    from newslint import inputs
    from newslint.api import lint_paths
    from newslint.config import Config

    quiet = {"title": "A headline for the record", "body": "<!-- newslint: disable -->\n\nRead also:"}
    loud = {"title": "Another headline here", "body": "Body text.\n\nRead also:"}
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [quiet] + [loud] * 400))
    seen = []
    for stream_over, chunk in ((10**9, 512 * 1024), (1000, 4000), (1000, 300)):
        monkeypatch.setattr(inputs, "STREAM_JSONL_BYTES", stream_over)
        monkeypatch.setattr(inputs, "CHUNK_BYTES", chunk)
        seen.append([(d.record, d.code) for d in lint_paths([str(path)], Config())])
    assert seen[0] == seen[1] == seen[2]
    assert [r for r, _ in seen[0]] == list(range(2, 402))  # record 1 alone is quiet


def test_fingerprints_output_is_checked_before_the_run_and_never_follows_a_link(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(SEED)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    (tmp_path / "folder").mkdir()
    proc = newslint("check", "--isolated", "--extend-select", "NL305", "--write-fingerprints",
                    str(tmp_path / "folder"), str(tmp_path))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "cannot write the fingerprints here: it is a folder" in err, err
    assert "binary.txt" not in err and len(err.splitlines()) == 1
    victim = tmp_path / "victim.bin"
    victim.write_bytes(b"precious")
    out = tmp_path / "out" / "fp.bin"
    out.parent.mkdir()
    (out.parent / "fp.bin.newslint-tmp").symlink_to(victim)
    newslint("check", "--isolated", "--extend-select", "NL305", "--write-fingerprints", str(out), str(tmp_path))
    assert victim.read_bytes() == b"precious" and out.is_file() and not out.is_symlink()


def test_clean_output_that_is_the_input_however_spelled_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(SEED)
    before = tree(tmp_path)
    proc = newslint("clean", "--isolated", "./a.txt", "-o", str(tmp_path / "a.txt"), cwd=tmp_path)
    assert proc.returncode == 2 and b"it is an input" in proc.stderr, proc.stderr
    assert tree(tmp_path) == before and not leftovers(tmp_path)


def test_large_utf16_jsonl_is_linted_not_cut_into_byte_chunks(tmp_path, monkeypatch):
    from newslint import inputs
    from newslint.api import lint_paths
    from newslint.config import Config

    record = {"title": "A headline for the record", "body": "Body text.\n\nRead also:"}
    path = tmp_path / "big.jsonl"
    path.write_bytes("".join(json.dumps(record) + "\n" for _ in range(200)).encode("utf-16"))
    monkeypatch.setattr(inputs, "STREAM_JSONL_BYTES", 1000)
    monkeypatch.setattr(inputs, "CHUNK_BYTES", 500)
    errors: list[str] = []
    found = lint_paths([str(path)], Config(), errors)
    assert errors == [] and [d.record for d in found] == list(range(1, 201))


# -- 8. budgets and caps: JSON bodies, user patterns, rules ----------------------------------------

@pytest.mark.parametrize("name", ["a.json", "a.jsonl"])
def test_json_bodies_obey_the_character_cap_with_a_warning(monkeypatch, name):
    from newslint import inputs
    from newslint.config import Config
    from newslint.linter import Linter

    monkeypatch.setattr(inputs, "MAX_CHECK_CHARS", 1000)
    body = "A first sentence of prose, said the minister.\n\nRead also:\n\n" + "More prose here.\n" * 200 + "\nRead also:\n"
    record = json.dumps({"title": "A headline for the record", "body": body})
    result = Linter(Config()).lint_text(name, record + "\n")
    assert [(d.code, d.line) for d in result.diagnostics if d.code == "NL301"] == [("NL301", 1)]  # the late one is past the cap
    assert [str(p) for p in result.warnings] == [
        f"{name}:1: field /body of record 1 longer than 1,000 characters; checked only up to its line 60"]
    assert not result.errors and not result.crashes


def test_option_types_are_declared_and_checked():
    from newslint.rules import Rule
    from newslint.validation import type_matches

    assert type_matches("dict[str, list[str]]", {"a": ["b"]}) and not type_matches("dict[str, list[str]]", {"a": "b"})
    assert type_matches("float | None", None) and type_matches("float", 3) and not type_matches("float", True)
    assert not type_matches("list[str]", "abc") and type_matches("list[str]", [])

    class Declared(Rule):
        code, name, options = "ZZ100", "declared", {"a": 1, "c": []}
        option_types = {"a": "int", "b": "list[str]", "c": "lst[str]"}

    assert Declared.validate() == ["option_types names 'b', not an option",
                                   "option_types['c'] is not a type newslint checks: 'lst[str]'"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_links_inside_are_linted_links_out_dangling_and_loops_are_errors(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text(SEED)
    tree_ = tmp_path / "tree"
    (tree_ / "sub").mkdir(parents=True)
    (tree_ / "sub" / "real.txt").write_text(SEED)
    (tree_ / "inside.txt").symlink_to(tree_ / "sub" / "real.txt")
    (tree_ / "linked-sub").symlink_to(tree_ / "sub")      # inside: its files are linted where they live
    cases = {"escape.txt": outside / "o.txt", "escape-folder": outside, "dangling.txt": tree_ / "nothing.txt",
             "self.txt": tree_ / "self.txt", "loop": tree_}
    for name, target in cases.items():
        (tree_ / name).symlink_to(target)
    before = tree(tmp_path)
    proc = newslint("check", "--isolated", "--format", "json", str(tree_), cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    for fragment in ("escape.txt: symbolic link to outside the tree", "escape-folder: symbolic link to outside the tree",
                     "dangling.txt: symbolic link to nothing", "self.txt: symbolic link loop",
                     "loop: symbolic link loop"):
        assert fragment in err, (fragment, err)
    assert len(err.splitlines()) == 5, err
    paths = sorted({d["path"] for d in json.loads(proc.stdout)})
    assert paths == ["tree/inside.txt", "tree/sub/real.txt"]
    assert tree(tmp_path) == before


LOOPING_RULE = ("        while 'slow' in document.path:\n            pass\n"
                "        if block is not None:\n            ctx.report(block, 0, 1, 'checked')")


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("where", ["flag", "config"])
def test_a_rule_that_never_returns_is_stopped_and_named(tmp_path, jobs, where):
    cfg = plugin_config(tmp_path, LOOPING_RULE)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(10):  # more than 8 files: --jobs 2 uses the pool
        (corpus / f"a{i:02d}.txt").write_text(SEED)
    (corpus / "b-slow.txt").write_text(SEED)
    if where == "config":
        cfg.write_text('plugins = ["hostile.py"]\nrule-timeout = 0.5\n')
        args = ()
    else:
        args = ("--rule-timeout", "0.5")
    t0 = time.monotonic()
    proc = newslint("check", *args, "--jobs", jobs, "--format", "json", "corpus", cwd=tmp_path, timeout=60)
    assert time.monotonic() - t0 < 50
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.splitlines() == ["newslint: error: rule ZZ901 (hostile-rule) from plugin local:hostile.py "
                                "ran past its 0.5 s budget on corpus/b-slow.txt and was stopped (rule-timeout)"], err
    found = json.loads(proc.stdout)
    assert sorted({d["path"] for d in found if d["code"] == "ZZ901"}) == [f"corpus/a{i:02d}.txt" for i in range(10)]
    assert [d["code"] for d in found if d["path"] == "corpus/b-slow.txt" and d["code"] == "NL301"]  # other rules ran


def test_rule_timeout_is_a_checked_setting(tmp_path):
    (tmp_path / "c.toml").write_text('rule-timeout = "soon"\n')
    proc = newslint("check", "--config", str(tmp_path / "c.toml"), str(tmp_path))
    assert proc.returncode == 2 and b"c.toml:1: rule-timeout: expected a number of seconds" in proc.stderr
    assert newslint("check", "--rule-timeout", "-1", str(tmp_path)).returncode == 2


def test_user_patterns_have_a_budget_per_document_not_only_per_line(tmp_path):
    # each line stays under the per-line timeout; 2,000 of them would take about 20 s
    (tmp_path / "evil.txt").write_text("Budget talks resume\n\n" + ("a" * 19 + "!\n") * 2000)
    (tmp_path / "good.txt").write_text(SEED)
    (tmp_path / "c.toml").write_text('[rules.NL301]\npatterns = ["(a|aa)+$"]\npattern-timeout = 1.0\n'
                                     'pattern-budget = 0.5\n')
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = newslint("check", "--config", "c.toml", "--jobs", "1", "--format", "json", "evil.txt", "good.txt",
                    cwd=tmp_path)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime < 10  # CPU seconds
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.splitlines() == ["newslint: error: rule NL301 (boilerplate-line) from plugin newslint[builtin] crashed on "
                                "evil.txt: ValueError: pattern '(a|aa)+$' used up its 0.5 s budget for the document "
                                "(pattern-budget; catastrophic backtracking?); fix or remove it"], err
    assert {d["path"] for d in json.loads(proc.stdout)} == {"good.txt"}  # the other file was linted


def test_cr_only_jsonl_streams_in_bounded_chunks_numbered_as_from_stdin(tmp_path, monkeypatch):
    from newslint import inputs
    from newslint.api import lint_paths
    from newslint.config import Config

    records = [{"title": f"Headline number {i} for the record", "body": "Body text.\n\nRead also:"} for i in range(3000)]
    data = "".join(json.dumps(r) + "\r" for r in records).encode()
    path = tmp_path / "mac.jsonl"
    path.write_bytes(data)
    whole = [(d.record, d.line, d.code) for d in lint_paths([str(path)], Config())]
    monkeypatch.setattr(inputs, "STREAM_JSONL_BYTES", 10_000)
    monkeypatch.setattr(inputs, "CHUNK_BYTES", 20_000)
    sizes = [len(chunk) for _, chunk in inputs.jsonl_chunks(str(path))]
    assert len(sizes) > 10 and max(sizes) <= 2 * 20_000 and sum(sizes) == len(data)
    streamed = [(d.record, d.line, d.code) for d in lint_paths([str(path)], Config())]
    assert streamed == whole and [r for r, _, _ in whole] == list(range(1, 3001))
    # a CRLF file is cut after LF only, never between CR and LF
    path.write_bytes(data.replace(b"\r", b"\r\n"))
    assert all(chunk.endswith(b"\r\n") for _, chunk in inputs.jsonl_chunks(str(path)))
    assert [(d.record, d.line, d.code) for d in lint_paths([str(path)], Config())] == whole


def test_options_that_make_a_rule_hang_are_one_config_error(tmp_path):
    plugin = PLUGIN_RULE.format(body="        while ctx.options['x'] == 2:\n            pass")
    (tmp_path / "hostile.py").write_text(plugin.replace('severity = "warning"', 'severity = "warning"\n    options = {"x": 1}'))
    (tmp_path / "newslint.toml").write_text('plugins = ["hostile.py"]\n\n[rules.ZZ901]\nx = 2\n')
    (tmp_path / "a.txt").write_text(SEED)
    proc = newslint("check", "--rule-timeout", "0.5", "a.txt", cwd=tmp_path, timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and len(err.splitlines()) == 1, err
    assert err.endswith("newslint.toml:4: rules.ZZ901.x: rejected by rule ZZ901 (hostile-rule): "
                        "TimeoutError: ran past its 0.5 s budget (rule-timeout)\n"), err
