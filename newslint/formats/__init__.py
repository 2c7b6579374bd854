"""Output formats: one reporter class per format, registered through ``newslint_register_formats``."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, ClassVar

from ..plugins import hookimpl

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..rules import Rule

BUILTIN = {
    "text": "text:TextReporter",
    "json": "json:JsonReporter",
    "json-lines": "jsonlines:JsonLinesReporter",
    "sarif": "sarif:SarifReporter",
    "github": "github:GithubReporter",
    "gitlab": "gitlab:GitlabReporter",
    "junit": "junit:JunitReporter",
    "rdjson": "rdjson:RdjsonReporter",
    "html": "html:HtmlReporter",
}


@dataclass
class Summary:
    """Totals for the end of a run."""

    files: int = 0
    files_with_findings: int = 0
    errors: list[str] = field(default_factory=list)


class Reporter:
    """Writes diagnostics in one format. ``add`` is called once per file, in input order."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    #: Set when the format needs each file's decoded text (UTF-8 byte columns, source excerpts).
    needs_source: ClassVar[bool] = False

    def __init__(self, stream: IO[str], rules: "dict[str, type[Rule]]", *, show_source: bool = False,
                 color: bool = False, statistics: bool = False, quiet: bool = False, files: list[str] | None = None):
        self.stream = stream
        self.rules = rules
        self.show_source = show_source
        self.color = color
        self.statistics = statistics
        self.quiet = quiet
        self.files = files if files is not None else []
        self._seen = set(self.files)
        self.collected: list["Diagnostic"] = []

    def add(self, path: str, diagnostics: "list[Diagnostic]", source: str | None = None) -> None:
        if path and path not in self._seen:  # a streamed file arrives in several chunks
            self._seen.add(path)
            self.files.append(path)
        self.collected.extend(diagnostics)

    def finish(self, summary: Summary) -> None:
        raise NotImplementedError

    def sorted(self) -> "list[Diagnostic]":
        from ..diagnostics import Diagnostic

        return sorted(self.collected, key=Diagnostic.sort_key)


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


def load_reporter(spec: str) -> type[Reporter]:
    module, _, cls = spec.partition(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), cls)


class LazyReporter:
    """A format known by name now and imported only when chosen (keeps start-up fast).

    ``newslint_register_formats`` may return these instead of Reporter classes.
    """

    def __init__(self, name: str, spec: str):
        self.name = name
        self.spec = spec

    def load(self) -> type[Reporter]:
        return load_reporter(self.spec)


def resolve(item) -> type[Reporter]:
    return item.load() if isinstance(item, LazyReporter) else item



@hookimpl
def newslint_register_formats():
    return [LazyReporter(name, spec) for name, spec in BUILTIN.items()]
