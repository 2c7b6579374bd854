"""The ``--jobs`` pool where ``os.fork`` does not exist (Windows): multiprocessing's ``Pool``
without its worker handler's busy wait. Elsewhere ``forkpool`` runs the workers.

``Pool`` waits on the result pipe in its worker-handler thread as well as in its result-handler
thread, so the worker handler wakes, and polls every worker, for as long as a result sits unread:
4,607 wake-ups for 300 units of work, ~15 ms of the parent's CPU on 4,324 BBC files (issue 17).
The worker handler only has work when a worker ends (its sentinel wakes it) or when the pool
changes state or its cache empties (the change notifier wakes it); results are the result
handler's business alone.
"""
import collections
import gc
import multiprocessing
import signal
import sys
from multiprocessing.pool import Pool
from typing import Callable, Iterator


class WorkerPool(Pool):
    def _get_sentinels(self):
        return [self._change_notifier._reader]


def _start(initializer: Callable, *initargs) -> None:
    # Ctrl-C reaches the whole process group: the parent alone handles it (one line, exit 130)
    # and ends the pool; a worker printing its own KeyboardInterrupt traceback helps no one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):  # the pool ends its workers with SIGTERM: die quietly
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    initializer(*initargs)


def ordered(fn: Callable, work: Iterator, jobs: int, initializer: Callable, initargs: tuple) -> Iterator:
    """``fn(unit)`` for every unit of ``work`` in the pool, yielded in input order; at most
    ``jobs * 3`` units in flight, so memory stays bounded."""
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    gc.freeze()  # the workers' garbage collector then never walks (and copies) the inherited heap
    try:
        pool = WorkerPool(jobs, _start, (initializer, *initargs), context=ctx)
    finally:
        gc.unfreeze()  # the workers are forked: the caller's collector goes on as before
    with pool:
        window: collections.deque = collections.deque()
        for unit in work:
            window.append(pool.apply_async(fn, (unit,)))
            if len(window) >= jobs * 3:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()
