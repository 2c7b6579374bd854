"""Config and plugin results validated once: option tables, options a rule rejects, plugin findings.

What a config or a plugin gets wrong is found here, before the run or as a finding is made, and
named (key and line, or rule and plugin), so no format ever sees a bad value and no file gets one
"rule crashed" per option mistake.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .budget import RuleTimeout
from .config import Config, line_of_key
from .diagnostics import SEVERITY_RANK, Diagnostic
from .errors import ConfigError
from .rules import MIN_CONFIDENCE, Rule, RuleContext

if TYPE_CHECKING:
    from .linter import Linter


_SCALARS = {
    "any": lambda v: True,
    "None": lambda v: v is None,
    "bool": lambda v: isinstance(v, bool),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    # TOML writes 3 for 3.0: a whole number is a float too
    "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "str": lambda v: isinstance(v, str),
    "list": lambda v: isinstance(v, list),
    "dict": lambda v: isinstance(v, dict),
}


def _split(spec: str, sep: str) -> list[str]:
    """``spec`` split at ``sep`` outside brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(spec):
        depth += (ch == "[") - (ch == "]")
        if ch == sep and depth == 0:
            parts.append(spec[start:i].strip())
            start = i + 1
    return [*parts, spec[start:].strip()]


def type_matches(spec: str, value: Any) -> bool:
    """Whether a config value has the type ``spec`` names: a scalar (``str``, ``int``, ``float``,
    ``bool``, ``None``, ``any``), ``list[T]``, ``dict[K, V]``, or alternatives joined by ``|``.
    A ValueError for a spec newslint cannot check."""
    alternatives = _split(spec, "|")
    if len(alternatives) > 1:
        return any(type_matches(a, value) for a in alternatives)
    spec = alternatives[0]
    if spec in _SCALARS:
        return _SCALARS[spec](value)
    if spec.startswith("list[") and spec.endswith("]"):
        inner = spec[5:-1]
        type_matches(inner, None)  # a bad element spec is an error even for an empty list
        return isinstance(value, list) and all(type_matches(inner, v) for v in value)
    if spec.startswith("dict[") and spec.endswith("]"):
        key, val = (_split(spec[5:-1], ",") + [""])[:2]
        type_matches(key, None), type_matches(val, None)
        return isinstance(value, dict) and all(type_matches(key, k) and type_matches(val, v) for k, v in value.items())
    raise ValueError(f"not a type newslint checks: {spec!r}")


def type_of_default(default: Any) -> str:
    """The type a rule's undeclared option has, read from its default."""
    if default is None:
        return "any"
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, (int, float)):
        return "int | float" if isinstance(default, int) else "float"  # as before: 4.0 is fine for 4
    if isinstance(default, list):
        kinds = {type_of_default(item) for item in default}
        return f"list[{kinds.pop()}]" if len(kinds) == 1 else "list"
    if isinstance(default, dict):
        return "dict"
    return "str" if isinstance(default, str) else "any"


def check_option_tables(config: Config, codes: Any) -> None:
    """``[rules.X]`` must name one rule: a prefix (``[rules.NL3]``) would silently set nothing."""
    for key in config.rules:
        if key not in codes:
            raise ConfigError(config.path or "<config>", f"rules.{key}: options are set per rule; {key!r} is "
                              "not a rule code (a prefix or an unknown code)", line_of_key(config, key))


_PROBE = "Probe headline for the options\n\nSkip to content\n\nA line of prose, said the minister.[1]\n\n[1] Note.\n"


def probe_options(linter: "Linter") -> None:
    """Run each rule given options once on a small article: options that make the rule raise
    are one config error naming the key (found by putting each key back to its default), not
    one crash per file."""
    where = linter.config.path or "<config>"
    for compiled in linter.rules:
        configured = linter.config.rules.get(compiled.cls.code)
        if not configured or _runs(linter, compiled.rule, compiled.cls, compiled.options) is None:
            continue
        for key in configured:
            trial = {**compiled.options, key: compiled.cls.options[key]}
            if _runs(linter, compiled.rule, compiled.cls, trial) is None:
                error = _runs(linter, compiled.rule, compiled.cls, compiled.options)
                raise ConfigError(where, f"rules.{compiled.cls.code}.{key}: rejected by rule {compiled.cls.code} "
                                  f"({compiled.cls.name}): {type(error).__name__}: {error}",
                                  line_of_key(linter.config, key))


def _runs(linter: "Linter", rule: Rule, cls: type[Rule], options: dict[str, Any]) -> Exception | None:
    with linter.budget.armed() as budget:
        try:
            budget.start()
            for document in linter.parse("probe.txt", _PROBE):
                rule.check(document, RuleContext(cls, document, options, cls.severity, linter.options))
        except Exception as exc:
            return exc
        except RuleTimeout:  # options that make a rule hang are a config error too, not a hung load
            return TimeoutError(f"ran past its {budget.seconds:g} s budget (rule-timeout)")
        finally:
            budget.stop()
    return None


def invalid_finding(diag: Diagnostic) -> str | None:
    """Why a finding a rule reported cannot be shown, or None."""
    if diag.severity not in SEVERITY_RANK:
        return f"severity {diag.severity!r} (expected one of {', '.join(reversed(SEVERITY_RANK))})"
    if not isinstance(diag.message, str) or not isinstance(diag.code, str):
        return f"message {diag.message!r} (expected a string)"
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (diag.line, diag.column)):
        return f"position {diag.line!r}:{diag.column!r} (expected integers)"
    return None


def rule_options(cls: type[Rule], config: Config) -> dict[str, Any]:
    """A rule's defaults overridden by ``[rules.CODE]``; unknown keys and wrong types are errors."""
    # every rule takes min-confidence (the global setting unless [rules.CODE] sets its own);
    # RuleContext.report drops findings below it
    options = {MIN_CONFIDENCE: config.min_confidence, **cls.options}
    where = config.path or "<config>"
    for key, value in config.rules.get(cls.code, {}).items():
        if key not in options:
            known = ", ".join(sorted(options)) or "none"
            raise ConfigError(where, f"rules.{cls.code}: unknown option {key!r} (known: {known})",
                              line_of_key(config, key))
        # the rule's declared type, else the default's: checked once here, never per document
        spec = getattr(cls, "option_types", {}).get(key) or type_of_default(options[key])
        if not type_matches(spec, value):
            raise ConfigError(where, f"rules.{cls.code}.{key}: expected {spec}, got {value!r}",
                              line_of_key(config, key))
        options[key] = value
    return options
