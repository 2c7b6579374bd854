"""Built-in parsers, one plugin module per input format; each claims files by extension."""
from __future__ import annotations

from ..inputs import FORMAT_BY_SUFFIX, format_of

__all__ = ["FORMAT_BY_SUFFIX", "format_of"]
