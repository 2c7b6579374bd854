"""Where fixed text goes: back into the file (temporary file + rename, the file's own line ends,
byte-order mark and encoding kept), into a unified diff (``--diff``), or to stdout (stdin input).

The linter works on text with ``\\n`` line ends; a file whose lines all end in CRLF gets CRLF
back, and a file that mixes line-end styles is left alone with a message rather than guessed at.
A file that changed on disk during the run, or had an input problem, is never written.
"""
from __future__ import annotations

import os
import sys
from typing import IO

from .inputs import is_streamed, normalise_line_ends

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def line_end_style(text: str) -> str | None:
    """``"\\n"``, ``"\\r\\n"`` or ``"\\r"`` when the text uses one style throughout, else None."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    styles = [s for s, n in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if n]
    if len(styles) > 1:
        return None
    return styles[0] if styles else "\n"


def encoded_like(raw: bytes, original: str, fixed: str) -> tuple[bytes | None, str]:
    """``fixed`` encoded as ``raw`` was (BOM, encoding, line ends), or None and the reason."""
    bom, encoding = b"", "utf-8"
    for mark, enc in _BOMS:
        if raw.startswith(mark):
            bom, encoding = mark, enc
            break
    try:
        text = raw[len(bom):].decode(encoding)
    except UnicodeDecodeError:
        return None, "cannot be decoded any more; not fixed"
    if normalise_line_ends(text).lstrip("\ufeff") != original:
        return None, "changed on disk during the run; not fixed"
    style = line_end_style(text)
    if style is None:
        return None, "mixes line-end styles (CRLF and LF); not fixed (normalise its line ends first)"
    if style != "\n":
        fixed = fixed.replace("\n", style)
    return bom + fixed.encode(encoding), ""


def replace_file(path: str, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it over ``path`` (over the
    link's target, for a symbolic link, so the link stays a link)."""
    path = os.path.realpath(path)
    folder = os.path.dirname(path)
    import tempfile  # imported by the fix paths only, not by every check

    fd, tmp = tempfile.mkstemp(prefix=".newslint-fix-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def unified_diff(path: str, before: str, after: str, line_offset: int = 0) -> str:
    import difflib

    lines = list(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                      fromfile=f"a/{path}", tofile=f"b/{path}"))
    if line_offset:
        lines = [_shift_hunk(line, line_offset) if line.startswith("@@") else line for line in lines]
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _shift_hunk(header: str, offset: int) -> str:
    parts = header.split(" ")
    for i in (1, 2):
        start, comma, count = parts[i][1:].partition(",")
        parts[i] = f"{parts[i][0]}{int(start) + offset}{comma}{count}"
    return " ".join(parts)


class _Streamed:
    """A large JSON Lines file being fixed chunk by chunk into a temporary file."""

    def __init__(self, path: str, tmp: str, fh: IO[bytes], refused: str = ""):
        self.path, self.tmp, self.fh, self.refused = path, tmp, fh, refused
        self.lines = 0
        self.count = 0
        self.changed = False


class FixWriter:
    """Takes FileResults in input order and writes (or diffs) what their fixes changed.

    (Plain classes here: ``check`` imports this module on every run, and a dataclass costs import
    time.)"""

    def __init__(self, mode: str, stdin_name: str | None = None, out: IO[str] | None = None):
        self.mode = mode  # "fix" or "diff"
        self.stdin_name = stdin_name  # the name stdin's result carries, when stdin is an input
        self.out = out if out is not None else sys.stdout
        self.fixed = 0
        self.files_changed = 0
        self.notes: list[str] = []
        self._stream: _Streamed | None = None

    def add(self, result) -> None:
        file = result.file or result.path  # as opened; ``path`` is the project-relative spelling
        if self._stream is not None and self._stream.path != file:
            self._close_stream()
        outcome = result.fixed
        if file == self.stdin_name:
            self._stdin(result)
        elif is_streamed(file):
            self._chunk(result, file)
        elif outcome is not None and outcome.fixed is not None:
            self._whole(file, result.source, outcome.fixed, outcome.count, result.path)

    def close(self) -> None:
        if self._stream is not None:
            self._close_stream()

    def _stdin(self, result) -> None:
        outcome = result.fixed
        text = outcome.fixed if outcome is not None and outcome.fixed is not None else result.source
        if outcome is not None and outcome.fixed is not None:
            self.fixed += outcome.count
            self.files_changed += 1
        if self.mode == "diff":
            if outcome is not None and outcome.fixed is not None:
                self.out.write(unified_diff(result.path, result.source, outcome.fixed))
        elif text is not None:
            self.out.write(text)

    def _whole(self, path: str, before: str, after: str, count: int, shown: str | None = None) -> None:
        if self.mode == "diff":
            self.out.write(unified_diff(shown or path, before, after))
        else:
            try:
                with open(path, "rb") as fh:
                    raw = fh.read()
                data, why = encoded_like(raw, before, after)
                if data is None:
                    self.notes.append(f"{path}: {why}")
                    return
                replace_file(path, data)
            except OSError as exc:
                self.notes.append(f"{path}: cannot write the fixed file: {exc.strerror or exc}")
                return
        self.fixed += count
        self.files_changed += 1

    def _chunk(self, result, file: str) -> None:
        stream = self._stream
        if stream is None:
            stream = self._stream = self._open_stream(file)
        outcome = result.fixed
        text = result.source or ""
        if outcome is None:
            stream.refused = stream.refused or "an input problem in the file; not fixed"
        elif outcome.fixed is not None:
            if self.mode == "diff":
                self.out.write(unified_diff(result.path, text, outcome.fixed, stream.lines))
            stream.changed = True
            stream.count += outcome.count
            text = outcome.fixed
        stream.lines += text.count("\n")
        if not stream.refused and self.mode == "fix":
            stream.fh.write(text.encode("utf-8"))

    def _open_stream(self, path: str) -> _Streamed:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
        refused = "has CR line ends; large files are fixed only with LF line ends" if b"\r" in head else ""
        if self.mode != "fix":
            return _Streamed(path, "", open(os.devnull, "wb"), refused=refused)
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=".newslint-fix-", dir=os.path.dirname(os.path.abspath(path)))
        fh = os.fdopen(fd, "wb")
        if head.startswith(b"\xef\xbb\xbf"):
            fh.write(b"\xef\xbb\xbf")
        return _Streamed(path, tmp, fh, refused=refused)

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        assert stream is not None
        stream.fh.close()
        if stream.changed and (not stream.refused or self.mode == "diff"):
            self.files_changed += 1
            self.fixed += stream.count
        if stream.refused and stream.changed:
            self.notes.append(f"{stream.path}: {stream.refused}")
        if not stream.tmp:
            return
        if stream.changed and not stream.refused:
            try:
                os.chmod(stream.tmp, os.stat(stream.path).st_mode & 0o7777)
            except OSError:
                pass
            os.replace(stream.tmp, stream.path)
        else:
            os.unlink(stream.tmp)
