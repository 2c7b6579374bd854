"""Errors that end in a clear one-line message and exit code 2, never a traceback."""
from __future__ import annotations


class NewslintError(Exception):
    """Base class: the message is shown to the user as it is."""


class UsageError(NewslintError):
    """Bad command line, bad configuration or a broken plugin."""


class ConfigError(UsageError):
    """A config file that cannot be used; the message names the file, key and line."""

    def __init__(self, path: str, message: str, line: int | None = None):
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class InputError(NewslintError):
    """One input file that cannot be read or parsed. The run goes on with the others."""

    def __init__(self, path: str, message: str, line: int | None = None):
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.detail = message
