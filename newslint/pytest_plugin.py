"""pytest plugin: ``pytest --newslint`` lints article files as test items; ``newslint_check`` fixture.

Loaded through the ``pytest11`` entry point. It imports nothing of newslint's engine until it is
used, so projects that merely have newslint installed pay nothing for it. The files, the baseline
and ``fail-on`` are those of ``newslint check`` run from the project root: the same discovery
(include, exclude, .gitignore) and the same :class:`newslint.gate.Gate`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("newslint")
    group.addoption("--newslint", action="store_true", default=False,
                    help="lint article files (the files `newslint check` would lint) as test items")


class _Session:
    """The config, the files ``newslint check`` would lint, the linter and the gate: built once."""

    def __init__(self, rootpath: Path):
        from newslint.config import Config, find_config, load_config
        from newslint.discovery import discover
        from newslint.gate import Gate

        from newslint.plugins import load_registry

        found = find_config(rootpath)
        self.config = load_config(found) if found else Config(root=str(rootpath))
        load_registry(self.config)  # plugins may add file extensions to discovery
        self.files = {os.path.abspath(p) for p in discover([self.config.root], self.config)}
        self.gate = Gate(self.config)
        self._linter = None

    @property
    def linter(self):
        if self._linter is None:
            from newslint.linter import Linter

            self._linter = Linter(self.config)
        return self._linter


def _session(config: pytest.Config) -> _Session:
    session = config.stash.get(_SESSION_KEY, None)
    if session is None:
        session = config.stash[_SESSION_KEY] = _Session(config.rootpath)
    return session


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if not parent.config.getoption("newslint"):
        return None
    if os.path.abspath(file_path) not in _session(parent.config).files:
        return None
    return NewslintFile.from_parent(parent, path=file_path)


_SESSION_KEY = pytest.StashKey[Any]()


class NewslintFile(pytest.File):
    def collect(self):
        yield NewslintItem.from_parent(self, name="newslint")


class NewslintError(Exception):
    pass


class NewslintItem(pytest.Item):
    def runtest(self) -> None:
        session = _session(self.config)
        result = session.linter.lint_file(str(self.path))
        found = session.gate.new(result.diagnostics)
        lines = [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in found]
        lines += [f"error: {e}" for e in result.errors + result.crashes]
        if result.errors or result.crashes or session.gate.fails(found):
            raise NewslintError("\n".join(lines))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, NewslintError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"newslint {self.path.name}"


@pytest.fixture
def newslint_check():
    """Lint a string or a path and return the list of Diagnostics.

        def test_scraper_output_is_clean(newslint_check):
            assert newslint_check(scrape("https://...")) == []
            assert newslint_check(Path("out/article.md")) == []
    """
    from newslint.api import resolve_config
    from newslint.errors import InputError
    from newslint.linter import Linter

    linter = Linter(resolve_config(None))

    def check(article: str | os.PathLike[str], filename: str = "article.txt", **_: Any):
        if isinstance(article, os.PathLike):
            result = linter.lint_file(os.fspath(article))
            if result.errors or result.crashes:
                raise InputError(os.fspath(article), "; ".join(map(str, result.errors + result.crashes)))
            return result.diagnostics
        text = article.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        result = linter.lint_source(filename, text)
        if result.errors or result.crashes:
            raise InputError(filename, "; ".join(map(str, result.errors + result.crashes)))
        return result.diagnostics

    return check
