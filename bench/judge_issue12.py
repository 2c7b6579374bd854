#!/usr/bin/env python3
"""Findings on real pages, sampled for judging by eye (issue 12).

    python bench/judge_issue12.py run   --tag before   # lint both page sets, write bench/findings_<tag>.tsv
    python bench/judge_issue12.py show  --tag before [--code NL303] [--unjudged]
    python bench/judge_issue12.py score --tag before

Page sets (from ../shared/corpus): ``wcxb`` = the `text` of every record of
wcxb/trafilatura.jsonl written to a .txt file (as tools/evaluate.py does), ``html`` = the 92 raw
pages of html/ gunzipped and linted as .html.

Sampling: for each (page set, rule) every finding is judged when there are at most 40; otherwise
the 40 whose sha1(page set, page id, line, code) sorts first. The hash ignores the message, so
the same finding keeps its place in the sample before and after a change, and a rule's sample
after a fix is drawn the same way from what it still reports.

Verdicts live in bench/verdicts_issue12.tsv, one row per judged finding, keyed by
(page set, page id, line, code, message): the same finding with the same message keeps its
verdict across runs; a finding whose message changed is judged again.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORK = Path("/tmp/nl-judge-issue12")
VERDICTS = ROOT / "bench" / "verdicts_issue12.tsv"
SAMPLE = 40
FIELDS = ["source", "id", "line", "code", "message", "excerpt", "verdict", "reason"]


def build(shared: Path) -> dict[str, Path]:
    txt, html = WORK / "wcxb", WORK / "html"
    txt.mkdir(parents=True, exist_ok=True)
    html.mkdir(parents=True, exist_ok=True)
    for line in open(shared / "corpus" / "wcxb" / "trafilatura.jsonl", encoding="utf-8"):
        rec = json.loads(line)
        (txt / f"{rec['id']}.txt").write_text(rec["text"], encoding="utf-8")
    for gz in sorted((shared / "corpus" / "html").glob("*.html.gz")):
        (html / gz.name[:-3]).write_bytes(gzip.decompress(gz.read_bytes()))
    return {"wcxb": txt, "html": html}


def rank(source: str, pid: str, line: int, code: str) -> str:
    return hashlib.sha1(f"{source}|{pid}|{line}|{code}".encode()).hexdigest()


def lint(folder: Path) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--output-format", "json",
                          "--exit-zero", str(folder)], capture_output=True, text=True)
    return json.loads(out.stdout or "[]")


def excerpt(path: Path, d: dict) -> str:
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    text = lines[d["line"] - 1] if d["line"] - 1 < len(lines) else ""
    if d.get("end_line") == d["line"] and d.get("end_column"):
        text = text[d["column"] - 1:d["end_column"] - 1]
    text = " ".join(text.split())
    return text[:200]


def run(tag: str) -> None:
    folders = build(SHARED)
    rows = []
    for source, folder in folders.items():
        found = lint(folder)
        by_rule = defaultdict(list)
        for d in found:
            pid = Path(d["path"]).name.split(".")[0]
            by_rule[d["code"]].append((rank(source, pid, d["line"], d["code"]), pid, d))
        for code, items in sorted(by_rule.items()):
            items.sort(key=lambda x: x[0])
            for i, (_, pid, d) in enumerate(items):
                rows.append({"source": source, "id": pid, "line": d["line"], "code": code, "message": d["message"],
                             "excerpt": excerpt(Path(d["path"]), d), "total": len(items),
                             "sampled": int(i < SAMPLE), "path": d["path"]})
    out = ROOT / "bench" / f"findings_{tag}.tsv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["source", "id", "line", "code", "message", "excerpt", "total", "sampled"],
                           delimiter="\t", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} findings -> {out}")


def load_verdicts() -> dict[tuple, dict]:
    if not VERDICTS.exists():
        return {}
    with open(VERDICTS, encoding="utf-8") as fh:
        return {(r["source"], r["id"], r["line"], r["code"], r["message"]): r for r in csv.DictReader(fh, delimiter="\t")}


def load_findings(tag: str) -> list[dict]:
    with open(ROOT / "bench" / f"findings_{tag}.tsv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def key(r: dict) -> tuple:
    return (r["source"], r["id"], str(r["line"]), r["code"], r["message"])


def show(tag: str, code: str, unjudged: bool, context: int) -> None:
    verdicts = load_verdicts()
    for r in load_findings(tag):
        if r["sampled"] != "1" or (code and r["code"] != code) or (unjudged and key(r) in verdicts):
            continue
        folder = WORK / r["source"]
        path = next(folder.glob(r["id"] + ".*"))
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        ln = int(r["line"])
        print(f"=== {r['source']} {r['id']} L{ln} {r['code']} {r['message']}")
        for k in range(max(1, ln - context), min(len(lines), ln + context) + 1):
            print((">> " if k == ln else "   ") + lines[k - 1][:220])


def score(tag: str) -> None:
    verdicts = load_verdicts()
    stats = defaultdict(lambda: [0, 0, 0, 0])  # total, sampled, right, judged
    missing = 0
    for r in load_findings(tag):
        s = stats[(r["source"], r["code"])]
        s[0] = int(r["total"])
        if r["sampled"] != "1":
            continue
        s[1] += 1
        v = verdicts.get(key(r))
        if v is None:
            missing += 1
            continue
        s[3] += 1
        s[2] += v["verdict"] == "right"
    print("source\tcode\tfindings\tjudged\tright\tprecision")
    for (source, code), (total, sampled, right, judged) in sorted(stats.items()):
        p = f"{right / judged:.2f}" if judged else "-"
        print(f"{source}\t{code}\t{total}\t{judged}/{sampled}\t{right}\t{p}")
    if missing:
        print(f"{missing} sampled findings not judged yet")


def record(tag: str) -> None:
    """Read verdict lines from stdin: ``source id line code[~message_part] right|wrong reason...`` and store them
    with the finding's message and excerpt from findings_<tag>.tsv."""
    verdicts = load_verdicts()
    findings = defaultdict(list)
    for r in load_findings(tag):
        findings[(r["source"], r["id"], r["line"], r["code"])].append(r)
    for raw in sys.stdin:
        if not raw.strip() or raw.startswith("#"):
            continue
        source, pid, line, code, verdict, *reason = raw.split()
        assert verdict in ("right", "wrong"), raw
        code, _, needle = code.partition("~")  # NL303~By_Any: only the finding whose message has "By Any"
        rows = [r for r in findings[(source, pid, line, code)] if needle.replace("_", " ") in r["message"]]
        assert rows, raw
        for r in rows:  # several findings on one line (raw HTML) share the verdict
            verdicts[key(r)] = {**{f: r[f] for f in FIELDS[:6]}, "verdict": verdict, "reason": " ".join(reason)}
    with open(VERDICTS, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, delimiter="\t", extrasaction="ignore")
        w.writeheader()
        w.writerows(sorted(verdicts.values(), key=lambda r: (r["source"], r["code"], r["id"], int(r["line"]))))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["run", "show", "score", "record"])
    ap.add_argument("--tag", default="after")
    ap.add_argument("--code", default="")
    ap.add_argument("--unjudged", action="store_true")
    ap.add_argument("--context", type=int, default=2)
    args = ap.parse_args()
    if args.action == "run":
        run(args.tag)
    elif args.action == "show":
        show(args.tag, args.code, args.unjudged, args.context)
    elif args.action == "record":
        record(args.tag)
    else:
        score(args.tag)


if __name__ == "__main__":
    main()
