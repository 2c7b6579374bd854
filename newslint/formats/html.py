"""A self-contained HTML report for editors: overview, article view with findings in place, filters.

This module is also the worked example of a report format with a page of its own. A third-party
format is written the same way and registered from a plugin with ``newslint_register_formats``:

1. subclass :class:`~newslint.formats.Reporter`, set ``name`` and ``description``;
2. set ``needs_source = True`` when the format shows the text: ``add(path, diagnostics, source)``
   then receives each file's decoded text (a large JSON Lines file arrives in several chunks of
   whole lines, in order);
3. keep only what the report needs in ``add`` (here: the text of each article that has findings,
   never whole corpora) and write everything in ``finish``.

The page is one file: the stylesheet and the script come from ``html_report.css`` and
``html_report.js`` beside this module and are inlined; the run's data is embedded as JSON in a
``<script type="application/json">`` block that the script reads with ``JSON.parse`` and turns
into DOM nodes with ``textContent`` only. Article text is untrusted, so:

* in the JSON block every ``<``, ``>`` and ``&`` (and U+2028/U+2029) is written as a ``\\uXXXX``
  escape: no ``</script>`` or ``<!--`` in an article can end the block;
* the Content-Security-Policy allows nothing but this script and this stylesheet (by SHA-256
  hash): no other script, style, image, font, frame or connection, even if markup got in.
"""
from __future__ import annotations

import base64
import hashlib
import json
from importlib import resources

from ..parsers import format_of
from . import Reporter, Summary
from .html_articles import SEVERITIES, article, json_articles, text_article

#: The page lists at most this many input problems (their total is always shown).
MAX_ERRORS_SHOWN = 200


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def script_json(data) -> str:
    """JSON that is safe inside ``<script type="application/json">``: nothing in it can close the
    element or open a comment, whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class HtmlReporter(Reporter):
    name = "html"
    description = "one self-contained HTML page for editors: overview, articles with findings in place, filters"
    needs_source = True

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.articles: list[dict] = []
        self.records = 0  # articles checked: records of JSON files, one per other file
        self._lines_seen: dict[str, int] = {}  # lines of a streamed JSON Lines file already added

    # -- collecting -----------------------------------------------------------------------------
    def add(self, path, diagnostics, source=None):
        self.note_file(path)  # the findings live in ``articles`` only, not in ``collected`` as well
        seen = self._lines_seen.get(path, 0)
        fmt = format_of(path)
        if source is None:  # no text to show: the findings are still listed
            self.records += 1 if seen == 0 else 0
            if diagnostics:
                self.articles.append(article(path, None, diagnostics, [], {}))
            return
        self._lines_seen[path] = seen + source.count("\n") + (0 if source.endswith("\n") or not source else 1)
        if fmt in ("json", "jsonl"):
            count, articles = json_articles(path, fmt, source, seen + 1, diagnostics)
            self.records += count
            self.articles.extend(articles)
        else:
            self.records += 1
            if diagnostics:
                self.articles.append(text_article(path, fmt, source, diagnostics))

    def _rule_docs(self) -> list[dict]:
        """Every rule of the run (and any code a finding names), documented for the Rules tab."""
        rules = []
        for code in sorted({f[0] for a in self.articles for f in a["f"]} | set(self.rules)):
            cls = self.rules.get(code)
            if cls is None:
                rules.append({"code": code, "name": "", "family": code[:-2] + "xx", "severity": "", "summary": "",
                              "doc": "", "plugin": ""})
            else:
                rules.append({"code": code, "name": cls.name, "family": cls.family(), "severity": cls.severity,
                              "summary": cls.summary(), "doc": cls.doc(), "plugin": cls.plugin})
        return rules

    # -- writing --------------------------------------------------------------------------------
    def finish(self, summary: Summary) -> None:
        from .. import __version__

        data = {
            "version": __version__,
            "files": summary.files,
            "articles_checked": self.records,
            "errors": summary.errors[:MAX_ERRORS_SHOWN],
            "error_count": len(summary.errors),
            "severities": list(SEVERITIES),
            "rules": self._rule_docs(),
        }
        css = _asset("html_report.css")
        script = _asset("html_report.js")
        csp = ("default-src 'none'; script-src " + _csp_hash(script) + "; style-src " + _csp_hash(css)
               + "; base-uri 'none'; form-action 'none'")
        write = self.stream.write
        write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        write(f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n')
        write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
        write(f'<meta name="generator" content="newslint {__version__}">\n')
        write("<title>newslint report</title>\n<style>" + css + "</style>\n</head>\n<body>\n")
        write('<noscript>This report is drawn by its own inline script; allow scripts for this file.</noscript>\n')
        write('<script type="application/json" id="newslint-data">')
        # the same text as script_json(data | {"articles": articles}), written an article at a
        # time: the whole block as one string would double the report's peak memory
        write(script_json(data)[:-1] + ',"articles":[')
        for i, item in enumerate(self.articles):
            write(("," if i else "") + script_json(item))
        self.articles = []
        write("]}</script>\n<script>" + script + "</script>\n</body>\n</html>\n")
