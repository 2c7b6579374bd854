"""Paths as newslint shows them: relative to the project root, '/'-separated, one spelling per file.

The project root is the folder of the config file in use, else the working folder (as ruff).
Findings, problems, per-file-ignores, baselines and report fingerprints all see this one
spelling, so ``./articles/x.md``, ``articles/x.md`` and an absolute path give the same results.
"""
from __future__ import annotations

import os


def project_path(path: str, root: str = ".") -> str:
    """``path`` relative to ``root`` when it lies below it; otherwise normalised as given."""
    if not path or path == "-":
        return path
    if os.name == "posix":
        if path[0] != "/" and (not root or root == "."):
            # a relative path under the working folder as root: its normal form is the answer,
            # without a getcwd (twice) per file to make both absolute and strip the prefix again
            rel = os.path.normpath(path)
            if rel != ".." and not rel.startswith("../"):
                return rel
        # a prefix test on normalised absolute paths: what os.path.relpath answers for a path
        # below the root, without its splitting and joining, once per file of a run
        base = root if root[:1] == "/" and _normal(root) else os.path.abspath(root or ".")
        full = path if path[0] == "/" and _normal(path) else os.path.abspath(path)
        prefix = base if base.endswith(os.sep) else base + os.sep
        if full == base:
            return "."
        if full.startswith(prefix):
            return full[len(prefix):]
        return os.path.normpath(path)
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root or "."))
    except ValueError:  # another drive (Windows)
        rel = None
    if rel is None or rel == os.pardir or rel.startswith(os.pardir + os.sep):
        rel = os.path.normpath(path)
    return rel.replace(os.sep, "/")


def _normal(path: str) -> bool:
    """Whether a POSIX path is its own normal form (os.path.normpath would return it unchanged):
    no empty, "." or ".." part, no "/" at the end; a part that merely starts with a dot is left
    to normpath, as is "/" itself, which normpath keeps."""
    return "//" not in path and "/." not in path and path[:1] != "." and path[-1:] != "/"
