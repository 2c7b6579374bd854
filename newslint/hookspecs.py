"""Every hook newslint calls, in one place: the whole plugin API.

Plugins implement these with ``@newslint.hookimpl`` and are found through the ``newslint``
entry-point group (the built-in rules are registered that way too), or listed in the
``plugins`` config key. Hooks are called with keyword arguments only.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import pluggy

if TYPE_CHECKING:
    from .config import Config
    from .document import Document
    from .reporting import Reporter
    from .rules import Rule

hookspec = pluggy.HookspecMarker("newslint")


@hookspec
def newslint_register_rules() -> list[type["Rule"]]:
    """Return the rule classes this plugin provides.

    Fires once per run, when the engine builds its rule registry (before any file is read).
    The lists of every plugin are concatenated. Codes and names must be unique across plugins;
    a clash is a usage error that names both plugins. Returning ``None`` or ``[]`` means the
    plugin adds no rules.
    """


@hookspec
def newslint_register_formats() -> list[type["Reporter"]]:
    """Return output-format reporter classes, one per format.

    Fires once, when the CLI resolves ``--output-format``. Each class has a unique ``name``
    (the value users pass to ``--output-format``). An item may also be a
    ``newslint.reporting.LazyReporter(name, "package.module:Class")``, imported only when chosen.
    ``None`` means the plugin adds no format.
    """


@hookspec(firstresult=True)
def newslint_parse_document(path: str, source: str, config: "Config") -> "Document | Sequence[Document] | None":
    """Parse one decoded file into a Document (or one Document per record for JSON/JSONL).

    Fires once per input file, after decoding (BOM stripped, line ends normalised to ``\\n``).
    The first non-``None`` result wins. The built-in parsers are ``trylast``, so a plugin can
    take over any format by returning a Document for it. ``None`` means "not my format". A
    parser raises :class:`newslint.errors.InputError` for input it recognises but cannot read.
    """


@hookspec
def newslint_register_extensions() -> dict[str, str]:
    """Return file extensions this plugin reads, as ``{".suffix": "format"}``.

    Fires once, when the registry is built. Each suffix (with its dot, lower case) is added to
    discovery (files with it are found in folders, as the ``include`` globs are) and mapped to an
    input format: a built-in one (``"text"``, ``"markdown"``, ``"html"``, ``"json"``, ``"jsonl"``)
    to reuse its parser, or the plugin's own name for a parser it implements with
    ``newslint_parse_document``. Built-in suffixes cannot be remapped. ``None`` means none.
    """


@hookspec
def newslint_configure(config: "Config") -> None:
    """Inspect or adjust the resolved configuration.

    Fires once per run, after the config files and CLI flags are merged and before any file is
    linted. Plugins may read their own ``[tool.newslint.rules.CODE]`` tables here. The return
    value is ignored.
    """
