"""The registry: the plugin manager and what the loaded plugins provide, behind typed methods.

Nothing else in newslint calls ``pm.hook``: the linter asks the registry to parse and to
configure, the command line asks it for formats. (tox's plugin manager has the same shape.)
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import pluggy

from .errors import UsageError
from .reporting import Reporter, resolve

if TYPE_CHECKING:
    from .config import Config
    from .document import Document
    from .rules import Rule


class Registry:
    """Everything the loaded plugins provide, with who provided it."""

    def __init__(self, pm: pluggy.PluginManager):
        self.pm = pm
        self.rules: dict[str, type["Rule"]] = {}  # code -> class, sorted by code
        self.plugin_names: dict[str, str] = {}  # pluggy name -> display name
        self.distributions: list[tuple[str, str, str]] = []  # (entry name, dist, version)

    def parse(self, path: str, source: str, config: "Config") -> "Document | Sequence[Document] | None":
        """The first parser that claims ``path`` turns ``source`` into documents."""
        return self.pm.hook.newslint_parse_document(path=path, source=source, config=config)

    def configure(self, config: "Config") -> None:
        self.pm.hook.newslint_configure(config=config)

    def formats(self) -> list:
        """Every registered output format (Reporter classes or LazyReporters), in plugin order."""
        return [item for group in self.pm.hook.newslint_register_formats() for item in group or []]

    def reporter(self, name: str) -> type[Reporter]:
        """The reporter class for ``--output-format name``; a usage error names the known ones."""
        items = self.formats()
        for item in items:
            if item.name == name:
                return resolve(item)
        names = sorted(item.name for item in items)
        raise UsageError(f"unknown output format {name!r}; choose one of: {', '.join(names)}")

    def extensions(self) -> dict[str, str]:
        """``{".suffix": "format"}`` from every plugin's ``newslint_register_extensions``."""
        out: dict[str, str] = {}
        for mapping in self.pm.hook.newslint_register_extensions():
            for suffix, fmt in (mapping or {}).items():
                suffix = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
                out.setdefault(suffix, fmt)
        return out

    def rule_hooks(self):
        """``(plugin display name, registered rule classes)`` for every plugin that registers rules."""
        for impl in self.pm.hook.newslint_register_rules.get_hookimpls():
            name = self.pm.get_name(impl.plugin) or getattr(impl.plugin, "__name__", repr(impl.plugin))
            yield self.plugin_names.get(name, name), impl.function() or []
