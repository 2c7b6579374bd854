"""The residue-line model: shallow, site-independent line features and a tiny scorer.

Each non-blank line of a document gets a vector of shallow features, in the spirit of
Kohlschütter et al. ("Boilerplate Detection using Shallow Text Features", WSDM 2010), jusText
(stop-word density, with the neighbouring lines as context) and the C4 / FineWeb line filters:
length, stop-word share in the document's language, terminal punctuation, capitalisation and
digit ratios, URL / e-mail / handle / timestamp / id shapes, the share of UI and social-network
words, whether NL301's phrase inventory matches, the line's position in the document, its
overlap with the title, whether it repeats elsewhere in the document, and the same few
features of the lines before and after it.

The weights live in ``data/residue_model.json``, written by ``bench/train_models.py`` (which
needs scikit-learn; linting does not). Scoring is plain Python arithmetic: deterministic, no
NumPy, nothing to set up in ``--jobs`` worker processes or Ray actors beyond reading one small
JSON file once per process. The feature code here is used by both training and linting, so the
two cannot drift apart; ``FEATURES_VERSION`` is stored in the model file and checked on load.
"""
from __future__ import annotations

import json
import math
import os
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ._text import DATA_DIR, load_data

if TYPE_CHECKING:
    from newslint import Document

FEATURES_VERSION = 3
MODEL_FILE = os.path.join(DATA_DIR, "residue_model.json")

# Words of page furniture rather than of stories: sharing, account, navigation, media-player
# and publishing-system vocabulary, in the languages of the stop-word lists. A line made mostly
# of them is a widget, a menu or a credit. This is a feature among many, not a decision list.
UI_WORDS = frozenset("""
share shares shared sharing tweet retweet email e-mail mail print comment comments commented reply replies
login log sign signin signup subscribe subscribed subscriber subscribers subscription newsletter newsletters
follow followers following like likes menu search home click tap here read more view views watch watching
video videos photo photos image images gallery slideshow advertisement advertising ad ads sponsored sponsor
cookie cookies privacy policy terms conditions rights reserved copyright contact about us related tags tag
topics posted updated published author authors editor source credit credits download app apps account
register next previous prev back top skip content navigation page loading play playlist now story stories
latest popular trending recommended partner promo offer deal buy shop cart free trial premium unlock
filed under category categories permalink bookmark save saved min mins minutes ago link links copy
facebook twitter whatsapp linkedin pinterest reddit telegram instagram youtube tiktok rss flipboard x
getty shutterstock reuters ap afp epa istock pa
teilen kommentar kommentare anmelden abonnieren weiterlesen mehr lesen foto bild werbung
partager commentaires connexion abonnez lire publicité
compartir comentarios suscríbete leer publicidad compartilhar comentários assine leia publicidade
condividi commenti iscriviti leggi pubblicità
поделиться комментарии подписаться читать реклама фото
""".split())
MONTHS = frozenset("""
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august
september october november december mon tue wed thu fri sat sun monday tuesday wednesday thursday
friday saturday sunday am pm gmt utc est edt bst cet pst
""".split())
TERMINAL = (".", "!", "?", "…", "。", "！", "？", ".\"", ".”", "!”", "?”", ".'", ".’", "!\"", "?\"", ".»", ":")
STRIP = "\"'“”‘’«»()[]{}.,;:!?…|•·-–—*/\\#@+=_~<>"
URL_RE = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|co\.uk|io|ru|de|br|it|id|jp|kr)\b", re.I)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
HANDLE_RE = re.compile(r"(?:^|\s)[@#]\w{2,}")
#: footnote markers closing a line ("on Friday.[1]", "on Friday.³"): the sentence ends before them
CITED_END_RE = re.compile(r"(?:\[(?:\d{1,3}|\^[^\]\s]{1,20})\]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079])+$")
TIME_RE = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
SEPARATORS = ("|", "•", "·", "»", "›", "/", "—", "–", ">")

#: Own features of one line, in order; the neighbours contribute ``CONTEXT`` of them each.
OWN = (
    "log_words", "log_chars", "stop_share", "stop_rel", "terminal", "ends_colon", "starts_upper",
    "title_case_share", "upper_share", "digit_share", "punct_share", "url", "email", "handle",
    "time_shape", "month_share", "number_only", "ui_share", "phrase_hit", "separators", "bracket_tag",
    "quote", "bullet_start", "mean_word_len", "title_overlap", "repeated", "rel_pos", "edge_dist",
    "short", "long",
)
CONTEXT = ("log_words", "stop_share", "terminal", "ui_share", "phrase_hit", "short")
_CTX_INDEX = tuple(OWN.index(n) for n in CONTEXT)
#: Document-level features appended to every line's vector.
DOC = ("doc_log_lines", "doc_stop", "doc_no_stoplist")


def feature_names() -> list[str]:
    names = list(OWN)
    for side in ("prev", "next", "prev2", "next2"):
        names += [f"{side}_{n}" for n in CONTEXT]
    names += ["prev_missing", "next_missing"]
    return names + list(DOC)


@lru_cache(maxsize=None)
def _stoplists() -> tuple[list[tuple[str, frozenset[str]]], dict[str, tuple[int, ...]]]:
    """The lists in file order, and word -> indices of the lists that hold it (one look-up a word)."""
    lists = [(lang, frozenset(ws)) for lang, ws in load_data("stopwords.toml").items()]
    index: dict[str, list[int]] = {}
    for k, (_, ws) in enumerate(lists):
        for w in ws:
            index.setdefault(w, []).append(k)
    return lists, {w: tuple(ks) for w, ks in index.items()}


def _language_stops(all_words: list[str]) -> frozenset[str]:
    """The stop-word list of the document's language: the one with most hits in its first words."""
    sample = all_words[:150]
    lists, index = _stoplists()
    hits = [0] * len(lists)
    get = index.get
    for w in sample:
        ks = get(w)
        if ks:
            for k in ks:
                hits[k] += 1
    best, best_hits = frozenset(), 0
    for (_, stops), h in zip(lists, hits):
        if h > best_hits:
            best, best_hits = stops, h
    if best_hits < max(3, 0.05 * len(sample)):
        return frozenset()
    return best


WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: A line this long that ends like a sentence and reads like prose (stop-word share at least
#: ``GATE_STOP``), with no phrase hit, link or address, is not scored: it gets probability 0.
#: The gate keeps linting fast on clean text and is applied in training and evaluation alike.
GATE_WORDS = 12
GATE_STOP = 0.2


def _own(text: str, toks: list[str], n: int, stop: float, ui: float, terminal: bool, phrase_hit: bool,
         title_words: frozenset[str], repeated: bool) -> list[float]:
    nc = len(text)
    month = sum(map(MONTHS.__contains__, toks)) / len(toks) if toks else 0.0
    raw = text.split()
    caps = sum(1 for w in raw if w[:1].isupper()) / len(raw) if raw else 0.0
    letters = sum(map(str.isalpha, text))
    digits = sum(map(str.isdigit, text))
    upper = sum(map(str.isupper, text)) if letters else 0
    alnum = letters + digits
    punct = max(0, nc - alnum - text.count(" "))
    end = text.rstrip()
    has_at = "@" in text
    overlap = len(title_words.intersection(toks)) / max(1, min(len(title_words), len(toks))) \
        if title_words and toks else 0.0
    return [
        math.log1p(n),
        math.log1p(nc),
        stop,
        0.0,  # stop_rel: filled in once the document's mean is known
        1.0 if terminal else 0.0,
        1.0 if end.endswith(":") else 0.0,
        1.0 if text[:1].isupper() else 0.0,
        caps,
        upper / letters if letters else 0.0,
        digits / alnum if alnum else 0.0,
        punct / nc if nc else 0.0,
        1.0 if "." in text and URL_RE.search(text) else 0.0,
        1.0 if has_at and EMAIL_RE.search(text) else 0.0,
        1.0 if (has_at or "#" in text) and HANDLE_RE.search(text) else 0.0,
        1.0 if digits and TIME_RE.search(text) else 0.0,
        month,
        1.0 if n and digits and letters <= 2 else 0.0,
        ui,
        1.0 if phrase_hit else 0.0,
        float(min(4, sum(text.count(s) for s in SEPARATORS))),
        1.0 if "[" in text and "]" in text else 0.0,
        1.0 if any(q in text for q in ('"', "“", "”", "«", "„")) else 0.0,
        1.0 if text[:1] in "•·*-–—>▶►" else 0.0,
        (sum(map(len, toks)) / len(toks)) / 10.0 if toks else 0.0,
        overlap,
        1.0 if repeated else 0.0,
        0.0, 0.0,  # rel_pos, edge_dist: filled in with the document's size
        1.0 if n <= 4 else 0.0,
        1.0 if n >= 25 else 0.0,
    ]


def tokens(text: str) -> list[str]:
    return WORD_RE.findall(text.casefold())


def document_features(texts: list[str], title: str | None, phrase_hits: set[int]) -> list[list[float] | None]:
    """Feature vectors for ``texts`` (a document's non-blank lines in order, title line excluded);
    None for a line the prose gate passes without scoring."""
    n = len(texts)
    # cheap words (case-folded, split on spaces) for every line: the gate and the context features
    low = [t.casefold() for t in texts]
    split = [t.split() for t in low]
    sample: list[str] = []
    for ws in split:
        sample += ws
        if len(sample) >= 150:
            break
    stops = _language_stops(sample)
    title_words = frozenset(tokens(title)) - stops if title else frozenset()
    total = sum(map(len, split))
    counts = [sum(map(stops.__contains__, ws)) for ws in split] if stops else [0] * n
    doc_stop = sum(counts) / total if total and stops else 0.0
    doc = [math.log1p(n), doc_stop, 0.0 if stops else 1.0]
    ctx, gated, light = [], [], []
    for i, (t, ws) in enumerate(zip(texts, split)):
        nw = len(ws)
        stop = counts[i] / nw if nw and stops else 0.0
        ui = sum(map(UI_WORDS.__contains__, ws)) / nw if nw else 0.0
        terminal = CITED_END_RE.sub("", t.rstrip()).endswith(TERMINAL[:-1])
        hit = i in phrase_hits
        ctx.append([math.log1p(nw), stop, 1.0 if terminal else 0.0, ui, 1.0 if hit else 0.0, 1.0 if nw <= 4 else 0.0])
        gated.append(nw >= GATE_WORDS and terminal and (stop >= GATE_STOP or not stops) and not hit
                     and "@" not in t and "http" not in t and "www." not in t)
        light.append((nw, stop, ui, terminal, hit))
    seen: dict[str, int] = {}
    for k in low:
        seen[k] = seen.get(k, 0) + 1
    empty = [0.0] * len(CONTEXT)
    i_rel, i_pos = OWN.index("stop_rel"), OWN.index("rel_pos")
    out: list[list[float] | None] = []
    for i in range(n):
        if gated[i]:
            out.append(None)
            continue
        nw, stop, ui, terminal, hit = light[i]
        vec = _own(texts[i], tokens(texts[i]), nw, stop, ui, terminal, hit, title_words, seen[low[i]] > 1)
        vec[i_rel] = stop - doc_stop
        vec[i_pos] = i / (n - 1) if n > 1 else 0.0
        vec[i_pos + 1] = math.log1p(min(i, n - 1 - i))
        vec += ctx[i - 1] if i >= 1 else empty
        vec += ctx[i + 1] if i + 1 < n else empty
        vec += ctx[i - 2] if i >= 2 else empty
        vec += ctx[i + 2] if i + 2 < n else empty
        vec.append(0.0 if i >= 1 else 1.0)
        vec.append(0.0 if i + 1 < n else 1.0)
        vec += doc
        out.append(vec)
    return out


# -- scoring ------------------------------------------------------------------------------------
class Model:
    """A logistic regression (``kind = "logistic"``) or a sum of regression trees on the logit
    scale (``kind = "trees"``), read from JSON."""

    def __init__(self, data: dict[str, Any]):
        if data.get("features_version") != FEATURES_VERSION or data.get("features") != feature_names():
            raise ValueError("residue model file does not match this version's features; "
                             "retrain with `python bench/train_models.py`")
        self.data = data
        self.kind = data["kind"]
        self.version = data["version"]
        self.threshold = float(data["threshold"])
        self.intercept = float(data["intercept"])
        if self.kind == "logistic":
            self.mean = data["mean"]
            self.scale = data["scale"]
            self.coef = data["coef"]
            # fold the standardisation into the weights: w·(x-m)/s = (w/s)·x - Σ w m / s
            self.w = [c / s for c, s in zip(self.coef, self.scale)]
            self.b = self.intercept - sum(c * m / s for c, m, s in zip(self.coef, self.mean, self.scale))
        else:
            # each tree: parallel lists feature, threshold, left, right, value (leaf when feature < 0)
            self.trees = [(t["feature"], t["threshold"], t["left"], t["right"], t["value"]) for t in data["trees"]]
            self.rate = float(data["learning_rate"])

    def logit(self, x: list[float]) -> float:
        if self.kind == "logistic":
            return self.b + sum(w * v for w, v in zip(self.w, x))
        total = self.intercept
        for feature, threshold, left, right, value in self.trees:
            node = 0
            while feature[node] >= 0:
                node = left[node] if x[feature[node]] <= threshold[node] else right[node]
            total += self.rate * value[node]
        return total

    def probability(self, x: list[float]) -> float:
        z = self.logit(x)
        if z < -40:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=4)
def load_model(path: str = MODEL_FILE) -> Model:
    with open(path, encoding="utf-8") as fh:
        return Model(json.load(fh))


def document_vectors(document: "Document", matches: dict[int, Any] | None = None
                     ) -> tuple[list[Any], list[list[float] | None]]:
    """The lines the model scores (non-blank, outside the title) and their feature vectors.

    ``matches`` is NL301's phrase analysis (line index -> match) as the run configured it; by
    default the built-in inventory's, which is what training uses."""
    if matches is None:
        from ._boilerplate import BOILERPLATE_MATCHES

        matches = BOILERPLATE_MATCHES.of(document)
    lines, texts, hits = [], [], set()
    for i, line in enumerate(document.lines):
        if line.block.kind == "title":
            continue
        if i in matches:
            hits.add(len(lines))
        lines.append(line)
        texts.append(line.text)
    title = document.title
    return lines, document_features(texts, title.text if title is not None else None, hits)


def score_document(document: "Document", matches: dict[int, Any] | None = None) -> list[tuple[Any, float]]:
    """``(line, probability)`` for each non-blank line outside the title, cached on the document."""
    cache = document.cache
    hit = cache.get("residue_model")
    if hit is None:
        model = load_model()
        lines, feats = document_vectors(document, matches)
        hit = cache["residue_model"] = [(line, 0.0 if x is None else model.probability(x))
                                        for line, x in zip(lines, feats)]
    return hit
