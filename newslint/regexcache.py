"""Regular expressions compiled once and kept on disk between runs (the rules' patterns, and
markdown-it's while it is imported).

Compiling a pattern is parsing and code generation in pure Python; the 29 patterns a BBC run
reaches in ``_text`` cost ~8 ms of CPU in every process, the compiled code ~0.3 ms to load. The
code ``re`` would generate is stored per Python build (``sys.version``, ``_sre.MAGIC`` and
``CODESIZE`` name the file) and handed back to ``_sre.compile``, exactly what ``re.compile``
does with the code it has just generated. Anything unexpected (another Python implementation, a
missing or damaged file, a read-only home) falls back to ``re.compile``.
``NEWSLINT_NO_PATTERN_CACHE=1`` turns the cache off.
"""
from __future__ import annotations

import os
import re
import sys

_re_compile = re.compile  # the original, also while ``serving`` stands in for it
_table: dict | None = None
_writable = True
# every LazyPattern made so far, so that one write on the first miss stores them all
registered: list[tuple[str, int]] = []


def _name() -> str | None:
    """The cache file's name in ``newslint.diskcache``'s folder, or None: no cache."""
    if os.environ.get("NEWSLINT_NO_PATTERN_CACHE") == "1":
        return None
    try:
        import _sre
        import zlib

        tag = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{zlib.crc32(sys.version.encode()):08x}"
    except (ImportError, AttributeError):
        return None
    return f"patterns-{tag}.marshal"


def _load() -> dict:
    name = _name()
    if name is None:
        return {}
    from . import diskcache

    table = diskcache.read(name)
    return table if isinstance(table, dict) else {}


def cached_compile(pattern: str, flags: int = 0) -> "re.Pattern[str]":
    """``re.compile(pattern, flags)``, from the stored code when there is some."""
    global _table
    flags = int(flags)
    if _table is None:
        _table = _load()
    entry = _table.get((pattern, flags))
    if entry is not None:
        try:
            import _sre

            state_flags, code, groups, groupindex, indexgroup = entry
            return _sre.compile(pattern, state_flags, memoryview(code).cast("I").tolist(),
                                groups, groupindex, indexgroup)
        except Exception:  # a damaged entry: compile it the ordinary way
            pass
    compiled = _re_compile(pattern, flags)
    _save((pattern, flags))
    return compiled


def _code(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` besides the pattern text."""
    from re import _compiler, _parser  # Python 3.11+

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    words = b"".join(int(c).to_bytes(4, sys.byteorder) for c in code)  # read back as native "I"
    return (int(flags | parsed.state.flags), words, parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def _save(missed: tuple[str, int]) -> None:
    """On a miss: store every registered pattern and the one missed (a run after the first finds
    them all, so it writes nothing); a cache that cannot be written is not tried again."""
    global _writable
    name = _name() if _writable else None
    if name is None or _table is None:
        return
    try:
        import _sre

        from . import diskcache

        if _sre.CODESIZE != 4 or memoryview(b"1234").cast("I").itemsize != 4:
            raise ValueError("unexpected code size")
        for key in [*registered, missed]:
            if key not in _table:
                _table[key] = _code(*key)
        if not diskcache.write(name, _table, family="patterns-"):
            raise OSError("cannot write the cache")
    except Exception:  # an older Python without re._compiler, a read-only home: only speed is lost
        _writable = False


class LazyPattern:
    """A regular expression compiled on first use: start-up pays only for the patterns a run
    actually reaches (compiling all of them costs more than linting a short article)."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags, self._compiled = pattern, int(flags), None
        registered.append((pattern, self.flags))

    def compiled(self) -> "re.Pattern[str]":
        if self._compiled is None:  # from the code stored by an earlier run when there is some
            self._compiled = cached_compile(self.pattern, self.flags)
        return self._compiled

    def search(self, *args):
        return self.compiled().search(*args)

    def match(self, *args):
        return self.compiled().match(*args)

    def finditer(self, *args):
        return self.compiled().finditer(*args)

    def findall(self, *args):
        return self.compiled().findall(*args)

    def sub(self, *args):
        return self.compiled().sub(*args)

    def split(self, *args):
        return self.compiled().split(*args)


class serving:
    """While importing a library: its ``re.compile`` calls on text patterns go through the cache."""

    def __enter__(self) -> None:
        def compile_(pattern, flags=0):
            if isinstance(pattern, str) and not flags & re.DEBUG:
                return cached_compile(pattern, flags)
            return _re_compile(pattern, flags)

        re.compile = compile_

    def __exit__(self, *exc) -> None:
        re.compile = _re_compile
