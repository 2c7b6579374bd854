"""File discovery: the files a run lints, from the paths given, the include globs and the excludes."""
from __future__ import annotations

import fnmatch
import os
import re
from typing import Iterable, Iterator, Sequence

from .config import Config
from .problems import ERROR, WARNING, Problem


def excluded(rel: str, patterns: Sequence[str]) -> bool:
    if not patterns:
        return False
    parts = rel.replace("\\", "/").split("/")
    return any(fnmatch.fnmatch(rel, p) or any(fnmatch.fnmatch(part, p) for part in parts) for p in patterns)


def discover(paths: Iterable[str], config: Config, warnings: list[Problem] | None = None) -> Iterator[str]:
    """Expand folders into the files to lint; files named explicitly are always linted.

    A folder's own files come first (sorted), then its sub-folders (sorted). Folders are read
    with ``os.scandir``, whose entries already know whether they are links or folders: a
    corpus of thousands of files then costs one system call per folder, not one per file.
    """
    # one pattern for every include glob; case-blind where the file system is (as fnmatch is)
    include = re.compile("|".join(fnmatch.translate(p) for p in config.include) or "(?!)",
                         re.IGNORECASE if os.path.normcase("A") == "a" else 0)
    for given in paths:
        if given == "-" or not os.path.isdir(given):
            yield given
            continue
        root_real = os.path.realpath(given)
        stack = [(given, ".")]  # depth first without recursion: trees may be deeper than Python's stack
        while stack:
            folder, rel_folder = stack.pop()
            files, subfolders = _list_folder(folder, rel_folder, root_real, include, config, warnings)
            yield from files
            stack.extend(reversed(subfolders))


def _list_folder(folder: str, rel_folder: str, root_real: str, include: "re.Pattern[str]", config: Config,
                 warnings: list[Problem] | None) -> tuple[list[str], list[tuple[str, str]]]:
    """The files of one folder to lint, and its sub-folders to visit (path, relative path), sorted."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        if warnings is not None:
            # an error, not a warning: the files in it were meant to be linted and were not
            warnings.append(Problem(folder, f"cannot list folder: {exc.strerror or exc}; skipped", kind=ERROR))
        return [], []
    files: list[str] = []
    subfolders: list[tuple[str, str]] = []
    for entry in entries:
        rel = entry.name if rel_folder == "." else f"{rel_folder}{os.sep}{entry.name}"
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            # a linked folder is never followed: it may loop or leave the tree
            if not entry.is_symlink() and not excluded(rel, config.all_excludes):
                subfolders.append((entry.path, rel))
            continue
        if not include.match(entry.name) or excluded(rel, config.exclude):
            continue
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if not (target + os.sep).startswith(root_real + os.sep) or not os.path.isfile(target):
                if warnings is not None:  # a loop or a dangling link is an error, as when named
                    warnings.append(Problem(entry.path, "symbolic link to outside the tree or to nothing; skipped",
                                            kind=WARNING if os.path.exists(target) else ERROR))
                continue
        files.append(entry.path)
    return files, subfolders
