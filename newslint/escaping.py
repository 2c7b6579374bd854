"""One escaping function per sink: terminals and stderr, GitHub workflow commands, JSON text, URIs.

Hostile text reaches newslint's outputs from article content (messages quote it), from file
names (any byte but ``/`` and NUL, including newlines and escape sequences) and from plugins.
Each sink has exactly one function here, and every writer to that sink goes through it:

- ``terminal``: stderr messages and the text format. Control characters (C0, DEL, C1), the
  bidirectional overrides and lone surrogates become visible ``\\xNN`` / ``\\uNNNN`` text, so
  nothing can move the cursor, recolour the terminal, hide text or start a new line (a file
  name holding a newline and ``::error ...`` can then never begin a GitHub workflow command).
- ``github_data`` / ``github_property``: GitHub's own rules for workflow commands (``%``, CR,
  LF; properties also ``:`` and ``,``), then the terminal rules for what is left (the log
  renders escape sequences).
- ``json_text``: serialised JSON whose strings hold lone surrogates (undecodable file-name
  bytes kept by ``surrogateescape``, or ``"\\ud800"`` in a JSON article) gets them as
  ``\\xNN`` / ``\\uNNNN`` text, so the output is valid UTF-8 and strict parsers accept it.
- ``uri_path``: a path as a URI reference, its bytes percent-encoded (non-UTF-8 names too).
"""
from __future__ import annotations

import os
import re

from .regexcache import LazyPattern

# Compiled on first use (about 1 ms for both, on a run that may print nothing); ASCII text
# without control characters, what nearly every call gets, needs neither.
_SURROGATE = LazyPattern("[\ud800-\udfff]")
_TERMINAL = LazyPattern("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                        "\ud800-\udfff]")


def _visible(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with lone surrogates written as ``\\xNN`` / ``\\uNNNN``: encodable as UTF-8."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: _visible(m.group()), text)


def terminal(text: str) -> str:
    """``text`` safe for a terminal or a CI log: one line, no control or escape sequences."""
    text = str(text)
    if text.isascii() and text.isprintable():
        return text
    return _TERMINAL.sub(lambda m: _visible(m.group()), text)


def github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does (``%``, CR, LF); other
    control characters (the log renders escape sequences) are made visible as for a terminal."""
    return terminal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """A workflow command's property value: the message rules plus ``:`` and ``,``."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def json_text(serialised: str) -> str:
    """Serialised JSON with any lone surrogate (only ever inside a string) as escaped text."""
    if serialised.isascii() or not _SURROGATE.search(serialised):
        return serialised
    return _SURROGATE.sub(lambda m: "\\" + _visible(m.group()), serialised)


def uri_path(path: str) -> str:
    """A relative URI for ``path``: its bytes (as the file system has them) percent-encoded."""
    from urllib.parse import quote  # SARIF and friends only; not on every run's import path

    return quote(os.fsencode(path) if not re.search("[\ud800-\udc7f\udd00-\udfff]", path)
                 else path.encode("utf-8", "surrogatepass"), safe="/")
