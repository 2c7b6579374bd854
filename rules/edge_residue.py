from __future__ import annotations

import unicodedata

from newslint import Rule

from newslint.regexcache import cached_compile
from .analyses import BOILERPLATE_MATCHES
from ._text import (TERMINAL, code_lines, is_bullet_only, is_letter_framing, is_prose, is_separator,
                    line_words, shown, stopword_density, title_key)

_NAME_PLACE_RE = cached_compile(r"^[A-Z][\w.’'-]+(?:\s[A-Z][\w.’'-]+){0,3},\s[A-Z][\w.’' -]{1,40}$")


def _stray(t: str) -> bool:
    """Punctuation alone (").", "%", ","), not a section separator ("*", "* * *", "§", "___",
    "—"), an elision ("...") or a list bullet whose text went to the next line ("-"), and not
    symbols such as a star rating ("★★★★") or an emoji."""
    if not 0 < len(t) <= 4 or not all(unicodedata.category(c)[0] == "P" or c == "\ufeff" for c in t):
        return False
    return not (is_separator(t) or is_bullet_only(t))


class EdgeResidue(Rule):
    """Short non-sentence lines dangling at the start or end of the article.

    ## What it does
    Walks in from both ends of the article and collects the run of lines that are not prose:
    short (at most `max-words` words, no digits, links or addresses), no sentence-final
    punctuation, and a low share of
    function words (under `max-stopword-density`, the jusText measure). Each line of the run is
    reported, unless NL301 already names it. Anywhere in the article, a line of punctuation
    alone (").", "%", split off a sentence by the extractor) is reported too. Not residue,
    whatever their shape: section separators and a dinkus ("*", "* * *", "§", "___", "—",
    "|---|"), an elision ("...") or an empty list bullet inside the article, table cells,
    lines of a code listing (code-shaped runs such as `});`, `}` closing a block, indented
    blocks with a code line; code before the first sentence is leaked script and stays
    residue), and a letter's salutation, sign-off and signature ("Friend,", "Best wishes," and
    the name under it, "Jane Porter, Eastfield" under a letter). Articles with no prose at all
    are skipped.

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
    The residue line is deleted. Safe for a line of punctuation alone (it holds no word of the
    article); unsafe (`--unsafe-fixes`) for the short lines at the edges, which are only believed
    to be residue by their shape and place.
    """

    code = "NL302"
    name = "edge-residue"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "unsafe"
    options = {"max-words": 3, "max-stopword-density": 0.3}

    def _is_fragment(self, text: str, ctx, tokens, k: int) -> bool:
        if text.rstrip().endswith(TERMINAL) and len(text.strip()) > 4:
            return False  # a sentence (and too long for debris): decided without tokenising it
        n = len(tokens[k])
        if n == 0:  # at an edge an elision or an empty bullet is debris: "..." after a cut-off bio
            t = text.strip()
            return _stray(t) or (0 < len(t) <= 4 and (is_bullet_only(t) or t.replace(" ", "") in ("...", "…")))
        if n > ctx.options["max-words"] or text.rstrip().endswith(TERMINAL):
            return False
        if any(c.isdigit() or c in "@/[]():" for c in text) or "." in text.rstrip("."):
            return False  # scores, e-mail addresses, links and credits are other rules' business
        return stopword_density(text, tokens.folded(k)) < ctx.options["max-stopword-density"]

    def check(self, document, ctx):
        lines = document.lines
        # the last prose line, looked for from the end (the first line looked at, in most articles)
        last_prose = next((k for k in range(len(lines) - 1, -1, -1) if is_prose(lines[k].text)), None)
        if last_prose is None:
            return
        # lines that are not residue whatever their shape: code listings, table cells, a letter's
        # salutation, sign-off and signature
        known = ctx.analysis(BOILERPLATE_MATCHES)
        content = set(code_lines(document))
        for k, line in enumerate(lines):
            text = line.text  # stripped, as every Line's text: is_letter_framing's ending test, inline first
            if line.block.kind == "table_cell" or ((text[-1:] == "," or text[:1] in "—–-") and is_letter_framing(text)):
                content.add(k)
                if line.text.rstrip().endswith(",") and k > last_prose:  # a sign-off: the signature follows
                    content.update(range(k + 1, min(len(lines), k + 3)))
        run: list[int] = []
        tokens = line_words(document)
        # end edge: fragments and bulleted teasers after the last prose line
        i = len(lines) - 1
        while i >= 0 and lines[i].block.kind not in ("title",):
            text = lines[i].text
            if i in content:
                break
            if self._is_fragment(text, ctx, tokens, i):
                run.append(i)
                i -= 1
                continue
            if i in known:
                i -= 1
                continue
            break
        # start edge: fragments before the title or the first prose line
        for j, line in enumerate(lines):
            if line.block.kind == "title" or j >= i or is_prose(line.text):
                break
            if j in known:
                continue
            if j in content:
                break
            # at the top only one- and two-word lines: a short title must never look like residue
            if self._is_fragment(line.text, ctx, tokens, j) and len(tokens[j]) <= 2:
                run.append(j)
            else:
                break
        title = document.title
        of_title = title_key(title.text) if title is not None else None
        for k in sorted(run):
            if k in known or title_key(lines[k].text) == of_title:
                continue
            if k == last_prose + 1 and _NAME_PLACE_RE.match(lines[k].text.strip()):
                continue  # "Ana Ruiz, Leeds" under a letter to the editor: its signature
            line = lines[k]
            where = "start" if k < i else "end"
            ctx.report(line.block, line.start, line.end, f"residue line {shown(line.text)!r} at the {where} of the article")
        # inside the article only punctuation alone: ")." or "%" split off a sentence by the extractor
        edges = set(run)
        for k, line in enumerate(lines):
            if len(line.text) > 4:
                continue  # _stray needs four characters at most (a Line's text is stripped); most lines
            if document.format == "html" and line.text.strip() == "\ufeff":
                continue  # a byte-order mark between two HTML blocks: nothing a reader sees
            if k not in edges and k not in known and k not in content and _stray(line.text.strip()):
                ctx.report(line.block, line.start, line.end, f"stray punctuation line {line.text!r} in the article",
                           fix_safety="safe")  # no word of the article on it: safe
