"""The HTML report's data: each article with findings as the text shown and the findings' spans in it.

Text, Markdown and HTML files are shown as their source, so a finding's span is its line and
column; JSON and JSON Lines records as their decoded string fields, so a span goes through the
field's escapes. Offsets are given in UTF-16 code units, as the page's JavaScript counts them.
"""
from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from functools import lru_cache
from urllib.parse import urlsplit

from ..config import Config
from ..parsers.jsonpos import decode_string, object_strings, skip_ws, value_end
from . import report_path

SEVERITIES = ("error", "warning", "info")
#: the reporter is not given the run's config: field names and title detection use the defaults
DEFAULTS = Config()


def article(path, record, diags, sections, spans, meta=None, edit_span=None) -> dict:
    """One article as the page reads it; ``spans`` maps ``id(diagnostic)`` to (section, start, end),
    ``edit_span(literal, start, end)`` places a fix's edit in a section (or returns None)."""
    meta = meta or {}
    findings = []
    for d in diags:
        sec, start, end = spans.get(id(d), (-1, 0, 0))
        finding = [d.code, SEVERITIES.index(d.severity) if d.severity in SEVERITIES else 1,
                   d.message, round(float(getattr(d, "confidence", 1.0)), 3), sec, start, end,
                   d.line, d.column, d.end_line, d.end_column]
        fix = fix_preview(getattr(d, "fix", None), edit_span)
        if fix is not None:
            finding.append(fix)
        findings.append(finding)
    return {"path": shown_path(path), "record": record, "id": meta.get("id"), "source": meta.get("source"),
            "sections": sections, "f": findings}


def fix_preview(fix, edit_span) -> dict | None:
    """What ``--fix`` would do for a finding (``Diagnostic.fix``: edits over the source, or over a
    JSON string's value when ``literal`` names it), as section offsets: removals are struck through."""
    if fix is None or edit_span is None:
        return None
    edits = []
    for edit in getattr(fix, "edits", ()) or ():
        where = edit_span(getattr(fix, "literal", None), edit.start, edit.end)
        if where is not None:
            edits.append([*where, str(getattr(edit, "replacement", ""))])
    return {"safety": str(getattr(fix, "safety", None) or ""), "edits": edits}


def text_article(path: str, fmt: str, source: str, diagnostics) -> dict:
    """A text, Markdown or HTML file: its source, the title the parser found marked."""
    starts = line_starts(source)
    u16 = utf16(source)
    section = {"name": None, "text": source, "line": 1}
    title = title_span(path, fmt, source)
    if title:
        section["title"] = [u16(title[0]), u16(title[1])]
    spans = {id(d): (0, u16(offset(starts, d.line, d.column, len(source))),
                     u16(offset(starts, d.end_line, d.end_column, len(source)))) for d in diagnostics}

    def edit_span(literal, start, end):
        return None if literal is not None else (0, u16(min(start, len(source))), u16(min(end, len(source))))

    return article(path, None, diagnostics, [section], spans, edit_span=edit_span)


def title_span(path: str, fmt: str, source: str) -> tuple[int, int] | None:
    """Where the parser found the title (source offsets), to mark it in the article view."""
    try:
        if fmt == "markdown":
            from ..parsers.markdown import newslint_parse_document
        elif fmt == "html":
            from ..parsers.html import newslint_parse_document
        else:
            from ..parsers.text import newslint_parse_document
        doc = newslint_parse_document(path=path, source=source, config=DEFAULTS)
    except Exception:  # marking the title is a nicety; never let it break a report
        return None
    for block in getattr(doc, "blocks", None) or []:
        if block.kind == "title":
            return block.source_offset(0), block.source_end(len(block.text))
    return None


def json_articles(path: str, fmt: str, source: str, first_line: int, diagnostics) -> tuple[int, list[dict]]:
    """(records in this source, an article per record with findings). ``first_line`` is the file
    line this source starts on (a chunk of a streamed JSON Lines file starts past line 1)."""
    starts = line_starts(source)
    by_record: dict[int, list] = {}
    for d in diagnostics:
        by_record.setdefault(d.record or 1, []).append(d)
    if fmt == "jsonl":
        count = sum(1 for line in source.split("\n") if line.strip())
        objects = {r: skip_ws(source, starts[r - first_line]) for r in by_record if 0 <= r - first_line < len(starts)}
    else:
        count, objects = json_objects(source, by_record)
    out = []
    for record, diags in by_record.items():
        start = objects.get(record)
        try:
            if start is None or start >= len(source) or source[start] != "{":
                raise ValueError("record not found")
            raw_fields = object_strings(source, start)
            obj = json.loads(source[start:value_end(source, start)])
        except (ValueError, IndexError, RecursionError):
            out.append(article(path, record, diags, [], {}))
            continue
        out.append(record_article(path, record, source, starts, first_line - 1, obj, raw_fields, diags))
    return count, out


def json_objects(source: str, wanted) -> tuple[int, dict[int, int]]:
    """A JSON file's record count, and where each wanted record's object starts."""
    i = skip_ws(source, 0)
    try:
        data = json.loads(source)
    except (ValueError, RecursionError):
        return 0, {}
    if isinstance(data, dict):
        return 1, {1: i}
    if not isinstance(data, list):
        return 0, {}
    objects = {}
    i = skip_ws(source, i + 1)
    try:
        for number in range(1, len(data) + 1):
            if number in wanted:
                objects[number] = i
            i = skip_ws(source, value_end(source, i))
            if i < len(source) and source[i] == ",":
                i = skip_ws(source, i + 1)
    except (ValueError, IndexError):
        pass
    return len(data), objects


def record_article(path, record, source, starts, shift, obj, raw_fields, diags) -> dict:
    """A record: its title field, body field and every field with a finding, decoded."""
    title_key = next((k for k in DEFAULTS.title_fields if k in raw_fields), None)
    body_key = next((k for k in DEFAULTS.body_fields if k in raw_fields), None)
    wanted = {title_key, body_key} | {pointer_key(d.field) for d in diags}
    sections, index, decoded = [], {}, {}
    for key, (a, b) in raw_fields.items():  # in the record's own order
        if key in wanted:
            text, runs = decode_string(source[a:b], a)
            decoded[key] = (a, b, runs, [s for t, s, n in runs], utf16(text))
            index[key] = len(sections)
            sections.append({"name": key, "text": text, "line": 1, **({"title": True} if key == title_key else {})})
    spans = {}
    for d in diags:
        lo = offset(starts, d.line - shift, d.column, len(source))
        hi = offset(starts, d.end_line - shift, d.end_column, len(source))
        key = pointer_key(d.field)
        if key not in decoded or not decoded[key][0] <= lo <= decoded[key][1]:
            key = next((k for k, v in decoded.items() if v[0] <= lo <= v[1]), None)
        if key is not None:
            a, b, runs, run_starts, u16 = decoded[key]
            spans[id(d)] = (index[key], u16(decoded_offset(runs, run_starts, lo)),
                            u16(decoded_offset(runs, run_starts, min(hi, b))))
    id_key = next((k for k in DEFAULTS.id_fields if k in obj), None)
    meta = {"source": record_source(obj),
            "id": str(obj[id_key])[:300] if id_key is not None and isinstance(obj[id_key], (str, int, float)) else None}
    literals = {(v[0], v[1]): k for k, v in decoded.items()}

    def edit_span(literal, start, end):
        key = literals.get(tuple(literal)) if literal is not None else None
        if key is None:
            return None
        u16 = decoded[key][4]
        return index[key], u16(start), u16(end)

    return article(path, record, diags, sections, spans, meta, edit_span)


# -- small helpers -------------------------------------------------------------------------------
def utf16(text: str):
    """A function turning code-point offsets of ``text`` into UTF-16 offsets (JavaScript's)."""
    if text.isascii() or max(text) < "\U00010000":
        return lambda i: i
    astral = [i for i, ch in enumerate(text) if ch >= "\U00010000"]
    return lambda i: i + bisect_left(astral, i)


def line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def offset(starts: list[int], line: int, column: int, length: int) -> int:
    if line < 1:
        return 0
    if line > len(starts):
        return length
    return min(starts[line - 1] + column - 1, length)


def decoded_offset(runs: list[tuple[int, int, int]], run_starts: list[int], raw: int) -> int:
    """The decoded offset of a raw source offset inside a JSON string (its escape runs sorted)."""
    k = bisect_right(run_starts, raw) - 1
    if k < 0:
        return 0
    t, s, n = runs[k]
    return t + min(raw - s, n)


def pointer_key(pointer: str | None) -> str | None:
    if not pointer or not pointer.startswith("/") or "/" in pointer[1:]:
        return None
    return pointer[1:].replace("~1", "/").replace("~0", "~")


@lru_cache(maxsize=4096)
def shown_path(path: str) -> str:
    return report_path(path)


def record_source(obj: dict) -> str | None:
    """Where a JSON record came from: its ``source``/``domain`` field, else its URL's host."""
    for key in ("source", "domain", "site", "publisher"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:200]
    for key in ("source_url", "url", "link", "canonical_url"):
        value = obj.get(key)
        if isinstance(value, str):
            try:
                host = urlsplit(value.strip()).hostname
            except ValueError:
                host = None
            if host:
                return host[4:] if host.startswith("www.") else host
    return None
