from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests run on fixed examples, so whether a change lands never depends on the
# luck of the draw; a local run draws new examples every time and keeps finding new cases.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# newslint's cache files (plugins, data files, patterns) go to a folder of this test run, not the
# user's ~/.cache/newslint: the runs here make a plugin-folder state per temporary folder
_CACHE_DIR = tempfile.mkdtemp(prefix="newslint-test-cache-")
os.environ["NEWSLINT_CACHE_DIR"] = _CACHE_DIR
atexit.register(shutil.rmtree, _CACHE_DIR, True)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared"))


def fixture_text(relative: str) -> str:
    return (FIXTURES / relative).read_text(encoding="utf-8")


def run_cli(*args: str, cwd: str | os.PathLike | None = None, stdin: bytes | None = None,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m newslint`` as a user would, capturing text output."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "newslint", *args], cwd=cwd, input=stdin,
                          capture_output=True, env=full_env, timeout=300)


@pytest.fixture
def cli():
    def call(*args, **kw):
        proc = run_cli(*args, **kw)
        proc.out = proc.stdout.decode("utf-8", "replace")
        proc.err = proc.stderr.decode("utf-8", "replace")
        return proc
    return call


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (the corpora and validators) is not beside this checkout")
    return SHARED


def sleeper(code: str, seconds: float, forever: bool = False) -> type:
    """A rule class that sleeps ``seconds`` (then spins for ever when ``forever``) and reports the
    first block: the budget tests' stand-in for a slow or hung plugin rule."""
    import time

    from newslint import Rule

    class Sleeper(Rule):
        """Sleeps, then reports the first block."""

        name = f"sleeper-{code.lower()}"

        def check(self, document, ctx):
            time.sleep(seconds)
            while forever:
                pass
            ctx.report(document.blocks[0], 0, 1, "checked")

    Sleeper.code = code
    return Sleeper
