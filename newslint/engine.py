"""Deprecated: the engine now lives in modules named after their job (see docs/architecture.md).

This module re-exports the old names for one release; import from ``newslint`` (the public API)
or from ``newslint.linter``, ``newslint.runner``, ``newslint.api`` instead.
"""
from __future__ import annotations

from .api import lint_paths, lint_text, resolve_config
from .discovery import discover, excluded as _excluded
from .errors import InputError
from .inputs import CHUNK_BYTES, MAX_CHECK_CHARS, MAX_FILE_BYTES, STREAM_JSONL_BYTES, decode
from .linter import CompiledRule, FileResult, Linter
from .runner import run
from .suppression import is_suppressed, suppressions

__all__ = ["CHUNK_BYTES", "MAX_CHECK_CHARS", "MAX_FILE_BYTES", "STREAM_JSONL_BYTES", "CompiledRule", "FileResult",
           "InputError", "Linter", "decode", "discover", "is_suppressed", "lint_paths", "lint_text", "resolve_config",
           "run", "suppressions", "_excluded"]
