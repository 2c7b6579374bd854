from __future__ import annotations

from newslint import Rule

from ._boilerplate import BOILERPLATE_MATCHES


class ResidueLine(Rule):
    """A line that a trained model judges to be page residue rather than story text.

    ## What it does
    Scores every line outside the title with a small model trained on extractor output of real
    news pages (`python bench/train_models.py` retrains it; the weights ship as
    `data/residue_model.json`) and reports the lines whose probability of being residue reaches
    the threshold. The finding's `confidence` is that probability. Lines that NL301's phrase
    inventory names are left to NL301 (the inventory is one of the model's features), so a
    line is not reported twice.

    The model looks only at shallow, site-independent features of the line and of its two
    neighbours on each side (after Kohlschütter et al., WSDM 2010; jusText; the C4 and FineWeb
    line filters): number of words and characters, share of stop words in the document's
    language (and compared with the document's own share), terminal punctuation or a closing
    colon, capitalised-word, upper-case, digit and punctuation ratios, URL, e-mail, @handle,
    clock-time or date and bare-number shapes, share of month and weekday names, share of UI and
    social-network words ("share", "subscribe", "comments", "photo"...), whether NL301's phrase
    inventory matches it, separators (`|`, `•`, `»`), `[Tag]` brackets, quotation marks, a
    leading bullet, mean word length, word overlap with the title, whether the line repeats in
    the document, and its position (relative, and distance from either edge). No phrase decides
    alone: a cue word only moves the probability.

    ## Why is this bad?
    Extractors keep captions, credits, teaser headlines, author cards, widget counters and
    player chrome that no phrase list enumerates. They pollute indexes, summaries and training
    data just like the lines NL301 names.

    ## Example
    ```text
    Posted by admin | 3 comments
    Share this article
    ```

    ## Fix
    Unsafe: the line is removed with `--fix --unsafe-fixes` (the model only believes it is
    residue), except a cell of a flattened table.

    ## Options
    - `threshold` (float, default: the model's, chosen in training for precision 0.93 on
      held-out pages): the probability from which a line is reported. Raise it for fewer,
      surer findings; `min-confidence` does the same for this and every other rule.

    ## Opt-in
    Off by default: enable it with `extend-select = ["NL304"]`. Out of sample it does not reach
    the bar for a default rule: on the wcxb/ benchmark (never fitted on) the NL3 family with it
    gains 1.9 points of recall but loses 2.7 points of precision (75.5% -> 72.8%), it flags 3 of
    1,081 clean BBC articles where the other rules flag none, and it costs about 17% of
    throughput (docs/benchmarks.md, "Residue model, out of sample").
    """

    code = "NL304"
    name = "residue-line"
    severity = "warning"
    opt_in = True
    options = {"threshold": None}
    fix = "remove-line"
    fix_safety = "unsafe"

    def check(self, document, ctx):
        # the model's code loads when the opt-in rule first runs, not on every run's start-up
        from ._residue_model import load_model, score_document

        threshold = ctx.options.get("threshold")
        if threshold is None:
            threshold = load_model().threshold
        elif isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
            raise ValueError(f"threshold must be a number in (0, 1], got {threshold!r}")
        matches = ctx.analysis(BOILERPLATE_MATCHES)
        named = {id(document.lines[i]) for i in matches}  # NL301 reports these by name already
        for line, p in score_document(document, matches):
            if p >= threshold and id(line) not in named:
                label = line.text if len(line.text) <= 60 else line.text[:57] + "..."
                # the probability is in `confidence`, not the message: messages go into baseline
                # fingerprints, and a probability moves when neighbouring lines are edited
                ctx.report(line.block, line.start, line.end, f"residue line {label!r} (model)",
                           confidence=round(p, 4))
