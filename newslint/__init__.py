"""newslint: a content-quality linter for news articles.

Public API::

    from newslint import hookimpl, Rule, Diagnostic, Document, Block, lint_text, lint_paths
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["hookimpl", "Rule", "RuleContext", "Diagnostic", "Document", "Block", "Config",
           "lint_text", "lint_paths", "fix_text", "Fix", "Edit", "__version__"]

# The CLI imports only what it needs; these names resolve on first use to keep start-up fast.
_LAZY = {
    "hookimpl": ("plugins", "hookimpl"),
    "Rule": ("rules", "Rule"),
    "RuleContext": ("rules", "RuleContext"),
    "Diagnostic": ("diagnostics", "Diagnostic"),
    "Document": ("document", "Document"),
    "Block": ("document", "Block"),
    "Config": ("config", "Config"),
    "lint_text": ("api", "lint_text"),
    "lint_paths": ("api", "lint_paths"),
    "fix_text": ("api", "fix_text"),
    "Fix": ("fixes", "Fix"),
    "Edit": ("fixes", "Edit"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newslint' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
