"""Output files (reports and baselines): checked and opened before the run, moved into place after.

An ``OutputFile`` is decided before any input is read: a folder, a place that cannot be written
or an input file given as the destination is a ``UsageError`` (exit 2) then, not a traceback
after the run. Missing parent folders are created. The text goes to a temporary file created
beside the target with ``O_EXCL`` and ``O_NOFOLLOW`` (``tempfile.mkstemp``), so a link planted
at a predictable name is never followed; it replaces the target only once the output is whole,
and is removed on every other exit path (an exception, Ctrl-C). A destination that exists and
is not a regular file (``/dev/stdout``, a pipe) is written directly: it cannot be replaced.
"""
from __future__ import annotations

import contextlib
import os
import stat
from typing import IO, Iterator, Sequence

from .errors import UsageError

TMP_SUFFIX = ".newslint-tmp"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class OutputFile:
    """One destination named on the command line (``what``: "report" or "baseline")."""

    def __init__(self, path: str, what: str = "report"):
        self.path = path
        self.what = what
        self.tmp: str | None = None
        self.stream: IO[str] | None = None
        self._target: os.stat_result | None = None

    def _fail(self, reason: str) -> UsageError:
        return UsageError(f"{self.path}: cannot write the {self.what} here: {reason}")

    def refuse_inputs(self, inputs: Sequence[str]) -> None:
        """A UsageError when the destination is one of the files given to lint."""
        self._look()
        for given in inputs:
            if given != "-" and self.is_target(given):
                raise self._fail(f"it is an input ({given}); the {self.what} would overwrite it")

    def is_target(self, path: str) -> bool:
        """Whether ``path`` is the destination file itself (same device and inode)."""
        if self._target is None or not path:
            return False
        try:
            return os.path.samestat(os.stat(path), self._target)
        except (OSError, ValueError):
            return False

    def _look(self) -> None:
        try:
            self._target = os.stat(self.path)
        except FileNotFoundError:
            self._target = None
        except OSError as exc:
            raise self._fail(exc.strerror or str(exc)) from None

    def open(self) -> IO[str]:
        """Check the destination and open the temporary file beside it, before the run."""
        self._look()
        if self._target is not None and stat.S_ISDIR(self._target.st_mode):
            raise self._fail("it is a folder")
        try:
            if self._target is not None and not stat.S_ISREG(self._target.st_mode):
                self.stream = open(self.path, "w", encoding="utf-8", newline="\n")  # a device or a pipe
                return self.stream
            folder = os.path.dirname(os.path.abspath(self.path))
            os.makedirs(folder, exist_ok=True)
            import tempfile  # only when a report goes to a file

            fd, self.tmp = tempfile.mkstemp(prefix=os.path.basename(self.path) + ".", suffix=TMP_SUFFIX,
                                            dir=folder)
            os.fchmod(fd, 0o666 & ~_umask())
            self.stream = open(fd, "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise self._fail(exc.strerror or str(exc)) from None
        return self.stream

    def commit(self) -> None:
        """Close the output and move it into place."""
        assert self.stream is not None
        self.stream.close()
        if self.tmp is not None:
            try:
                os.replace(self.tmp, self.path)
            except OSError as exc:
                self.discard()
                raise self._fail(exc.strerror or str(exc)) from None
            self.tmp = None

    def discard(self) -> None:
        """Close and remove the temporary file; the destination is left as it was."""
        if self.stream is not None:
            with contextlib.suppress(OSError, ValueError):
                self.stream.close()
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            self.tmp = None


@contextlib.contextmanager
def written(output: OutputFile) -> Iterator[IO[str]]:
    """The stream of an ``OutputFile`` (opened if need be), committed only if the block succeeds."""
    stream = output.stream or output.open()
    try:
        yield stream
    except BaseException:
        output.discard()
        raise
    output.commit()
