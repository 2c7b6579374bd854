"""File discovery: the files a run lints, from the paths given, include/exclude, .gitignore and links.

Patterns are gitignore-style and matched against the path relative to the project root: a
pattern without a slash matches a name at any depth, one with a slash is anchored at the root,
``**`` spans folders and ``!`` re-includes. Matching is pathspec's, except that lists of plain
name globs (the defaults) are matched per path component without importing it, so a one-file
pre-commit run stays fast.
"""
from __future__ import annotations

import errno
import os
from typing import Iterable, Iterator, Sequence

from .config import SKIPPED_FOLDERS, Config
from .globs import NameGlobs
from .inputs import PLUGIN_SUFFIXES
from .paths import project_path
from .problems import ERROR, Problem

Ignores = tuple  # ((absolute folder, pathspec), ...) outermost first


class Patterns:
    """A list of gitignore-style patterns; ``match(rel)`` for a '/'-separated relative path."""

    def __init__(self, patterns: Sequence[str], names: bool = False):
        self.patterns = list(patterns)
        self.negated = any(p.startswith("!") for p in self.patterns)
        self.names = names  # include globs: a plain glob matches the file name only, not a folder's
        simple = all(not any(ch in p for ch in "/!\\") and "**" not in p and p.strip() == p for p in self.patterns)
        self._spec = None if simple else _spec(self.patterns)
        # plain name globs (case-blind for include where the file system is, as fnmatch)
        self._names = NameGlobs(self.patterns, ignore_case=names and os.path.normcase("A") == "a")

    def match(self, rel: str, is_dir: bool = False) -> bool:
        if not self.patterns:
            return False
        if self._spec is not None:
            return self._spec.match_file(rel + "/" if is_dir else rel)
        if self.names:
            return self._names.match(rel.rsplit("/", 1)[-1])
        return any(self._names.match(part) for part in rel.split("/"))

    def match_entry(self, rel: str, name: str, is_dir: bool = False) -> bool:
        """``match`` for an entry met while walking, whose folders were already checked: plain
        globs then need only its name."""
        if self._spec is None:
            return bool(self.patterns) and self._names.match(name)
        return self.match(rel, is_dir)


def _spec(lines: Iterable[str]):
    import pathspec  # only for patterns beyond plain names, and .gitignore files

    return pathspec.GitIgnoreSpec.from_lines(lines)


def excluded(rel: str, patterns: Sequence[str]) -> bool:
    """Whether ``rel`` (a '/'-separated path) or one of its folders matches an exclude pattern."""
    return Patterns(patterns).match(rel.replace("\\", "/"))


def is_virtualenv(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, "pyvenv.cfg")) or os.path.isdir(os.path.join(folder, "conda-meta"))


class FileFilter:
    """include, exclude + extend-exclude, skipped folders and .gitignore files, for one config."""

    def __init__(self, config: Config):
        self.root = config.root or "."
        plugin_globs = [f"*{suffix}" for suffix in sorted(PLUGIN_SUFFIXES)]  # newslint_register_extensions
        self.include = Patterns(config.include + config.extend_include + plugin_globs, names=True)
        self.exclude = Patterns(config.all_excludes)
        self.gitignore = config.respect_gitignore
        #: newslint's own files found in folders: the baseline is JSON, never an article
        self.own = {os.path.abspath(config.baseline)} if config.baseline else set()

    def rel(self, path: str, base: str) -> str:
        """``path`` relative to the project root, or to ``base`` (the path given) when outside it."""
        rel = project_path(path, self.root)
        if rel.startswith("../") or os.path.isabs(rel):
            rel = project_path(path, base)
        return "" if rel == "." else rel

    def force_excluded(self, path: str) -> bool:
        """``--force-exclude`` for a path named on the command line: exclude and skipped folders."""
        rel = self.rel(path, os.path.dirname(path) or ".")
        parts = rel.split("/")
        return any(p in SKIPPED_FOLDERS for p in parts[:-1]) or self.exclude.match(rel, os.path.isdir(path))

    def ancestor_ignores(self, start: str) -> Ignores:
        """The .gitignore files above ``start``, up to its git root (or the project root without git)."""
        if not self.gitignore:
            return ()
        chain, folder = [], os.path.dirname(start)
        git_root = None
        while True:
            chain.append(folder)
            if os.path.exists(os.path.join(folder, ".git")):
                git_root = folder
                break
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
        if os.path.exists(os.path.join(start, ".git")):
            chain = []
        elif git_root is None:
            root = os.path.abspath(self.root)
            chain = [f for f in chain if f == root or f.startswith(root + os.sep)]
        return self.add_ignores((), *reversed(chain))

    def add_ignores(self, ignores: Ignores, *folders: str) -> Ignores:
        if not self.gitignore:
            return ignores
        for folder in folders:
            try:
                with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as fh:
                    ignores = (*ignores, (folder, _spec(fh.read().splitlines())))
            except OSError:
                continue
        return ignores


def gitignored(absolute: str, is_dir: bool, ignores: Ignores) -> bool:
    """Git's rule: the deepest .gitignore with a matching pattern decides; the last pattern wins in it."""
    verdict = False
    for base, spec in ignores:
        rel = absolute[len(base) + 1:].replace(os.sep, "/") + ("/" if is_dir else "")
        include = spec.check_file(rel).include
        if include is not None:
            verdict = include
    return verdict


def discover(paths: Iterable[str], config: Config, warnings: list[Problem] | None = None,
             force_exclude: bool | None = None) -> Iterator[str]:
    """Expand folders into the files to lint. Files named explicitly are linted whatever include
    says; with ``force_exclude`` (``--force-exclude``, as pre-commit passes files) exclude applies.

    A folder's own files come first (sorted), then its sub-folders (sorted). Folders are read
    with ``os.scandir``, whose entries already know whether they are links or folders.
    """
    flt = FileFilter(config)
    force = config.force_exclude if force_exclude is None else force_exclude
    for given in paths:
        if given == "-":
            yield given
        elif force and flt.force_excluded(given):
            continue
        elif not os.path.isdir(given):
            yield given
        else:
            yield from _walk(given, flt, warnings)


def _walk(given: str, flt: FileFilter, warnings: list[Problem] | None) -> Iterator[str]:
    root_real = os.path.realpath(given)
    start = os.path.abspath(given)
    stack = [(given, start, flt.ancestor_ignores(start))]
    while stack:  # depth first without recursion: trees may be deeper than Python's stack
        folder, absolute, ignores = stack.pop()
        ignores = flt.add_ignores(ignores, absolute)
        files, subfolders = _list_folder(folder, absolute, start, ignores, root_real, flt, warnings)
        yield from files
        stack.extend(reversed(subfolders))


def _entries(folder: str, warnings: list[Problem] | None) -> list:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        if warnings is not None:
            # an error, not a warning: the files in it were meant to be linted and were not
            warnings.append(Problem(folder, f"cannot list folder: {exc.strerror or exc}; skipped", kind=ERROR))
        return []


def _list_folder(folder: str, absolute: str, start: str, ignores: Ignores, root_real: str, flt: FileFilter,
                 warnings: list[Problem] | None) -> tuple[list[str], list[tuple]]:
    """The files of one folder to lint, and its sub-folders to visit, sorted."""
    files: list[str] = []
    subfolders: list[tuple] = []
    prefix = flt.rel(absolute, start)
    prefix = prefix + "/" if prefix else ""
    for entry in _entries(folder, warnings):
        rel, entry_abs = prefix + entry.name, absolute + os.sep + entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if (entry.name in SKIPPED_FOLDERS or (not flt.exclude.negated and flt.exclude.match_entry(rel, entry.name, True))
                    or (ignores and gitignored(entry_abs, True, ignores))):
                continue
            if entry.is_symlink():  # never followed: its files are linted where they live, in the tree
                _check_link(entry.path, absolute, root_real, flt, warnings)
            elif not is_virtualenv(entry.path):
                subfolders.append((entry.path, entry_abs, ignores))
            continue
        if (not flt.include.match_entry(rel, entry.name) or flt.exclude.match_entry(rel, entry.name)
                or entry_abs in flt.own
                or (ignores and gitignored(entry_abs, False, ignores))):
            continue
        if entry.is_symlink() and not _check_link(entry.path, absolute, root_real, flt, warnings):
            continue
        files.append(entry.path)
    return files, subfolders


def _check_link(path: str, folder: str, root_real: str, flt: FileFilter, warnings: list[Problem] | None) -> bool:
    """Whether a link met in a folder points into the tree; if not, an error naming it (a link
    that leaves the tree, leads nowhere or loops was meant to be linted and cannot be)."""
    try:
        target = os.path.realpath(path, strict=True)
        inside = (target + os.sep).startswith(root_real + os.sep)
        # a linked folder that holds the link itself would be walked forever if followed
        why = None if not inside else "symbolic link loop" if (
            os.path.realpath(folder) + os.sep).startswith(target + os.sep) else None
        why = why or (None if inside else "symbolic link to outside the tree")
    except OSError as exc:
        why = "symbolic link loop" if exc.errno == errno.ELOOP or "loop" in str(exc).lower() else "symbolic link to nothing"
    if why and warnings is not None:
        warnings.append(Problem(project_path(path, flt.root), f"{why}; skipped", kind=ERROR))
    return why is None
