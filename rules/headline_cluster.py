from __future__ import annotations


from newslint import Rule
from newslint.textshape import is_headline_shaped

from newslint.regexcache import cached_compile
from .analyses import BOILERPLATE_MATCHES
from ._phrases import hits_in
from ._text import head_lines, line_words, stopwords, title_key
from .title_variant import _two_sentences


class HeadlineCluster(Rule):
    """Several competing headlines are stacked before the body.

    ## What it does
    Looks at the top of the article, before the first prose paragraph, for a stack of
    consecutive headline-shaped lines (4-20 words, no sentence-final punctuation, mostly words
    rather than numbers, not a byline). When the stack has `min-headlines` lines or more, every
    one after the first is reported as a competing headline. Exact repeats are left to NL101
    and NL104.

    ## Why is this bad?
    Machine-rewritten articles often carry a stack of alternative headlines, and scraped pages
    pull in the headlines of neighbouring stories. Paraphrased variants share few words, so
    only their position and shape give them away.

    ## Example
    ```text
    North Korea sends 6000 workers to Kursk

    Russia and North Korea Strike Diplomatic Agreement

    Russia's Kursk Region Gets a Helping Hand from North Korea's Workforce

    North Korea is sending 6,000 workers to lend a hand in the reconstruction.
    ```
    Lines 3 and 5 compete with the title.

    On real pages most lines stacked under a headline are the page's own deck: a standfirst, a
    subtitle, key-point bullets, the first section heading. So a stack is a weak cue, and a line
    of it is reported only with a second sign that the stack is not a deck: the stack holds a
    line twice (a pasted rewrite), the article carries generator residue (NL403's phrases), or
    the line is another story's headline (five words or more sharing no content word with the
    title). A standfirst right under the title (a line addressed to the reader, "Learn how
    ...", or a descriptive sentence with clauses, half as long again as the headline) ends the
    stack, and a line holding two sentences is never a headline.

    ## Options
    - `min-headlines` (int, default 3): how many headline-shaped lines make a cluster.

    ## Fix
    Unsafe (`--unsafe-fixes`): each stacked headline line is deleted.
    """

    code = "NL103"
    name = "headline-cluster"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "unsafe"
    options = {"min-headlines": 3}

    def check(self, document, ctx):
        if len(head_lines(document)) < ctx.options["min-headlines"]:
            return  # the stack is taken from these lines: too few to make a cluster (most articles)
        head, at = [], []  # the stack's lines and their indices
        chrome = ctx.analysis(BOILERPLATE_MATCHES)
        generated = {id(line) for line, _ in hits_in(document, "generated")}
        # the head lines are the document's first lines: a line's place in them is its index
        for k, line in enumerate(head_lines(document)[:16]):
            if k in chrome or id(line) in generated:
                continue  # site chrome (NL301's) or generator residue (NL403's) does not end the stack
            if head and all(title_key(h.text) == title_key(head[0].text) for h in head) and _deck(line.text, head[0].text):
                break  # a standfirst under the headline: the stack is the headline and its deck
            if _headline(line.text):
                head.append(line)
                at.append(k)
            elif head:
                break  # the stack ends at the first line that is not a headline
        if not ctx.options["min-headlines"] <= len(head) <= 8:  # a longer run is a list, not a stack
            return
        tokens = line_words(document)
        first = head[0]
        keys = [title_key(h.text) for h in head]
        # a line twice in the stack (not the title extracted twice: extractors often do that)
        others = [k for k in keys[1:] if k != keys[0]]
        pasted = ("a line of the stack is pasted twice" if len(set(others)) < len(others)
                  else "generator residue in the article" if generated else None)
        seen = {keys[0]}
        for line, k, key in zip(head[1:], at[1:], keys[1:]):
            if key in seen:
                continue
            seen.add(key)
            why = pasted or _rival(line.text, first.text, tokens[k], tokens[at[0]])
            if why is None:
                continue  # the headline's own deck, subtitle or key points
            ctx.report(line.block, line.start, line.end, f"competing headline before the body ({why}; cluster of "
                                                         f"{len(head)} headline lines from line {first.number})")


def _rival(text: str, title: str, text_words: list[str], title_words: list[str]) -> str | None:
    """Why one line of a stack is a rival headline and not the title's deck, or None (``*_words``:
    the two lines' words)."""
    stops = stopwords()
    own = {w.casefold() for w in text_words} - stops
    n_line, n_title = len(text_words), len(title_words)
    if n_line >= 5 and not (own & ({w.casefold() for w in title_words} - stops)):
        return "another story: no word in common with the title"
    if _title_case(text_words, stops) and _sentence_case(title_words, stops):
        return "Title Case under a sentence-case title"
    similar = 0.75 <= n_line / max(1, n_title) <= 1.34 or (max(n_line, n_title) <= 8 and abs(n_line - n_title) <= 2)
    asks = text.rstrip().endswith("?") and not title.rstrip().endswith("?")
    labelled = ":" in text[:30] or ":" in title[:30]  # "Setup time: ...": a list of specs
    if similar and not asks and not labelled and _title_case(text_words, stops) == _title_case(title_words, stops):
        return "the title's twin in length and style"
    return None


_READER_VERBS = {"learn", "discover", "find", "get", "see", "read", "explore", "here's"}


def _title_case(words: list[str], stops) -> bool:
    """Headline style: nearly every content word capitalised ("Russia's Kursk Region Gets a Helping
    Hand"), unlike a sentence-case title ("North Korea sends 6000 workers to Kursk")."""
    content = [w for w in words if w[0].isalpha() and w.casefold() not in stops]
    return len(content) >= 3 and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _sentence_case(words: list[str], stops) -> bool:
    content = [w for w in words if w[0].isalpha() and w.casefold() not in stops]
    return len(content) >= 3 and sum(w[0].isupper() for w in content) <= 0.5 * len(content)


def _deck(text: str, title: str) -> bool:
    """A standfirst: addressed to the reader ("Learn everything you need to know about ...") or
    a descriptive sentence clearly longer than the headline, with clauses ("A guide to the types
    of taxes Americans pay, how they work, and why ...")."""
    toks = text.split()
    if len(toks) < 5:
        return False
    if toks[0].lower().strip("'’") in _READER_VERBS:
        return True
    return "," in text and len(toks) >= 1.5 * len(title.split())


_NO_ASCII_DIGIT = cached_compile(r"[^0-9]*")  # for ASCII text: no digit, so no token holds one


def _headline(text: str) -> bool:
    if not is_headline_shaped(text, min_words=4, max_words=20) or _two_sentences(text):
        return False
    first = text[0] if text[:1].isalpha() else next((c for c in text if c.isalpha()), "")
    if first and not first.isupper() and first.lower() != first.upper():
        return False  # headlines start with a capital in scripts that have case
    toks = text.split()
    if not (text.isascii() and _NO_ASCII_DIGIT.fullmatch(text)) and \
            sum(any(c.isdigit() for c in t) for t in toks) > len(toks) * 0.3:
        return False  # a score line or a schedule, not a headline
    return not text.lower().startswith(("by ", "von ", "par ", "por "))
