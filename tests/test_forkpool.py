"""--jobs on platforms with fork: a small pool of forked workers fed over pipes (issue 17).

multiprocessing's Pool costs the parent its import (6-11 ms) and three handler threads that wake
per unit of work; the fork pool has neither. These tests pin what the pool must keep: results in
input order, bounded read-ahead, a worker that dies or raises, and no multiprocessing import.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from newslint import forkpool, runner
from newslint.config import Config

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the fork pool needs os.fork")

SENTENCE = "Headline\n\nA very unique sentence, said the minister.\n"


def _square_after(unit):
    time.sleep(unit[1])
    return [unit[0] * unit[0]]


def _lost(unit, why):
    return [("lost", unit[0], why)]


def test_results_come_in_input_order_whatever_each_unit_costs():
    work = [(i, 0.02 if i % 5 == 0 else 0.0) for i in range(40)]  # slow units hold up no other
    for jobs in (2, 3):
        got = [r for part in forkpool.ordered(_square_after, iter(work), jobs, None, (), _lost) for r in part]
        assert got == [i * i for i in range(40)]


def test_read_ahead_is_bounded():
    pulled = []

    def work():
        for i in range(100):
            pulled.append(i)
            yield (i, 0.0)

    consumed = 0
    for part in forkpool.ordered(_square_after, work(), 2, None, (), _lost):
        consumed += 1
        assert len(pulled) - consumed <= 2 * 3  # results are streamed, never all held
    assert consumed == 100


def _raise_on_seven(unit):
    if unit[0] == 7:
        raise ValueError("seven is not allowed")
    return [unit[0]]


def test_an_exception_in_a_worker_is_raised_in_the_parent_and_the_workers_end(monkeypatch):
    forked = []

    def fork():
        pid = real_fork()
        forked.append(pid)
        return pid

    real_fork = os.fork
    monkeypatch.setattr(forkpool.os, "fork", fork)
    got = []
    with pytest.raises(ValueError, match="seven is not allowed"):
        for part in forkpool.ordered(_raise_on_seven, ((i, 0.0) for i in range(20)), 2, None, (), _lost):
            got.extend(part)
    assert got == list(range(7)) and len(forked) == 2
    for pid in forked:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # ended and reaped: none left behind


def _die_on_five(unit):
    if unit[0] == 5:
        os._exit(3)
    return [unit[0]]


def test_a_worker_that_dies_loses_its_unit_only_and_the_others_go_on():
    got = [r for part in forkpool.ordered(_die_on_five, ((i, 0.0) for i in range(30)), 2, None, (), _lost)
           for r in part]
    assert got[:5] == [0, 1, 2, 3, 4] and got[6:] == list(range(6, 30))
    assert got[5][:2] == ("lost", 5) and "exit code 3" in got[5][2]


def test_the_parent_does_not_import_multiprocessing(tmp_path):
    for i in range(20):
        (tmp_path / f"a{i:02d}.txt").write_text(SENTENCE, encoding="utf-8")
    script = ("import sys\nfrom newslint.cli import main\n"
              "code = main(['check', '--isolated', '--quiet', '--jobs', '2', '.'])\n"
              "print(sorted(m for m in sys.modules if m.startswith('multiprocessing')))\n")
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_a_fork_that_fails_leaves_no_worker_behind(monkeypatch):
    forked = []

    def fork():
        if forked:
            raise BlockingIOError(11, "Resource temporarily unavailable")  # the process limit
        forked.append(real_fork())
        return forked[-1]

    real_fork = os.fork
    monkeypatch.setattr(forkpool.os, "fork", fork)
    with pytest.raises(BlockingIOError):
        list(forkpool.ordered(_square_after, iter([(1, 0.0)]), 2, None, (), _lost))
    assert forked and forked[0] != 0
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)  # the first worker was ended and reaped


def test_a_worker_killed_from_outside_between_units_does_not_stop_the_run(monkeypatch):
    import signal

    pids: list[int] = []
    real_fork = os.fork

    def fork():
        pid = real_fork()
        if pid:
            pids.append(pid)
        return pid

    def work():
        for i in range(12):
            if i == 6:  # a worker killed by the OOM killer or by hand, mid-run
                os.kill(pids[0], signal.SIGKILL)
                time.sleep(0.2)
            yield (i, 0.0)

    monkeypatch.setattr(forkpool.os, "fork", fork)
    got = [r for part in forkpool.ordered(_square_after, work(), 2, None, (), _lost) for r in part]
    assert len(got) == 12  # every unit has its result, in order: computed, or lost with its worker
    assert all(r == i * i or (r[:2] == ("lost", i) and "signal 9" in r[2]) for i, r in enumerate(got))


DYING_RULE = '''
import os
from newslint import Rule, hookimpl

class Dying(Rule):
    """A test rule.

    ## What it does
    test
    """
    code = "ZZ902"
    name = "dying-rule"
    severity = "warning"

    def check(self, document, ctx):
        if "b-{what}" in document.path:
            {action}
        if document.blocks:
            ctx.report(document.blocks[0], 0, 1, "checked")

@hookimpl
def newslint_register_rules():
    return [Dying]
'''


def _corpus(tmp_path, what: str, action: str):
    (tmp_path / "dying.py").write_text(DYING_RULE.format(what=what, action=action))
    (tmp_path / "newslint.toml").write_text('plugins = ["dying.py"]\n')
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(10):  # more than 8 files: --jobs 2 uses the pool
        (corpus / f"a{i:02d}.txt").write_text(SENTENCE, encoding="utf-8")
        (corpus / f"c{i:02d}.txt").write_text(SENTENCE, encoding="utf-8")
    (corpus / f"b-{what}.txt").write_text(SENTENCE, encoding="utf-8")


def _newslint(tmp_path, *args):
    return subprocess.run([sys.executable, "-m", "newslint", "check", *args, "--format", "json", "corpus"],
                          cwd=tmp_path, capture_output=True, timeout=60, env={**os.environ, "NO_COLOR": "1"})


def test_a_worker_killed_mid_file_is_a_clear_error_exit_2_and_other_files_are_linted(tmp_path):
    _corpus(tmp_path, "die", "os._exit(9)")
    proc = _newslint(tmp_path, "--jobs", "2")
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err, err
    lost = sorted(line.split(": ")[2] for line in err.splitlines())
    assert all(line.endswith(": the --jobs worker process linting it ended (exit code 9)") for line in err.splitlines())
    assert "corpus/b-die.txt" in lost and len(lost) <= 2, err  # the files of its unit of work, no more
    found = json.loads(proc.stdout)
    linted = sorted({d["path"] for d in found if d["code"] == "ZZ902"})
    assert sorted(linted + lost) == sorted([f"corpus/{c}{i:02d}.txt" for c in "ac" for i in range(10)] + ["corpus/b-die.txt"])


@pytest.mark.parametrize("raised, code, line", [("KeyboardInterrupt()", 130, "newslint: interrupted"),
                                                ("SystemExit(0)", 2, "newslint: internal error: SystemExit: 0")])
def test_what_escapes_a_rule_in_a_worker_ends_the_run_as_with_one_process(tmp_path, raised, code, line):
    _corpus(tmp_path, "raise", f"raise {raised}")
    one = _newslint(tmp_path, "--jobs", "1")
    two = _newslint(tmp_path, "--jobs", "2")
    assert one.returncode == two.returncode == code, (one.stderr, two.stderr)
    assert one.stderr.decode().splitlines()[0].startswith(line), one.stderr
    assert two.stderr.decode().splitlines() == one.stderr.decode().splitlines()


def test_the_multiprocessing_pool_stays_the_fallback_and_gives_the_same_results(monkeypatch, tmp_path):
    for i in range(30):
        (tmp_path / f"a{i:02d}.txt").write_text(SENTENCE * (i % 4 + 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    one = [(r.path, [vars(d) for d in r.diagnostics]) for r in runner.run(["."], Config(), jobs=1)]
    forked = [(r.path, [vars(d) for d in r.diagnostics]) for r in runner.run(["."], Config(), jobs=3)]
    monkeypatch.setattr(runner, "FORK", False)
    pooled = [(r.path, [vars(d) for d in r.diagnostics]) for r in runner.run(["."], Config(), jobs=3)]
    assert one == forked == pooled and len(one) == 30 and any(d for _, d in one)


@pytest.mark.parametrize("fork", [True, False])
def test_a_run_in_process_leaves_the_callers_garbage_collector_as_it_was(monkeypatch, tmp_path, fork):
    # the workers' heap is frozen before they fork (no copy-on-write from the collector); the
    # caller's must not stay frozen, or a long-lived process (the API, a Ray actor) never collects
    # the cycles it makes afterwards
    import gc

    for i in range(12):  # more than a few files, or the run stays in one process
        (tmp_path / f"a{i:02d}.txt").write_text(SENTENCE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(runner, "FORK", fork)
    gc.unfreeze()
    list(runner.run(["."], Config(), jobs=2))
    assert gc.get_freeze_count() == 0


def _frozen_objects(unit):
    import gc

    return [gc.get_freeze_count()]


def test_the_workers_keep_the_inherited_heap_frozen():
    import gc

    gc.unfreeze()
    counts = [c for part in forkpool.ordered(_frozen_objects, iter(range(4)), 2, None, (), _lost) for c in part]
    assert all(c > 0 for c in counts) and gc.get_freeze_count() == 0
