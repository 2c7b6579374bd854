"""The filler-paragraph model behind NL406: style features of a paragraph and a logistic score.

Everything here is plain Python and deterministic: the weights come from ``data/filler_model.json``
(written by ``bench/train_filler.py``); no numpy or scikit-learn at lint time. Features are
measures of *style*, never phrases of known filler: who the text addresses (you / we / I outside
quotations), whether sentences open with an imperative verb or a content-free introductory
clause, how much of it is hype or abstract vocabulary, whether it talks about the text itself
(article, version, readers) or the page's taxonomy (section names, tag slugs), whether it echoes
the title or repeats its own keywords as a list, and how many specifics it carries (numbers,
names, quotations, attributions) beyond what the title already said.

The word classes below are general English vocabulary written for these categories, not lists
of sentences seen in filler; the weights are learnt.
"""
from __future__ import annotations

import json
import math
import os
import re
from functools import lru_cache

from ._text import DATA_DIR, stopwords

MODEL_FILE = "filler_model.json"
#: Lines shorter than this are not paragraphs: labels and buttons are NL3xx's business; nor are
#: lines that do not end like a sentence (headlines, repeated titles, menu entries).
MIN_WORDS = 5
#: ... and longer ones are reporting: filler is a sentence or two, not a long paragraph.
MAX_WORDS = 40
MAX_CHARS = 400
#: characters of other body text at which a line's share of unseen words counts in full
NOVELTY_CONTEXT = 800

_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
#: capitalised words after the first and numbers: a line with this many that the title does not
#: hold is reporting (scoring it would only cost time)
MAX_SPECIFICS = 3
_SPECIFIC_RE = re.compile(r"(?<=[\s(\"“‘'])(?:[A-Z][^\W_]*(?:['’\-][^\W_]+)*|\d[\d.,:%]*)")
#: a paragraph ends like a sentence (or introduces one); headings, titles and labels do not
_ENDINGS = (".", "!", "?", ":", "…", '"', "”", "’", "'", ")", "»")
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*|[.!?,:]")
_QUOTED_RE = re.compile(r'"[^"\n]{3,}"|“[^”\n]{3,}”|«[^»\n]{3,}»|‘[^’\n]{12,}’')

# -- word classes (general English; each word in one class) -------------------------------------
_CLASSES: dict[str, str] = {
    # second person: text addressed to the reader
    "you2": "you your yours yourself yourselves you're you'll you've you'd y'all",
    # first person plural, the publisher's "we"
    "we": "we our ours ourselves we're we've we'll we'd let's us",
    # first person singular outside quotations: a writer or an assistant speaking
    "i": "i me my mine myself i'm i've i'd i'll",
    # words about the text itself, its page or its production
    "meta": ("article articles piece pieces post posts page pages version versions summary summaries "
             "headline headlines content draft drafts edit edits edited rewrite rewritten revised "
             "paragraph paragraphs tone length wording word-count readers reader readership "
             "coverage section sections category categories categorised categorized tag tags tagged "
             "topic topics newsletter bookmark blog site website feed roundup lowdown write-up "
             "seo meta keyword keywords format formatting clarity flow style suggestion suggestions "
             "prompt request requested query information details browse internet real-time "
             "ai assistant chatbot model training cutoff knowledge"),
    # sections and taxonomy vocabulary of news sites
    "section": ("business politics political sport sports tech technology entertainment science "
                "health lifestyle culture arts travel opinion world economy finance markets showbiz "
                "celebrity football music film media"),
    # hype, intensifiers and evaluative words that carry no fact
    "hype": ("amazing incredible stunning remarkable extraordinary exciting excitement thrilling "
             "breathtaking fascinating unforgettable unmissable must-see must-read must-watch "
             "game-changer game-changing groundbreaking revolutionary transformative unprecedented "
             "defining pivotal crucial vital essential key undeniable undeniably unquestionably "
             "truly simply certainly clearly undoubtedly absolutely definitely surely indeed "
             "ultimate ultimately best greatest biggest hottest trending viral buzzing buzz "
             "seismic monumental epic massive huge enormous insane wild whopping fresh newest "
             "latest top exclusive essential iconic legendary ever-changing ever-evolving "
             "fast-paced lightning rollercoaster spotlight limelight forever timely"),
    # generic abstract nouns: what a sentence is about when it is about nothing in particular
    "abstract": ("world era age landscape realm tapestry picture journey chapter moment moments "
                 "impact role future conversation conversations hearts minds scene story stories "
                 "things everything anything something nothing reason reasons way ways life lives "
                 "change changes game surprises surprise lesson lessons significance importance "
                 "fans enthusiasts everyone anyone everybody anybody people audience audiences "
                 "experts circles community society generation generations history times "
                 "developments events matters issue issues topic-of-the-day phenomenon trend trends "
                 "layer layers sense spirit heart mind attention radar cornerstone testament"),
    # attribution: the hallmark of reporting
    "said": ("said says say told tells according added adds announced announces reported reports "
             "claimed claims stated states explained explains insisted insists warned warns "
             "confirmed confirms denied denies argued argues noted notes revealed reveals "
             "admitted admits estimated estimates spokesman spokeswoman spokesperson"),
    # modality and disclaimers typical of an assistant's meta-talk
    "modal": "cannot can't unable couldn't won't wouldn't shouldn't hope please feel free sure certainly happy glad",
}

# verbs that open an imperative sentence (general English, base forms)
_IMPERATIVES = frozenset("""
read check keep find discover learn stay don't do make take see get bookmark subscribe follow
join share click tap explore sign watch let feel remember consider imagine think try look visit
download enjoy grab catch dive buckle meet note please scroll come go hurry act book order vote
tell ask contact start stop save mark add put give choose pick trust believe prepare brace expect
never always be forget miss discover uncover unlock find browse jump head turn listen hear
""".split())

_CLASS_OF: dict[str, int] = {}
CLASS_NAMES = list(_CLASSES)
for _i, _name in enumerate(CLASS_NAMES):
    for _w in _CLASSES[_name].split():
        _CLASS_OF.setdefault(_w, _i)
_YOU, _WE, _I, _META, _SECTION, _HYPE, _ABSTRACT, _SAID, _MODAL = range(len(CLASS_NAMES))

FEATURES = (
    "log_words", "one_sentence", "mean_sentence_words", "stopword_share",
    "you", "we", "i_outside_quotes", "imperative_open", "intro_clause_open", "question", "exclaim",
    "ends_colon", "meta", "section", "hype", "abstract", "modal",
    "digits", "names_new", "quoted", "specifics_none",
    "title_echo", "self_repeat", "list_commas", "slug_tokens", "novel_share",
    "last_para", "concrete_share", "repeated_bigrams", "label_open", "person_no_specifics",
    "echo_any", "echo_generic",
)


@lru_cache(maxsize=None)
def load_model() -> dict:
    """The shipped model: ``{"version", "features", "weights", "bias", ...}``."""
    with open(os.path.join(DATA_DIR, MODEL_FILE), encoding="utf-8") as fh:
        model = json.load(fh)
    if list(model["features"]) != list(FEATURES):
        raise ValueError(f"{MODEL_FILE} was trained on other features; retrain with bench/train_filler.py")
    return model


SKIP_KINDS = frozenset(("title", "heading", "footnote", "code"))


def body_lines(document) -> tuple[str, list]:
    """The title text and the body lines (``document.lines`` outside titles, headings,
    footnotes and code) that the model scores, computed once per document."""
    cache = document.cache
    hit = cache.get("filler_model_lines")
    if hit is None:
        title = document.title
        lines = [l for l in document.lines if l.block.kind not in SKIP_KINDS]
        hit = cache["filler_model_lines"] = (title.text if title is not None else "", lines)
    return hit


def document_features(title: str, paragraphs: list[str]) -> list[list[float] | None]:
    """One feature vector per paragraph (``None`` for a line outside MIN_WORDS..MAX_WORDS words,
    which the model does not score); ``paragraphs`` are the body lines in order."""
    out: list[list[float] | None] = []
    title_set = body = None
    last = len(paragraphs) - 1
    for k, text in enumerate(paragraphs):
        if len(text) > MAX_CHARS:
            out.append(None)
            continue
        spaces = text.count(" ")
        if spaces < MIN_WORDS - 1 or spaces > MAX_WORDS + 10 or not text.rstrip().endswith(_ENDINGS):
            out.append(None)
            continue
        if title_set is None:
            title_toks = _WORD_RE.findall(title.casefold())
            title_set = set(title_toks)
        specifics = 0
        for m in _SPECIFIC_RE.findall(text):
            if m != "I" and m.casefold() not in title_set:
                specifics += 1
        if specifics >= MAX_SPECIFICS:
            out.append(None)  # names and numbers the title does not hold: reporting, not filler
            continue
        if body is None:  # made once a line needs it (for novelty)
            body = "\n".join(paragraphs).casefold()
            title_bigrams = set(zip(title_toks, title_toks[1:]))
            stops = stopwords()
        out.append(_features(text, _TOKEN_RE.findall(text), k == last, stops, title_set, title_bigrams, body))
    return out


def _features(text, toks, last_para, stops, title_set, title_bigrams, body) -> list[float] | None:
    """All features in one pass over the line's tokens (words and . ! ? , : marks)."""
    class_of = _CLASS_OF
    imperatives = _IMPERATIVES
    counts = [0] * len(CLASS_NAMES)
    n = stop_n = digits = names_new = concrete = slugs = echo = 0
    sentences = imperative = intro_plain = commas = 0
    at_start = True
    since_start = 0  # words since the sentence started; 99 once its opening is settled
    plain = True  # no name or number in the sentence so far
    prev = ""
    seen: dict[str, int] = {}
    content_seq: list[str] = []  # content words in order; "" where a mark breaks the run
    for tok in toks:
        c0 = tok[0]
        if not c0.isalnum():
            if c0 == ",":
                commas += 1
                if 0 < since_start <= 7 and plain:
                    intro_plain += 1
                since_start = 99
            elif c0 != ":":
                at_start = True
            prev = ""
            content_seq.append("")
            continue
        n += 1
        low = tok.casefold()
        cls = class_of.get(low)
        if cls is not None:
            counts[cls] += 1
        is_stop = low in stops
        in_title = low in title_set
        if at_start:
            sentences += 1
            at_start = False
            since_start, plain = 0, True
            if low in imperatives:
                imperative += 1
        elif c0.isupper() and cls != _I and not is_stop:
            plain = False
            if not in_title:
                names_new += 1
        if since_start < 99:
            since_start += 1
        if in_title and (prev, low) in title_bigrams:
            echo += 1
        prev = low
        if is_stop:
            stop_n += 1
            continue
        if c0.isdigit():
            plain = False
            if not in_title:
                digits += 1
            continue
        content_seq.append(low)
        if cls is None and not in_title:
            concrete += 1
        if len(low) > 3:
            seen[low] = seen.get(low, 0) + 1
        if "-" in low and low.count("-") >= 2:
            slugs += 1
    if n < MIN_WORDS or n > MAX_WORDS:
        return None
    content = repeats = novel = 0
    for w, c in seen.items():
        content += c
        repeats += c - 1
        if w not in title_set and body.count(w) <= c:  # a substring count: cheap and close enough
            novel += c
    rep_bigrams = 0
    words_only = [w for w in content_seq if w]
    if len(set(words_only)) < len(words_only):  # a bigram can only repeat if a word does
        pairs: dict[tuple[str, str], int] = {}
        for pair in zip(content_seq, content_seq[1:]):
            if pair[0] and pair[1]:
                pairs[pair] = pairs.get(pair, 0) + 1
        for c in pairs.values():
            rep_bigrams += c - 1
    i_outside = counts[_I]
    quoted = 0.0
    if '"' in text or "“" in text or "«" in text or "‘" in text:
        inner = _QUOTED_RE.findall(text)
        if inner:
            quoted = 1.0
            if i_outside:
                i_outside = max(0, i_outside - sum(1 for q in inner for w in _WORD_RE.findall(q.casefold())
                                                   if class_of.get(w) == _I))
    head, colon, _ = text.partition(":")
    label_open = 1.0 if colon and head.count(" ") <= 3 and "." not in head else 0.0
    specifics = digits + names_new + (3 if quoted else 0) + counts[_SAID]
    person = counts[_YOU] + counts[_WE] + i_outside
    echo_any = 1.0 if echo or counts[_SECTION] else 0.0
    sentences = sentences or 1
    per = 1.0 / n
    concrete_share = concrete * per
    final = text.rstrip()[-1:]
    return [
        math.log(n),
        1.0 if sentences == 1 else 0.0,
        min(n / sentences, 60) / 60,
        stop_n * per,
        min(counts[_YOU], 3) / 3,
        min(counts[_WE], 3) / 3,
        min(i_outside, 3) / 3,
        min(imperative, 2) / 2,
        min(intro_plain, 2) / 2,
        1.0 if "?" in text else 0.0,
        1.0 if "!" in text else 0.0,
        1.0 if final == ":" else 0.0,
        min(counts[_META] * per * 10, 1.0),
        min(counts[_SECTION], 4) / 4,
        min(counts[_HYPE] * per * 10, 1.0),
        min(counts[_ABSTRACT] * per * 10, 1.0),
        min(counts[_MODAL], 3) / 3,
        min(digits * per * 10, 1.0),
        min(names_new * per * 10, 1.0),
        quoted,
        1.0 if specifics == 0 else 0.0,
        min(echo, 4) / 4,
        min(repeats * per * 5, 1.0),
        min(commas * per * 5, 1.0),
        min(slugs, 3) / 3,
        # novelty means something only against enough other text: scaled down in short articles
        (novel / content if content else 0.0) * min(1.0, (len(body) - len(text)) / NOVELTY_CONTEXT),
        1.0 if last_para else 0.0,
        concrete_share,
        min(rep_bigrams, 4) / 4,
        label_open,
        1.0 if person and specifics == 0 else 0.0,
        echo_any,
        echo_any * (1.0 - min(concrete_share * 3, 1.0)),
    ]


def score(features: list[float], model: dict | None = None) -> float:
    """The model's probability that a paragraph with these features is filler."""
    model = model or load_model()
    z = model["bias"]
    for w, x in zip(model["weights"], features):
        z += w * x
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))
