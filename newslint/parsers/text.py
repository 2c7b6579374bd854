"""Plain-text articles: blank lines separate paragraphs; a headline-shaped first line is the title."""
from __future__ import annotations

import re

from ..document import Block, Document
from ..plugins import hookimpl
from ..textshape import is_headline_shaped
from . import format_of

_WORD_RE = re.compile(r"\w+")


def plain_blocks(text: str, offset: int = 0, detect_title: bool = True, meta: dict | None = None) -> list[Block]:
    """Split text into paragraph blocks (blank-line separated) that map 1:1 to ``offset`` + i."""
    blocks: list[Block] = []
    paragraphs: list[tuple[int, str]] = []
    pos, start, end = 0, -1, 0
    for line in text.split("\n"):
        if line.strip():
            start = pos if start < 0 else start
            end = pos + len(line)
        elif start >= 0:
            paragraphs.append((start, text[start:end]))
            start = -1
        pos += len(line) + 1
    if start >= 0:
        paragraphs.append((start, text[start:end]))
    title_at = _title_index(paragraphs) if detect_title else None
    for i, (start, body) in enumerate(paragraphs):
        # Block(...) with its one run, as Block.verbatim makes it, without the extra call per block
        if i == title_at:
            first, _, rest = body.partition("\n")
            lead = len(first) - len(first.lstrip())
            title = first.strip()
            blocks.append(Block("title", title, [(0, offset + start + lead, len(title))], meta=dict(meta) if meta else {}))
            if rest.strip():
                blocks.append(Block("paragraph", rest, [(0, offset + start + len(first) + 1, len(rest))],
                                    meta=dict(meta) if meta else {}))
            continue
        blocks.append(Block("paragraph", body, [(0, offset + start, len(body))], meta=dict(meta) if meta else {}))
    return blocks


def _title_index(paragraphs: list[tuple[int, str]]) -> int | None:
    """The title is the first headline-shaped paragraph start among the first three; a 1-3 word
    line (a site label such as "Skip to content") yields to a longer headline just after it."""
    firsts = [body.split("\n", 1)[0] for _, body in paragraphs[:3]]
    for i, line in enumerate(firsts):
        if is_headline_shaped(line, min_words=4):
            if all(len(_WORD_RE.findall(f)) <= 3 for f in firsts[:i]):
                return i
            break
    if firsts and is_headline_shaped(firsts[0], min_words=1):
        return 0
    return None


@hookimpl(trylast=True)
def newslint_parse_document(path, source, config):
    if format_of(path) != "text":
        return None
    return Document(path=path, format="text", source=source, blocks=plain_blocks(source))
