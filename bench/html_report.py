#!/usr/bin/env python3
"""The HTML report at scale: a 10,000-record JSON Lines run, its file size and time to first render
in headless Chromium (the distribution's ``chromium`` + ``chromium-driver``, driven by Selenium).

    pip install -e '.[test]' && python bench/html_report.py

The corpus is built here, at bench time, from ../shared/corpus (the clean BBC articles and the same
articles with injected residue, alternately, each record given a ``source`` so the overview's
"dirtiest sources" has something to rank) and written to bench/out/ (not committed). The numbers
replace the part of docs/benchmarks.md between the ``bench-html`` markers. Options: --shared DIR,
--records N, --repeats N, --no-write.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench-html:start -->", "<!-- bench-html:end -->"
sys.path.insert(0, str(ROOT / "tests"))
from browser import find_browser, start_browser, stop_browser  # noqa: E402


def build_corpus(shared: Path, records: int, path: Path) -> int:
    clean = [json.loads(line) for line in (shared / "corpus" / "clean" / "bbc.jsonl").open(encoding="utf-8") if line.strip()]
    dirty = [json.loads(line) for line in (shared / "corpus" / "injected" / "bbc_injected.jsonl").open(encoding="utf-8") if line.strip()]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(records):
            pool, kind = (clean, "clean") if i % 2 == 0 else (dirty, "injected")
            src = pool[(i // 2) % len(pool)]
            category = src.get("category") or src["id"].split("-")[1]
            record = {"id": f"{src['id']}-{i // (2 * len(pool))}", "source": f"{kind}/{category}"}
            for key in ("title", "body", "text"):
                if key in src:
                    record[key] = src[key]
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def first_paint(driver) -> float:
    """Chromium's first-contentful-paint time (ms from navigation start), once it is recorded."""
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        t = driver.execute_script("var p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : null")
        if t is not None:
            return float(t)
        time.sleep(0.05)
    raise RuntimeError("no first-contentful-paint entry")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("NEWSLINT_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--no-write", action="store_true", help="print the numbers, leave docs/benchmarks.md alone")
    args = ap.parse_args()
    chromium, driver_path, why = find_browser()
    if chromium is None:
        print(f"bench: {why}", file=sys.stderr)
        return 2
    corpus = OUT / f"html-{args.records}.jsonl"
    report = OUT / f"html-{args.records}.html"
    input_bytes = build_corpus(args.shared, args.records, corpus)

    env = {**os.environ, "NO_COLOR": "1", "NEWSLINT_NO_PLUGIN_CACHE": "1"}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--exit-zero",
                           "--output-format", "html", "-o", str(report), str(corpus)], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    make_seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return 2
    size = report.stat().st_size
    t0 = time.perf_counter()  # the same run with a format that keeps no text: what the page itself costs
    subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--exit-zero", "--output-format", "json-lines",
                    str(corpus)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    plain_seconds = time.perf_counter() - t0
    findings = len(json.loads(subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--isolated", "--exit-zero", "--output-format", "json", str(corpus)],
        env=env, cwd=ROOT, capture_output=True, text=True).stdout))

    loads, renders, paints, articles, filters, heaps, shown = [], [], [], [], [], [], []
    driver = start_browser(chromium, driver_path)
    try:
        for _ in range(args.repeats):
            driver.get("about:blank")
            t = time.perf_counter()
            driver.get(report.resolve().as_uri())  # returns at the load event: the page has drawn
            loads.append((time.perf_counter() - t) * 1000)
            assert driver.execute_script("return document.documentElement.dataset.ready") == "true"
            renders.append(float(driver.execute_script("return document.documentElement.dataset.renderMs")))
            paints.append(first_paint(driver))
            articles.append(driver.execute_script(
                "var t = performance.now(); document.getElementById('tab-articles').click(); return performance.now() - t;"))
            filters.append(driver.execute_script(
                "var t = performance.now(); document.querySelector('button.chip[data-family=\"NL1xx\"]').click();"
                " return performance.now() - t;"))
            shown.append(driver.execute_script("return document.querySelectorAll('ol.articles li').length"))
            heaps.append(driver.execute_script("return performance.memory ? performance.memory.usedJSHeapSize : 0") / 1e6)
        errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    finally:
        stop_browser(driver)
    if errors:
        print(f"bench: console errors: {errors}", file=sys.stderr)
        return 2

    med = statistics.median
    version = subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip() or "chromium"
    lines = [
        f"Machine: {platform.machine()}, {len(os.sched_getaffinity(0))} CPUs available, {version}. "
        f"Generated {time.strftime('%Y-%m-%d')} by `python bench/html_report.py`; browser times are the median of "
        f"{args.repeats} loads (range in brackets) in one headless Chromium.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| input | {args.records:,} JSON Lines records, {input_bytes / 1e6:.1f} MB (clean and residue-injected BBC articles, alternately) |",
        f"| findings | {findings:,} |",
        f"| `newslint check --output-format html` (lint + report, wall) | {make_seconds:.1f} s "
        f"(`--output-format json-lines`, same run: {plain_seconds:.1f} s) |",
        f"| report file size | {size / 1e6:.1f} MB |",
        f"| time to first render (navigation start to overview drawn, `performance.now()`) | {med(renders):,.0f} ms ({min(renders):,.0f}-{max(renders):,.0f}) |",
        f"| first contentful paint (Chromium's `first-contentful-paint` entry) | {med(paints):,.0f} ms ({min(paints):,.0f}-{max(paints):,.0f}) |",
        f"| page load as Selenium sees it (`driver.get`, to the load event) | {med(loads):,.0f} ms ({min(loads):,.0f}-{max(loads):,.0f}) |",
        f"| open the Articles tab (list page of 50 + first article drawn) | {med(articles):,.0f} ms ({min(articles):,.0f}-{max(articles):,.0f}) |",
        f"| toggle a family filter (all records re-filtered, list redrawn) | {med(filters):,.0f} ms ({min(filters):,.0f}-{max(filters):,.0f}) |",
        f"| JavaScript heap after that | {med(heaps):,.0f} MB |",
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        text = DOC.read_text(encoding="utf-8")
        if START in text:
            head, rest = text.split(START, 1)
            text = head + START + "\n" + table + "\n" + END + rest.split(END, 1)[1]
        else:
            text = text.rstrip("\n") + "\n\n## HTML report at 10,000 records\n\n" + START + "\n" + table + "\n" + END + "\n"
        DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
