"""NL304's residue-line model (behaviour pinned on chosen lines) and `confidence` on findings."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newslint import Config, lint_text
from newslint.config import config_from_table
from newslint.errors import ConfigError
from newslint_rules import _residue_model as rm


BODY = [
    "The central bank raised its main interest rate by a quarter of a percentage point on Thursday, "
    "its third increase this year.",
    "\u201cWe will do whatever it takes to bring inflation back to target,\u201d the governor told "
    "reporters after the meeting.",
    "Economists had expected the move, although some warned that higher borrowing costs could slow "
    "the housing market.",
    "The decision was taken by seven votes to two, with both dissenting members preferring to keep "
    "rates on hold.",
]
ARTICLE = "Bank raises rates again as inflation stays high\n\n" + "\n\n".join(BODY) + "\n"


ON = Config(extend_select=["NL304"])  # NL304 is opt-in

def _scores(text: str) -> dict[str, float]:
    from newslint.linter import Linter

    doc = Linter(Config(select=["NL304"])).parse("a.txt", text)[0]
    return {line.text: p for line, p in rm.score_document(doc)}


def _with(lines: list[str]) -> str:
    """The chosen residue lines placed among real-looking body paragraphs."""
    parts = [BODY[0], BODY[1], *lines, BODY[2], BODY[3]]
    return "Bank raises rates again as inflation stays high\n\n" + "\n\n".join(parts) + "\n"


def test_model_file_loads_and_matches_features():
    model = rm.load_model()
    assert model.data["features"] == rm.feature_names()
    assert 0 < model.threshold < 1
    assert model.version.startswith(f"{rm.FEATURES_VERSION}.")


def test_scoring_is_deterministic_and_needs_no_numpy():
    code = ("import sys, json\n"
            "from newslint import Config, lint_text\n"
            f"ds = lint_text({_with(['Share this article', 'Posted by admin | 3 comments'])!r}, "
            "config=Config(extend_select=['NL304']))\n"
            "print(json.dumps([(d.code, d.line, d.confidence) for d in ds]))\n"
            "print('numpy' in sys.modules or 'sklearn' in sys.modules)\n")
    outs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert outs[0] == outs[1]
    assert outs[0].splitlines()[-1] == "False"


def test_chrome_lines_score_high_and_news_prose_low():
    threshold = rm.load_model().threshold
    scores = _scores(_with(["Share this article", "Posted by admin | 3 comments"]))
    assert scores["Share this article"] >= threshold
    assert scores["Posted by admin | 3 comments"] >= 0.5  # high, though the shipped threshold is higher
    for line in BODY:  # quoted and plain news sentences
        assert scores[line] < 0.05, line


def test_nl304_is_opt_in():
    assert not [d for d in lint_text(_with(["Share this article", "Posted by admin | 3 comments"])) if d.code == "NL304"]


def test_clean_article_has_no_nl304_finding():
    assert not [d for d in lint_text(ARTICLE, config=ON) if d.code == "NL304"]


def test_confidence_on_every_finding():
    diags = lint_text(_with(["Share this article", "Posted by admin | 3 comments"]), config=ON)
    nl304 = [d for d in diags if d.code == "NL304"]
    assert nl304 and all(0 < d.confidence < 1 for d in nl304)
    assert all(d.confidence == 1.0 for d in diags if d.code != "NL304")
    assert all("confidence" in d.to_dict() for d in diags)


def test_min_confidence_config_global_and_per_rule():
    text = _with(["Share this article", "Posted by admin | 3 comments"])
    assert [d for d in lint_text(text, config=ON) if d.code == "NL304"]
    assert not [d for d in lint_text(text, config=Config(min_confidence=1.0, extend_select=["NL304"]))
                if d.confidence < 1.0]
    cfg = config_from_table({"extend-select": ["NL304"], "rules": {"NL304": {"min-confidence": 1.0}}})
    diags = lint_text(text, config=cfg)
    assert not [d for d in diags if d.code == "NL304"]
    assert [d for d in diags if d.code == "NL301"]  # exact rules keep confidence 1.0
    with pytest.raises(ConfigError, match="min-confidence"):
        config_from_table({"min-confidence": 1.5})


def test_min_confidence_cli_flag_and_outputs(cli, tmp_path, shared):
    path = tmp_path / "a.txt"
    path.write_text(_with(["Share this article", "Posted by admin | 3 comments"]), encoding="utf-8")
    out = json.loads(cli("check", "--extend-select", "NL304", "--output-format", "json", str(path)).out)
    confidences = {d["code"]: d["confidence"] for d in out}
    assert "NL304" in confidences and confidences["NL304"] < 1.0
    strict = json.loads(cli("check", "--extend-select", "NL304", "--output-format", "json", "--min-confidence", "0.999", str(path)).out)
    assert strict and all(d["confidence"] >= 0.999 for d in strict)
    lines = cli("check", "--extend-select", "NL304", "--output-format", "json-lines", str(path)).out.splitlines()
    assert all("confidence" in json.loads(line) for line in lines)
    sarif_path = tmp_path / "r.sarif"
    cli("check", "--extend-select", "NL304", "--output-format", "sarif", "-o", str(sarif_path), str(path))
    results = json.loads(sarif_path.read_text())["runs"][0]["results"]
    assert all(0 < r["properties"]["confidence"] <= 1 for r in results)
    proc = subprocess.run([sys.executable, str(shared / "tools" / "validate_report.py"), "sarif", str(sarif_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    bad = cli("check", "--min-confidence", "2", str(path))
    assert bad.returncode == 2
    cfg = tmp_path / "newslint.toml"
    cfg.write_text('extend-select = ["NL304"]\n\n[rules.NL304]\nmin-confidence = 1.0\n')
    out = json.loads(cli("check", "--extend-select", "NL304", "--output-format", "json", str(path), cwd=tmp_path).out)
    assert not [d for d in out if d["code"] == "NL304"]


def test_jobs_workers_score_like_one_process(cli, tmp_path):
    text = _with(["Share this article", "Posted by admin | 3 comments"])
    for i in range(12):
        (tmp_path / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
    one = json.loads(cli("check", "--extend-select", "NL304", "--output-format", "json", "-j", "1", str(tmp_path)).out)
    two = json.loads(cli("check", "--extend-select", "NL304", "--output-format", "json", "-j", "2", str(tmp_path)).out)
    assert one == two and any(d["code"] == "NL304" for d in one)


def test_a_sentence_ending_in_a_footnote_marker_is_still_a_sentence():
    """"…on Friday.[1]" ends a sentence: NL304's prose gate and its terminal feature see past the
    marker, so a body line that cites a footnote is not scored as residue for it."""
    marked = [BODY[0] + "[1]", BODY[1] + "[2]", BODY[2] + "\u00b3", BODY[3]]
    assert rm.document_features(marked, "Bank raises rates", set()) == rm.document_features(
        BODY, "Bank raises rates", set())


def test_fixing_injected_footnotes_keeps_every_body_line(shared):
    """With NL304 selected and unsafe fixes, every line that fixing the original article keeps is
    kept in its injected copies with footnote defects (the lede that cites a footnote was lost)."""
    import re

    from newslint.fixes import FixPolicy
    from newslint.linter import Linter

    linter = Linter(Config(extend_select=["NL304"]), fix=FixPolicy(unsafe=True))
    originals = {r["id"]: r["text"] for r in map(json.loads, (shared / "corpus/clean/bbc.jsonl").open())}
    def bare(text: str) -> list[str]:  # the lines without markers, whitespace runs made one space
        return [" ".join(re.sub(r"\[\d+\]|[\u00b9\u00b2\u00b3]", "", x).split()) for x in text.split("\n")]

    def fix(text: str) -> str:
        result = linter.lint_source("a.txt", text)
        return result.fixed.fixed if result.fixed and result.fixed.fixed is not None else text

    lost = []
    for rec in map(json.loads, (shared / "corpus/injected/bbc_injected.jsonl").open()):
        if not any(d["cls"] == "footnote" for d in rec["inserted"]):
            continue
        kept = " ".join(bare(fix(rec["text"])))  # the injection joined some bulleted lists into one line
        lost += [(rec["id"], x[:60]) for x in bare(fix(originals[rec["id"]])) if x and x not in kept]
    assert lost == []
