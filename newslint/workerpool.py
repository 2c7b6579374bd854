"""The ``--jobs`` worker pool: multiprocessing's ``Pool`` without its worker handler's busy wait.

``Pool`` waits on the result pipe in its worker-handler thread as well as in its result-handler
thread, so the worker handler wakes, and polls every worker, for as long as a result sits unread:
4,607 wake-ups for 300 units of work, ~15 ms of the parent's CPU on 4,324 BBC files (issue 17).
The worker handler only has work when a worker ends (its sentinel wakes it) or when the pool
changes state or its cache empties (the change notifier wakes it); results are the result
handler's business alone.
"""
from multiprocessing.pool import Pool


class WorkerPool(Pool):
    def _get_sentinels(self):
        return [self._change_notifier._reader]
