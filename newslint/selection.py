"""Rule selection with ruff's semantics: the most specific prefix wins, ``ignore`` wins a tie."""
from __future__ import annotations

from typing import Iterable

from .config import Config
from .errors import ConfigError
from .rules import Rule


def _matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def _specificity(selector: str) -> int:
    return 0 if selector == "ALL" else len(selector)


def check_selectors(config: Config, codes: Iterable[str]) -> None:
    """Every selector must name at least one known rule; a typo is an error, not a silent no-op."""
    codes = list(codes)
    groups = [("select", config.select or []), ("extend-select", config.extend_select), ("ignore", config.ignore)]
    groups += [(f"per-file-ignores.{g}", sel) for g, sel in config.per_file_ignores.items()]
    groups += [("severity", list(config.severity))]
    where = config.path or "<command line>"
    for key, selectors in groups:
        for sel in selectors:
            if not any(_matches(sel, c) for c in codes):
                raise ConfigError(where, f"{key}: unknown rule code or prefix {sel!r}")


def severity_for(code: str, config: Config, default: str) -> str:
    """``[severity]`` as selectors: the most specific key that matches ``code`` wins (NL3, then NL301)."""
    best, chosen = -1, default
    for selector, severity in config.severity.items():
        if _matches(selector, code) and _specificity(selector) > best:
            best, chosen = _specificity(selector), severity
    return chosen


def is_enabled(rule: type[Rule], config: Config) -> bool:
    """Decide one rule: the longest matching selector wins; ignore beats select at equal length."""
    code = rule.code
    selected = list(config.select) if config.select is not None else []
    selected += config.extend_select
    if getattr(rule, "opt_in", False):
        # Opt-in rules (below the default precision bar) need their exact code.
        return code in selected and code not in config.ignore
    if config.select is None:
        selected = ["ALL", *selected]
    best_select = max((_specificity(s) for s in selected if _matches(s, code)), default=-1)
    best_ignore = max((_specificity(s) for s in config.ignore if _matches(s, code)), default=-1)
    return best_select >= 0 and best_select > best_ignore


def ignored_for_path(path: str, config: Config) -> list[str]:
    """Selectors that ``per-file-ignores`` applies to this path (glob on path or file name)."""
    out: list[str] = []
    if not config.per_file_ignores:
        return out
    import fnmatch  # only with per-file-ignores: not on every run's import path

    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    for pattern, selectors in config.per_file_ignores.items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(name, pattern):
            out.extend(selectors)
    return out


def code_matches_any(code: str, selectors: Iterable[str]) -> bool:
    return any(_matches(s, code) for s in selectors)
