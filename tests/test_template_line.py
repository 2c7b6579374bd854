"""NL305: template lines across a corpus, from a first pass of line fingerprints."""
from __future__ import annotations

import json
import random

from newslint.fingerprints import FingerprintTable

TEMPLATES = {
    "example.com": ["Get the latest headlines in your inbox every morning.",
                    "Our Standards: The Example Trust Principles apply here.",
                    "Sign up for the weekly digest of our best stories."],
    "other.org": ["Support independent journalism with a small monthly gift.",
                  "All rights reserved by Other Media Group and partners."],
}


def make_corpus(path, n: int = 60, seed: int = 7) -> tuple[set, set]:
    """Records of two sites; template lines in many records of their own site, a few unique lines
    each. Returns the (record, line) pairs of template lines and of unique lines."""
    rng = random.Random(seed)
    templated, unique = set(), set()
    rows = []
    for i in range(n):
        site = "example.com" if i % 3 else "other.org"
        lines = [f"Unique sentence number {i} about the {rng.choice(['bank', 'club', 'court'])} and its ruling {k}."
                 for k in range(3)]
        chosen = [t for t in TEMPLATES[site] if rng.random() < 0.8]
        body = lines[:2] + chosen + lines[2:]
        rows.append(json.dumps({"id": i, "url": f"https://www.{site}/story/{i}", "title": f"Story number {i} today",
                                "body": "\n\n".join(body)}))
        for k, text in enumerate(body):
            (templated if text in chosen else unique).add((i + 1, text))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return templated, unique


def findings(cli, *args):
    isolated = () if "--config" in args else ("--isolated",)
    proc = cli("check", *isolated, "--extend-select", "NL305", "--select", "NL305", "--output-format", "json", *args)
    assert proc.returncode in (0, 1), proc.err
    return json.loads(proc.out)


def test_template_lines_found_in_every_record_of_their_source(cli, tmp_path):
    from newslint.config import Config
    from newslint.linter import Linter
    from newslint.runner import count_pass

    corpus = tmp_path / "c.jsonl"
    templated, unique = make_corpus(corpus)
    config = Config(select=["NL305"])
    linter = Linter(config)
    linter.corpus = count_pass([str(corpus)], config, 1, linter)
    found = linter.lint_file(str(corpus)).diagnostics
    hits = {(d.record, d.excerpt) for d in found}
    assert len(hits & templated) / len(templated) >= 0.95
    assert not hits & unique and len(hits) == len(found)
    # the same findings from the command line, with one process and with a pool
    one = findings(cli, "-j", "1", str(corpus))
    assert findings(cli, "-j", "2", str(corpus)) == one and len(one) == len(found)


def test_single_file_is_off_unless_fingerprints_are_given(cli, tmp_path):
    corpus = tmp_path / "c.jsonl"
    make_corpus(corpus)
    table = tmp_path / "site.fp"
    findings(cli, "--write-fingerprints", str(table), str(corpus))
    assert len(FingerprintTable.read(str(table))) >= 5
    article = tmp_path / "new.txt"
    article.write_text("A new story for today here\n\nA fresh sentence about the bank.\n\n"
                       "Get the latest headlines in your inbox every morning.\n", encoding="utf-8")
    assert findings(cli, str(article)) == []
    # the folder scope: the learned counts were keyed by the records' domain, so use scope "run"
    cfg = tmp_path / "newslint.toml"
    cfg.write_text('[rules.NL305]\nscope = "run"\n', encoding="utf-8")
    run_table = tmp_path / "run.fp"
    assert findings(cli, "--config", str(cfg), "--write-fingerprints", str(run_table), str(corpus))
    got = findings(cli, "--config", str(cfg), "--fingerprints", str(run_table), str(article))
    assert [d["line"] for d in got] == [5]


def test_fixing_template_lines(cli, tmp_path):
    corpus = tmp_path / "c.jsonl"
    make_corpus(corpus, n=30)
    proc = cli("check", "--isolated", "--extend-select", "NL305", "--fix", "--unsafe-fixes", "--select", "NL305",
               str(corpus))
    assert proc.returncode == 0, proc.out + proc.err
    text = corpus.read_text(encoding="utf-8")
    assert "Get the latest headlines" not in text and "Unique sentence number 29" in text


def test_ray_two_stages_equal_the_cli(cli, tmp_path):
    pa = __import__("pytest").importorskip("pyarrow")
    from newslint.config import Config
    from newslint.integrations.ray import FingerprintBatch, NewslintBatch, corpus_counts

    corpus = tmp_path / "c.jsonl"
    make_corpus(corpus, n=40)
    lines = corpus.read_text(encoding="utf-8").splitlines()
    rows = pa.table({"path": [str(corpus)] * len(lines), "line": list(range(1, len(lines) + 1)), "raw": lines})
    config = Config(select=["NL305"])

    class FakeDataset:  # the three Dataset calls corpus_counts makes, over two batches
        def __init__(self, table):
            self.table = table

        def count(self):
            return self.table.num_rows

        def map_batches(self, cls, fn_constructor_kwargs, **_):
            step = cls(**fn_constructor_kwargs)
            half = self.table.num_rows // 2
            return FakeDataset(pa.concat_tables([step(self.table.slice(0, half)), step(self.table.slice(half))]))

        def groupby(self, key):
            self.key = key
            return self

        def sum(self, column):
            sums = {}
            for row in self.table.to_pylist():
                sums[row[self.key]] = sums.get(row[self.key], 0) + row[column]
            return FakeDataset(pa.table({self.key: list(sums), f"sum({column})": list(sums.values())}))

        def iter_rows(self):
            return iter(self.table.to_pylist())

    assert FingerprintBatch(config)(rows).num_rows > 0
    table = corpus_counts(FakeDataset(rows), config)
    found = NewslintBatch(config, fingerprints=table)(rows).to_pylist()
    keys = ("record", "code", "line", "column", "end_column")
    cli_rows = findings(cli, str(corpus))
    assert sorted(tuple(r[k] for k in keys) for r in found) == sorted(tuple(d[k] for k in keys) for d in cli_rows)
    assert cli_rows
