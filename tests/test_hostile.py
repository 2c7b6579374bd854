"""Hostile input never crashes a run, loses data, or hides the good files' findings.

Each case sits in a folder beside a good article (the seed, which has 17 findings); newslint
runs over the folder. For every case: no traceback, one clear message naming the file and the
problem, the good article still reported, the documented exit code, no file modified, and
bounded time and memory.
"""
from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES

SEED = (FIXTURES / "samples" / "seed_article.txt").read_text(encoding="utf-8")
GOOD_FINDINGS = 17


def snapshot(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink():
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def lint_folder(folder: Path, *extra: str, stdin: bytes | None = None, timeout: float = 120):
    before = snapshot(folder)
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--output-format", "json",
                           *extra, str(folder)], capture_output=True, timeout=timeout, input=stdin,
                          env={**os.environ, "NO_COLOR": "1"})
    elapsed = time.monotonic() - t0
    assert snapshot(folder) == before, "a file was modified"
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    found = json.loads(proc.stdout)
    good = [d for d in found if d["path"].endswith("good.txt")]
    assert len(good) == GOOD_FINDINGS, "the good article's findings went missing"
    return proc.returncode, err, found, elapsed


def make_case(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "good.txt").write_text(SEED, encoding="utf-8")
    (folder / name).write_bytes(data)
    return folder


CASES = [
    # name, bytes, expected exit code, fragment expected on stderr (None: nothing at all)
    ("binary.txt", bytes(range(256)) * 4, 2, "binary.txt: binary file (contains NUL bytes); skipped"),
    ("nul.md", b"# Title here\n\nSome text\x00with a NUL byte.\n", 2, "nul.md: binary file"),
    ("latin1.txt", "Caf\u00e9 prices rise\n\nThe caf\u00e9 said so.\n".encode("latin-1"), 2,
     "latin1.txt:1: not valid UTF-8 (byte 0xe9 at offset 3)"),
    ("cp1252.html", "<p>\u201cQuoted\u201d text</p>".encode("cp1252"), 2, "cp1252.html:1: not valid UTF-8"),
    ("utf16.txt", "Budget talks resume\n\nMinisters met again on Monday.\n".encode("utf-16"), 1, None),
    ("utf8bom.md", b"\xef\xbb\xbf# Budget talks resume\n\nMinisters met again on Monday.\n", 1, None),
    ("crlf.txt", b"Budget talks resume\r\n\r\nMinisters met again on Monday.\r\n", 1, None),
    ("cr.txt", b"Budget talks resume\r\rMinisters met again on Monday.\r", 1, None),
    ("empty.txt", b"", 1, None),
    ("blank.md", b"  \n\t\n   \n", 1, None),
    ("deep.json", b"[" * 200_000 + b"]" * 200_000, 2, "deep.json: JSON nested too deeply to parse; skipped"),
    ("broken.jsonl", (json.dumps({"title": "A fine headline here", "body": "Skip to content\n\nText."}) + "\n{broken\n"
                      + json.dumps({"title": "Another headline", "body": "Read also:"}) + "\n").encode(), 2,
     "broken.jsonl:2: invalid JSON"),
    ("notobjects.jsonl", b'[1, 2]\n"text"\n{"title": "Ok headline here", "body": "Body."}\n', 2,
     "notobjects.jsonl:1: record is a JSON list, not an object; skipped"),
    ("malformed.html", b"<html><body><p>Unclosed <b>bold <div><script>if (a</p>) {}</p></script>"
                       b"<p>Text after</ta></p></span></body>", 1, None),
]


@pytest.mark.parametrize("name, data, code, fragment", CASES, ids=[c[0] for c in CASES])
def test_hostile_file(tmp_path, name, data, code, fragment):
    folder = make_case(tmp_path, name, data)
    rc, err, found, elapsed = lint_folder(folder)
    assert rc == code, err
    if fragment is None:
        assert err == ""
    else:
        assert fragment in err
        messages = [l for l in err.splitlines() if name in l]
        # one clear message per unusable file, or per unusable record of a JSON Lines file
        assert len(messages) == (2 if name == "notobjects.jsonl" else 1), messages
    assert elapsed < 60


def test_jsonl_good_records_still_linted(tmp_path):
    folder = make_case(tmp_path, "broken.jsonl", CASES[11][1])
    _, _, found, _ = lint_folder(folder)
    jsonl = [(d["record"], d["line"], d["code"]) for d in found if d["path"].endswith("broken.jsonl")]
    assert jsonl == [(1, 1, "NL301"), (3, 3, "NL301")]


def test_huge_single_line_and_huge_paragraph(tmp_path):
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "good.txt").write_text(SEED, encoding="utf-8")
    (folder / "line.txt").write_text("Huge line headline\n\n" + "word " * 2_000_000 + "\n", encoding="utf-8")
    (folder / "para.txt").write_text("Huge paragraph headline\n\n" + ("the market rose again today\n" * 1_800_000),
                                     encoding="utf-8")
    rc, err, found, elapsed = lint_folder(folder, "--jobs", "1")
    assert rc == 1
    assert "line.txt: longer than 2,000,000 characters; checked only up to line" in err
    assert "para.txt: longer than 2,000,000 characters; checked only up to line" in err
    assert elapsed < 90
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 1500


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loops_and_links_outside(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(SEED, encoding="utf-8")
    folder = make_case(tmp_path, "fine.txt", b"Budget talks resume\n\nMinisters met again on Monday.\n")
    (folder / "loop").symlink_to(folder)                     # a folder that contains itself
    (folder / "self.txt").symlink_to(folder / "self.txt")    # a file link to itself
    (folder / "escape.txt").symlink_to(outside)              # a link that leaves the tree
    rc, err, found, _ = lint_folder(folder)
    assert rc == 2  # a link to nothing is an error, as the same path named on the command line is
    assert "self.txt: symbolic link loop; skipped" in err and "loop: symbolic link loop; skipped" in err
    assert "escape.txt: symbolic link to outside the tree; skipped" in err
    assert not [d for d in found if "outside" in d["path"] or "escape" in d["path"]]


def test_twenty_thousand_files(tmp_path):
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "good.txt").write_text(SEED, encoding="utf-8")
    for i in range(20_000):
        (folder / f"a{i:05d}.txt").write_text(f"Story number {i} headline\n\nA short body sentence about markets.\n")
    rc, err, found, elapsed = lint_folder(folder, timeout=300)
    assert rc == 1 and err == ""
    assert len(found) == GOOD_FINDINGS
    assert elapsed < 240


def test_file_vanishing_mid_run(tmp_path):
    folder = make_case(tmp_path, "b_vanishes.txt", b"Budget talks resume\n\nMinisters met again on Monday.\n")
    plugin = tmp_path / "vanish.py"
    # a parser plugin that deletes the next file, as a concurrent job might, then declines the file
    plugin.write_text(
        "import os\nfrom newslint import hookimpl\n\n@hookimpl(tryfirst=True)\n"
        "def newslint_parse_document(path, source, config):\n"
        "    if path.endswith('a_first.txt'):\n"
        "        os.remove(os.path.join(os.path.dirname(path), 'b_vanishes.txt'))\n"
        "    return None\n")
    (folder / "a_first.txt").write_text("Budget talks resume\n\nMinisters met again on Monday.\n")
    (tmp_path / "newslint.toml").write_text('plugins = ["vanish.py"]\n')
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--jobs", "1", "--output-format", "json",
                           str(folder)], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2
    assert "b_vanishes.txt: file not found (it may have been removed during the run)" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len([d for d in json.loads(proc.stdout) if d["path"].endswith("good.txt")]) == GOOD_FINDINGS


@pytest.mark.parametrize("config, fragment", [
    ("select = [\n", "invalid TOML"),
    ("colour = true\n", "colour: unknown key"),
    ("include = 3\n", "include: expected a list of strings, got 3"),
])
def test_bad_config_in_the_tree(tmp_path, config, fragment):
    folder = make_case(tmp_path, "fine.txt", b"Budget talks resume\n\nMinisters met again.\n")
    (tmp_path / "newslint.toml").write_text(config)
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", str(folder)], capture_output=True,
                          text=True, cwd=tmp_path)
    assert proc.returncode == 2 and fragment in proc.stderr and "newslint.toml" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_catastrophic_user_pattern_is_bounded(tmp_path):
    folder = make_case(tmp_path, "evil.txt", b"Budget talks resume\n\n" + b"a" * 200 + b"!\n")
    cfg = tmp_path / "cfg.toml"
    cfg.write_text('[rules.NL301]\npatterns = ["(a|aa)+$"]\npattern-timeout = 0.1\n')
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--config", str(cfg), "--jobs", "1",
                           "--output-format", "json", str(folder)], capture_output=True, text=True, timeout=120)
    assert time.monotonic() - t0 < 60
    assert proc.returncode == 2
    assert "rule NL301 (boilerplate-line)" in proc.stderr and "evil.txt" in proc.stderr and "timeout" in proc.stderr
    found = json.loads(proc.stdout)
    assert len([d for d in found if d["path"].endswith("good.txt")]) >= GOOD_FINDINGS - 3  # other rules still ran


def test_stdin(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--stdin-filename", "piped.txt", "-"],
                        input=SEED.encode(), capture_output=True, text=False)
    assert ok.returncode == 1 and ok.stdout.decode().startswith("piped.txt:1:1: NL301")
    bad = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "-"], input=b"\x00\x01binary",
                         capture_output=True)
    assert bad.returncode == 2 and b"-: binary file" in bad.stderr and b"Traceback" not in bad.stderr
