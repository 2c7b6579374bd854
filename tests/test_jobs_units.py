"""--jobs hands the pool a few large units of work: every unit costs the parent a trip through
the pool's task and result threads (about 0.7 ms of its CPU on the 2-CPU bench machine), so
units of 32 files cost --jobs 2 ~0.1 CPU-s on 4,324 BBC files (issue 17)."""
from newslint import runner
from newslint.config import Config


def _units_sent(monkeypatch, tmp_path, n: int, jobs: int) -> list:
    for i in range(n):
        (tmp_path / f"a{i:05d}.txt").write_text("Headline\n\nA sentence.\n", encoding="utf-8")
    sent: list = []

    def fake_pool(linter, work, formats, jobs, fn=None):
        for unit in work:
            sent.append(unit)
            yield runner.pack(runner.process(linter, unit))

    monkeypatch.setattr(runner, "_in_pool", fake_pool)
    monkeypatch.chdir(tmp_path)
    results = list(runner.run(["."], Config(), jobs=jobs))
    assert sorted(r.path for r in results) == sorted(f"a{i:05d}.txt" for i in range(n))
    return sent


def test_many_small_files_go_in_few_units(monkeypatch, tmp_path):
    sent = _units_sent(monkeypatch, tmp_path, 2000, 2)
    assert len(sent) <= 20  # 2,000 files: units of 100+, not 32


def test_every_worker_still_gets_several_units(monkeypatch, tmp_path):
    sent = _units_sent(monkeypatch, tmp_path, 200, 2)
    assert len(sent) >= 2 * 4  # the tail stays short: no worker waits on one big last unit


def test_the_pool_does_not_wake_its_worker_handler_for_every_result(monkeypatch, tmp_path):
    # multiprocessing's Pool waits on the result pipe in its worker-handler thread too, so that
    # thread wakes (and polls every worker) as long as a result is unread: ~0.5 ms of the
    # parent's CPU per unit. The worker handler has nothing to do with results.
    import multiprocessing.pool

    wakes = []
    original = multiprocessing.pool.Pool._wait_for_updates

    def counted(sentinels, change_notifier, timeout=None):
        wakes.append(1)
        return original(sentinels, change_notifier, timeout)

    monkeypatch.setattr(multiprocessing.pool.Pool, "_wait_for_updates", staticmethod(counted))
    monkeypatch.setattr(runner, "batch_size", lambda files, jobs: 1)
    monkeypatch.setattr(runner, "FORK", False)  # the multiprocessing pool: the fallback without os.fork
    for i in range(300):
        (tmp_path / f"a{i:05d}.txt").write_text("Headline\n\nA sentence.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    results = list(runner.run(["."], Config(), jobs=2))
    assert [r.path for r in results] == sorted(f"a{i:05d}.txt" for i in range(300))
    assert len(wakes) < 100  # 300 units: 9-15 wake-ups here (an emptied cache, start, end), 4,607 before
