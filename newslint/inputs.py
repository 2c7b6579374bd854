"""Reading inputs: size limits, the suffix table, decoding, and JSON Lines files in chunks.

Everything that turns a path into decoded text lives here, so the linter only ever sees ``str``
with ``\\n`` line ends, and every refusal (too big, binary, not UTF-8) is an ``InputError``.
"""
from __future__ import annotations

import os
import stat
from typing import IO, Callable, Iterator

from .errors import InputError

MAX_FILE_BYTES = 256 * 1024 * 1024
#: Past this many characters a text, Markdown or HTML file is checked only up to a line end
#: before the limit (with a warning): no article is this long, and time must stay bounded.
MAX_CHECK_CHARS = 2_000_000
#: JSON Lines files larger than this are read and linted in chunks of whole lines, so memory
#: stays bounded whatever the corpus size, and the chunks spread over the worker processes.
STREAM_JSONL_BYTES = 4 * 1024 * 1024
CHUNK_BYTES = 512 * 1024

FORMAT_BY_SUFFIX = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}


#: Suffixes added by plugins (``newslint_register_extensions``): discovery finds these files too.
PLUGIN_SUFFIXES: set[str] = set()


def register_suffixes(mapping: dict[str, str]) -> None:
    """Add plugin suffixes to the table; a built-in suffix keeps its format."""
    for suffix, fmt in mapping.items():
        if suffix not in FORMAT_BY_SUFFIX:
            FORMAT_BY_SUFFIX[suffix] = fmt
            PLUGIN_SUFFIXES.add(suffix)


_POSIX_NAMES = os.sep == "/" and os.altsep is None


def format_of(path: str) -> str:
    """The input format a file name implies; unknown extensions are read as plain text."""
    dot = path.rfind(".")
    # asked several times per file: the suffix splitext gives, without its call, where it is plain
    # (a dot after the last "/", a character other than "." or "/" before it)
    if _POSIX_NAMES and dot > 0 and path.find("/", dot) < 0 and path[dot - 1] not in "./":
        return FORMAT_BY_SUFFIX.get(path[dot:].lower(), "text")
    return FORMAT_BY_SUFFIX.get(os.path.splitext(path)[1].lower(), "text")


def decode(path: str, data: bytes) -> str:
    """Decode a file: UTF-8 (BOM optional) or UTF-16 with a BOM; line ends normalised to LF.

    An HTML page that is not UTF-8 but declares its charset in a ``<meta>`` tag is decoded with
    it. Anything else (binary data, NUL bytes, undeclared Latin-1) is an InputError: the file is
    reported and skipped, never guessed at, so positions are never silently wrong.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encoding = "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in data[:8192] or b"\x00" in data:
            raise InputError(path, "binary file (contains NUL bytes); skipped")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        declared = None
        if encoding == "utf-8" and format_of(path) == "html":
            from .charset import decode_declared  # a page that is not UTF-8: rare, not on every run's path

            declared = decode_declared(data)
        if declared is not None:  # an HTML page that says what it is (WHATWG prescan)
            return normalise_line_ends(declared)
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path, f"not valid {encoding.upper()} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "newslint reads UTF-8 or UTF-16 with a BOM; file skipped", line) from None
    if encoding == "utf-16":
        text = text.lstrip("\ufeff")
        if "\x00" in text:
            raise InputError(path, "binary file (contains NUL characters); skipped")
    return normalise_line_ends(text, json_lines=format_of(path) == "jsonl")


def normalise_line_ends(text: str, json_lines: bool = False) -> str:
    """Line ends as ``\n``. In JSON Lines a lone CR is JSON whitespace inside a record (records end
    with LF or CRLF), unless the text has no LF at all: then CR ends its lines (old Mac files).
    Files, chunks and stdin all come through here, so they number lines alike."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if not json_lines or "\n" not in text:
            text = text.replace("\r", "\n")
    return text


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a regular file"


def read_bounded(fh: IO[bytes], name: str, limit: int | None = None, expected: int | None = None) -> bytes:
    """At most ``limit`` (default MAX_FILE_BYTES) bytes of ``fh``; an InputError past it (the
    limit holds however the file grows, or whatever a pipe delivers).

    ``expected`` is the size ``fstat`` gave: asked for ``limit + 1`` bytes at once, a buffered
    reader allocates that much (256 MB) for every file, which cost more than decoding an article."""
    return bounded_read(fh.read, name, limit, expected)


def bounded_read(read: Callable[[int], bytes], name: str, limit: int | None = None,
                 expected: int | None = None) -> bytes:
    """``read_bounded`` for a ``read(n)`` that returns ``n`` bytes unless the input ends first."""
    limit = MAX_FILE_BYTES if limit is None else limit
    if expected is not None and expected < limit:
        data = read(expected + 1)
        if len(data) <= expected:
            return data
        data += read(limit + 1 - len(data))  # the file grew since fstat: read on, bounded
    else:
        data = read(limit + 1)
    if len(data) > limit:
        raise InputError(name, f"over the {limit} byte limit; skipped")
    return data


def _read_fd(fd: int, n: int) -> bytes:
    """``n`` bytes of ``fd`` (fewer at its end), as a buffered reader's ``read(n)`` gives them."""
    data = os.read(fd, n)
    if len(data) >= n or not data:
        return data
    parts, got = [data], len(data)
    while got < n:
        more = os.read(fd, n - got)
        if not more:
            break
        parts.append(more)
        got += len(more)
    return b"".join(parts)


def read_file(path: str) -> str:
    """The decoded text of one file, or an InputError that says why it cannot be linted.

    Only regular files are read: the file is opened without blocking (a FIFO would wait for a
    writer forever), then checked with ``fstat`` on the open file (not the name, which may be
    swapped), and read with a bounded read (``/dev/zero`` behind a link never ends). The reads
    go to the descriptor: a buffered file object per article cost more than its read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise InputError(path, f"{_kind(info.st_mode)}, not a regular file; skipped")
            if info.st_size > MAX_FILE_BYTES:
                raise InputError(path, f"file is {info.st_size} bytes, over the {MAX_FILE_BYTES} byte limit; skipped")
            data = bounded_read(lambda n: _read_fd(fd, n), path, MAX_FILE_BYTES, info.st_size)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise InputError(path, "file not found (it may have been removed during the run)") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return decode(path, data)


def truncated(path: str, source: str) -> tuple[str, int | None]:
    """``source`` cut at a line end before MAX_CHECK_CHARS, and the last line kept (None: whole).

    JSON and JSON Lines are never cut: a cut record would be invalid JSON.
    """
    if len(source) <= MAX_CHECK_CHARS or format_of(path) in ("json", "jsonl"):
        return source, None
    cut = source.rfind("\n", 0, MAX_CHECK_CHARS)
    source = source[:cut + 1 if cut > 0 else MAX_CHECK_CHARS]
    return source, source.count("\n") + 1


def size_of(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def is_streamed(path: str) -> bool:
    """Whether a file is linted in chunks of lines rather than read whole."""
    if format_of(path) != "jsonl" or size_of(path) <= STREAM_JSONL_BYTES:
        return False
    try:  # UTF-16 cannot be cut at b"\n" bytes: such a file is read whole (within MAX_FILE_BYTES)
        with open(path, "rb") as fh:
            return fh.read(2) not in (b"\xff\xfe", b"\xfe\xff")
    except OSError:
        return True  # the chunk reader reports it


def jsonl_chunks(path: str) -> Iterator[tuple[int, bytes]]:
    """``(first_line, data)`` for chunks of whole lines of a JSON Lines file (OSError if unreadable).

    Lines end with LF (CRLF stays whole: a chunk ends after an LF). A file that shows no LF in a
    whole chunk is an old Mac file whose lines end with a lone CR (as ``normalise_line_ends``
    reads it): it is cut after a CR, so it streams in bounded chunks too instead of as one line.
    """
    with open(path, "rb") as fh:
        line_no, buffer, seen_lf = 1, bytearray(), False
        while True:
            block = fh.read(CHUNK_BYTES)
            if line_no == 1 and not buffer and block.startswith(b"\xef\xbb\xbf"):
                block = block[3:]
            buffer += block  # a bytearray: a line longer than many chunks still grows in linear time
            if not block:
                if buffer:
                    yield line_no, bytes(buffer)
                return
            if len(buffer) < CHUNK_BYTES:
                continue
            seen_lf = seen_lf or b"\n" in buffer
            # in a CR-only file the last byte may be a CR whose LF is still unread: never cut there
            end = buffer.rfind(b"\n") if seen_lf else buffer.rfind(b"\r", 0, len(buffer) - 1)
            if end < 0:
                continue  # one line longer than a chunk: read on (a record is bounded by MAX_FILE_BYTES)
            chunk = bytes(buffer[:end + 1])
            del buffer[:end + 1]
            yield line_no, chunk
            line_no += chunk.count(b"\n") if seen_lf else chunk.count(b"\r")
