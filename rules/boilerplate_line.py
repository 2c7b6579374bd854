from __future__ import annotations

from newslint import Rule

from ._boilerplate import BOILERPLATE_MATCHES, DEFAULTS, PatternTimeout


class BoilerplateLine(Rule):
    """A line of site chrome left in the article: skip links, share bars, cookie notices...

    ## What it does
    Matches each line against a phrase inventory in seven languages (en, de, fr, es, pt, it, ru),
    grouped by category: skip links, navigation, "Read also" / "Related" labels, share and
    follow bars, newsletter and sign-in prompts, cookie and privacy notices, advertisement
    labels, copyright lines, comment widgets and counters such as "12 comments". Labels match
    as whole lines (after folding case and edge punctuation), prefixes only on short lines,
    and only unambiguous consent or widget wording matches inside a longer line.

    ## Why is this bad?
    Extractors keep page furniture that is not part of the story. It pollutes search indexes,
    summaries and training data, and readers see "Share this article" in the middle of a
    report.

    ## Example
    ```text
    Skip to content
    ...
    Read also:
    ```

    ## Options
    - `extend-phrases` (table, default {}): extra whole-line phrases, `{category = ["..."]}`.
    - `phrase-files` (list, default []): TOML or JSON files with `lines`, `prefixes` and
      `phrases` tables in the built-in data's format (paths relative to the working folder).
    - `replace-builtin` (bool, default false): use only the phrases given here.
    - `patterns` (list, default []): extra regular expressions (`regex` syntax, case-insensitive).
    - `pattern-timeout` (float, default 0.05): seconds one pattern may run on one line; a
      pattern that backtracks past it is reported as an error instead of hanging the run.
    - `pattern-budget` (float, default 1.0): CPU seconds all patterns together may take on one
      document (every line, every record), so lines each just under the timeout cannot add up
      to minutes; past it, the pattern running is reported as an error naming the file.

    ## Fix
    Safe: the line is deleted, whether the phrase is the whole line or unambiguous consent or
    widget wording inside a longer line (on the residue bench the latter removed 73 RESIDUE lines
    and no BODY line, and no line of clean news).
    """

    code = "NL301"
    name = "boilerplate-line"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "safe"
    fix_partial = "safe"
    options = dict(DEFAULTS)
    option_types = {"extend-phrases": "dict[str, list[str]]", "phrase-files": "list[str]", "patterns": "list[str]"}

    def check(self, document, ctx):
        try:
            matches = ctx.analysis(BOILERPLATE_MATCHES)
        except PatternTimeout as exc:
            source, kind = exc.args
            if kind == "timeout":
                spent = f"exceeded its {ctx.options['pattern-timeout']} s timeout (pattern-timeout"
            else:
                spent = f"used up its {ctx.options['pattern-budget']} s budget for the document (pattern-budget"
            raise ValueError(f"pattern {source!r} {spent}; catastrophic backtracking?); fix or remove it") from None
        except OSError as exc:
            raise ValueError(f"cannot read phrase file: {exc}") from None
        lines = document.lines
        for i, m in sorted(matches.items()):
            line = lines[i]
            label = line.text if m.end - m.start == len(line.text) else line.text[m.start:m.end]
            if len(label) > 60:
                label = label[:57] + "..."
            ctx.report(line.block, line.start + m.start, line.start + m.end,
                       f"boilerplate line {label!r} ({m.category.replace('_', ' ')})")
