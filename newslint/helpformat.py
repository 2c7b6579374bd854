"""argparse's help layout without ``shutil``.

argparse sizes a help formatter with ``shutil.get_terminal_size`` each time one is made, and it
makes one on every ``add_argument`` (to check the argument's help); ``shutil`` brings ``bz2``,
``lzma`` and ``fnmatch`` into every run, help or not. The same width is read here directly.
"""
from __future__ import annotations

import argparse
import os
import sys


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
