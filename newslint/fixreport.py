"""Fixes as reports show them: each edit at 1-based line and column positions in the file.

A resolved :class:`~newslint.fixes.Fix` holds offsets into the decoded source, or (JSON inputs)
into one decoded string value; neither means anything to a consumer that only has the file.
:func:`locate` turns the edits into positions with the finding's own conventions (columns in
code points, ``end_*`` just past the span), so JSON, SARIF and rdjson can carry a fix that is
applied without newslint. An edit of a JSON string value becomes the edit of its escaped text
in the file (an ``\\n`` escape is two characters of source), with the replacement escaped the
way the literal is (``\\uXXXX`` when the literal is ASCII).
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .document import Document
    from .fixes import Fix


def _decoded_offsets(raw: str) -> list[int]:
    """For each character of the decoded JSON string ``raw``, its offset in ``raw``; plus the end."""
    out, i, n = [], 0, len(raw)
    while i < n:
        out.append(i)
        if raw[i] != "\\":
            i += 1
        elif raw[i + 1] != "u":
            i += 2
        elif 0xD800 <= int(raw[i + 2:i + 6], 16) < 0xDC00 and raw[i + 6:i + 8] == "\\u":
            i += 12  # a surrogate pair decodes to one code point
        else:
            i += 6
    out.append(n)
    return out


def _source_spans(doc: "Document", fix: "Fix") -> list[tuple[int, int, str]]:
    if fix.literal is None:
        return [(e.start, e.end, e.replacement) for e in fix.edits]
    a, b = fix.literal
    key = ("fix-offsets", fix.literal)
    if key not in doc.cache:
        doc.cache[key] = _decoded_offsets(doc.source[a:b])
    offsets, ascii_only = doc.cache[key], doc.source[a:b].isascii()
    import json  # fixes inside a JSON string only: off a plain run's import path

    return [(a + offsets[e.start], a + offsets[e.end], json.dumps(e.replacement, ensure_ascii=ascii_only)[1:-1])
            for e in fix.edits]


def locate(doc: "Document", fix: "Fix") -> "Fix":
    """``fix`` with ``where``: ``(line, column, end_line, end_column, replacement)`` per edit."""
    where = []
    for s, e, rep in _source_spans(doc, fix):
        where.append((*doc.position(s), *doc.position(e), rep))
    return dataclasses.replace(fix, where=tuple(where))


def fix_dict(fix: Any) -> dict | None:
    """The ``fix`` field of a JSON finding: ``{"safety", "edits": [{line, column, end_line,
    end_column, replacement}]}``, or None for a fix that was never located."""
    where = getattr(fix, "where", None)
    if not where:
        return None
    keys = ("line", "column", "end_line", "end_column", "replacement")
    return {"safety": fix.safety, "edits": [dict(zip(keys, w)) for w in where]}
