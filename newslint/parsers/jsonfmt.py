"""JSON and JSON Lines articles: one article object, an array of them, or one object per line.

Field names come from config (``title-fields``, ``body-fields``, ``id-fields``). Positions go
through JSON string escapes to the physical line and column of the file, so an annotation lands
on the record's own line; each diagnostic also carries ``record`` and ``field``.
"""
from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from typing import Any

from ..document import Block, Document, line_starts
from ..errors import InputError
from ..plugins import hookimpl
from . import format_of
from .text import plain_blocks

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class ParsedFile(list):
    """Documents of a multi-record file, plus the records that could not be used."""

    def __init__(self, documents=(), errors=()):
        super().__init__(documents)
        self.errors = list(errors)


def _skip_ws(s: str, i: int) -> int:
    n = len(s)
    while i < n and s[i] in " \t\n\r":
        i += 1
    return i


def _string_end(s: str, i: int) -> int:
    """``s[i]`` is an opening quote: the index just past the closing quote."""
    i += 1
    while True:
        j = s.find('"', i)
        if j < 0:
            raise ValueError("unterminated string")
        k = j - 1
        while s[k] == "\\":
            k -= 1
        if (j - 1 - k) % 2 == 0:
            return j + 1
        i = j + 1


def _value_end(s: str, i: int) -> int:
    """Index just past the JSON value starting at ``i`` (iterative: deep nesting is safe)."""
    if s[i] == '"':
        return _string_end(s, i)
    if s[i] in "[{":
        depth = 0
        n = len(s)
        while i < n:
            c = s[i]
            if c == '"':
                i = _string_end(s, i)
                continue
            if c in "[{":
                depth += 1
            elif c in "]}":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise ValueError("unterminated container")
    j = i
    while j < len(s) and s[j] not in ",]} \t\n\r":
        j += 1
    return j


def _object_strings(s: str, i: int) -> dict[str, tuple[int, int]]:
    """Top-level string members of the object at ``s[i] == '{'``: key -> (raw start, raw end)."""
    out: dict[str, tuple[int, int]] = {}
    i = _skip_ws(s, i + 1)
    while i < len(s) and s[i] != "}":
        key_end = _string_end(s, i)
        key = json.loads(s[i:key_end])
        i = _skip_ws(s, key_end)
        i = _skip_ws(s, i + 1)  # past ':'
        end = _value_end(s, i)
        if s[i] == '"':
            out[key] = (i + 1, end - 1)
        i = _skip_ws(s, end)
        if i < len(s) and s[i] == ",":
            i = _skip_ws(s, i + 1)
    return out


def decode_string(raw: str, base: int, wide: dict[int, int] | None = None) -> tuple[str, list[tuple[int, int, int]]]:
    """Decode a JSON string body; runs map decoded offsets to ``base`` + raw offsets, and
    ``wide`` (when given) receives the raw end of each escaped character."""
    if "\\" not in raw:
        return raw, [(0, base, len(raw))]
    out: list[str] = []
    runs: list[tuple[int, int, int]] = []
    length = 0
    i = 0
    n = len(raw)
    while i < n:
        j = raw.find("\\", i)
        if j < 0:
            j = n
        if j > i:
            runs.append((length, base + i, j - i))
            out.append(raw[i:j])
            length += j - i
        if j >= n:
            break
        c = raw[j + 1] if j + 1 < n else ""
        if c == "u":
            code = int(raw[j + 2:j + 6], 16)
            width = 6
            if 0xD800 <= code < 0xDC00 and raw[j + 6:j + 8] == "\\u":
                low = int(raw[j + 8:j + 12], 16)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    width = 12
            ch = chr(code)
        else:
            ch, width = _ESCAPES.get(c, c), 2
        runs.append((length, base + j, 1))
        if wide is not None:
            wide[length] = base + j + width
        out.append(ch)
        length += 1
        i = j + width
    return "".join(out), runs


def compose(blocks: list[Block], inner: list[tuple[int, int, int]], wide: dict[int, int]) -> list[Block]:
    """Re-map blocks built over decoded string offsets through the string's escape runs.

    ``inner`` is sorted and ``wide`` was filled in offset order, so each block run looks up only
    the escape runs and escaped characters it overlaps (a body with thousands of escapes and
    hundreds of paragraphs stays linear).
    """
    inner_ends = [it + il for it, _, il in inner]
    wide_keys = list(wide)
    for block in blocks:
        runs: list[tuple[int, int, int]] = []
        block_wide: dict[int, int] = {}
        for t, m, n in block.runs:
            for k in range(bisect_right(inner_ends, m), len(inner)):
                it, isrc, il = inner[k]
                if it >= m + n:
                    break
                a, b = max(m, it), min(m + n, it + il)
                if a < b:
                    runs.append((t + (a - m), isrc + (a - it), b - a))
            for k in range(bisect_left(wide_keys, m), len(wide_keys)):
                key = wide_keys[k]
                if key >= m + n:
                    break
                block_wide[t + (key - m)] = wide[key]
        block.runs = runs
        block.wide = block_wide
    return blocks


def _first(fields: dict, names: list[str]) -> str | None:
    return next((name for name in names if name in fields), None)


def record_document(path: str, source: str, obj: dict[str, Any], raw_fields: dict[str, tuple[int, int]],
                    record: int, config, starts: list[int] | None = None) -> Document:
    blocks: list[Block] = []
    title_key = _first(raw_fields, config.title_fields)
    body_key = _first(raw_fields, config.body_fields)
    title_text = None
    if title_key:
        a, b = raw_fields[title_key]
        wide: dict[int, int] = {}
        title_text, runs = decode_string(source[a:b], a, wide)
        if title_text.strip():
            lead = len(title_text) - len(title_text.lstrip())
            block = Block("title", title_text.strip(), [(0, lead, len(title_text.strip()))], meta={"field": f"/{title_key}"})
            blocks.extend(compose([block], runs, wide))
    if body_key:
        a, b = raw_fields[body_key]
        wide = {}
        body, runs = decode_string(source[a:b], a, wide)
        body_blocks = plain_blocks(body, detect_title=False, meta={"field": f"/{body_key}"})
        if blocks and body_blocks and body_blocks[0].text.split("\n", 1)[0].strip() == blocks[0].text:
            blocks = []  # the body repeats its title as its first line: that line is the title
            body_blocks = plain_blocks(body, detect_title=True, meta={"field": f"/{body_key}"})
        blocks.extend(compose(body_blocks, runs, wide))
    id_key = _first(obj, config.id_fields)
    metadata = {k: v for k, v in obj.items() if k not in (title_key, body_key) and isinstance(v, (str, int, float, bool))}
    return Document(path=path, format=format_of(path), source=source, blocks=blocks, metadata=metadata,
                    record=record, id=str(obj[id_key]) if id_key else None, source_line_starts=starts)


def parse_jsonl(path: str, source: str, config) -> ParsedFile:
    docs, errors = [], []
    starts = line_starts(source)
    pos = 0
    for number, line in enumerate(source.split("\n"), 1):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except RecursionError:
            errors.append(f"{path}:{number}: record nested too deeply; skipped")
            continue
        except ValueError as exc:
            errors.append(f"{path}:{number}: invalid JSON ({exc.args[0].split(':')[0]}); record skipped")
            continue
        if not isinstance(obj, dict):
            errors.append(f"{path}:{number}: record is a JSON {type(obj).__name__}, not an object; skipped")
            continue
        lead = len(line) - len(line.lstrip())
        fields = {k: (a + start, b + start) for k, (a, b) in _object_strings(line, lead).items()}
        docs.append(record_document(path, source, obj, fields, number, config, starts))
    return ParsedFile(docs, errors)


def parse_json(path: str, source: str, config) -> ParsedFile:
    try:
        data = json.loads(source)
    except RecursionError:
        raise InputError(path, "JSON nested too deeply to parse; skipped") from None
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(path, f"invalid JSON: {getattr(exc, 'msg', exc)}; skipped", line) from None
    i = _skip_ws(source, 0)
    if isinstance(data, dict):
        return ParsedFile([record_document(path, source, data, _object_strings(source, i), 1, config)])
    if not isinstance(data, list):
        raise InputError(path, f"top-level JSON {type(data).__name__} is neither an article object nor an array of them")
    docs, errors = [], []
    starts = line_starts(source)
    i = _skip_ws(source, i + 1)
    for number, item in enumerate(data, 1):
        end = _value_end(source, i)
        if isinstance(item, dict):
            docs.append(record_document(path, source, item, _object_strings(source, i), number, config, starts))
        else:
            line = source.count("\n", 0, i) + 1
            errors.append(f"{path}:{line}: array item {number} is a JSON {type(item).__name__}, not an object; skipped")
        i = _skip_ws(source, end)
        if i < len(source) and source[i] == ",":
            i = _skip_ws(source, i + 1)
    return ParsedFile(docs, errors)


@hookimpl(trylast=True)
def newslint_parse_document(path, source, config):
    fmt = format_of(path)
    if fmt == "jsonl":
        return parse_jsonl(path, source, config)
    if fmt == "json":
        return parse_json(path, source, config)
    return None
