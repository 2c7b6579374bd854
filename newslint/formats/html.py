"""A self-contained HTML report for editors: overview, article view with findings in place, filters.

This module is also the worked example of a report format with a page of its own. A third-party
format is written the same way and registered from a plugin with ``newslint_register_formats``:

1. subclass :class:`~newslint.formats.Reporter`, set ``name`` and ``description``;
2. set ``needs_source = True`` when the format shows the text: ``add(path, diagnostics, source)``
   then receives each file's decoded text (a large JSON Lines file arrives in several chunks of
   whole lines, in order);
3. keep only what the report needs in ``add`` (here: the text of each article that has findings,
   never whole corpora) and write everything in ``finish``.

The page is one file: the stylesheet and the script come from ``html_report.css`` and
``html_report.js`` beside this module and are inlined; the run's data is embedded as JSON in a
``<script type="application/json">`` block that the script reads with ``JSON.parse`` and turns
into DOM nodes with ``textContent`` only. Article text is untrusted, so:

* in the JSON block every ``<``, ``>`` and ``&`` (and U+2028/U+2029) is written as a ``\\uXXXX``
  escape: no ``</script>`` or ``<!--`` in an article can end the block;
* the Content-Security-Policy allows nothing but this script and this stylesheet (by SHA-256
  hash): no other script, style, image, font, frame or connection, even if markup got in.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
from bisect import bisect_left, bisect_right
from functools import lru_cache
from collections import Counter
from importlib import resources
from urllib.parse import urlsplit

from . import Reporter, Summary, report_path

_SEVERITIES = ("error", "warning", "info")
#: When more findings than this land in one article the rest are listed but not embedded twice.
MAX_ERRORS_SHOWN = 200


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def script_json(data) -> str:
    """JSON that is safe inside ``<script type="application/json">``: nothing in it can close the
    element or open a comment, whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _utf16(text: str):
    """A function turning code-point offsets of ``text`` into UTF-16 offsets (JavaScript's)."""
    if text.isascii() or max(text) < "\U00010000":
        return lambda i: i
    astral = [i for i, ch in enumerate(text) if ch >= "\U00010000"]
    return lambda i: i + bisect_left(astral, i)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def _domain(url: str) -> str | None:
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _record_source(obj: dict) -> str | None:
    """Where a JSON record came from: its ``source``/``domain`` field, else its URL's host."""
    for key in ("source", "domain", "site", "publisher"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:200]
    for key in ("source_url", "url", "link", "canonical_url"):
        value = obj.get(key)
        if isinstance(value, str) and (host := _domain(value)):
            return host
    return None


class HtmlReporter(Reporter):
    name = "html"
    description = "one self-contained HTML page for editors: overview, articles with findings in place, filters"
    needs_source = True

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.articles: list[dict] = []
        self.records = 0  # articles checked: records of JSON files, one per other file
        self._line_offset: dict[str, int] = {}  # lines of a streamed JSON Lines file already seen
        from ..config import Config  # the reporter is not given the run's config: defaults

        self._config = Config()

    # -- collecting -----------------------------------------------------------------------------
    def add(self, path, diagnostics, source=None):
        super().add(path, diagnostics, source)
        offset = self._line_offset.get(path, 0)
        if source is not None:
            self._line_offset[path] = offset + source.count("\n") + (0 if source.endswith("\n") or not source else 1)
        fmt = _format(path)
        if source is None:
            self.records += 1 if offset == 0 else 0
            if diagnostics:
                self.articles.append(self._article(path, None, diagnostics, [], {}))
            return
        if fmt in ("json", "jsonl"):
            self._add_json(path, fmt, source, offset, diagnostics)
        else:
            self.records += 1
            if diagnostics:
                self._add_text(path, fmt, source, diagnostics)

    def _add_text(self, path: str, fmt: str, source: str, diagnostics) -> None:
        starts = _line_starts(source)
        u16 = _utf16(source)
        section = {"name": None, "text": source, "line": 1}
        title = self._title_span(path, fmt, source)
        if title:
            section["title"] = [u16(title[0]), u16(title[1])]
        spans = {}
        for d in diagnostics:
            spans[id(d)] = (0, u16(_offset(starts, d.line, d.column, len(source))),
                            u16(_offset(starts, d.end_line, d.end_column, len(source))))
        self.articles.append(self._article(path, None, diagnostics, [section], spans))

    def _title_span(self, path: str, fmt: str, source: str) -> tuple[int, int] | None:
        """Where the parser found the title (source offsets), to mark it in the article view."""
        try:
            if fmt == "markdown":
                from ..parsers.markdown import newslint_parse_document
            elif fmt == "html":
                from ..parsers.html import newslint_parse_document
            else:
                from ..parsers.text import newslint_parse_document
            doc = newslint_parse_document(path=path, source=source, config=self._config)
        except Exception:  # marking the title is a nicety; never let it break a report
            return None
        for block in getattr(doc, "blocks", None) or []:
            if block.kind == "title":
                return block.source_offset(0), block.source_end(len(block.text))
        return None

    def _add_json(self, path: str, fmt: str, source: str, offset: int, diagnostics) -> None:
        from ..parsers.jsonfmt import _object_strings, _skip_ws, _value_end

        starts = _line_starts(source)
        by_record: dict[int, list] = {}
        for d in diagnostics:
            by_record.setdefault(d.record or 1, []).append(d)
        # where each record's object starts in this source (chunk): JSON Lines by line, JSON by item
        objects: dict[int, int] = {}
        if fmt == "jsonl":
            self.records += sum(1 for line in source.split("\n") if line.strip())
            for record in by_record:
                local = record - offset
                if 1 <= local <= len(starts):
                    objects[record] = _skip_ws(source, starts[local - 1])
        else:
            i = _skip_ws(source, 0)
            try:
                data = json.loads(source)
            except (ValueError, RecursionError):
                data = None
            if isinstance(data, dict):
                self.records += 1
                objects[1] = i
            elif isinstance(data, list):
                self.records += len(data)
                i = _skip_ws(source, i + 1)
                try:
                    for number in range(1, len(data) + 1):
                        if number in by_record:
                            objects[number] = i
                        i = _skip_ws(source, _value_end(source, i))
                        if i < len(source) and source[i] == ",":
                            i = _skip_ws(source, i + 1)
                except (ValueError, IndexError):
                    pass
        for record, diags in by_record.items():
            start = objects.get(record)
            if start is None or start >= len(source) or source[start] != "{":
                self.articles.append(self._article(path, record, diags, [], {}))
                continue
            try:
                raw_fields = _object_strings(source, start)
                end = _value_end(source, start)
                obj = json.loads(source[start:end])
            except (ValueError, IndexError, RecursionError):
                self.articles.append(self._article(path, record, diags, [], {}))
                continue
            self._add_record(path, record, source, starts, offset, obj, raw_fields, diags)

    def _add_record(self, path, record, source, starts, offset, obj, raw_fields, diags) -> None:
        from ..parsers.jsonfmt import decode_string

        title_key = next((k for k in self._config.title_fields if k in raw_fields), None)
        body_key = next((k for k in self._config.body_fields if k in raw_fields), None)
        wanted = {title_key, body_key} | {_pointer_key(d.field) for d in diags}
        sections, index, decoded = [], {}, {}
        for key, (a, b) in raw_fields.items():  # in the record's own order
            if key not in wanted:
                continue
            text, runs = decode_string(source[a:b], a)
            decoded[key] = (a, b, runs, [s for t, s, n in runs], _utf16(text))
            index[key] = len(sections)
            section = {"name": key, "text": text, "line": 1}
            if key == title_key:
                section["title"] = True
            sections.append(section)
        spans = {}
        for d in diags:
            lo = _offset(starts, d.line - offset, d.column, len(source))
            hi = _offset(starts, d.end_line - offset, d.end_column, len(source))
            key = _pointer_key(d.field)
            if key not in decoded or not decoded[key][0] <= lo <= decoded[key][1]:
                key = next((k for k, v in decoded.items() if v[0] <= lo <= v[1]), None)
            if key is None:
                continue
            a, b, runs, run_starts, u16 = decoded[key]
            spans[id(d)] = (index[key], u16(_decoded(runs, run_starts, lo)), u16(_decoded(runs, run_starts, min(hi, b))))
        meta = {"id": None, "source": _record_source(obj)}
        id_key = next((k for k in self._config.id_fields if k in obj), None)
        if id_key is not None and isinstance(obj[id_key], (str, int, float)):
            meta["id"] = str(obj[id_key])[:300]
        self.articles.append(self._article(path, record, diags, sections, spans, meta))

    def _article(self, path, record, diags, sections, spans, meta=None) -> dict:
        meta = meta or {}
        findings = []
        for d in diags:
            sec, start, end = spans.get(id(d), (-1, 0, 0))
            findings.append([d.code, _SEVERITIES.index(d.severity) if d.severity in _SEVERITIES else 1,
                             d.message, round(float(getattr(d, "confidence", 1.0)), 3), sec, start, end,
                             d.line, d.column, d.end_line, d.end_column])
        return {"path": _shown_path(path), "record": record, "id": meta.get("id"), "source": meta.get("source"),
                "sections": sections, "f": findings}

    # -- writing --------------------------------------------------------------------------------
    def finish(self, summary: Summary) -> None:
        from .. import __version__

        codes = sorted({f[0] for a in self.articles for f in a["f"]} | set(self.rules))
        rules = []
        for code in codes:
            cls = self.rules.get(code)
            if cls is None:
                rules.append({"code": code, "name": "", "family": code[:-2] + "xx", "severity": "", "summary": "",
                              "doc": "", "plugin": ""})
                continue
            rules.append({"code": code, "name": cls.name, "family": cls.family(), "severity": cls.severity,
                          "summary": cls.summary(), "doc": cls.doc(), "plugin": cls.plugin})
        data = {
            "version": __version__,
            "files": summary.files,
            "articles_checked": self.records,
            "errors": summary.errors[:MAX_ERRORS_SHOWN],
            "error_count": len(summary.errors),
            "severities": list(_SEVERITIES),
            "rules": rules,
            "articles": self.articles,
        }
        css = _asset("html_report.css")
        script = _asset("html_report.js")
        csp = ("default-src 'none'; script-src " + _csp_hash(script) + "; style-src " + _csp_hash(css)
               + "; img-src data:; base-uri 'none'; form-action 'none'")
        write = self.stream.write
        write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        write(f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n')
        write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
        write(f'<meta name="generator" content="newslint {__version__}">\n')
        write("<title>newslint report</title>\n<style>" + css + "</style>\n</head>\n<body>\n")
        write('<noscript>This report is drawn by its own inline script; allow scripts for this file.</noscript>\n')
        write('<script type="application/json" id="newslint-data">')
        write(script_json(data))
        write("</script>\n<script>" + script + "</script>\n</body>\n</html>\n")


@lru_cache(maxsize=4096)
def _shown_path(path: str) -> str:
    return report_path(path)


def _format(path: str) -> str:
    from ..parsers import format_of

    return format_of(path)


def _pointer_key(pointer: str | None) -> str | None:
    if not pointer or not pointer.startswith("/") or "/" in pointer[1:]:
        return None
    return pointer[1:].replace("~1", "/").replace("~0", "~")


def _decoded(runs: list[tuple[int, int, int]], run_starts: list[int], raw: int) -> int:
    """The decoded offset of a raw source offset inside a JSON string (its escape runs sorted)."""
    k = bisect_right(run_starts, raw) - 1
    if k < 0:
        return 0
    t, s, n = runs[k]
    return t + min(raw - s, n)


def _offset(starts: list[int], line: int, column: int, length: int) -> int:
    if line < 1:
        return 0
    if line > len(starts):
        return length
    return min(starts[line - 1] + column - 1, length)
