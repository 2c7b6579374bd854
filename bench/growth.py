#!/usr/bin/env python3
"""Growth bench: does linting time stay linear in input size, for every input shape?

For each shape it builds inputs of doubling size (default 10 KB to 10 MB), lints each in process
(``Linter.lint_source``, CPU time of this process, best of 3), and prints the time ratio per
doubling. A ratio above 2.3 is measured once more, then flagged: linear code doubles, quadratic
code quadruples. On a
shared machine single ratios are noisy, so it also prints each shape's growth exponent (the
log-log slope over all sizes), which is what to judge by. The
character cap that normally bounds a file is lifted here, so a quadratic path cannot hide
behind it. A shape whose single run passes --budget seconds stops growing (and is flagged).

    python bench/growth.py [--min-kb 10] [--max-mb 10] [--budget 20] [--shape NAME ...]
"""
from __future__ import annotations

import argparse
import random
import sys
import time

import newslint.inputs as inputs
import newslint.linter as linter_module
from newslint.config import Config
from newslint.linter import Linter

WORDS = ("council minister report budget river school police village market election health "
         "court energy farmers storm museum league transport hospital workers bridge").split()


def _sentence(rng: random.Random) -> str:
    n = rng.randint(8, 20)
    words = [rng.choice(WORDS) + (str(rng.randint(0, 99)) if rng.random() < 0.05 else "") for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def prose(size: int, rng: random.Random) -> str:
    out, total = ["Council approves budget for the coming year", ""], 0
    while total < size:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        out += [para, ""]
        total += len(para) + 2
    return "\n".join(out)


def short_lines_paragraph(size: int, rng: random.Random) -> str:
    lines, total = ["Council approves budget for the coming year", ""], 0
    while total < size:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5)))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


def footnotes(size: int, rng: random.Random) -> str:
    body, notes, total, i = [], [], 0, 1
    while total < size:
        body.append(f"{_sentence(rng)[:-1]}[{i}].")
        notes.append(f"[{i}] Source note {i}: {_sentence(rng)}")
        total += len(body[-1]) + len(notes[-1]) + 2
        i += 1
    return "Council approves budget for the coming year\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(notes)


def repeated_lines(size: int, rng: random.Random) -> str:
    pool = [_sentence(rng) for _ in range(50)]
    lines, total = ["Council approves budget for the coming year", ""], 0
    while total < size:
        lines += [rng.choice(pool), ""]
        total += len(lines[-2]) + 2
    return "\n".join(lines)


def adversarial_lines(size: int, rng: random.Random) -> str:
    shapes = ["Share", "|", "[1][2][3][4]", "Latest", "(AP Photo/Name)", "12 comments", "— —", "<!-- x -->", "**"]
    lines, total = ["Council approves budget for the coming year", ""], 0
    while total < size:
        lines.append(rng.choice(shapes))
        total += len(lines[-1]) + 1
    return "\n".join(lines)


def html_paragraphs(size: int, rng: random.Random) -> str:
    parts, total = ["<h1>Council approves budget for the coming year</h1>"], 0
    while total < size:
        parts.append(f"<p>{_sentence(rng)}</p>\n")
        total += len(parts[-1])
    return "".join(parts)


SHAPES = {
    "prose.txt": (prose, "txt"), "prose.md": (prose, "md"),
    "short-lines.txt": (short_lines_paragraph, "txt"), "short-lines.md": (short_lines_paragraph, "md"),
    "footnotes.txt": (footnotes, "txt"), "footnotes.md": (footnotes, "md"),
    "repeated.txt": (repeated_lines, "txt"), "repeated.md": (repeated_lines, "md"),
    "adversarial.txt": (adversarial_lines, "txt"), "adversarial.md": (adversarial_lines, "md"),
    "paragraphs.html": (html_paragraphs, "html"),
}


def cpu_seconds(linter: Linter, name: str, text: str, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        linter.lint_source(name, text)
        best = min(best, time.process_time() - t0)
    return best


def growth_exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) on log(size): one number per shape, robust to one noisy run."""
    import math

    pts = [(math.log(n), math.log(t)) for n, t in points if t > 0.01]
    if len(pts) < 2:
        return 1.0
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-kb", type=int, default=10)
    ap.add_argument("--max-mb", type=float, default=10)
    ap.add_argument("--budget", type=float, default=20.0, help="stop growing a shape past this many seconds")
    ap.add_argument("--shape", action="append", choices=sorted(SHAPES))
    args = ap.parse_args()
    inputs.MAX_CHECK_CHARS = linter_module.MAX_CHECK_CHARS = 1 << 40  # measure the code, not the cap
    linter = Linter(Config())
    flagged = []
    exponents = {}
    print(f"{'shape':18} {'size':>8} {'cpu s':>8} {'x/doubling':>10}")
    for name in args.shape or SHAPES:
        make, suffix = SHAPES[name]
        size, previous = args.min_kb * 1024, None
        points = []
        while size <= args.max_mb * 1024 * 1024:
            text = make(size, random.Random(size))
            seconds = cpu_seconds(linter, f"growth.{suffix}", text, repeats=3 if size < 2 << 20 else 1)
            ratio = seconds / previous if previous and previous > 0.002 else None
            if ratio and ratio > 2.3:  # one slow run on a shared machine is not a trend: measure again
                seconds = min(seconds, cpu_seconds(linter, f"growth.{suffix}", text, repeats=1))
                ratio = seconds / previous
            mark = "  <-- above 2.3" if ratio and ratio > 2.3 else ""
            if mark:
                flagged.append(f"{name} at {len(text) / 1e6:.2f} MB: {ratio:.2f}x")
            shown = f"{ratio:10.2f}" if ratio else f"{'':>10}"
            print(f"{name:18} {len(text) / 1e6:7.2f}M {seconds:8.3f} {shown}{mark}", flush=True)
            points.append((len(text), seconds))
            if seconds > args.budget:
                flagged.append(f"{name}: {seconds:.1f} s at {len(text) / 1e6:.2f} MB, past the budget")
                break
            previous, size = seconds, size * 2
        exponents[name] = growth_exponent(points)
    print("\ngrowth exponent (log-log slope over the sizes above 0.01 s; 1.0 is linear, 2.0 quadratic):")
    for name, exponent in exponents.items():
        print(f"  {name:18} {exponent:5.2f}" + ("  <-- super-linear" if exponent > 1.25 else ""))
    print("\nflagged:" if flagged else "\nevery shape grew at most 2.3x per doubling")
    for line in flagged:
        print(f"  {line}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
