from __future__ import annotations

import unicodedata

from newslint import Rule

from .analyses import BOILERPLATE_MATCHES
from ._text import TERMINAL, is_prose, stopword_density, title_key, words


_SEPARATOR_CHARS = "_-*=~#•·"


def _stray(t: str) -> bool:
    """Punctuation alone (").", "%", "-"), not a separator line ("___", "***") and not symbols
    such as a star rating ("★★★★") or an emoji."""
    if not 0 < len(t) <= 4 or not all(unicodedata.category(c)[0] == "P" or c == "\ufeff" for c in t):
        return False
    return not (len(t) >= 3 and len(set(t)) == 1 and t[0] in _SEPARATOR_CHARS)


class EdgeResidue(Rule):
    """Short non-sentence lines dangling at the start or end of the article.

    ## What it does
    Walks in from both ends of the article and collects the run of lines that are not prose:
    short (at most `max-words` words, no digits, links or addresses), no sentence-final
    punctuation, and a low share of
    function words (under `max-stopword-density`, the jusText measure). Each line of the run is
    reported, unless NL301 already names it. Anywhere in the article, a line of punctuation
    alone (").", "%", split off a sentence by the extractor) is reported too; separator lines
    ("___", "***") are not. Articles with no prose at all are skipped.

    ## Why is this bad?
    Page furniture gathers at the edges of an extracted article: section labels, "Latest",
    author names, teaser lists of other stories. No phrase list can name them all; their shape
    and position give them away.

    ## Example
    ```text
    ...the alliance between the two nations.

    Latest
    ```

    ## Options
    - `max-words` (int, default 3): longest line, in words, that can be residue.
    - `max-stopword-density` (float, default 0.3): jusText's threshold for "not prose".

    ## Fix
    Unsafe (`--unsafe-fixes`): the residue line is deleted; the line is only believed to be residue by its shape and place.
    """

    code = "NL302"
    name = "edge-residue"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "unsafe"
    options = {"max-words": 3, "max-stopword-density": 0.3}

    def _is_fragment(self, text: str, ctx) -> bool:
        n = len(words(text))
        if n == 0:
            return _stray(text.strip())
        if n > ctx.options["max-words"] or text.rstrip().endswith(TERMINAL):
            return False
        if any(c.isdigit() or c in "@/[]():" for c in text) or "." in text.rstrip("."):
            return False  # scores, e-mail addresses, links and credits are other rules' business
        return stopword_density(text) < ctx.options["max-stopword-density"]

    def check(self, document, ctx):
        lines = document.lines
        if not any(is_prose(l.text) for l in lines):
            return
        known = ctx.analysis(BOILERPLATE_MATCHES)
        run: list[int] = []
        # end edge: fragments and bulleted teasers after the last prose line
        i = len(lines) - 1
        while i >= 0 and lines[i].block.kind not in ("title",):
            text = lines[i].text
            if self._is_fragment(text, ctx):
                run.append(i)
                i -= 1
                continue
            if i in known:
                i -= 1
                continue
            break
        # start edge: fragments before the title or the first prose line
        for j, line in enumerate(lines):
            if line.block.kind == "title" or is_prose(line.text) or j >= i:
                break
            if j in known:
                continue
            # at the top only one- and two-word lines: a short title must never look like residue
            if self._is_fragment(line.text, ctx) and len(words(line.text)) <= 2:
                run.append(j)
            else:
                break
        title = document.title
        of_title = title_key(title.text) if title is not None else None
        for k in sorted(run):
            if k in known or title_key(lines[k].text) == of_title:
                continue
            line = lines[k]
            where = "start" if k < i else "end"
            ctx.report(line.block, line.start, line.end, f"residue line {line.text[:60]!r} at the {where} of the article")
        # inside the article only punctuation alone: ")." or "%" split off a sentence by the extractor
        edges = set(run)
        for k, line in enumerate(lines):
            if k not in edges and k not in known and _stray(line.text.strip()):
                ctx.report(line.block, line.start, line.end, f"stray punctuation line {line.text!r} in the article")
