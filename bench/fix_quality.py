"""How good are the fixes? Lines removed by safe and by unsafe fixes on the labelled corpora.

    python bench/fix_quality.py [--corpus ../shared/corpus] [--write docs/benchmarks.md]

- residue/ and wcxb/: the share of RESIDUE lines and of BODY lines that ``--fix`` (safe) and
  ``--fix --unsafe-fixes`` remove (a line counts as removed when it is gone from the fixed text;
  a changed line, such as a split footnote list, counts as changed, not removed);
- clean/bbc.jsonl: the share of articles left byte-for-byte unchanged;
- per rule and fix safety: the non-blank lines each rule's fixes removed on residue/ and wcxb/ (by
  label) and on clean/ (BBC and benchmark_gt, every line BODY);
- injected/: after ``--fix --unsafe-fixes``, the share of injected defects a re-lint still finds
  (a finding of the defect's family on a surviving ``accept`` line), and the share of records
  whose fixed text equals the original BBC article (compared without trailing whitespace);
- html/: on the 92 raw pages, how many findings the safe and the unsafe fixes remove (the
  element whose text is the line);
- idempotence: fixing the fixed text again changes nothing, on every corpus.

Three runs side by side: safe fixes (``--fix``), safe and unsafe (``--fix --unsafe-fixes``), and
the same with the opt-in model rules NL304 (residue lines) and NL406 (filler) selected, whose
fixes are unsafe. The injected re-lint uses the same rule selection as the fix.

Every text is fixed in-process with the same Linter the command line uses, as a ``.txt`` file
(as ../shared/tools/evaluate.py writes them).
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import time
from collections import Counter
from pathlib import Path

from newslint.config import Config
from newslint.fixes import FixPolicy
from newslint.linter import Linter

FAMILIES = {"NL1": "dup_title", "NL2": "footnote", "NL3": "boilerplate", "NL4": "filler"}
FOOTNOTE_MARK, FOOTNOTE_DEF = re.compile(r"\[\d+\]"), re.compile(r"\s*\[\d+\]")
MODELS = ["NL304", "NL406"]  # opt-in rules whose fixes are unsafe
CONFIGS = {"safe": Config(), "unsafe": Config(), "models": Config(extend_select=MODELS)}
LINTERS = {mode: Linter(config, fix=FixPolicy(unsafe=mode != "safe")) for mode, config in CONFIGS.items()}
PLAINS = {mode: Linter(config) for mode, config in CONFIGS.items()}
PLAIN = PLAINS["safe"]
NOT_IDEMPOTENT: Counter = Counter()
#: mode -> (code, fix safety) -> corpus label -> lines removed (``per_rule``)
BY_RULE: dict[str, dict] = {mode: {} for mode in CONFIGS}
#: mode -> why an injected record's fixed text is not the original (its first unrestored defect)
WHY: dict[str, Counter] = {mode: Counter() for mode in CONFIGS}


def fix(text: str, mode: str) -> tuple[str, list]:
    result = LINTERS[mode].lint_source("a.txt", text)
    out = result.fixed.fixed if result.fixed and result.fixed.fixed is not None else text
    if out != text:
        again = LINTERS[mode].lint_source("a.txt", out)
        if again.fixed and again.fixed.fixed is not None:
            NOT_IDEMPOTENT[mode] += 1
    return out, result.fixed.found if result.fixed else result.diagnostics


def line_fate(before: str, after: str) -> tuple[dict[int, int], set[int]]:
    """Old line (1-based) -> new line for lines kept as they were, and the old lines deleted."""
    old, new = before.split("\n"), after.split("\n")
    kept, deleted = {}, set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            kept.update({i1 + k + 1: j1 + k + 1 for k in range(i2 - i1)})
        elif tag == "delete":
            deleted.update(range(i1 + 1, i2 + 1))
    return kept, deleted


def per_rule(mode: str, corpus: str, found: list, deleted: set[int], labels: dict[int, str]) -> None:
    """Charge each deleted line to the rules whose first-pass finding covers it and whose fix the
    mode applies (a line two rules report is charged to both); lines a later pass removed, or a
    separator taken with a removed line, go to "(later pass)"."""
    applied = [d for d in found if d.fix is not None and (mode != "safe" or d.fix.safety == "safe")]
    for line in deleted:
        keys = {(d.code, d.fix.safety) for d in applied if d.line <= line <= d.end_line} or {("(later pass)", "")}
        for key in keys:
            BY_RULE[mode].setdefault(key, Counter())[f"{corpus} {labels.get(line, 'BLANK')}"] += 1


def residue_scores(files: list[Path], corpus: str) -> dict[str, dict[str, float]]:
    counts = {mode: Counter() for mode in LINTERS}
    for path in files:
        for raw in path.open(encoding="utf-8"):
            rec = json.loads(raw)
            labels = {x["line"]: x["label"] for x in rec["lines"]}
            labels_text = {x["line"]: x["text"].strip() for x in rec["lines"]}
            for mode in LINTERS:
                out, found = fix(rec["text"], mode)
                _, deleted = line_fate(rec["text"], out)
                per_rule(mode, corpus, found, {n for n in deleted if rec["text"].split("\n")[n - 1].strip()}, labels)
                survivors = {line.strip() for line in out.split("\n")}
                flagged = {n for d in found for n in range(d.line, d.end_line + 1)}
                for line, label in labels.items():
                    counts[mode][label] += 1
                    counts[mode][label + "-removed"] += line in deleted
                    counts[mode][label + "-lost"] += line in deleted and labels_text[line] not in survivors
                    counts[mode][label + "-flagged"] += line in flagged
    return {mode: {label: c[label + "-removed"] / max(1, c[label]) for label in ("RESIDUE", "BODY", "TITLE")}
            | {"residue_lines": c["RESIDUE"], "body_lines": c["BODY"],
               "flagged": c["RESIDUE-flagged"] / max(1, c["RESIDUE"]),
               "body_lost": c["BODY-lost"] / max(1, c["BODY"])} for mode, c in counts.items()}


def clean_unchanged(path: Path) -> dict[str, float]:
    """The share of texts left unchanged; every removed non-blank line is charged to its rule."""
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    same = Counter()
    for text in texts:
        lines = text.split("\n")
        for mode in LINTERS:
            out, found = fix(text, mode)
            same[mode] += out == text
            deleted = {n for n in line_fate(text, out)[1] if lines[n - 1].strip()}
            per_rule(mode, "clean", found, deleted, {n: "BODY" for n in range(1, len(lines) + 1)})
    return {mode: same[mode] / len(texts) for mode in LINTERS}


def rule_table() -> str:
    """Lines removed per rule and fix safety: default rules from the unsafe run, NL304 and NL406
    from the run that selects them."""
    rows = ["| rule | fix | residue/ RESIDUE removed | residue/ BODY removed | wcxb/ RESIDUE removed "
            "| wcxb/ BODY removed | clean BBC + benchmark_gt lines removed |", "|---|---|---|---|---|---|---|"]
    merged = {k: v for k, v in BY_RULE["unsafe"].items()}
    merged.update({k: v for k, v in BY_RULE["models"].items() if k[0] in MODELS})
    for (code, safety), c in sorted(merged.items()):
        rows.append(f"| {code} | {safety or '-'} | " + " | ".join(
            str(c[k]) for k in ("residue RESIDUE", "residue BODY", "wcxb RESIDUE", "wcxb BODY", "clean BODY")) + " |")
    return "\n".join(rows)


def injected_scores(path: Path, originals: Path, mode: str = "unsafe") -> dict[str, float]:
    orig = {}
    for line in originals.open(encoding="utf-8"):
        rec = json.loads(line)
        orig[rec["id"]] = rec["text"]
    recs = [json.loads(line) for line in path.open(encoding="utf-8")]
    defects = found_before = found_after = equal = equal_injected = injected = 0
    for rec in recs:
        out, before = fix(rec["text"], mode)
        after = PLAINS[mode].lint_source("a.txt", out).diagnostics
        kept, _ = line_fate(rec["text"], out)
        same = out.rstrip() == orig[rec["id"]].rstrip()
        equal += same
        if rec["inserted"]:
            injected += 1
            equal_injected += same
        reasons = []
        for defect in rec["inserted"]:
            defects += 1
            family = defect["cls"]
            accept = set(defect["accept"])
            hits = [d for d in before if FAMILIES.get(d.code[:3]) == family and d.line in accept]
            found_before += bool(hits)
            moved = {kept[line] for line in accept if line in kept}
            found_after += any(FAMILIES.get(d.code[:3]) == family and d.line in moved for d in after)
            if not hits:
                reasons.append(("not detected", f"{family}/{defect['sub']}"))
            elif not any(d.fix is not None and (mode != "safe" or d.fix.safety == "safe") for d in hits):
                reasons.append(("detected, no fix applies", f"{family}/{defect['sub']}"))
        if not same:
            why, kind = reasons[0] if reasons else _differs(rec, out, orig[rec["id"]])
            WHY[mode][why] += 1
            if kind:
                WHY[mode][f"{why}: {kind}"] += 1
    return {"defects": defects, "found_before": found_before / defects, "found_after": found_after / defects,
            "equal_all": equal / len(recs), "equal_injected": equal_injected / max(1, injected), "records": len(recs)}


def _squeeze(text: str, footnotes: bool = False) -> str:
    """``text`` with its whitespace runs made one space (and its footnote markers and definition
    lines dropped, when ``footnotes``)."""
    if footnotes:
        text = FOOTNOTE_MARK.sub("", "\n".join(x for x in text.split("\n") if not FOOTNOTE_DEF.match(x)))
    return " ".join(text.split())


def _differs(rec: dict, out: str, original: str) -> tuple[str, str]:
    """Why a record whose defects were all found and fixed (or that had none) is not the original:
    the injection reflowed the original's whitespace (bulleted lists joined into one line, blank
    lines dropped), or a footnote fix kept the injected footnotes, renumbered, as it should."""
    if not rec["inserted"]:
        if out == rec["text"]:
            return "clean record not changed by the fix, but not the original before it either", \
                "whitespace only" if _squeeze(out) == _squeeze(original) else "other"
        return "clean record changed", ""
    if _squeeze(out) == _squeeze(original):
        return "fixed, text differs", "whitespace only, as in the injected record"
    if _squeeze(out, True) == _squeeze(original, True):
        return "fixed, text differs", "footnotes kept (renumbered), otherwise whitespace only"
    return "fixed, text differs", "other"


def html_scores(folder: Path) -> dict[str, int]:
    """On the raw pages: findings, findings fixed (safe, unsafe), and pages whose fix was unstable."""
    import gzip

    out = Counter()
    for path in sorted(folder.glob("*.html.gz")):
        page = gzip.open(path).read().decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
        out["pages"] += 1
        out["findings"] += len(PLAIN.lint_source("a.html", page).diagnostics)
        for mode in ("safe", "unsafe"):
            linter = LINTERS[mode]
            result = linter.lint_source("a.html", page)
            out[mode] += result.fixed.count if result.fixed else 0
            fixed = result.fixed.fixed if result.fixed and result.fixed.fixed is not None else page
            again = linter.lint_source("a.html", fixed)
            out["unstable"] += bool(again.fixed and again.fixed.fixed is not None)
    return out


def table(res: dict, wcxb: dict, bbc: dict, inj: dict, seconds: float, pages: dict | None = None) -> str:
    """``inj``: mode -> injected scores; the other dicts: mode -> scores."""
    pct = "{:.1%}".format
    rows = [
        "| measure | safe fixes (`--fix`) | + unsafe (`--unsafe-fixes`) | + unsafe, with opt-in NL304 and NL406 "
        "| target (safe / unsafe) |",
        "|---|---|---|---|---|",
    ]

    def row(name: str, values: list[str], target: str) -> None:
        rows.append(f"| {name} | " + " | ".join(values) + f" | {target} |")

    for name, scores in (("residue/ (5 extractors)", res), ("wcxb/ (3 extractors)", wcxb)):
        row(f"{name}: RESIDUE lines removed (of {scores['safe']['residue_lines']:,})",
            [pct(scores[m]["RESIDUE"]) for m in LINTERS], "≥ 50% / ≥ 70%")
        row(f"{name}: RESIDUE lines with a finding", [pct(scores[m]["flagged"]) for m in LINTERS], "-")
        row(f"{name}: BODY lines removed (of {scores['safe']['body_lines']:,})",
            [pct(scores[m]["BODY"]) for m in LINTERS], "≤ 0.3% / ≤ 1%")
        row(f"{name}: BODY lines lost (removed, and their text nowhere else in the output)",
            [pct(scores[m]["body_lost"]) for m in LINTERS], "-")
    row("clean/bbc.jsonl: articles unchanged", [pct(bbc[m]) for m in LINTERS], "≥ 99.5%")
    row(f"injected/: defects a re-lint still finds (before fixing: {pct(inj['unsafe']['found_before'])})",
        [pct(inj[m]["found_after"]) for m in LINTERS], "≤ 10%")
    row(f"injected/: fixed text equals the original article, all {inj['unsafe']['records']:,} records",
        [pct(inj[m]["equal_all"]) for m in LINTERS], "≥ 80%")
    row("injected/: the same, records with injected defects only", [pct(inj[m]["equal_injected"]) for m in LINTERS], "-")
    if pages:
        row(f"html/ ({pages['pages']} raw pages, {pages['findings']:,} findings): findings fixed",
            [f"{pages['safe']:,}", f"{pages['unsafe']:,}", "-"], "-")
    row("texts whose fix was not stable (a second fix changed them)", [str(NOT_IDEMPOTENT[m]) for m in LINTERS], "0")
    why = []
    for mode, name in (("unsafe", "unsafe fixes"), ("models", "unsafe fixes with NL304 and NL406")):
        why += ["", f"Injected records whose fixed text is not the original, by the first reason ({name}):"]
        for reason, n in WHY[mode].most_common():
            if ":" not in reason:
                kinds = sorted(((k, c) for k, c in WHY[mode].items() if k.startswith(reason + ":")), key=lambda x: -x[1])
                detail = ", ".join(f"{k.split(': ', 1)[1]} {c}" for k, c in kinds[:6])
                why.append(f"- {reason}: {n}" + (f" ({detail})" if detail else ""))
    per = ["", "Non-blank lines removed, per rule and fix safety (with `--unsafe-fixes`; NL304 and NL406 from the run "
           "that selects them; a line is charged to each rule whose first-pass finding covers it):", "", rule_table()]
    return ("\n".join(rows) + "\n" + "\n".join(why) + "\n" + "\n".join(per) +
            f"\n\n(Measured by `python bench/fix_quality.py` in {seconds:.0f} s.)\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    ap.add_argument("--write", metavar="MARKDOWN", help="replace the fix-quality table in this file")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    t0 = time.perf_counter()
    res = residue_scores(sorted((corpus / "residue").glob("*.jsonl")), "residue")
    wcxb = residue_scores(sorted((corpus / "wcxb").glob("*.jsonl")), "wcxb")
    bbc = clean_unchanged(corpus / "clean" / "bbc.jsonl")
    clean_unchanged(corpus / "clean" / "benchmark_gt.jsonl")
    inj = {mode: injected_scores(corpus / "injected" / "bbc_injected.jsonl", corpus / "clean" / "bbc.jsonl", mode)
           for mode in LINTERS}
    pages = html_scores(corpus / "html")
    NOT_IDEMPOTENT["unsafe"] += pages["unstable"]
    out = table(res, wcxb, bbc, inj, time.perf_counter() - t0, pages)
    print(out)
    if args.write:
        doc = Path(args.write).read_text(encoding="utf-8")
        start, end = "<!-- fix-quality:start -->\n", "<!-- fix-quality:end -->"
        if start in doc:
            doc = doc[:doc.index(start) + len(start)] + out + doc[doc.index(end):]
            Path(args.write).write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()
