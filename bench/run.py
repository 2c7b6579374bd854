#!/usr/bin/env python3
"""newslint's benchmark (issue 17): CPU cost per article, against proselint, --jobs, memory, and
detection quality, in one run.

    pip install -e . && python bench/run.py [--proselint PATH] [--quick]

Speed is measured in CPU seconds (user + system of the process and every worker it reaped, from
``wait4``), because the machine is shared: a wall clock measures the neighbours too. Every
comparison is paired: the two commands run alternately, and the figure is the median of the
per-pair ratios, so both sides meet the same drift. What it measures:

- BBC articles per CPU-second in one process (``--jobs 1``), start-up included and excluded;
- newslint against proselint on the same ``.txt`` files and on a ``.txt`` + ``.md`` mix;
- one-file runs (``.txt``, ``.md``) beside ``python -c pass``;
- ``--jobs 2`` speed-up (wall) against the machine's own two-process ceiling measured in the
  same run, and its CPU overhead against ``--jobs 1``;
- peak RSS on a large JSON Lines file, per output format;
- the trained models' cost (NL304, NL406: opt-in) per article and at start-up.

proselint is looked for beside the Python running the bench, on PATH, or at ``--proselint``; it
belongs in a bench-only environment, never in the project's dependencies. It builds its corpus
from ../shared/corpus, and rewrites the generated part of docs/benchmarks.md (between the bench
markers) unless ``--no-write``. ``--quick`` (about 10 minutes): fewer repeats, 20 MB of JSONL.
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
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
FORMATS = ("text", "json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson")


def tool(name: str, given: str | None = None) -> str | None:
    if given:
        return given
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


#: Every tool runs as installed, from cached bytecode: an environment that sets
#: PYTHONDONTWRITEBYTECODE (some CI images do) would recompile every module on every run.
RUN_ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_COLOR": "1"}
RUN_ENV.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "newslint-bench-pycache"))


def measure(cmd: list[str], stdout=subprocess.DEVNULL) -> dict:
    """One run: CPU seconds (user + system, reaped workers included), wall seconds, peak RSS MB."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, env=RUN_ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": time.perf_counter() - t0,
            "rss": usage.ru_maxrss / 1024, "rc": os.waitstatus_to_exitcode(status)}


def paired(cmds: dict[str, list[str]], repeats: int, stdout=subprocess.DEVNULL) -> dict[str, list[dict]]:
    """Run the commands in turn, ``repeats`` rounds: every command meets the same drift."""
    runs: dict[str, list[dict]] = {k: [] for k in cmds}
    for _ in range(repeats):
        for key, cmd in cmds.items():
            runs[key].append(measure(cmd, stdout=stdout))
    return runs


def med(runs: list[dict], what: str = "cpu") -> float:
    return statistics.median(r[what] for r in runs)


def ratio(a: list[dict], b: list[dict], what: str = "cpu") -> tuple[float, float, float]:
    """Median, lowest and highest of the per-pair ratios a/b."""
    rs = sorted(x[what] / y[what] for x, y in zip(a, b))
    return statistics.median(rs), rs[0], rs[-1]


def fmt_ratio(r: tuple[float, float, float], digits: int = 2) -> str:
    return f"{r[0]:.{digits}f}× ({r[1]:.{digits}f}-{r[2]:.{digits}f})"


SPIN = "import sys\nn = int(sys.argv[1])\ns = 0\nfor i in range(n): s += i * i % 7\n"


def ceiling_cmds(cpus: int) -> tuple[list[str], list[str]]:
    """What --jobs could reach here at best: a fixed amount of pure-Python work in one process,
    and the same work split over ``cpus`` processes."""
    work = 6_000_000
    one = [sys.executable, "-c", SPIN, str(work)]
    split = [sys.executable, "-c", "import subprocess, sys\n"
             f"ps = [subprocess.Popen([sys.executable, '-c', {SPIN!r}, '{work // cpus}']) for _ in range({cpus})]\n"
             "[p.wait() for p in ps]\n"]
    return one, split


def as_markdown(record: dict) -> str:
    title = record.get("title") or record["text"].split("\n", 1)[0]
    body = record.get("body") or record["text"].split("\n", 1)[-1]
    return f"# {title}\n\n{body.strip()}\n"


def build_jsonl(path: Path, mb: int, shared: Path) -> int:
    """About ``mb`` MB of JSON Lines (BBC and injected articles repeated), unless already there;
    returns its number of records."""
    if path.exists() and path.stat().st_size >= mb * 1_000_000:
        with open(path, "rb") as fh:
            return sum(1 for _ in fh)
    sources = [json.loads(line) for name in ("clean/bbc.jsonl", "injected/bbc_injected.jsonl")
               for line in open(shared / "corpus" / name, encoding="utf-8")]
    size = i = 0
    with open(path, "w", encoding="utf-8") as fh:
        while size < mb * 1_000_000:
            r = sources[i % len(sources)]
            line = json.dumps({"id": f"a{i}", "title": r.get("title", ""), "body": r.get("body") or r["text"]},
                              ensure_ascii=False) + "\n"
            fh.write(line)
            size += len(line.encode("utf-8"))
            i += 1
    return i


def build_corpus(shared: Path, jsonl_mb: int) -> dict[str, Path]:
    bbc, bbc4, mix, residue = CORPUS / "bbc", CORPUS / "bbc-x4", CORPUS / "mix", CORPUS / "residue"
    for folder in (bbc, bbc4, mix, residue):
        folder.mkdir(parents=True, exist_ok=True)
    records = [json.loads(line) for line in open(shared / "corpus" / "clean" / "bbc.jsonl", encoding="utf-8")]
    for i, r in enumerate(records):
        (bbc / f"bbc{i:05d}.txt").write_text(r["text"], encoding="utf-8")
        for copy in range(4):  # the same articles four times: start-up is amortised, --jobs has work
            (bbc4 / f"bbc{copy}-{i:05d}.txt").write_text(r["text"], encoding="utf-8")
    for i, r in enumerate(records[:1000]):  # the mix: 1,000 .txt + 1,000 .md
        (mix / f"a{i:05d}.txt").write_text(r["text"], encoding="utf-8")
        (mix / f"b{i:05d}.md").write_text(as_markdown(records[(i + 500) % len(records)]), encoding="utf-8")
    for f in sorted((shared / "corpus" / "residue").glob("*.jsonl")):  # texts with findings
        for r in (json.loads(line) for line in open(f, encoding="utf-8")):
            (residue / f"{r['extractor']}-{r['id'][:16]}.txt").write_text(r["text"], encoding="utf-8")
    big = CORPUS / f"corpus-{jsonl_mb}mb.jsonl"
    build_jsonl(big, jsonl_mb, shared)
    return {"bbc": bbc, "bbc4": bbc4, "mix": mix, "residue": residue, "jsonl": big,
            "one_txt": bbc / "bbc00000.txt", "one_md": mix / "b00000.md"}


def count_articles(path: Path) -> int:
    if path.is_dir():
        return sum(1 for _ in path.iterdir())
    with open(path, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def run_speed(corpus: dict[str, Path], quick: bool, proselint: str | None) -> dict:
    newslint = tool("newslint")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    reps = 3 if quick else 7
    # bench/corpus is in .gitignore: without the flag a folder of it lints nothing
    base = [newslint, "check", "--isolated", "--quiet", "--no-respect-gitignore"]
    f: dict = {"cpus": cpus, "repeats": reps}

    # one-file runs: fresh processes, .txt and .md beside the interpreter's own start-up
    one = paired({"pass": [sys.executable, "-c", "pass"], "txt": base + [str(corpus["one_txt"])],
                  "md": base + [str(corpus["one_md"])]}, 5 * reps)
    f["one"] = {k: med(v) * 1000 for k, v in one.items()}

    # throughput in one process, start-up included; the one-file .txt run is the start-up share
    n4 = count_articles(corpus["bbc4"])
    tp = paired({"jobs1": base + ["--jobs", "1", str(corpus["bbc4"])]}, reps)["jobs1"]
    if any(r["rc"] not in (0, 1) for r in tp):
        raise SystemExit(f"newslint failed on {corpus['bbc4']}")
    f["bbc4_n"], f["bbc4_cpu"] = n4, med(tp)
    f["rate"] = n4 / f["bbc4_cpu"]
    f["rate_best"] = n4 / min(r["cpu"] for r in tp)
    f["rate_net"] = n4 / max(1e-9, f["bbc4_cpu"] - f["one"]["txt"] / 1000)

    # newslint against proselint, same files, paired
    if proselint:
        # newslint's ~0.3 s run drifts by ±10 % between rounds on this machine, proselint's 8 s by
        # ±4 %: one pair (quick mode's, once) decided a 25x target by the luck of one round
        ps_reps = 3 if quick else 5
        f["ps_pairs"] = ps_reps
        for key in ("bbc", "mix"):
            path = str(corpus[key])
            runs = paired({"proselint": [proselint, "check", path], "newslint": base + ["--jobs", "1", path]}, ps_reps)
            f[f"vs_{key}"] = ratio(runs["proselint"], runs["newslint"])
            f[f"{key}_n"] = count_articles(corpus[key])
            f[f"{key}_cpu"] = {k: med(v) for k, v in runs.items()}

    # --jobs: speed-up in wall time beside the machine's ceiling, in the same rounds; CPU overhead
    one_cmd, split_cmd = ceiling_cmds(cpus)
    jobs = paired({"j1": base + ["--jobs", "1", str(corpus["bbc4"])], "jn": base + ["--jobs", str(cpus), str(corpus["bbc4"])],
                   "c1": one_cmd, "cn": split_cmd}, reps)
    f["jobs_speedup"] = ratio(jobs["j1"], jobs["jn"], "wall")
    f["ceiling"] = ratio(jobs["c1"], jobs["cn"], "wall")
    f["jobs_of_ceiling"] = f["jobs_speedup"][0] / f["ceiling"][0]
    f["jobs_overhead"] = ratio(jobs["jn"], jobs["j1"], "cpu")
    # Two busy processes cost more CPU than one on a machine whose CPUs share a core or a cache:
    # the same split of a pure-Python loop says how much of the overhead is the machine's.
    f["ceiling_overhead"] = ratio(jobs["cn"], jobs["c1"], "cpu")

    # identical output whatever --jobs is
    outs = [subprocess.run(base + ["--output-format", "json", "--jobs", j, str(corpus["mix"]), str(corpus["residue"])],
                           capture_output=True).stdout for j in ("1", str(cpus))]
    f["jobs_identical"] = outs[0] == outs[1] and len(json.loads(outs[0])) > 0

    # the trained models (opt-in rules): per article and at start-up
    models = ["--extend-select", "NL304,NL406"]
    m = paired({"default": base + ["--jobs", "1", str(corpus["bbc"])],
                "models": base + models + ["--jobs", "1", str(corpus["bbc"])],
                "one_default": base + [str(corpus["one_txt"])], "one_models": base + models + [str(corpus["one_txt"])]},
               reps)
    n = count_articles(corpus["bbc"])
    f["models_per_article_us"] = (med(m["models"]) - med(m["default"])) / n * 1e6
    f["models_ratio"] = ratio(m["models"], m["default"])
    f["models_one_ms"] = (med(m["one_models"]) - med(m["one_default"])) * 1000

    # peak RSS on a large JSON Lines file, per output format
    f["jsonl_mb"] = corpus["jsonl"].stat().st_size / 1e6
    f["jsonl_n"] = count_articles(corpus["jsonl"])
    f["rss"] = {}
    with open(os.devnull, "w") as sink:
        for fmt in FORMATS:
            r = measure(base + ["--jobs", "1", "--output-format", fmt, str(corpus["jsonl"])], stdout=sink)
            f["rss"][fmt] = (r["rss"], r["cpu"])
    return f


def yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def speed_section(f: dict) -> str:
    one = f["one"]
    rows = [
        ["BBC articles per CPU-second, one process (`--jobs 1`, 4,324 files, start-up included)",
         f"{f['rate']:,.0f} (best run {f['rate_best']:,.0f}); {f['rate_net']:,.0f} without the one-file start-up",
         "≥ 2,000", yes(f["rate"] >= 2000)],
    ]
    if "vs_bbc" in f:
        rows.append([f"CPU against proselint 0.16, same {f['bbc_n']:,} BBC `.txt` files ({f['ps_pairs']} pairs)",
                     fmt_ratio(f["vs_bbc"], 1), "≥ 25×", yes(f["vs_bbc"][0] >= 25)])
        rows.append([f"CPU against proselint, {f['mix_n']:,} files: 1,000 `.txt` + 1,000 `.md` ({f['ps_pairs']} pairs)",
                     fmt_ratio(f["vs_mix"], 1), "≥ 18×", yes(f["vs_mix"][0] >= 18)])
    else:
        rows.append(["CPU against proselint", "proselint not installed (`--proselint PATH`)", "≥ 25× / 18×", "-"])
    rows += [
        ["one-file run, `.txt` (median CPU of fresh processes)",
         f"{one['txt']:.0f} ms (`python -c pass`: {one['pass']:.0f} ms)", "≤ 60 ms", yes(one["txt"] <= 60)],
        ["one-file run, `.md`", f"{one['md']:.0f} ms", "≤ 80 ms", yes(one["md"] <= 80)],
        [f"`--jobs {f['cpus']}` speed-up (wall, 4,324 files) against the machine's ceiling in the same rounds",
         f"{fmt_ratio(f['jobs_speedup'])} of a {fmt_ratio(f['ceiling'])} ceiling: {f['jobs_of_ceiling']:.0%}",
         "≥ 85 %", yes(f["jobs_of_ceiling"] >= 0.85)],
        [f"`--jobs {f['cpus']}` CPU overhead against `--jobs 1`", f"{(f['jobs_overhead'][0] - 1):+.1%} "
         f"(pairs {f['jobs_overhead'][1] - 1:+.1%} to {f['jobs_overhead'][2] - 1:+.1%}); the machine's own loop, split "
         f"the same way: {f['ceiling_overhead'][0] - 1:+.1%} ({f['ceiling_overhead'][1] - 1:+.1%} to "
         f"{f['ceiling_overhead'][2] - 1:+.1%})", "≤ 5 %",
         yes(f["jobs_overhead"][0] <= 1.05)],
        ["output identical for `--jobs 1` and the default", "identical" if f["jobs_identical"] else "DIFFERENT",
         "identical", yes(f["jobs_identical"])],
    ]
    worst = max(v[0] for v in f["rss"].values())
    rows.append([f"peak RSS, {f['jsonl_mb']:.0f} MB of JSONL ({f['jsonl_n']:,} articles), worst format",
                 f"{worst:.0f} MB", "≤ 300 MB", yes(worst <= 300)])
    rows.append(["trained models (NL304 + NL406, opt-in): extra CPU per BBC article / at start-up",
                 f"{f['models_per_article_us']:.0f} µs ({fmt_ratio(f['models_ratio'])} of the default run) / "
                 f"{f['models_one_ms']:+.0f} ms", "inside the budgets above", "-"])
    rss = table(["output format", "peak RSS", "CPU"],
                [[fmt, f"{v[0]:.0f} MB", f"{v[1]:.1f} s"] for fmt, v in f["rss"].items()])
    return "\n".join([table(["measure", "measured", "target", "met"], rows), "",
                      f"Peak RSS per output format on {f['jsonl_mb']:.0f} MB of JSON Lines (`--jobs 1`):", "", rss])


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
    ap.add_argument("--proselint", help="the proselint command (default: beside this Python, or on PATH)")
    ap.add_argument("--quick", action="store_true", help="fewer repeats and 20 MB of JSONL (about 10 minutes)")
    ap.add_argument("--no-quality", action="store_true")
    ap.add_argument("--no-write", action="store_true", help="print the tables, leave docs/benchmarks.md alone")
    args = ap.parse_args()
    shared = Path(args.shared)
    corpus = build_corpus(shared, 20 if args.quick else 100)
    facts = run_speed(corpus, args.quick, tool("proselint", args.proselint))
    version = subprocess.run([tool("newslint"), "--version"], capture_output=True, text=True).stdout.split()[-1]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    parts = [
        f"Machine: {platform.machine()}, {facts['cpus']} CPUs available, Python {platform.python_version()}, "
        f"{platform.system()}, load average {load:.1f} when the run ended. Generated {time.strftime('%Y-%m-%d')} "
        f"by `python bench/run.py{' --quick' if args.quick else ''}` (newslint {version}).",
        "",
        f"CPU seconds (user + system, workers included) of whole runs; medians of {facts['repeats']} paired "
        "rounds, ratios as the median of the per-pair ratios (range in brackets).",
        "",
        speed_section(facts),
    ]
    if not args.no_quality:
        parts += ["", "Detection quality (`../shared/tools/evaluate.py`, same run):", "",
                  table(["measure", "value", "bar"], run_quality(shared))]
    generated = "\n".join(parts)
    print(generated)
    if args.no_write:
        return
    out = Path(args.out)
    text = out.read_text(encoding="utf-8") if out.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in text:
        text += f"\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1] if END in rest else ""
    out.write_text(f"{head}{START}\n{generated}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
