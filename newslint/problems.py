"""Problems as values: what stopped part of the work on one input, with where it happened.

A problem is not a finding. ``kind`` says how it counts: an ``error`` (unusable input) or a
``crash`` (a rule or parser raised) makes the run exit 2; a ``warning`` is only shown.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

ERROR, CRASH, WARNING = "error", "crash", "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    line: int | None = None
    kind: str = ERROR

    def __str__(self) -> str:
        if not self.path:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def shifted(self, first_line: int) -> "Problem":
        """The same problem found in a chunk that starts at ``first_line`` of its file."""
        if self.line is None or first_line <= 1:
            return self
        return replace(self, line=self.line + first_line - 1)

    @classmethod
    def from_error(cls, exc, kind: str = ERROR) -> "Problem":
        """A problem from an ``InputError`` (or any error that carries ``path`` and ``line``)."""
        return cls(exc.path, exc.detail, exc.line, kind)
