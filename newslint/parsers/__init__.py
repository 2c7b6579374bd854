"""Built-in parsers, one plugin module per input format; each claims files by extension."""
from __future__ import annotations

import os

FORMAT_BY_SUFFIX = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}


def format_of(path: str) -> str:
    """The input format a file name implies; unknown extensions are read as plain text."""
    return FORMAT_BY_SUFFIX.get(os.path.splitext(path)[1].lower(), "text")
