"""JUnit XML: one test case per file, one failure listing its findings (GitLab, Jenkins and friends)."""
from __future__ import annotations

import re

from ..escaping import printable
from . import Reporter, Summary, report_path

# XML 1.0 cannot carry most control characters, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    escaped = escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return f'"{escaped}"'


def clean(text: str) -> str:
    return _INVALID_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", printable(text))


def _one_line(problem: str) -> str:
    """An input problem on one line: a file name may hold line breaks (and CI log commands)."""
    return clean(problem).replace("\r", "\\r").replace("\n", "\\n")


class JunitReporter(Reporter):
    """Valid against Jenkins' strict ``junit-10.xsd``: no ``file`` attribute (the path is the
    ``classname`` and ``name``), one outcome per test case (a ``<failure>`` listing every finding of
    the file, or an ``<error>`` when the file could not be checked), and ``failures``/``errors``
    counting test cases."""

    name = "junit"
    description = "JUnit XML (one testcase per file)"

    def finish(self, summary: Summary) -> None:
        by_file: dict[str, list] = {path: [] for path in self.files}
        for d in self.sorted():
            by_file.setdefault(d.path, []).append(d)
        errors: dict[str, list[str]] = {}
        for problem in summary.errors:
            path = problem.split(":", 1)[0]
            errors.setdefault(path if path in by_file else "", []).append(problem)
        cases = [self._case(path, diags, errors.get(path, [])) for path, diags in by_file.items()]
        cases += [self._case("newslint", [], errors[""])] if "" in errors else []
        n_fail = sum(1 for c in cases if "<failure " in c)
        n_err = sum(1 for c in cases if "<error " in c)
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               f'<testsuites name="newslint" tests="{len(cases)}" failures="{n_fail}" errors="{n_err}">',
               f'  <testsuite name="newslint" tests="{len(cases)}" failures="{n_fail}" errors="{n_err}" skipped="0">',
               *cases, "  </testsuite>", "</testsuites>"]
        self.stream.write("\n".join(out) + "\n")

    @staticmethod
    def _case(path: str, diags: list, errors: list[str]) -> str:
        shown = clean(report_path(path))
        head = f"    <testcase name={quoteattr(shown)} classname={quoteattr(shown)}>"
        lines = [clean(f"{shown}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}") for d in diags]
        if errors:
            body = "\n".join([_one_line(e) for e in errors] + lines)
            outcome = f'      <error message={quoteattr(_one_line(errors[0]))} type="input-error">{escape(body)}</error>'
        elif diags:
            first = clean(f"{diags[0].code} {diags[0].message}")
            message = first if len(diags) == 1 else f"{len(diags)} findings; first: {first}"
            outcome = (f"      <failure message={quoteattr(message)} type={quoteattr(diags[0].code)}>"
                       f"{escape(chr(10).join(lines))}</failure>")
        else:
            return head[:-1] + "/>"
        return "\n".join([head, outcome, "    </testcase>"])
