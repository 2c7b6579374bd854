from __future__ import annotations

import os

from newslint import Rule
from newslint.fingerprints import key_of

from ._text import folded_lines, line_words

SCOPES = ("source", "folder", "run")
_URL_FIELDS = ("url", "source_url", "link", "canonical_url")


class TemplateLine(Rule):
    """A line that many documents of the same source share: a site template, not the story.

    ## What it does
    In a run over a corpus, a first pass counts, for every line of at least `min-words` words,
    how many documents of the same source hold it (hashes of the folded line, never the text).
    A line held by at least `min-documents` documents is reported in each of them. The source
    is the record's `source` field, else the domain of its `url`/`source_url`, else the
    file's folder (`scope = "source"`); `"folder"` uses the folder only, `"run"` the whole run.

    The rule needs that first pass: it is off for a run with no corpus (a single file, as
    pre-commit runs) unless `--fingerprints FILE` gives the counts of an earlier corpus run
    (written with `--write-fingerprints FILE`). Opt-in: enable it with `extend-select = ["NL305"]`.

    ## Why is this bad?
    Lines repeated across hundreds of articles of one site ("Get the latest headlines in your
    inbox", "Our Standards: The Thomson Reuters Trust Principles.") are page furniture no
    single-article rule can prove. C4, RefinedWeb and FineWeb drop such lines the same way.

    ## Example
    The same line at the end of 40 articles from one site:
    ```text
    Get the latest headlines in your inbox every morning.
    ```

    ## Options
    - `min-documents` (int, default 5): how many documents of one source must hold the line.
    - `min-words` (int, default 4): shorter lines are left to the boilerplate rules.
    - `scope` (str, default "source"): "source", "folder" or "run".

    ## Fix
    Unsafe (`--unsafe-fixes`): the line is deleted.
    """

    code = "NL305"
    name = "template-line"
    severity = "warning"
    opt_in = True
    corpus_pass = True
    fix = "remove-line"
    fix_safety = "unsafe"
    options = {"min-documents": 5, "min-words": 4, "scope": "source"}

    @classmethod
    def fingerprints(cls, document, options):
        return [key for key, _ in _keyed_lines(document, options)]

    def check(self, document, ctx):
        corpus = ctx.corpus
        if corpus is None:
            return
        need = ctx.options["min-documents"]
        for key, line in _keyed_lines(document, ctx.options):
            seen = corpus.get(key)
            if seen >= need:
                ctx.report(line.block, line.start, line.end,
                           f"template line held by {seen} documents of the same source")


def _scope(document, scope: str) -> str:
    if scope == "run":
        return ""
    if scope == "source":
        meta = document.metadata
        source = meta.get("source")
        if isinstance(source, str) and source.strip():
            return "source:" + source.strip().casefold()
        for name in _URL_FIELDS:
            url = meta.get(name)
            if isinstance(url, str) and "//" in url:
                from urllib.parse import urlsplit  # opt-in rule: not on every run's import path

                host = urlsplit(url.strip()).hostname or ""
                return "domain:" + host.removeprefix("www.")
    return "folder:" + os.path.dirname(os.path.abspath(document.path))


def _keyed_lines(document, options):
    if options["scope"] not in SCOPES:
        raise ValueError(f"scope {options['scope']!r} is not one of {', '.join(SCOPES)}")
    scope = _scope(document, options["scope"])
    min_words = options["min-words"]
    out = []
    tokens = line_words(document)
    for k, (line, folded) in enumerate(zip(document.lines, folded_lines(document))):
        if folded and line.block.kind != "title" and len(tokens[k]) >= min_words:
            out.append((key_of("NL305", scope, folded), line))
    return out
