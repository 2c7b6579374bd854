"""JUnit XML: one test case per file, one failure per finding (GitLab, Jenkins and friends)."""
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


class JunitReporter(Reporter):
    name = "junit"
    description = "JUnit XML (one testcase per file)"

    def finish(self, summary: Summary) -> None:
        by_file: dict[str, list] = {path: [] for path in self.files}
        for d in self.sorted():
            by_file.setdefault(d.path, []).append(d)
        failures = sum(len(v) for v in by_file.values())
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               f'<testsuites name="newslint" tests="{len(by_file)}" failures="{failures}" errors="0">',
               f'  <testsuite name="newslint" tests="{len(by_file)}" failures="{failures}" errors="0" skipped="0">']
        for path, diags in by_file.items():
            shown = clean(report_path(path))
            out.append(f"    <testcase name={quoteattr(shown)} classname={quoteattr(shown)} file={quoteattr(shown)}>")
            lines = []
            for d in diags:
                message = clean(f"{d.code} {d.message}")
                body = clean(f"{shown}:{d.line}:{d.column}: {d.code} {d.message}")
                lines.append(body)
                out.append(f"      <failure message={quoteattr(message)} type={quoteattr(d.code)}>{escape(body)}</failure>")
            if len(lines) > 1:
                # some consumers show only the first failure of a case: repeat the full list
                out.append(f"      <system-out>{escape(chr(10).join(lines))}</system-out>")
            out.append("    </testcase>")
        out += ["  </testsuite>", "</testsuites>"]
        self.stream.write("\n".join(out) + "\n")
