"""``newslint clean IN -o OUT``: a corpus in, the same corpus out with its text fixed.

Records are streamed (large JSON Lines files in chunks, over ``--jobs`` workers, in order) and
each is written with its text fields cleaned by the selected fixes; every other field, and every
record, is kept (a record that cannot be parsed is copied as it is). ``--summary`` adds a
``newslint`` field per record: the codes found, the lines removed, the share of the text removed
and a keep/drop verdict (``--drop-above``, default more than half); ``--drop`` leaves out the
records judged "drop". Plain text, Markdown and JSON inputs are written back fixed as a whole.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import IO, Any

from .check import _print_problems, report_stream, settings
from .errors import UsageError
from .fingerprints import prepare_corpus
from .fixes import FixPolicy
from .inputs import format_of
from .linter import FileResult, Linter
from .runner import run

EXIT_CLEAN, EXIT_ERROR = 0, 2


@dataclass
class CleanCounts:
    records: int = 0
    fixed: int = 0
    dropped: int = 0


def text_fields(obj: dict[str, Any], config) -> dict[str, str]:
    names = [n for n in (*config.title_fields, *config.body_fields) if isinstance(obj.get(n), str)]
    return {n: obj[n] for n in names}


def record_summary(before: dict, after: dict, codes: list[str], config, drop_above: float) -> dict[str, Any]:
    """The ``newslint`` field of one record: what was found and removed, and the verdict."""
    old, new = text_fields(before, config), text_fields(after, config)
    lines_before = sum(1 for t in old.values() for line in t.split("\n") if line.strip())
    lines_after = sum(1 for t in new.values() for line in t.split("\n") if line.strip())
    size = sum(len(t) for t in old.values())
    share = 1 - sum(len(t) for t in new.values()) / size if size else 0.0
    share = max(0.0, share)
    return {"codes": sorted(set(codes)), "lines_removed": max(0, lines_before - lines_after),
            "residue_share": round(share, 4), "verdict": "drop" if share > drop_above else "keep"}


def write_records(out: IO[str], result: FileResult, first_line: int, args, config, counts: CleanCounts) -> None:
    """Write one JSON Lines result (a file or a chunk), record by record, with summaries."""
    original = (result.source or "").split("\n")
    fixed = result.fixed.fixed.split("\n") if result.fixed and result.fixed.fixed is not None else original
    found = result.fixed.found if result.fixed else result.diagnostics
    codes: dict[int, list[str]] = {}
    for d in found:
        codes.setdefault(d.record or 0, []).append(d.code)
    last = len(original) - 1
    for i, (before, after) in enumerate(zip(original, fixed)):
        end = "\n" if i < last else ""
        try:
            obj_before, obj_after = json.loads(before), json.loads(after)
        except ValueError:
            out.write(after + end)  # a blank line or a record newslint could not read: copied
            continue
        if not isinstance(obj_after, dict):
            out.write(after + end)
            continue
        counts.records += 1
        counts.fixed += before != after
        summary = record_summary(obj_before, obj_after, codes.get(first_line + i, []), config, args.drop_above)
        if args.drop and summary["verdict"] == "drop":
            counts.dropped += 1
            continue
        if args.summary:
            obj_after["newslint"] = summary
            after = json.dumps(obj_after, ensure_ascii=False)
        out.write(after + end)


def cmd_clean(args) -> int:
    for key, value in (("select", None), ("extend_select", None), ("ignore", None), ("fail_on", None),
                       ("baseline", None), ("stdin_filename", "-")):
        setattr(args, key, getattr(args, key, value))
    args.paths = [args.input]
    config, jobs, paths = settings(args)
    if args.output and args.output == args.input:
        raise UsageError("clean writes a new file: -o must differ from the input (use check --fix to edit in place)")
    linter = Linter(config, keep_source=True, fix=FixPolicy(unsafe=args.unsafe_fixes, strict=False))
    prepare_corpus(args, linter, paths, config, jobs)
    records = format_of(args.input if args.input != "-" else args.stdin_filename) == "jsonl"
    counts, errors, lines = CleanCounts(), 0, 0
    with report_stream(args.output, paths) as out:  # never an input, however it is spelled
        for result in run(paths, config, jobs=jobs, stdin_name=args.stdin_filename, linter=linter):
            _print_problems(result)
            errors += len(result.errors) + len(result.crashes)
            if not result.path:
                continue
            if records:
                write_records(out, result, lines + 1, args, config, counts)
                lines += (result.source or "").count("\n")
            else:
                fixed = result.fixed.fixed if result.fixed and result.fixed.fixed is not None else result.source
                out.write(fixed or "")
                counts.records += 1
                counts.fixed += bool(result.fixed and result.fixed.fixed is not None)
    print(f"newslint: cleaned {counts.fixed} of {counts.records} records"
          + (f"; dropped {counts.dropped}" if args.drop else "") + ".", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_CLEAN
