"""argparse's help layout without ``shutil``, and its parser built without catalogue look-ups.

argparse sizes a help formatter with ``shutil.get_terminal_size`` each time one is made, and it
makes one on every ``add_argument`` (to check the argument's help); ``shutil`` brings ``bz2``,
``lzma`` and ``fnmatch`` into every run, help or not. The same width is read here directly.

Building a parser, argparse passes each of its own strings through ``gettext`` (18 times for
newslint's), and each call imports ``locale`` (first) and looks for catalogue files again. Where
the catalogue folder does not exist (Python ships none), every string is its own translation:
:func:`untranslated` then builds the parser with those calls skipped, with the same result.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Callable, TypeVar

T = TypeVar("T")


def terminal_columns() -> int:
    """As ``shutil.get_terminal_size().columns``: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class HelpFormatter(argparse.HelpFormatter):
    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None, **kw):
        super().__init__(prog, indent_increment, max_help_position,
                         terminal_columns() - 2 if width is None else width, **kw)


class ArgumentParser(argparse.ArgumentParser):
    """Sub-commands are made of the parent's class, so they get the formatter too."""

    def __init__(self, *args, **kw):
        kw.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kw)


def _same(message: str) -> str:
    return message


def untranslated(build: Callable[[], T]) -> T:
    """``build()``, with argparse's ``gettext`` calls skipped when no catalogue could answer them."""
    import gettext

    if os.path.isdir(gettext.bindtextdomain(gettext.textdomain())):
        return build()  # catalogues may exist: look them up as argparse does
    saved = argparse._
    argparse._ = _same
    try:
        return build()
    finally:
        argparse._ = saved
