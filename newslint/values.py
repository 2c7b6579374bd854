"""Plain value classes for the run's own records.

A dataclass writes and compiles its methods when its class is created: about 1 ms each, more
than a one-file run spends linting. The records only newslint itself builds (problems, results,
footnote marks) are plain classes with ``__slots__``; equality and ``repr`` come from here. The
classes the plugin API documents as dataclasses (``Diagnostic``, ``Document``, ``Block``,
``Config``, ``Edit``, ``Fix``) stay dataclasses.
"""
from __future__ import annotations


class Value:
    """Fields in ``__slots__``; equal when of the same class with equal fields."""

    __slots__ = ()
    __hash__ = None  # mutable: a Value is not hashable unless it is a FrozenValue

    def fields(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.fields() == other.fields()

    def __repr__(self) -> str:
        args = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({args})"


class FrozenValue(Value):
    """A Value used as a dictionary key or set member: hashed by its fields, never changed."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self.fields())
