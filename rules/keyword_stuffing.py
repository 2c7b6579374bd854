from __future__ import annotations

from collections import Counter

from newslint import Rule

from ._text import stopwords, words


class KeywordStuffing(Rule):
    """A line that repeats the same keywords over and over.

    ## What it does
    Counts the content words (not function words) of each line of at least `min-words` words.
    When one word makes up at least `max-share` of them and occurs `min-repeats` times or more,
    and the line reads like a list (commas or few function words), the line is reported.

    ## Why is this bad?
    Keyword lists written for search engines ("stock car 2018, stock car brasil, stock car
    cascavel, ...") are spam, not journalism, and get pages demoted.

    ## Example
    ```text
    cheap flights, cheap flights london, cheap flights paris, best cheap flights deals
    ```

    ## Options
    - `min-words` (int, default 8): shortest line, in words, that is checked.
    - `min-repeats` (int, default 4): how often the top word must occur.
    - `max-share` (float, default 0.2): the top word's share of content words that is too much.
    """

    code = "NL404"
    name = "keyword-stuffing"
    severity = "warning"
    options = {"min-words": 8, "min-repeats": 4, "max-share": 0.2}

    def check(self, document, ctx):
        stops = stopwords()
        opts = ctx.options
        for line in document.lines:
            toks = [w.casefold() for w in words(line.text)]
            if len(toks) < opts["min-words"]:
                continue
            content = [t for t in toks if t not in stops and not t.isdigit()]
            if not content:
                continue
            word, count = Counter(content).most_common(1)[0]
            listy = line.text.count(",") >= 3 or (len(toks) - len(content)) / len(toks) < 0.15
            if count >= opts["min-repeats"] and count / len(content) >= opts["max-share"] and listy:
                ctx.report(line.block, line.start, line.end,
                           f"keyword stuffing: {word!r} repeated {count} times in one line")
