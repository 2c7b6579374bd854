#!/usr/bin/env python3
"""Leave-one-template-out for NL301's phrase inventory on the injected boilerplate spans.

    python bench/loto_boilerplate.py [../shared/corpus/injected/bbc_injected.jsonl] [-v]

For each boilerplate template: the inventory entries that the template's lines match are taken
out (again and again, until no line of it matches an entry), and the records that hold the
template are linted with that smaller inventory (`replace-builtin` and a phrase file, the way a
user replaces it). NL301's shape categories (counters, copyright lines, share-button rows,
"... newsletter", "[Site]" teaser tags) are code, not entries, and stay. A span counts as found
when any NL3 finding lands on one of its accept lines, as in ../shared/tools/evaluate.py. The
result estimates recall on chrome wording the inventory does not list.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import pathlib
import subprocess
import sys
import tempfile

from newslint_rules._boilerplate import Matcher
from newslint_rules._text import load_data

SHAPES = {"counter", "teaser", "copyright", "subscribe", "share"}
DEFAULT = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "injected", "bbc_injected.jsonl")


def _without(data: dict, category: str, phrase: str) -> dict:
    out = json.loads(json.dumps(data))
    for kind in ("lines", "prefixes", "phrases"):
        for cat, phrases in out.get(kind, {}).items():
            if cat == category:
                out[kind][cat] = [p for p in phrases if " ".join(p.casefold().split()) != phrase]
    return out


def reduced_inventory(builtin: dict, texts: list[str]) -> tuple[dict, list[tuple[str, str]]]:
    """The inventory without every entry that one of ``texts`` matches, and those entries."""
    data, removed = builtin, []
    while True:
        m = Matcher(data, [], 0.05, 1.0)
        hit = next((x for x in map(m.match, texts) if x and x.category not in SHAPES), None)
        if hit is None:
            return data, removed
        removed.append((hit.category, hit.phrase))
        data = _without(data, hit.category, hit.phrase)


def lint(records: dict[int, str], data: dict) -> dict[int, list[dict]]:
    with tempfile.TemporaryDirectory() as d:
        phrases = pathlib.Path(d, "phrases.json")
        phrases.write_text(json.dumps(data), encoding="utf-8")
        config = pathlib.Path(d, "newslint.toml")
        config.write_text(f"[rules.NL301]\nreplace-builtin = true\nphrase-files = [{json.dumps(str(phrases))}]\n")
        for i, text in records.items():
            pathlib.Path(d, f"a{i:05d}.txt").write_text(text, encoding="utf-8")
        out = subprocess.run(["newslint", "check", "--config", str(config), "--output-format", "json", d],
                             capture_output=True, text=True, check=False)
        if out.returncode not in (0, 1):
            sys.exit(out.stderr)
    found = collections.defaultdict(list)
    for x in json.loads(out.stdout or "[]"):
        found[int(pathlib.Path(x["path"]).stem[1:])].append(x)
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=DEFAULT)
    ap.add_argument("-v", action="store_true", help="one line per template")
    args = ap.parse_args()
    with open(args.corpus, encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh if line.strip()]
    builtin = json.loads(json.dumps(load_data("boilerplate.toml")))
    spans = collections.defaultdict(list)
    for i, r in enumerate(recs):
        lines = r["text"].split("\n")
        for s in r["inserted"]:
            if s["cls"] == "boilerplate":
                spans[s["tpl"]].append((i, s, lines[s["lines"][0] - 1:s["lines"][1]]))
    found, total, removed = collections.Counter(), collections.Counter(), {}
    for tpl, items in sorted(spans.items()):
        data, removed[tpl] = reduced_inventory(builtin, [t for _, _, ls in items for t in ls])
        diags = lint({i: recs[i]["text"] for i, _, _ in items}, data)
        for i, s, _ in items:
            total[tpl] += 1
            accept = set(s["accept"])
            found[tpl] += any(x["code"].startswith("NL3") and accept & set(range(x["line"], x.get("end_line", x["line"]) + 1))
                              for x in diags[i])
    for kind in sorted({k.split(":")[0] for k in total}):
        keys = [k for k in total if k.split(":")[0] == kind]
        f, n = sum(found[k] for k in keys), sum(total[k] for k in keys)
        print(f"{kind}: {f}/{n} = {100 * f / n:.1f}% found with the template's own entries out "
              f"({len(keys)} templates, {sum(1 for k in keys if removed[k])} of them matched an entry)")
    if args.v:
        for k in sorted(total, key=lambda k: (k.split(":")[0], int(k.split(":")[1]))):
            print(f"  {k:10s} {found[k]:3d}/{total[k]:3d}  {removed[k]}")


if __name__ == "__main__":
    main()
