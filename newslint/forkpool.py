"""The ``--jobs`` pool where ``os.fork`` exists: forked workers fed over pipes, no threads.

multiprocessing's ``Pool`` costs the parent its import (6-11 ms) and three handler threads that
wake for every unit of work (issue 17). Here the parent forks warm workers (they inherit the linter
and its caches) and feeds them over pipes, in one ``select`` loop run by the consumer of the
results. A frame is an 8-byte length and a pickle.

As with the pool: results in input order; at most ``jobs * 3`` units read ahead (bounded memory);
an exception in ``fn`` is raised in the parent; every worker ended and reaped however the run
ends. Beyond it: a worker that dies (killed, ``os._exit``, a crash in C) loses only its current
unit, which ``lost(unit, why)`` turns into results; a new worker takes over the rest.
"""
from __future__ import annotations

import collections
import gc
import os
import pickle
import selectors
import signal
import sys
from typing import Callable, Iterator

_HEAD = 8
_QUEUED = 2  # units sent to one worker ahead of its results: it never waits for the parent


class _Worker:
    __slots__ = ("pid", "tasks", "results", "inbox", "outbox", "sent", "writing")

    def __init__(self, pid: int, tasks: int, results: int):
        self.pid, self.tasks, self.results = pid, tasks, results
        self.inbox, self.outbox, self.writing = bytearray(), bytearray(), False
        self.sent: collections.deque = collections.deque()  # (seq, unit) sent, result not yet read


def _frame(obj) -> bytes:
    data = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(_HEAD, "little") + data


def _serve(tasks: int, results: int, fn: Callable, initializer, initargs) -> int:
    """A worker's life: units in, results out, until the parent closes its end of the pipe."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent ends its workers with SIGTERM
    except ValueError:  # forked from a thread that Python does not take for the main one here
        pass
    if initializer is not None:
        initializer(*initargs)
    reader, writer = os.fdopen(tasks, "rb"), os.fdopen(results, "wb")
    while True:
        head = reader.read(_HEAD)
        if len(head) < _HEAD:
            return 0
        unit = pickle.loads(reader.read(int.from_bytes(head, "little")))
        try:
            out = _frame((True, fn(unit)))
        except BaseException as exc:  # the parent raises it: what ends the run there ends it here
            out = _failure(exc)
        writer.write(out)
        writer.flush()


def _failure(exc: BaseException) -> bytes:
    try:
        return _frame((False, exc))
    except Exception:  # an exception that does not pickle: its type and text still cross
        return _frame((False, RuntimeError(f"{type(exc).__name__}: {exc}")))


def _exit_status(pid: int) -> str:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return "unknown status"
    return f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit code {os.WEXITSTATUS(status)}"


class _Pool:
    def __init__(self, fn, jobs: int, initializer, initargs, lost):
        self.fn, self.initializer, self.initargs, self.lost = fn, initializer, initargs, lost
        self.selector = selectors.DefaultSelector()
        self.workers: list[_Worker] = []
        self.done: dict[int, tuple] = {}  # seq -> (frame, or None with the unit lost, why)
        try:
            for _ in range(jobs):
                self.start()
        except BaseException:  # fork failed (no memory, process limit) or Ctrl-C: no worker left behind
            self.close(False)
            raise

    def start(self) -> _Worker:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # a child must not write the parent's buffered text again
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        gc.freeze()  # the worker's collector never walks (and copies, or finalises) the inherited heap
        pid = os.fork()
        if pid:
            gc.unfreeze()  # the parent's collector goes on as before; the worker's stays frozen
        if pid == 0:  # the worker: never returns into the parent's code
            code = 1
            try:
                self.selector.close()
                for w in self.workers:
                    os.close(w.tasks)
                    os.close(w.results)
                os.close(task_w)
                os.close(result_r)
                code = _serve(task_r, result_w, self.fn, self.initializer, self.initargs)
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
        os.close(task_r)
        os.close(result_w)
        os.set_blocking(task_w, False)
        os.set_blocking(result_r, False)
        worker = _Worker(pid, task_w, result_r)
        self.workers.append(worker)
        self.selector.register(result_r, selectors.EVENT_READ, worker)
        return worker

    def send(self, seq: int, unit) -> None:
        worker = min(self.workers, key=lambda w: len(w.sent))
        worker.sent.append((seq, unit))
        worker.outbox += _frame(unit)
        self.flush(worker)

    def flush(self, worker: _Worker) -> None:
        """Write what the pipe takes now; the rest when the selector says it has room."""
        try:
            del worker.outbox[:os.write(worker.tasks, worker.outbox)]
        except BlockingIOError:
            pass
        except BrokenPipeError:  # the worker has died: its result pipe's end says so next
            worker.outbox.clear()
        if bool(worker.outbox) != worker.writing:
            worker.writing = not worker.writing
            if worker.writing:
                self.selector.register(worker.tasks, selectors.EVENT_WRITE, worker)
            else:
                self.selector.unregister(worker.tasks)

    def has_room(self) -> bool:
        return any(len(w.sent) < _QUEUED for w in self.workers)

    def wait(self) -> None:
        """Read and write what the pipes allow, once: finished results land in ``done``."""
        for key, _ in self.selector.select():
            worker = key.data
            if not worker.pid:  # replaced earlier in this round
                continue
            if key.fd == worker.tasks:
                self.flush(worker)
            else:
                self.read(worker)

    def read(self, worker: _Worker) -> None:
        try:
            data = os.read(worker.results, 1 << 20)
        except BlockingIOError:
            return
        if not data:
            self.replace(worker)
            return
        inbox = worker.inbox
        inbox += data
        while len(inbox) >= _HEAD:
            size = int.from_bytes(inbox[:_HEAD], "little")
            if len(inbox) < _HEAD + size:
                break
            seq, _ = worker.sent.popleft()
            self.done[seq] = (bytes(inbox[_HEAD:_HEAD + size]), None, None)
            del inbox[:_HEAD + size]

    def replace(self, dead: _Worker) -> None:
        """A worker ended before its units did: its current unit is lost, the others go to a new one."""
        self.selector.unregister(dead.results)
        if dead.writing:
            self.selector.unregister(dead.tasks)
        os.close(dead.results)
        os.close(dead.tasks)
        self.workers.remove(dead)
        why = _exit_status(dead.pid)
        dead.pid = 0
        if dead.sent:
            seq, unit = dead.sent.popleft()
            self.done[seq] = (None, unit, why)
        elif self.workers:  # it died idle (killed from outside): the others carry on
            return
        self.start()
        for seq, unit in dead.sent:
            self.send(seq, unit)

    def take(self, seq: int) -> list:
        frame, unit, why = self.done.pop(seq)
        if frame is None:
            return self.lost(unit, why)
        ok, value = pickle.loads(frame)
        if not ok:
            raise value
        return value

    def close(self, ended: bool) -> None:
        """End every worker: at EOF after a whole run, with SIGTERM otherwise; reap them all."""
        for worker in self.workers:
            os.close(worker.tasks)
            if not ended:
                try:
                    os.kill(worker.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for worker in self.workers:
            try:
                os.waitpid(worker.pid, 0)
            except ChildProcessError:
                pass
            os.close(worker.results)
        self.selector.close()


def ordered(fn: Callable, work: Iterator, jobs: int, initializer, initargs: tuple,
            lost: Callable) -> Iterator[list]:
    """``fn(unit)`` for every unit of ``work``, in forked workers, yielded in input order."""
    pool = _Pool(fn, jobs, initializer, initargs, lost)
    window, sent, taken, exhausted, ended = jobs * 3, 0, 0, False, False
    try:
        while True:
            while not exhausted and sent - taken < window and pool.has_room():
                unit = next(work, None)
                if unit is None:
                    exhausted = True
                else:
                    pool.send(sent, unit)
                    sent += 1
            if taken in pool.done:
                yield pool.take(taken)
                taken += 1
            elif taken == sent and exhausted:
                break
            else:
                pool.wait()
        ended = True
    finally:
        pool.close(ended)
