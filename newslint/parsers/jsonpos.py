"""Where things are in JSON source text: value ends and string fields, and decoding a JSON
string while keeping, for every character, the offset it came from (escapes included)."""
from __future__ import annotations

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def skip_ws(s: str, i: int) -> int:
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


def value_end(s: str, i: int) -> int:
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


def object_strings(s: str, i: int) -> dict[str, tuple[int, int]]:
    """Top-level string members of the object at ``s[i] == '{'``: key -> (raw start, raw end)."""
    import json  # JSON inputs only: off a .txt or .md run's import path

    out: dict[str, tuple[int, int]] = {}
    i = skip_ws(s, i + 1)
    while i < len(s) and s[i] != "}":
        key_end = _string_end(s, i)
        key = json.loads(s[i:key_end])
        i = skip_ws(s, key_end)
        i = skip_ws(s, i + 1)  # past ':'
        end = value_end(s, i)
        if s[i] == '"':
            out[key] = (i + 1, end - 1)
        i = skip_ws(s, end)
        if i < len(s) and s[i] == ",":
            i = skip_ws(s, i + 1)
    return out


def decode_string(raw: str, base: int, wide: dict[int, int] | None = None,
                  limit: int | None = None) -> tuple[str, list[tuple[int, int, int]]]:
    """Decode a JSON string body; runs map decoded offsets to ``base`` + raw offsets, and
    ``wide`` (when given) receives the raw end of each escaped character. With ``limit``, at
    most that many characters are decoded (a 200 MB body is not decoded to be cut)."""
    if limit is not None and len(raw) > limit and "\\" not in raw[:limit]:
        raw = raw[:limit]
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
        if limit is not None and length + (j - i) >= limit:
            j = i + (limit - length)
            n = j  # the loop ends after this run
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
