"""NL406's model: the shipped weights load, scoring is deterministic and plain Python, and the
model's behaviour on chosen paragraphs (written for this test, not taken from any corpus) is pinned."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newslint.document import Document
from newslint.parsers.text import plain_blocks
from newslint_rules import _filler_model as fm
from newslint_rules.filler_model import FillerModel

TITLE = "Port strike halts grain exports"
NEWS = [
    "Dock workers at the port of Harwick walked out on Tuesday, stopping grain shipments worth £40m a week, the union said.",
    '"We have asked for talks since March," said union organiser Maria Keane, adding that 300 members had voted.',
    "Harwick handles about a fifth of the country's wheat exports, according to figures from the Grain Council.",
]
# filler in phrasings that no template of the training data uses
UNSEEN_FILLER = "Whether you follow shipping closely or not, this is the kind of story everyone in business should be watching."
UNSEEN_HYPE = "In today's ever-changing world, few things matter more than knowing what happens next for business."
UNSEEN_ASSISTANT = "Sure, here is a shorter version of the piece you asked for:"


def article(*extra: str) -> str:
    """The news paragraphs with ``extra`` after the first (so on line 5)."""
    return TITLE + "\n\n" + "\n\n".join([NEWS[0], *extra, *NEWS[1:]]) + "\n"


def scores(*extra: str) -> dict[str, float]:
    text = article(*extra)
    doc = Document(path="a.txt", format="text", source=text, blocks=plain_blocks(text))
    title, lines = fm.body_lines(doc)
    feats = fm.document_features(title, [l.text for l in lines])
    return {l.text: fm.score(f) for l, f in zip(lines, feats) if f is not None}


def test_model_file_loads_and_matches_the_features():
    model = fm.load_model()
    assert model["name"] == "filler-model" and isinstance(model["version"], int)
    assert model["features"] == list(fm.FEATURES)
    assert len(model["weights"]) == len(fm.FEATURES)
    assert all(isinstance(w, float) for w in model["weights"])


def test_rule_default_threshold_is_the_trained_one():
    assert FillerModel.options["threshold"] == pytest.approx(fm.load_model()["threshold"], abs=0.001)


def test_dense_news_paragraphs_score_low():
    found = scores()
    assert NEWS[2] in found  # scored; the others hold too many names and numbers to be scored at all
    assert all(found.get(t, 0.0) < 0.05 for t in NEWS)


def test_unseen_filler_scores_high_and_above_every_news_paragraph():
    found = scores(UNSEEN_FILLER, UNSEEN_HYPE)
    news = max(found.get(t, 0.0) for t in NEWS)
    threshold = FillerModel.options["threshold"]
    assert found[UNSEEN_FILLER] >= threshold and found[UNSEEN_HYPE] >= threshold
    assert min(found[UNSEEN_FILLER], found[UNSEEN_HYPE]) > news + 0.4


def test_assistant_meta_talk_is_reported_with_the_model_probability_as_confidence():
    found = scores(UNSEEN_ASSISTANT)
    assert found[UNSEEN_ASSISTANT] >= FillerModel.options["threshold"]
    from newslint.testing import RuleTester

    (d,) = RuleTester(FillerModel).lint(article(UNSEEN_ASSISTANT))
    assert (d.line, d.column) == (5, 1)
    assert d.confidence == pytest.approx(found[UNSEEN_ASSISTANT], abs=1e-4)
    assert "filler" in d.message


def test_threshold_option_trades_recall_for_precision():
    from newslint.testing import RuleTester

    text = article(UNSEEN_FILLER)
    assert RuleTester(FillerModel, threshold=1.0).lint(text) == []
    assert [d.line for d in RuleTester(FillerModel, threshold=0.5).lint(text)] == [5]


def test_only_sentence_like_lines_without_many_new_names_are_scored():
    long_line = " ".join(["word"] * 45) + "."
    headline = "Whether you follow shipping closely or not this is the story"
    names = "Officials in Harwick, Dover and Tilbury met Maria Keane on Tuesday to discuss it."
    title_names = "Port strike halts grain exports: what the Port Strike means for Grain Exports."
    feats = fm.document_features(TITLE, ["Share this now.", long_line, headline, names, title_names, UNSEEN_FILLER])
    assert [f is None for f in feats] == [True, True, True, True, False, False]


def test_scoring_is_deterministic_and_needs_no_numpy():
    code = (
        "import sys, json\n"
        "from newslint_rules import _filler_model as fm\n"
        f"f = fm.document_features({TITLE!r}, {[NEWS[0], UNSEEN_FILLER]!r})\n"
        "print(json.dumps([fm.score(x) for x in f]))\n"
        "print(any(m in sys.modules for m in ('numpy', 'sklearn')))\n"
    )
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs[0] == runs[1]
    first, numpy_loaded = runs[0].splitlines()
    assert numpy_loaded == "False"
    assert json.loads(first) == [fm.score(x) for x in fm.document_features(TITLE, [NEWS[0], UNSEEN_FILLER])]


def test_retraining_reproduces_the_shipped_model(shared, tmp_path):
    """The model file is current: one offline command rebuilds it, weight for weight."""
    pytest.importorskip("sklearn")
    from conftest import ROOT

    out = tmp_path / "model.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "train_filler.py"), "--corpus", str(shared / "corpus"),
                    "--out", str(out)], check=True, capture_output=True, text=True, timeout=600)
    assert json.loads(out.read_text(encoding="utf-8")) == fm.load_model()


def test_nl406_is_opt_in():
    from newslint import Config, lint_text

    text = article(UNSEEN_ASSISTANT)
    assert not [d for d in lint_text(text) if d.code == "NL406"]
    assert [d for d in lint_text(text, config=Config(extend_select=["NL406"])) if d.code == "NL406"]
