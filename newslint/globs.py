"""Plain name globs (``*.txt``, ``LICENSE*``, ``package.json``) matched as fnmatch matches them.

Discovery tests every file name against the include and exclude lists. The defaults hold only
globs with at most one ``*``, which string tests answer exactly: a regex of all of them cost
more to compile (about 1.5 ms, on every run) than a one-file run spends matching. Any other
glob (``?``, ``[...]``, two stars) and case-blind matching go to fnmatch's regex as before.
"""
from __future__ import annotations

import re


class NameGlobs:
    """``match(name)``: whether a file or folder name matches any of ``patterns``."""

    __slots__ = ("exact", "suffixes", "prefixes", "both", "both_prefixes", "regex")

    def __init__(self, patterns: list[str], ignore_case: bool = False):
        self.exact: set[str] = set()
        suffixes, prefixes, rest = [], [], []
        self.both: list[tuple[str, str]] = []  # LICENSE*.md: both ends, and long enough for both
        for pattern in patterns:
            if ignore_case or "?" in pattern or "[" in pattern or pattern.count("*") > 1:
                rest.append(pattern)
            elif "*" not in pattern:
                self.exact.add(pattern)
            else:
                prefix, suffix = pattern.split("*")
                if not prefix:
                    suffixes.append(suffix)
                elif not suffix:
                    prefixes.append(prefix)
                else:
                    self.both.append((prefix, suffix))
        self.suffixes, self.prefixes = tuple(suffixes), tuple(prefixes)
        self.both_prefixes = tuple(prefix for prefix, _ in self.both)
        self.regex = _regex(rest, ignore_case) if rest else None

    def match(self, name: str) -> bool:
        if name in self.exact or name.endswith(self.suffixes) or name.startswith(self.prefixes):
            return True
        if self.both and name.startswith(self.both_prefixes):
            for prefix, suffix in self.both:
                if len(name) >= len(prefix) + len(suffix) and name.startswith(prefix) and name.endswith(suffix):
                    return True
        return self.regex is not None and self.regex.match(name) is not None


def _regex(patterns: list[str], ignore_case: bool) -> re.Pattern[str]:
    import fnmatch

    return re.compile("|".join(fnmatch.translate(p) for p in patterns), re.IGNORECASE if ignore_case else 0)
