"""The encoding an HTML file declares, found the way browsers find it (WHATWG "prescan a byte
stream to determine its encoding", simplified to what files on disk need).

``decode`` reads UTF-8 (BOM optional) and UTF-16 with a BOM. A page that is not valid UTF-8 but
says what it is (``<meta charset="iso-8859-1">``, or ``<meta http-equiv="Content-Type"
content="text/html; charset=windows-1252">``) in its first 1024 bytes can be decoded with
:func:`declared_html_charset`; anything else stays an error, so nothing is ever guessed.
"""
from __future__ import annotations

import codecs
import re

_META_RE = re.compile(rb"<meta\b([^>]*)>", re.I)
_ATTR_RE = re.compile(rb"""([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+))""", re.I)
_CHARSET_IN_CONTENT_RE = re.compile(rb"""charset\s*=\s*["']?([^\s"';]+)""", re.I)
_COMMENT_RE = re.compile(rb"<!--.*?-->", re.S)
#: WHATWG: a declared Latin-1 or ASCII is decoded as windows-1252 (its superset), and a page that
#: claims UTF-16 without a BOM is read as UTF-8.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252", "windows-1252": "cp1252",
            "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8", "x-user-defined": "cp1252"}


def declared_html_charset(data: bytes) -> str | None:
    """The Python codec name of the charset declared in the first 1024 bytes, or None."""
    head = _COMMENT_RE.sub(b"", data[:1024])
    for meta in _META_RE.finditer(head):
        attrs = {}
        for m in _ATTR_RE.finditer(meta.group(1)):
            name = m.group(1).lower()
            if name not in attrs:
                attrs[name] = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
        label = None
        if attrs.get(b"charset"):
            label = attrs[b"charset"]
        elif (attrs.get(b"http-equiv") or b"").lower() == b"content-type" and attrs.get(b"content"):
            m = _CHARSET_IN_CONTENT_RE.search(attrs[b"content"])
            label = m.group(1) if m else None
        if label:
            return _codec(label.decode("ascii", "replace").strip().lower())
    return None


def _codec(label: str) -> str | None:
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_declared(data: bytes) -> str | None:
    """``data`` decoded with the charset the page declares, or None when it declares none (or
    one that does not decode it)."""
    codec = declared_html_charset(data)
    if codec is None or codec in ("utf-8",):
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None
