"""Baselines, exit control, and the real pre-commit framework running the hook."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

SEED = FIXTURES / "samples" / "seed_article.txt"


def test_baseline_suppresses_known_findings_and_nothing_else(cli, tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    proc = cli("check", "--isolated", "--write-baseline", str(baseline), "story.txt", cwd=tmp_path)
    assert proc.returncode == 0 and baseline.exists()
    assert cli("check", "--isolated", "--baseline", str(baseline), "story.txt", cwd=tmp_path).returncode == 0

    # an edit above known findings moves their lines: nothing comes back
    lines = SEED.read_text(encoding="utf-8").split("\n")
    edited = lines[:13] + ["An editor's note was added to this story on Tuesday afternoon.", ""] + lines[13:]
    article.write_text("\n".join(edited), encoding="utf-8")
    proc = cli("check", "--isolated", "--baseline", str(baseline), "--output-format", "json", "story.txt", cwd=tmp_path)
    assert proc.returncode == 0 and json.loads(proc.out) == []

    # a new defect is still reported, and a second copy of a known one too
    article.write_text(SEED.read_text(encoding="utf-8") + "\n\nSubscribe to our newsletter\n\nRead also:\n",
                       encoding="utf-8")
    proc = cli("check", "--isolated", "--baseline", str(baseline), "--output-format", "json", "story.txt", cwd=tmp_path)
    found = [(d["code"], d["message"]) for d in json.loads(proc.out)]
    assert proc.returncode == 1
    assert ("NL301", "boilerplate line 'Subscribe to our newsletter' (subscribe)") in found
    assert ("NL301", "boilerplate line 'Read also:' (read more)") in found
    assert len(found) == 2


def test_baseline_from_config_and_bad_baseline(cli, tmp_path):
    (tmp_path / "story.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("check", "--write-baseline", "known.json", "story.txt", cwd=tmp_path).returncode == 0
    (tmp_path / "newslint.toml").write_text('baseline = "known.json"\n')
    assert cli("check", "story.txt", cwd=tmp_path).returncode == 0
    (tmp_path / "known.json").write_text("{not json")
    proc = cli("check", "story.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "cannot read baseline" in proc.err and "Traceback" not in proc.err


def test_exit_zero_and_fail_on(cli):
    assert cli("check", "--isolated", "--exit-zero", str(SEED)).returncode == 0
    assert cli("check", "--isolated", "--select", "NL3", "--fail-on", "error", str(SEED)).returncode == 0
    assert cli("check", "--isolated", "--select", "NL3", "--fail-on", "warning", str(SEED)).returncode == 1


def _git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for pre-commit")
def test_pre_commit_try_repo(tmp_path):
    pytest.importorskip("pre_commit")
    # pre-commit installs the hook from a git repository: use a clone of this checkout's files
    hook_repo = tmp_path / "hook-repo"
    shutil.copytree(ROOT, hook_repo, ignore=shutil.ignore_patterns(
        ".git", ".ci-venv", "*.egg-info", "build", "dist", "__pycache__", ".hypothesis", "bench"))
    _git("init", "-q", cwd=hook_repo)
    _git("add", "-A", cwd=hook_repo)
    _git("commit", "-qm", "hook", cwd=hook_repo)

    project = tmp_path / "newsroom"
    project.mkdir()
    _git("init", "-q", cwd=project)
    (project / "clean.txt").write_text((FIXTURES / "samples" / "clean_bbc_article.txt").read_text(encoding="utf-8"))
    _git("add", "-A", cwd=project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "newslint", "--all-files"]
    ok = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env, timeout=900)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    (project / "seed.txt").write_text(SEED.read_text(encoding="utf-8"))
    _git("add", "-A", cwd=project)
    bad = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env, timeout=900)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "seed.txt:1:1: NL301" in bad.stdout and "NL101" in bad.stdout
