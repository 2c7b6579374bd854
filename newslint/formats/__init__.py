"""Output formats: one reporter class per format, registered through ``newslint_register_formats``."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..plugins import hookimpl
from ..reporting import LazyReporter, Reporter, Summary, load_reporter, resolve

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic

__all__ = ["BUILTIN", "LazyReporter", "Reporter", "Summary", "fingerprints", "load_reporter", "report_path",
           "resolve", "rule_help_uri", "rule_section"]

BUILTIN = {
    "text": "newslint.formats.text:TextReporter",
    "json": "newslint.formats.json:JsonReporter",
    "json-lines": "newslint.formats.jsonlines:JsonLinesReporter",
    "sarif": "newslint.formats.sarif:SarifReporter",
    "github": "newslint.formats.github:GithubReporter",
    "gitlab": "newslint.formats.gitlab:GitlabReporter",
    "junit": "newslint.formats.junit:JunitReporter",
    "rdjson": "newslint.formats.rdjson:RdjsonReporter",
}


def report_path(path: str) -> str:
    """A path for CI reports: relative to the working folder when it lies below it, '/'-separated.

    An absolute path that was given and lies elsewhere stays as given; nothing is made absolute.
    """
    import os

    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
            if not rel.startswith(".."):
                path = rel
        except ValueError:
            pass
    path = path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def fingerprints(diagnostics: "list[Diagnostic]") -> list[str]:
    """Stable, unique fingerprints: content hash plus the occurrence number of that hash."""
    seen: dict[str, int] = {}
    out = []
    for d in diagnostics:
        fp = d.fingerprint()
        seen[fp] = seen.get(fp, 0) + 1
        out.append(f"{fp[:16]}:{seen[fp]}")
    return out


def rule_help_uri(rule) -> str:
    url = getattr(rule, "url", None)
    if url:
        return url
    dist = rule.plugin.split("[", 1)[0]
    if dist == "newslint" or rule.plugin.startswith("newslint["):
        return f"https://github.com/newslint/newslint/blob/main/docs/rules.md#{rule.code.lower()}"
    return f"https://pypi.org/project/{dist}/"


def rule_section(rule, title: str) -> str:
    """The text of one ``## title`` section of a rule's docstring (or the summary)."""
    doc = rule.doc()
    marker = f"## {title}"
    if marker not in doc:
        return rule.summary()
    body = doc.split(marker, 1)[1].split("\n## ", 1)[0]
    return " ".join(body.split()) or rule.summary()


@hookimpl
def newslint_register_formats():
    return [LazyReporter(name, spec) for name, spec in BUILTIN.items()]
