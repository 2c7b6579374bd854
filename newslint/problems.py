"""Problems as values: what stopped part of the work on one input, with where it happened; and
the result of linting one input, its findings beside its problems.

A problem is not a finding. ``kind`` says how it counts: an ``error`` (unusable input) or a
``crash`` (a rule or parser raised) makes the run exit 2; a ``warning`` is only shown.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .values import FrozenValue, Value

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .fixapply import FixOutcome

ERROR, CRASH, WARNING = "error", "crash", "warning"


class Problem(FrozenValue):
    __slots__ = ("path", "message", "line", "kind")

    def __init__(self, path: str, message: str, line: int | None = None, kind: str = ERROR):
        self.path = path
        self.message = message
        self.line = line
        self.kind = kind

    def __str__(self) -> str:
        if not self.path:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def shifted(self, first_line: int) -> "Problem":
        """The same problem found in a chunk that starts at ``first_line`` of its file."""
        if self.line is None or first_line <= 1:
            return self
        return Problem(self.path, self.message, self.line + first_line - 1, self.kind)

    @classmethod
    def from_error(cls, exc, kind: str = ERROR) -> "Problem":
        """A problem from an ``InputError`` (or any error that carries ``path`` and ``line``)."""
        return cls(exc.path, exc.detail, exc.line, kind)


class FileResult(Value):
    """What linting one input produced: findings, plus problems that stopped part of the work.
    ``source``: the decoded text, kept only when a reporter asks for it; ``fixed``: set when fixes
    are applied; ``file``: the path as opened, where --fix writes (``path`` is relative to the
    project root); ``timed_out``: rules stopped by their time budget on this input."""

    __slots__ = ("path", "diagnostics", "problems", "source", "fixed", "file", "timed_out")

    def __init__(self, path: str, diagnostics: list[Diagnostic] | None = None, problems: list[Problem] | None = None,
                 source: str | None = None, fixed: FixOutcome | None = None, file: str | None = None,
                 timed_out: set[str] | None = None):
        self.path = path
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.problems = [] if problems is None else problems
        self.source = source
        self.fixed = fixed
        self.file = file
        self.timed_out = set() if timed_out is None else timed_out

    def _of(self, kind: str) -> list[Problem]:
        return [p for p in self.problems if p.kind == kind]

    @property
    def errors(self) -> list[Problem]:  # unusable input: exit code 2
        return self._of(ERROR)

    @property
    def crashes(self) -> list[Problem]:  # a rule or parser raised: exit code 2
        return self._of(CRASH)

    @property
    def warnings(self) -> list[Problem]:  # noted on stderr, exit code unaffected
        return self._of(WARNING)
