"""Per-rule breakdown of the residue bench: which codes hit RESIDUE lines and which hit BODY lines.

    python bench/breakdown.py ../shared/corpus/residue/*.jsonl [--show CODE] [--misses]

--show CODE lists the BODY lines CODE flags; --misses sorts the RESIDUE lines no NL3 rule flags
into rough kinds (the table in docs/benchmarks.md).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--show", default="")
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    recs = [json.loads(l) for f in args.files for l in open(f, encoding="utf-8") if l.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        for i, r in enumerate(recs):
            Path(tmp, f"a{i:05d}.txt").write_text(r["text"], encoding="utf-8")
        out = subprocess.run([sys.executable, "-m", "newslint", "check", "--output-format", "json", tmp],
                             capture_output=True, text=True).stdout
    per = defaultdict(list)
    for d in json.loads(out):
        per[int(Path(d["path"]).stem[1:])].append(d)
    hit, body = Counter(), Counter()
    shown = defaultdict(list)
    missed = Counter()
    for i, r in enumerate(recs):
        labels = {l["line"]: l for l in r["lines"]}
        flagged = {d["line"] for d in per[i] if d["code"].startswith("NL3")}
        for line in r["lines"]:
            if line["label"] == "RESIDUE" and line["line"] not in flagged:
                missed[kind_of(line["text"])] += 1
        for d in per[i]:
            lab = labels.get(d["line"], {}).get("label", "?")
            if lab == "RESIDUE":
                hit[d["code"]] += 1
            elif lab == "BODY":
                body[d["code"]] += 1
                if d["code"] == args.show:
                    shown[d["code"]].append((labels[d["line"]]["text"][:110], d["message"][:60]))
    for code in sorted(set(hit) | set(body)):
        print(f"{code}: residue {hit[code]:4d}  body {body[code]:4d}")
    for text, msg in shown.get(args.show, []):
        print(f"  BODY {text!r}  <- {msg}")
    if args.misses:
        print(f"RESIDUE lines no NL3 rule flags: {sum(missed.values())}")
        for kind, n in missed.most_common():
            print(f"| {kind} | {n} |")


def kind_of(text: str) -> str:
    t = text.strip()
    n = len(t.split())
    if not any(c.isalpha() for c in t):
        return "lines with no letters (`%`, `).`, lone digits)"
    if t.startswith(("- ", "• ", "* ")):
        return "bulleted teasers of other stories (`- Title …`)"
    if t.upper() == t and n >= 2:
        return "all-caps crossheads"
    if n <= 3 and all(w[:1].isupper() for w in t.split()):
        return "one to three capitalised words: author names, section names"
    if n > 15:
        return "long sentences: captions without a credit, teasers of other stories, promos, author bios"
    if t.endswith((".", "!", "?", "…")):
        return "other short sentences"
    return "short headline-like lines: teasers, crossheads, section labels"


if __name__ == "__main__":
    main()
