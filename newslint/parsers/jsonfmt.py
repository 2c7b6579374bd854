"""JSON and JSON Lines articles: one article object, an array of them, or one object per line.

Field names come from config (``title-fields``, ``body-fields``, ``id-fields``). Positions go
through JSON string escapes to the physical line and column of the file, so an annotation lands
on the record's own line; each diagnostic also carries ``record`` and ``field``.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from .. import inputs
from ..document import Block, Document, line_starts
from ..errors import InputError
from ..problems import WARNING, Problem
from ..plugins import hookimpl
from . import format_of
from .jsonpos import decode_string, object_strings, skip_ws, value_end
from .text import plain_blocks



class ParsedFile(list):
    """Documents of a multi-record file, plus the records that could not be used (Problems)."""

    def __init__(self, documents=(), errors=()):
        super().__init__(documents)
        self.errors = list(errors)


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


def _located(blocks: list[Block], a: int, b: int) -> list[Block]:
    """Note where each block's text starts in its decoded string value and which source range
    holds the string literal: what fixes edit (``newslint.fixes``)."""
    for block in blocks:
        block.meta["literal"] = (a, b)
        block.meta["at"] = block.runs[0][1] if block.runs else 0
    return blocks


def _first(fields: dict, names: list[str]) -> str | None:
    return next((name for name in names if name in fields), None)


def _field(path: str, source: str, key: str, a: int, b: int, record: int, wide: dict[int, int],
           problems: list[Problem] | None) -> tuple[str, list[tuple[int, int, int]]]:
    """A string field decoded, cut as text files are past MAX_CHECK_CHARS (with a warning):
    only a bounded prefix of a huge value is ever decoded."""
    limit = inputs.MAX_CHECK_CHARS
    # each character is at most 12 raw ones (a surrogate pair), so this prefix always holds ``limit``
    text, runs = decode_string(source[a:min(b, a + 12 * limit + 12)], a, wide, limit + 1)
    if len(text) <= limit:
        return text, runs
    cut = text.rfind("\n", 0, limit)
    text = text[:cut + 1 if cut > 0 else limit]
    if problems is not None:
        line = source.count("\n", 0, a) + 1  # once per cut field, never per record
        problems.append(Problem(path, f"field /{key} of record {record} longer than {limit:,} characters; "
                                      f"checked only up to its line {text.count(chr(10)) + 1}", line, kind=WARNING))
    return text, runs


def record_document(path: str, source: str, obj: dict[str, Any], raw_fields: dict[str, tuple[int, int]],
                    record: int, config, starts: list[int] | None = None,
                    problems: list[Problem] | None = None) -> Document:
    blocks: list[Block] = []
    title_key = _first(raw_fields, config.title_fields)
    body_key = _first(raw_fields, config.body_fields)
    title_text = None
    if title_key:
        a, b = raw_fields[title_key]
        wide: dict[int, int] = {}
        title_text, runs = _field(path, source, title_key, a, b, record, wide, problems)
        if title_text.strip():
            lead = len(title_text) - len(title_text.lstrip())
            block = Block("title", title_text.strip(), [(0, lead, len(title_text.strip()))], meta={"field": f"/{title_key}"})
            blocks.extend(compose(_located([block], a, b), runs, wide))
    if body_key:
        a, b = raw_fields[body_key]
        wide = {}
        body, runs = _field(path, source, body_key, a, b, record, wide, problems)
        body_blocks = plain_blocks(body, detect_title=False, meta={"field": f"/{body_key}"})
        if blocks and body_blocks and body_blocks[0].text.split("\n", 1)[0].strip() == blocks[0].text:
            blocks = []  # the body repeats its title as its first line: that line is the title
            body_blocks = plain_blocks(body, detect_title=True, meta={"field": f"/{body_key}"})
        blocks.extend(compose(_located(body_blocks, a, b), runs, wide))
    id_key = _first(obj, config.id_fields)
    metadata = {k: v for k, v in obj.items() if k not in (title_key, body_key) and isinstance(v, (str, int, float, bool))}
    return Document(path=path, format=format_of(path), source=source, blocks=blocks, metadata=metadata,
                    record=record, id=str(obj[id_key]) if id_key else None, source_line_starts=starts)


def parse_jsonl(path: str, source: str, config) -> ParsedFile:
    import json  # JSON inputs only: off a .txt or .md run's import path

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
            errors.append(Problem(path, "record nested too deeply; skipped", number))
            continue
        except ValueError as exc:
            errors.append(Problem(path, f"invalid JSON ({exc.args[0].split(':')[0]}); record skipped", number))
            continue
        if not isinstance(obj, dict):
            errors.append(Problem(path, f"record is a JSON {type(obj).__name__}, not an object; skipped", number))
            continue
        lead = len(line) - len(line.lstrip())
        fields = {k: (a + start, b + start) for k, (a, b) in object_strings(line, lead).items()}
        docs.append(record_document(path, source, obj, fields, number, config, starts, errors))
    return ParsedFile(docs, errors)


def parse_json(path: str, source: str, config) -> ParsedFile:
    import json

    try:
        data = json.loads(source)
    except RecursionError:
        raise InputError(path, "JSON nested too deeply to parse; skipped") from None
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(path, f"invalid JSON: {getattr(exc, 'msg', exc)}; skipped", line) from None
    i = skip_ws(source, 0)
    if isinstance(data, dict):
        errors: list[Problem] = []
        return ParsedFile([record_document(path, source, data, object_strings(source, i), 1, config, None, errors)], errors)
    if not isinstance(data, list):
        raise InputError(path, f"top-level JSON {type(data).__name__} is neither an article object nor an array of them")
    docs, errors = [], []
    starts = line_starts(source)
    i = skip_ws(source, i + 1)
    for number, item in enumerate(data, 1):
        end = value_end(source, i)
        if isinstance(item, dict):
            docs.append(record_document(path, source, item, object_strings(source, i), number, config, starts, errors))
        else:
            line = bisect_right(starts, i)  # not a count from the start: 160k non-objects were quadratic
            errors.append(Problem(path, f"array item {number} is a JSON {type(item).__name__}, not an object; skipped", line))
        i = skip_ws(source, end)
        if i < len(source) and source[i] == ",":
            i = skip_ws(source, i + 1)
    return ParsedFile(docs, errors)


@hookimpl(trylast=True)
def newslint_parse_document(path, source, config):
    fmt = format_of(path)
    if fmt == "jsonl":
        return parse_jsonl(path, source, config)
    if fmt == "json":
        return parse_json(path, source, config)
    return None
