"""pytest plugin: ``pytest --newslint`` lints article files as test items; ``newslint_check`` fixture.

Loaded through the ``pytest11`` entry point. It imports nothing of newslint's engine until it is
used, so projects that merely have newslint installed pay nothing for it.
"""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("newslint")
    group.addoption("--newslint", action="store_true", default=False,
                    help="lint article files (newslint include globs) as test items")


def _config_for(rootpath: Path):
    from newslint.config import find_config, load_config, Config

    found = find_config(rootpath)
    return load_config(found) if found else Config()


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    config = parent.config
    if not config.getoption("newslint"):
        return None
    settings = config.stash.get(_CONFIG_KEY, None)
    if settings is None:
        settings = _config_for(config.rootpath)
        config.stash[_CONFIG_KEY] = settings
    name = file_path.name
    if not any(fnmatch.fnmatch(name, pattern) for pattern in settings.include):
        return None
    rel = os.path.relpath(file_path, config.rootpath)
    from newslint.discovery import excluded

    if excluded(rel, settings.all_excludes):
        return None
    return NewslintFile.from_parent(parent, path=file_path)


_CONFIG_KEY = pytest.StashKey[Any]()


class NewslintFile(pytest.File):
    def collect(self):
        yield NewslintItem.from_parent(self, name="newslint")


class NewslintError(Exception):
    pass


class NewslintItem(pytest.Item):
    def runtest(self) -> None:
        from newslint.linter import Linter

        settings = self.config.stash[_CONFIG_KEY]
        linter = self.config.stash.get(_LINTER_KEY, None)
        if linter is None:
            linter = Linter(settings)
            self.config.stash[_LINTER_KEY] = linter
        # relative to the working folder, where the file is opened: pytest's rootpath may be a
        # parent (a pyproject.toml there), and a path relative to it is not found from here
        try:
            path = os.path.relpath(self.path)
        except ValueError:  # another drive
            path = str(self.path)
        result = linter.lint_file(path)
        lines = [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in result.diagnostics]
        lines += [f"error: {e}" for e in result.errors + result.crashes]
        if lines:
            raise NewslintError("\n".join(lines))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, NewslintError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"newslint {self.path.name}"


_LINTER_KEY = pytest.StashKey[Any]()


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
