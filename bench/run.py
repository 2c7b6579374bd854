#!/usr/bin/env python3
"""newslint's benchmark: speed side by side with proselint, and detection quality, in one run.

    pip install -e '.[bench]' && python bench/run.py

It builds its corpus from ../shared/corpus (the 1,081 BBC articles as files, the 460 extractor
texts, and a ~100 MB JSON Lines file of real articles), runs every measurement, and rewrites the
generated part of docs/benchmarks.md (between the bench markers). Options: --shared DIR,
--out FILE, --quick (fewer repeats, 20 MB JSONL), --no-quality.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def tool(name: str) -> str | None:
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


def measure(cmd: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MB of the process tree, exit code) of one run."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def paired(cmd_a: list[str], cmd_b: list[str], repeats: int, stdout=subprocess.DEVNULL) -> dict:
    """Run two commands alternately ``repeats`` times.

    On a shared machine the speed drifts by tens of percent within a minute; alternating the two
    commands exposes both to the same drift, so the median of the per-pair ratios is a fair
    speed-up even when single walls are not. Returns both medians, the ratios and peak RSS.
    """
    a, b, rss = [], [], [0.0, 0.0]
    for _ in range(repeats):
        for walls, cmd, slot in ((a, cmd_a, 0), (b, cmd_b, 1)):
            wall, peak, _ = measure(cmd, stdout=stdout)
            walls.append(wall)
            rss[slot] = max(rss[slot], peak)
    ratios = sorted(x / y for x, y in zip(a, b))
    return {"a": statistics.median(a), "b": statistics.median(b), "a_min": min(a), "b_min": min(b),
            "ratio": statistics.median(ratios),
            "ratio_lo": ratios[0], "ratio_hi": ratios[-1], "rss_a": rss[0], "rss_b": rss[1], "n": repeats}


SPIN = "import sys\nn = int(sys.argv[1])\ns = 0\nfor i in range(n): s += i * i % 7\n"


def machine_ceiling(cpus: int, repeats: int) -> dict:
    """What --jobs could reach here at best: a fixed amount of pure-Python work done by one
    process, against the same work split over ``cpus`` processes, run alternately like newslint."""
    work = 6_000_000
    one = [sys.executable, "-c", SPIN, str(work)]
    split = [sys.executable, "-c", "import subprocess, sys\n"
             f"ps = [subprocess.Popen([sys.executable, '-c', {SPIN!r}, '{work // cpus}']) for _ in range({cpus})]\n"
             "[p.wait() for p in ps]\n"]
    return paired(one, split, repeats)


def build_corpus(shared: Path, jsonl_mb: int) -> dict[str, Path]:
    bbc, residue, bbc4 = CORPUS / "bbc", CORPUS / "residue", CORPUS / "bbc-x4"
    for folder in (bbc, residue, bbc4):
        folder.mkdir(parents=True, exist_ok=True)
    records = [json.loads(l) for l in open(shared / "corpus" / "clean" / "bbc.jsonl", encoding="utf-8")]
    for i, r in enumerate(records):
        (bbc / f"bbc{i:05d}.txt").write_text(r["text"], encoding="utf-8")
        for copy in range(4):  # the same articles four times: enough work to see --jobs scale
            (bbc4 / f"bbc{copy}-{i:05d}.txt").write_text(r["text"], encoding="utf-8")
    for f in sorted((shared / "corpus" / "residue").glob("*.jsonl")):
        for r in (json.loads(l) for l in open(f, encoding="utf-8")):
            (residue / f"{r['extractor']}-{r['id'][:16]}.txt").write_text(r["text"], encoding="utf-8")
    big = CORPUS / f"corpus-{jsonl_mb}mb.jsonl"
    if not big.exists() or big.stat().st_size < jsonl_mb * 1_000_000:
        sources = records + [json.loads(l) for l in open(shared / "corpus" / "injected" / "bbc_injected.jsonl",
                                                           encoding="utf-8")]
        size, i = 0, 0
        with open(big, "w", encoding="utf-8") as fh:
            while size < jsonl_mb * 1_000_000:
                r = sources[i % len(sources)]
                line = json.dumps({"id": f"a{i}", "title": r.get("title", ""), "body": r.get("body") or r["text"]},
                                  ensure_ascii=False) + "\n"
                fh.write(line)
                size += len(line.encode("utf-8"))
                i += 1
    return {"bbc": bbc, "bbc4": bbc4, "residue": residue, "jsonl": big, "one": bbc / "bbc00000.txt"}


def count_articles(path: Path) -> int:
    if path.is_dir():
        return sum(1 for _ in path.iterdir())
    with open(path, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def size_mb(path: Path) -> float:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir()) / 1e6
    return path.stat().st_size / 1e6


def spread(r: dict) -> str:
    return f"{r['ratio']:.2f}× ({r['ratio_lo']:.2f}-{r['ratio_hi']:.2f})"


def run_speed(corpus: dict[str, Path], repeats: int) -> tuple[list[list[str]], dict]:
    newslint = tool("newslint")
    proselint = tool("proselint")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    rows: list[list[str]] = []
    facts: dict = {"cpus": cpus, "repeats": repeats}
    base = [newslint, "check", "--isolated", "--quiet"]
    for label, key in (("1,081 BBC articles (files)", "bbc"), ("4,324 BBC articles (the set ×4, files)", "bbc4"),
                       ("460 extractor texts (files)", "residue")):
        path = corpus[key]
        n, mb = count_articles(path), size_mb(path)
        r = paired(base + ["--jobs", "1", str(path)], base + [str(path)], repeats)
        cells = [label, f"{n / r['a']:,.0f} art/s (best {n / r['a_min']:,.0f}) · {mb / r['a']:.2f} MB/s · {r['rss_a']:.0f} MB",
                 f"{n / r['b']:,.0f} art/s · {mb / r['b']:.2f} MB/s · {r['rss_b']:.0f} MB · {spread(r)}"]
        if proselint:
            ps = paired([proselint, "check", str(path)], base + ["--jobs", "1", str(path)], 1 if key == "bbc4" else 2)
            cells.append(f"{n / ps['a']:,.0f} art/s · {ps['rss_a']:.0f} MB")
            cells.append(f"{ps['ratio']:.1f}× (jobs 1), {ps['a'] / r['b']:.1f}× (jobs {cpus})")
            facts[f"{key}_vs_proselint"] = ps["ratio"]
        else:
            cells += ["not installed", "-"]
        rows.append(cells)
        facts[f"{key}_rate_1"] = n / r["a"]
        facts[f"{key}_best_1"] = n / r["a_min"]
        facts[f"{key}_jobs"] = r
    # identical output whatever --jobs is
    outs = []
    for jobs in ("1", str(cpus)):
        proc = subprocess.run([newslint, "check", "--isolated", "--output-format", "json", "--jobs", jobs,
                               str(corpus["bbc"]), str(corpus["residue"])], capture_output=True)
        outs.append(proc.stdout)
    facts["jobs_identical"] = outs[0] == outs[1]
    # the pre-commit case: one file, fresh process each time
    walls = [measure(base + [str(corpus["one"])])[0] for _ in range(max(10, repeats * 5))]
    facts["one_file_median_ms"] = statistics.median(walls) * 1000
    facts["one_file_min_ms"] = min(walls) * 1000
    ps_one = "-"
    if proselint:
        ps_walls = [measure([proselint, "check", str(corpus["one"])])[0] for _ in range(5)]
        ps_one = f"{statistics.median(ps_walls) * 1000:.0f} ms"
    rows.append(["one file (pre-commit), median of fresh runs", f"{facts['one_file_median_ms']:.0f} ms "
                 f"(min {facts['one_file_min_ms']:.0f} ms)", "same (a pool is never started for ≤ 8 files)",
                 ps_one, "-"])
    # the corpus case: a large JSON Lines file streamed in and out
    big = corpus["jsonl"]
    n, mb = count_articles(big), size_mb(big)
    stream = [newslint, "check", "--isolated", "--output-format", "json-lines", str(big)]
    with open(os.devnull, "w") as sink:
        r = paired(stream[:3] + ["--jobs", "1"] + stream[3:], stream, max(1, repeats // 3), stdout=sink)
    rows.append([f"{mb:.0f} MB JSONL ({n:,} articles) → json-lines",
                 f"{n / r['a']:,.0f} art/s · {mb / r['a']:.2f} MB/s · {r['rss_a']:.0f} MB",
                 f"{n / r['b']:,.0f} art/s · {mb / r['b']:.2f} MB/s · {r['rss_b']:.0f} MB · {spread(r)}", "-", "-"])
    facts["jsonl_jobs"], facts["jsonl_mb"] = r, mb
    facts["ceiling"] = machine_ceiling(cpus, repeats)
    return rows, facts


def run_quality(shared: Path) -> list[list[str]]:
    evaluate = shared / "tools" / "evaluate.py"
    corpus = shared / "corpus"
    out = []

    def ev(mode: str, *files: Path) -> dict:
        proc = subprocess.run([sys.executable, str(evaluate), "--show", "0", "--json", mode, *map(str, files)],
                              capture_output=True, text=True, cwd=ROOT)
        return json.loads(proc.stdout.strip().splitlines()[-1])

    bbc = ev("clean", corpus / "clean" / "bbc.jsonl")
    out.append(["clean/bbc.jsonl: articles with any finding", f"{bbc['flagged_rate']:.2%}", "≤ 1% (aim 0.5%)"])
    gt = ev("clean", corpus / "clean" / "benchmark_gt.jsonl")
    out.append(["clean/benchmark_gt.jsonl: articles with any finding", f"{gt['flagged_rate']:.1%}", "≤ 15%"])
    res = ev("residue", *sorted((corpus / "residue").glob("*.jsonl")))
    out.append(["residue (5 extractors): NL3 precision", f"{res['precision']:.1%}", "≥ 0.90"])
    out.append(["residue (5 extractors): NL3 recall", f"{res['recall']:.1%}", "≥ 0.50"])
    out.append(["residue (5 extractors): BODY lines flagged by any rule", f"{res['body_flag_rate']:.2%}", "≤ 1%"])
    mut = ev("mutation", corpus / "injected" / "bbc_injected.jsonl")
    for cls, rec in sorted(mut["recall"].items()):
        out.append([f"injected: {cls} recall", f"{rec:.1%}", "-"])
    out.append(["injected: untouched articles flagged", f"{mut['clean_flagged_rate']:.1%}", "-"])
    return out


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-quality", action="store_true")
    ap.add_argument("--repeats", type=int, default=7, help="alternating runs per measurement (default 7)")
    args = ap.parse_args()
    shared = Path(args.shared)
    corpus = build_corpus(shared, 20 if args.quick else 100)
    rows, facts = run_speed(corpus, 2 if args.quick else args.repeats)
    cpus = facts["cpus"]
    jsonl, bbc, bbc4, ceiling = facts["jsonl_jobs"], facts["bbc_jobs"], facts["bbc4_jobs"], facts["ceiling"]
    rss = max(jsonl["rss_a"], jsonl["rss_b"])
    parts = [
        f"Machine: {platform.machine()}, {cpus} CPUs available, Python {platform.python_version()}, "
        f"{platform.system()}. Generated {time.strftime('%Y-%m-%d')} by `python bench/run.py` "
        f"(newslint {subprocess.run([tool('newslint'), '--version'], capture_output=True, text=True).stdout.split()[-1]}).",
        "",
        f"Every speed is the median of {facts['repeats']} runs; `--jobs 1` and `--jobs {cpus}` are run "
        "alternately and the speed-up is the median of the per-pair ratios (range in brackets), "
        "because this machine's speed drifts by tens of percent from one minute to the next.",
        "",
        table(["corpus", "newslint --jobs 1", f"newslint (default: --jobs {cpus}) · speed-up", "proselint 0.16 (same files)",
               "newslint vs proselint"], rows),
        "",
        f"Machine ceiling for --jobs {cpus}: the same pure-Python loop split over {cpus} processes runs "
        f"{spread(ceiling)} faster than in one, measured the same way.",
        "",
        table(["target", "measured", "met"], [
            ["one process ≥ 1,000 articles/s (BBC-length files, start-up included, median run)",
             f"4,324 files: {facts['bbc4_rate_1']:,.0f}/s (best run {facts['bbc4_best_1']:,.0f}); "
             f"1,081 files: {facts['bbc_rate_1']:,.0f}/s (best run {facts['bbc_best_1']:,.0f})",
             "yes" if facts["bbc4_rate_1"] >= 1000 else "no"],
            ["≥ 10× faster than proselint (BBC files, one process each)",
             f"{facts.get('bbc_vs_proselint', 0):.1f}×" if "bbc_vs_proselint" in facts else "proselint not installed",
             "yes" if facts.get("bbc_vs_proselint", 0) >= 10 else "no"],
            [f"--jobs {cpus} ≥ 1.5× --jobs 1 on BBC-length articles: 4,324 files / {facts['jsonl_mb']:.0f} MB JSONL",
             f"{spread(bbc4)} / {spread(jsonl)}", "yes" if min(bbc4["ratio"], jsonl["ratio"]) >= 1.5 else "no"],
            [f"(for reference) --jobs {cpus} on the 1,081 BBC files, a ~1 s run of which ~0.13 s is start-up",
             spread(bbc), "-"],
            ["output identical for --jobs 1 and default", "identical" if facts["jobs_identical"] else "DIFFERENT",
             "yes" if facts["jobs_identical"] else "no"],
            ["one-file run ≤ 150 ms (median)", f"{facts['one_file_median_ms']:.0f} ms",
             "yes" if facts["one_file_median_ms"] <= 150 else "no"],
            ["large JSONL streamed with ≤ 300 MB peak RSS", f"{rss:.0f} MB", "yes" if rss <= 300 else "no"],
        ]),
    ]
    if not args.no_quality:
        parts += ["", "Detection quality (`../shared/tools/evaluate.py`, same run):", "",
                  table(["measure", "value", "bar"], run_quality(shared))]
    generated = "\n".join(parts)
    out = Path(args.out)
    text = out.read_text(encoding="utf-8") if out.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in text:
        text += f"\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1] if END in rest else ""
    out.write_text(f"{head}{START}\n{generated}\n{END}{tail}", encoding="utf-8")
    print(generated)


if __name__ == "__main__":
    main()
