from __future__ import annotations


from newslint import Rule

from newslint.regexcache import cached_compile
from ._text import is_prose, line_words, stopwords

NUMBER_RE = cached_compile(r"\d")
QUOTE_CHARS = "\"“”«»„"


class RestatingConclusion(Rule):
    """A closing paragraph that only restates what the article already said.

    ## What it does
    Looks at the last prose paragraph. If at least `min-overlap` of its content words already
    appeared earlier, and it brings no number, no quotation and no capitalised name that was
    not seen before, it is reported as a restatement.

    ## Why is this bad?
    Generated and SEO-rewritten articles end with a summary paragraph that adds nothing.
    Edited news ends on a fact or a quote.

    This rule is opt-in (enable it with `extend-select = ["NL405"]`): on professionally edited
    news it flags too many legitimate closing paragraphs to be on by default.

    ## Example
    ```text
    This joint effort is a testament to the growing ties between the two nations.
    ```

    ## Options
    - `min-overlap` (float, default 0.7): share of content words already seen.
    - `min-words` (int, default 20): shortest closing paragraph, in words, that is checked.

    ## Fix
    Unsafe (`--unsafe-fixes`): the closing paragraph is deleted.
    """

    code = "NL405"
    name = "restating-conclusion"
    severity = "info"
    opt_in = True
    fix = "remove-line"
    fix_safety = "unsafe"
    options = {"min-overlap": 0.7, "min-words": 20}

    def check(self, document, ctx):
        tokens = line_words(document)
        at = [k for k, l in enumerate(document.lines) if l.block.kind not in ("title", "heading", "footnote")]
        lines = [document.lines[k] for k in at]
        prose = [i for i, l in enumerate(lines) if is_prose(l.text)]
        if len(prose) < 3:
            return
        last = lines[prose[-1]]
        toks = tokens[at[prose[-1]]]
        if len(toks) < ctx.options["min-words"] or NUMBER_RE.search(last.text) or any(q in last.text for q in QUOTE_CHARS):
            return
        stops = stopwords()
        seen: set[str] = set()
        for k in at[:prose[-1]]:
            seen.update(tokens.folded(k))
        content = [w for w in toks if w.casefold() not in stops]
        if not content:
            return
        names = {w for w in content[1:] if w[:1].isupper()}
        if any(n.casefold() not in seen for n in names):
            return
        overlap = sum(1 for w in content if w.casefold() in seen) / len(content)
        if overlap >= ctx.options["min-overlap"]:
            start, end = last.start, last.end
            if last.block.kind == "paragraph":  # a wrapped paragraph is reported, and removed, whole
                text = last.block.text
                start, end = len(text) - len(text.lstrip()), len(text.rstrip())
            ctx.report(last.block, start, end,
                       f"closing paragraph restates earlier content ({overlap:.0%} of its words already used)")
