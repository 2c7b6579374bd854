"""Output formats: one reporter class per format, registered through ``newslint_register_formats``."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..plugins import hookimpl
from ..reporting import HeldFindings, LazyReporter, Reporter, Summary, load_reporter, resolve

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic

__all__ = ["BUILTIN", "HeldFindings", "LazyReporter", "Reporter", "SortedArrayReporter", "Summary", "fingerprints", "json_item",
           "load_reporter", "report_path", "resolve", "rule_help_uri", "rule_section"]

BUILTIN = {
    "text": "newslint.formats.text:TextReporter",
    "json": "newslint.formats.json:JsonReporter",
    "json-lines": "newslint.formats.jsonlines:JsonLinesReporter",
    "sarif": "newslint.formats.sarif:SarifReporter",
    "github": "newslint.formats.github:GithubReporter",
    "gitlab": "newslint.formats.gitlab:GitlabReporter",
    "junit": "newslint.formats.junit:JunitReporter",
    "rdjson": "newslint.formats.rdjson:RdjsonReporter",
    "html": "newslint.formats.html:HtmlReporter",
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


def json_item(obj, first: bool, indent: str = "  ") -> str:
    """One element of a JSON array as ``json.dumps(array, indent=2)`` lays it out, at ``indent``:
    a report can then write its array an element at a time, the same text, never all of it held."""
    import json

    from ..escaping import json_text

    text = json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
    return json_text(("[\n" if first else ",\n") + indent + text)


class SortedArrayReporter(Reporter):
    """A report that is one JSON array of findings in sorted order, written as the run releases
    them (``Reporter.release``): ``item`` turns each finding into its element."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.written = 0
        self.held = HeldFindings()

    def add(self, path, diagnostics, source=None):
        self.note_file(path)
        self.held.add(diagnostics)

    def item(self, d: "Diagnostic") -> dict:
        raise NotImplementedError

    def _write(self, diagnostics) -> None:
        for d in diagnostics:
            self.stream.write(json_item(self.item(d), not self.written))
            self.written += 1

    def release(self, before: tuple) -> None:
        self._write(self.held.release(before))

    def finish(self, summary: Summary) -> None:
        self._write(self.held.rest())
        self.stream.write("\n]\n" if self.written else "[]\n")


@hookimpl
def newslint_register_formats():
    return [LazyReporter(name, spec) for name, spec in BUILTIN.items()]
