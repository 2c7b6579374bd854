"""newslint's small cache files under ``$XDG_CACHE_HOME/newslint`` (default ``~/.cache/newslint``;
``NEWSLINT_CACHE_DIR`` names another folder).

Each holds one marshal value under a name that carries its key (a data file's size and time, the
plugin folders' state, the Python build). A new key means a new file, so each write removes the
files of the same family nobody has read for ``STALE_DAYS`` (an old install's, an old Python's);
a read keeps its file fresh. Any failure (a read-only home, a damaged file) only costs speed.
"""
from __future__ import annotations

import os
import time

STALE_DAYS = 30
_DAY = 86400.0


def folder() -> str:
    """``NEWSLINT_CACHE_DIR`` when set, else ``newslint`` in the user's cache folder."""
    named = os.environ.get("NEWSLINT_CACHE_DIR")
    if named:
        return named
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "newslint")


def read(name: str):
    """The value stored under ``name``, or None."""
    import marshal  # built in (the import system's own)

    try:
        fd = os.open(os.path.join(folder(), name), os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            data = os.read(fd, info.st_size + 1)
            if time.time() - info.st_mtime > _DAY:  # in use: never stale (once a day, not every run)
                os.utime(fd if os.utime in os.supports_fd else os.path.join(folder(), name))
        finally:
            os.close(fd)
        return marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write(name: str, value, family: str) -> bool:
    """Store ``value`` under ``name`` (atomically), then remove the stale files of ``family``;
    False when it could not be stored."""
    import marshal

    where = folder()
    path = os.path.join(where, name)
    try:
        os.makedirs(where, exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps(value))
        os.replace(tmp, path)
    except (OSError, ValueError):
        return False
    _prune(where, family, keep=name)
    return True


def _prune(where: str, family: str, keep: str) -> None:
    oldest = time.time() - STALE_DAYS * _DAY
    try:
        entries = list(os.scandir(where))
    except OSError:
        return
    for entry in entries:
        if entry.name != keep and entry.name.startswith(family):
            try:
                if entry.stat(follow_symlinks=False).st_mtime < oldest:
                    os.unlink(entry.path)
            except OSError:
                pass  # another run removed it, or it is not ours to remove
