from __future__ import annotations

from newslint import Rule


# what a feature means, for the message (only features that push towards filler are named)
_REASONS = {
    "you": "addresses the reader", "we": "speaks as the publisher", "i_outside_quotes": "speaks in the first person",
    "imperative_open": "opens with an imperative", "intro_clause_open": "opens with an empty introductory clause",
    "question": "asks the reader a question", "ends_colon": "introduces text that follows",
    "meta": "talks about the text itself", "section": "names site sections", "hype": "hype wording",
    "abstract": "generic abstract wording", "modal": "assistant-style disclaimer",
    "specifics_none": "no numbers, names or quotations", "title_echo": "echoes the title",
    "self_repeat": "repeats its own keywords",
    "repeated_bigrams": "repeats its own keywords", "list_commas": "a list of keywords",
    "slug_tokens": "tag slugs", "label_open": "opens with a label", "person_no_specifics": "addresses the reader",
    "echo_generic": "echoes the title or section with nothing specific", "novel_share": "words found nowhere else in the article",
}


class FillerModel(Rule):
    """A paragraph that a trained style model reads as filler or generated-text residue.

    ## What it does
    Scores every body line of 5 to 40 words with a small logistic model (weights in
    `newslint_rules/data/filler_model.json`, retrained with `python bench/train_filler.py`) and
    reports the lines whose probability reaches `threshold`; the probability is the finding's
    `confidence`. The model looks at style, never at known sentences:

    - who is speaking and to whom: *you*, *we* and *I* outside quotations, sentences that open with
      an imperative verb or with an introductory clause that holds no name or number, questions
      to the reader, a line that ends with a colon to introduce text;
    - what the words are: the share of hype and evaluative words, of generic abstract nouns, of
      words about the text itself (article, version, readers, edits) and of site-section names or
      tag slugs, against the share of concrete vocabulary;
    - the absence of specifics: numbers, capitalised names and quotations that the title does not
      already hold, and attributions (*said*, *according to*);
    - echoes: title word pairs repeated in the line, keywords repeated inside it,
      comma lists; and whether it is the closing paragraph.

    Only sentence-like lines are scored: 5 to 40 words, ending with sentence punctuation or a
    colon, and with fewer than 3 names or numbers that the title does not already hold (shorter
    lines are labels or buttons, NL3xx's business; longer or name-dense lines are reporting).

    ## Why is this bad?
    SEO rewriters and text generators pad articles with sentences that address the reader, praise
    the story and restate the title without adding a fact, and leave their own meta-talk behind
    ("Below is the revised article"). Phrase lists (NL402, NL403) only catch the wordings they
    list; the model catches new wordings of the same kinds. Its out-of-sample recall and false
    positive rates are in docs/benchmarks.md ("Filler model, out of sample").

    ## Example
    ```text
    Whatever you think of the merger, this is a story that everyone in business will want to follow.
    ```

    ## Options
    - `threshold` (float, default 0.8703): the model probability a line needs to be reported; the
      default keeps out-of-fold false positives at or under 0.5% of clean BBC articles and one
      clean benchmark body in 92. Lower it to find more filler at the cost of more false positives.

    ## Fix
    Unsafe (`--unsafe-fixes`): the line is deleted. The model only believes it is filler, so the
    fix is never applied without asking.

    ## Opt-in
    Off by default: enable it with `extend-select = ["NL406"]`. On news it is precise (out of
    sample: 1 of 1,081 clean BBC articles, 1 of 92 clean benchmark bodies), but on the wcxb/
    pages, which mix news with blogs, guides and marketing, about two of three of its 29
    findings were ordinary first-person or advice writing, below the 0.90 precision bar a
    default rule must hold (docs/benchmarks.md). Use it on corpora of news copy.
    """

    code = "NL406"
    name = "filler-model"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "unsafe"
    opt_in = True
    options = {"threshold": 0.8703}

    def check(self, document, ctx):
        # the model's code loads when the opt-in rule first runs, not on every run's start-up
        from ._filler_model import body_lines, document_features, load_model, score

        title, lines = body_lines(document)
        if not lines:
            return
        threshold = ctx.options["threshold"]
        model = load_model()
        for line, feats in zip(lines, document_features(title, [l.text for l in lines])):
            if feats is None:
                continue
            p = score(feats, model)
            if p >= threshold:
                ctx.report(line.block, line.start, line.end,
                           f"reads like filler, not reporting (model {p:.2f}: {_why(feats, model)})",
                           confidence=round(p, 4))


def _why(feats, model) -> str:
    """The two or three features that pushed this line furthest towards filler."""
    from ._filler_model import FEATURES

    pushes = sorted(((w * x, name) for name, w, x in zip(FEATURES, model["weights"], feats)
                     if w * x > 0 and name in _REASONS), reverse=True)
    out = []
    for _, name in pushes:
        reason = _REASONS[name]
        if reason not in out:
            out.append(reason)
        if len(out) == 3:
            break
    return ", ".join(out) or "style"
