#!/usr/bin/env python3
"""Lint a JSON Lines corpus on a Ray cluster; write one Parquet row per finding.

    python examples/ray_corpus.py INPUT.jsonl OUTPUT.parquet [--num-cpus N] [--address auto]

Locally it starts a Ray cluster on this machine. On a real cluster, submit the same script:

    ray job submit --address http://HEAD:8265 --working-dir . -- \\
        python examples/ray_corpus.py s3://bucket/articles/ s3://bucket/newslint-findings/ --address auto

INPUT may be a file, a folder or an object-store prefix of .jsonl files; OUTPUT a Parquet file
(local runs) or folder/prefix. Findings carry the record's physical line, as the CLI reports it.
"""
from __future__ import annotations

import argparse
import os

import ray

from newslint.integrations.ray import NewslintBatch, jsonl_lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--num-cpus", type=int, default=None, help="CPUs for a local cluster")
    ap.add_argument("--address", default=None, help="'auto' to join a running cluster")
    ap.add_argument("--concurrency", type=int, default=None, help="linting actors (default: CPUs)")
    ap.add_argument("--config", default=None, help="a newslint config file")
    args = ap.parse_args()

    ray.init(address=args.address, num_cpus=args.num_cpus, include_dashboard=False, log_to_driver=False)
    # an autoscaling pool: at least one actor, up to one per CPU, so reading is never starved
    actors = (1, args.concurrency or max(1, int(ray.cluster_resources().get("CPU", 1))))
    files = ray.data.read_binary_files(args.input, include_paths=True, file_extensions=["jsonl", "ndjson"])
    findings = jsonl_lines(files).map_batches(
        NewslintBatch, fn_constructor_kwargs={"config": args.config}, concurrency=actors,
        batch_size=256, batch_format="pyarrow")
    if args.output.endswith(".parquet") and "://" not in args.output:
        # a local run writes one file, sorted like the CLI's JSON output
        import pyarrow as pa
        import pyarrow.parquet as pq

        tables = [t for t in ray.get(findings.to_arrow_refs()) if t.num_rows]
        merged = pa.concat_tables(tables) if tables else NewslintBatch.empty()
        order = [(c, "ascending") for c in ("path", "line", "column", "code", "message")]
        os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
        pq.write_table(merged.sort_by(order), args.output)
    else:
        findings.write_parquet(args.output)
    ray.shutdown()


if __name__ == "__main__":
    main()
