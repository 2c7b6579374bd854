"""Declared document analyses: facts several rules need, computed once per document.

A rule family that knows something other rules also need (which lines are site chrome, how the
footnotes are linked) declares it as an :class:`Analysis`, a module-level constant. Any rule
asks for it with ``ctx.analysis(FACT)`` (or ``FACT.of(document)`` when it takes no options) and
gets the value computed once for the document, with the *configured* options of the rule that
owns the fact, so a user who extends that rule's options changes the fact for every reader.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Generic, TypeVar

if TYPE_CHECKING:
    from .document import Document

T = TypeVar("T")


class Analysis(Generic[T]):
    """A named fact about a document.

    ``compute(document, options)`` builds it; ``owner`` is the code of the rule whose options
    it reads (``None``: it takes none). If computing fails, the owner rule gets the exception
    (and reports it as its own crash, once); every other reader gets ``fallback()``.
    """

    def __init__(self, name: str, compute: Callable[["Document", dict[str, Any]], T], *,
                 owner: str | None = None, defaults: dict[str, Any] | None = None,
                 fallback: Callable[[], T] | None = None):
        self.name = name
        self.compute = compute
        self.owner = owner
        self.defaults = defaults or {}
        self.fallback = fallback

    def __repr__(self) -> str:
        return f"Analysis({self.name!r})"

    def of(self, document: "Document", options: dict[str, Any] | None = None, reader: str | None = None) -> T:
        found = document.cache.get(self)
        if found is None:
            try:
                found = (True, self.compute(document, options if options is not None else self.defaults))
            except Exception as exc:  # kept, so every reader sees the same outcome
                found = (False, exc)
            document.cache[self] = found
        ok, value = found
        if ok:
            return value
        if reader is not None and reader != self.owner and self.fallback is not None:
            return self.fallback()
        raise value
