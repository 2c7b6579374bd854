from __future__ import annotations

import re

from newslint import Rule
from newslint.regexcache import cached_compile

from ._text import TERMINAL, code_lines, continues_prose, is_prose, lazy_re, line_words, shown, words

MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "januar februar märz mai juni juli oktober dezember "
    "janvier février mars avril juin juillet août septembre octobre novembre décembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre "
    "janeiro fevereiro março maio junho julho setembro outubro novembro dezembro "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
).split()
WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi "
    "dimanche lunes martes miércoles jueves viernes sábado domingo segunda-feira terça-feira quarta-feira "
    "quinta-feira sexta-feira lunedì martedì mercoledì giovedì venerdì sabato domenica"
).split()
STAMP_WORDS = set(
    "updated update published posted last modified on at by gmt bst utc est edt pst pdt cst cdt cet cest et pt "
    "am pm a.m p.m ago hours hour minutes minute mins min days day weeks week read the of and today yesterday "
    "aktualisiert veröffentlicht am um uhr publié mis à jour le à publicado actualizado atualizado em de às "
    "el las a pubblicato aggiornato il alle обновлено опубликовано в г года".split()
)
YEAR_RE = lazy_re(r"\b(?:19|20)\d{2}\b")
_CLOCK = r"\b\d{1,2}[:.h]\d{2}\b"
_NUMERIC_DATE = r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b|\bago\b"
STRONG_RE = lazy_re(f"{_CLOCK}|{_NUMERIC_DATE}", re.I)
DATE_RE = lazy_re(_NUMERIC_DATE, re.I)
TIME_TOKEN_RE = lazy_re(r"^(\d{1,4}(st|nd|rd|th|h)?|\d{1,2}[:.h]\d{2}(am|pm)?|\d{4}-\d{2}-\d{2}(t[\d:]+)?|"
                           r"\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d+(am|pm))$")
MONTH_SET = set(MONTHS)
_CLOCK_WORDS = {"am", "pm", "a.m", "p.m", "a.m.", "p.m.", "h", "uhr"}
WEEKDAY_SET = set(WEEKDAYS)

CREDIT_RE = lazy_re(
    r"^\(?(image credit|photo credit|picture credit|image source|photo source|picture source|image courtesy|"
    r"photo courtesy|courtesy of|courtesy|(?:image|photo|picture)s? used under licen[cs]e from|photo illustration|личный архив|file photo|photo|photos|photograph|image|images|picture|pictures|pic|credit|credits|source|foto|fotos|"
    r"bild|bildquelle|quelle|crédit photo|crédit|fotografía|imagem|immagine|фото)\s*(:|by\b|/|©|\s(?=(?-i:[А-ЯA-Z])))\s*\S", re.I)
# "Photo Jane Smith", "Фото Ивана Петрова": after a bare space a credit names someone: two to four
# capitalised words, no function words, the line not in capitals (a heading: "PICTURE BOOKS").
SPACE_CREDIT_RE = lazy_re(r"^\(?\w+\s+[A-ZА-Я][\w.'’-]+(?:\s+(?:[A-ZА-Я][\w.'’-]+|de|van|von|da|di)){0,3}\)?$")
_SOURCE_WORDS = {"source", "sources", "quelle", "bildquelle"}
# Caption lines: a picture described, then its credit at the end of the line.
CAPTION_CREDIT_RE = lazy_re(
    r"([/|]\s*(ap|afp|reuters|epa|getty images|getty|pa|ap file|ap photo|afp via getty images)(\s+file)?\s*$)|"
    r"(\((image|photo|picture|credit|pictured)\s*:[^()]{1,60}\)\s*$)|(\bcredit\s*:\s*[^.]{2,60}$)|"
    r"(\(\s*(?:[A-Z][\w.-]*/)+[\w.-]+\s*\)\s*$)|(\bvia (ap|afp|reuters|getty images|epa)\s*$)", re.I)
# AP/Reuters wire slugs ("BC-EU--Britain-Brexit-Election, 1st Ld-Writethru")
WIRE_SLUG_RE = lazy_re(r"^BC-[A-Za-z]+-|\bLd-Writethru\b|\bWritethru\b")
CAPTION_PREFIX_RE = lazy_re(r"^(file photo|above|pictured|top|main image|in this photo|in this file photo)\s*:", re.I)
BIO_RE = lazy_re(
    r"\b(may be reached at|can be reached at|reach the reporters?\b|follow (?:me|him|her|them|us) on (?:twitter|facebook|instagram)|"
    r"is an? [\w\s-]{0,40}\b(?:reporter|writer|correspondent|editor|columnist) (?:for|at) |"
    r"follow [\w']+ full coverage|have a tip\?|send (?:us )?a tip)", re.I)
NAME = r"[A-ZÀ-ÖØ-ÞА-Я][\w.'’-]+"
STAFF_RE = lazy_re(
    rf"^{NAME}(?:\s+{NAME}){{1,3}}(?:\s*(?:,|and)\s*{NAME}(?:\s+{NAME}){{0,3}})*\s*,?\s+"
    r"(?i:ap|associated press|the associated press|reuters|afp|usa today|cnn|bloomberg|futurism|[\w\s]{0,30}"
    r"\b(?:writer|correspondent|reporter|editor|columnist|contributor))$")
HANDLE_RE = lazy_re(rf"^{NAME}(?:\s+{NAME}){{0,3}}\s+@\w{{2,}}\b")
DATED_BYLINE_RE = lazy_re(
    r"^(?i:by|written by|posted by|published by|reported by|words by|von|par|por|текст:|автор:)\s+[A-ZÀ-ÖØ-ÞА-Я][\w'’-]*\s")
CREDIT_SUFFIX_RE = lazy_re(
    r"\((?:(?:ap|afp|reuters|epa|pa|getty|getty images|ap photo|afp photo|reuters photo|image|photo|picture|"
    r"credit|file)\b[^()]{0,80})\)\s*$", re.I)
CAPTION_MARKER_RE = lazy_re(
    r"^(image copyright|image caption|media caption|getty images|picture alliance)|"
    r"^((image|photo|picture|slide)\s+)?\d+\s*(of|/|of/)\s*/?\s*\d+$", re.I)
AGENCY_SUFFIX_RE = lazy_re(
    r"^[^.!?]{2,60}?\s*[,|/–—-]\s*(ap|afp|reuters|epa|getty|getty images|associated press|the associated press|"
    r"ap photo|afp photo|pa|pa media|dpa|efe|ansa|xinhua|shutterstock|alamy|istock)\s*\)?$", re.I)
READING_TIME_RE = lazy_re(
    r"^(\d+\s*(min|mins|minute|minutes|minuto|minutos|minuten|minuti)\.?\s*(read|de leitura|lesezeit|de lecture|de lectura|di lettura)?|"
    r"(reading time|read time|tempo de leitura|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura)\s*:?\s*\d*\s*\w*)$", re.I)
LABELS = {"updated", "published", "posted", "last updated", "by", "photo", "photos", "image", "images", "video",
          "caption", "credit", "credits", "source", "file photo", "citation", "aktualisiert", "veröffentlicht",
          "mis à jour", "publié", "actualizado", "publicado", "atualizado", "aggiornato", "pubblicato", "обновлено"}
AGENCIES = {"associated press", "the associated press", "reuters", "afp", "ap", "getty", "getty images",
            "usa today", "dpa", "efe", "ansa", "tass", "ria novosti", "xinhua", "pa media", "bloomberg"}
BYLINE_RE = lazy_re(
    r"^(?i:by|von|par|por|door|автор:?|текст:?)\s+[A-ZÀ-ÖØ-ÞА-Я][\w.'’-]+(?:\s+(?:[A-ZÀ-ÖØ-ÞА-Я][\w.'’-]+|and|und|et|y|e|de|van|von|da|di))"
    r"{0,5}(?:\s*(?:[,|–—-]|\bfor\b|\bin\b).{0,60})?$")
# Wire-photo caption conventions (AP and Getty caption style), which story prose does not use:
# people placed in the frame ("Ana Ruiz, left, talks ...", not a list: "left, right, and centre"),
# the file-photo opener ("In this
# Jan. 4, 2005, file photo, ..."), "An artist's impression of ...", and a present-tense action
# dated and placed at the end ("... watches the screens on Monday, March 21, 2005, in New York.").
POSITION_RE = lazy_re(
    r",\s(?:left|right|center|centre|(?:second|third) from (?:left|right)|far (?:left|right)|foreground|background|"
    r"top|bottom|front|rear|(?:top|bottom) (?:left|right))\s*,\s")
FILE_PHOTO_RE = lazy_re(
    r"^(?:in )?this\b[\w.,’' -]{0,60}?\b(?:file |handout |undated |satellite |aerial )?(?:photos?|images?|pictures?|"
    r"illustration|frame grab|video grab|screenshot|screen grab|rendering)(?:,| (?:provided|released|taken|made available|"
    r"obtained|shows?|from|courtesy)\b)", re.I)
ARTIST_RE = lazy_re(r"^(?:an |the )?artist[’']?s[’']? (?:illustration|concept|impression|rendering|depiction|drawing) "
                    r"(?:of|shows)\b", re.I)
DATED_PLACE_RE = lazy_re(
    r"\bon (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.? \d{1,2},? \d{4},? in (?-i:[A-Z])", re.I)
CAPTION_VERBS = set(
    "pose poses speak speaks arrive arrives attend attends look looks walk walks gesture gestures react reacts "
    "celebrate celebrates wave waves hold holds stand stands sit sits listen listens talk talks perform performs "
    "play plays shoot shoots dunk dunks run runs leave leaves deliver delivers address addresses greet greets "
    "shake shakes pass passes drive drives kick kicks score scores throw throws catch catches hug hugs smile smiles "
    "watch watches take takes prepare prepares ride rides march marches protest protests gather gathers wait waits "
    "pray prays sing sings dance dances visit visits cheer cheers jump jumps embrace embraces kiss kisses carry "
    "carries point points applaud applauds sign signs testify testifies rally rallies meet meets work works "
    "seen pictured shown".split())
_NOT_NOW = {"will", "would", "to", "could", "should", "may", "might", "can", "must", "shall", "did", "does", "do",
            "didn't", "won't", "cannot", "not", "never", "was", "were", "had", "has", "have", "been", "being", "last"}
_LIST_WORDS = {"and", "or", "nor", "as", "etc", "etc."}
_POSITION_KEYS = (", left", ", right", ", cent", ", second from", ", third from", ", far ", ", foreground",
                  ", background", ", top", ", bottom", ", front", ", rear")


#: any of _POSITION_KEYS, all of which start with ", ": the pattern skips to each ", " in C (eight
#: times faster than twelve substring tests on a line of prose with commas)
_POSITION_KEY_RE = cached_compile(", (?:" + "|".join(re.escape(k[2:]) for k in _POSITION_KEYS) + ")")
assert all(k.startswith(", ") for k in _POSITION_KEYS), "a position key the pattern does not know"


def _wire_caption(t: str, low: str) -> bool:
    if "," in t and _POSITION_KEY_RE.search(low):  # any(k in low for k in _POSITION_KEYS)
        for m in POSITION_RE.finditer(t):
            before, after = t[:m.start()].split()[-1:], low[m.end():].split(None, 1)[:1]
            # "Ana Ruiz, left, and ..." places a person; "the left, right, and centre" is a list
            if (before and before[0][:1].isupper()) or not after or after[0] not in _LIST_WORDS:
                return True
    if low.startswith(("this ", "in this ")) and FILE_PHOTO_RE.match(t):
        return True
    if "artist" in low[:16] and ARTIST_RE.match(t):
        return True
    if " in " in t and _has_year(t):
        m = DATED_PLACE_RE.search(t)
        if m:
            before = [w.strip(",.;:'’\"") for w in low[:m.start()].split()]
            # an action now, not one planned ("will meet on ...") or told in the past
            if any(w in CAPTION_VERBS and (i == 0 or before[i - 1] not in _NOT_NOW) for i, w in enumerate(before)):
                return True
    return False


CONTRIB_RE = lazy_re(
    r"\b(contributed (?:reporting )?to this (?:report|story|article)|(?:additional )?reporting by\b|editing by\b|"
    r"mitarbeit:|avec afp|con información de)", re.I)


_ANY_DIGIT_RE = cached_compile(r"\d")


def _any_digit(text: str) -> bool:
    """``any(map(str.isdigit, text))``, searched in C for ASCII text (where only 0-9 are digits)."""
    return _ANY_DIGIT_RE.search(text) is not None if text.isascii() else any(map(str.isdigit, text))


def _has_year(text: str) -> bool:
    """Whether YEAR_RE is found in ``text``. A year holds "19" or "20", which two substring
    tests find ~40 times faster than the pattern's search (its leading word boundary keeps the
    regular expression engine from skipping ahead), and most lines hold neither."""
    return ("19" in text or "20" in text) and YEAR_RE.search(text) is not None
#: " the associated press", " getty images"...: a line ending in a many-word agency name
_AGENCY_TAILS = tuple(sorted(" " + a for a in AGENCIES if " " in a))


def _timestamp(text: str) -> bool:
    if not _ANY_DIGIT_RE.search(text) and "ago" not in text.lower():
        return False  # the test below needs a digit (STRONG_RE, YEAR_RE) or "ago": no tokens needed (most lines)
    stripped = text.strip()
    if stripped.endswith(":") or stripped.startswith("*") or stripped.lower().lstrip("(*").startswith(("as of ", "as at ")):
        return False  # a dated entry's heading, an asterisked note or "as of <date>" qualifying a figure
    toks = [t.strip(".,;:|()[]·-–—@").lower() for t in text.replace("/ ", " ").split()]
    toks = [t for t in toks if t]
    if not toks or len(toks) > 14:
        return False
    # A clock time, a numeric date, "ago", or a month with a year: "Tuesday, 1 March" alone is a
    # fixture date and "1945 GMT" a kick-off time, not a page's timestamp.
    if not (STRONG_RE.search(text) or (_has_year(text) and any(t in MONTH_SET for t in toks))):
        return False
    if not (_has_year(text) or DATE_RE.search(text)) and all(TIME_TOKEN_RE.match(t) or t in _CLOCK_WORDS for t in toks):
        return False  # clock times alone ("10.15 A.M. / 4.30 P.M.") are a schedule, not when a page was published
    date_like = sum(1 for t in toks if t in MONTH_SET or t in WEEKDAY_SET or t in STAMP_WORDS or TIME_TOKEN_RE.match(t))
    other = len(toks) - date_like
    return other == 0 or (other <= 3 and date_like >= 3 and date_like > other)


def classify(text: str, n_words: int | None = None) -> str | None:
    """What kind of metadata a short line is, or None (``n_words``: how many words it has, when
    the caller knows)."""
    t = text.strip()
    if len(t) > 500 or t.count(" ") > 60:
        return None
    n = len(words(t)) if n_words is None else n_words
    if n == 0:
        return None
    lower = t.lower()
    if n <= 60 and _wire_caption(t, lower):
        return "photo caption"
    if n > 16:
        # long lines can only be captions, bios or contributor lines
        low = lower
        if n <= 60 and _maybe_caption(t, low) and (CAPTION_PREFIX_RE.match(t) or CAPTION_CREDIT_RE.search(t[-100:])):
            return "photo caption"
        if n <= 40 and _has_bio_key(low) and BIO_RE.search(t):
            return "author bio"
        if n <= 25 and _has_contrib_key(low) and CONTRIB_RE.search(t):
            return "credit line"
        if n <= 25 and low.split(None, 1)[0] in _BYLINE_STARTS and DATED_BYLINE_RE.match(t) and (
                STRONG_RE.search(t) or _has_year(t)):
            return "byline"
        return None
    low = lower.strip(" .:-–—|·•")
    if low in LABELS and not t.startswith(("- ", "* ", "• ")):  # "- source" is an item of a list
        return "metadata label"
    if ("BC-" in t or "Writethru" in t) and WIRE_SLUG_RE.search(t):
        return "wire slug"
    if n <= 14 and (_ANY_DIGIT_RE.search(t) or "ago" in lower) and _timestamp(t):  # _timestamp's own first test
        return "timestamp"
    if n <= 8 and (_any_digit(low) or "leitura" in low or "lesezeit" in low or "reading time" in low):
        if READING_TIME_RE.match(low):
            return "reading time"
    if low in AGENCIES or (n <= 6 and low.endswith(_AGENCY_TAILS)):
        return "agency credit"
    first_word = low.split(None, 1)[0] if low else ""
    if n <= 12 and (first_word in _CAPTION_STARTS or t[0].isdigit()) and CAPTION_MARKER_RE.match(t):
        return "caption marker"
    if n <= 16 and first_word.strip("(:") in _CREDIT_STARTS:
        m = CREDIT_RE.match(t)
        if m and (m.group(2).strip() or (not t.isupper() and _names_someone(t[m.end(1):], " " in m.group(1).strip()))):
            head = first_word.strip("(:/")
            return "source credit" if head in _SOURCE_WORDS and "image" not in lower and "photo" not in lower \
                else "photo credit"
    if _maybe_caption(t, low) and (CAPTION_PREFIX_RE.match(t) or CAPTION_CREDIT_RE.search(t[-100:])):
        return "photo caption"
    if n <= 40 and _has_bio_key(low) and BIO_RE.search(t):
        return "author bio"
    if n <= 12 and (("@" in t and HANDLE_RE.match(t)) or (_ends_like_staff(low) and STAFF_RE.match(t)
                                                             and _byline_names_someone("By " + t) and _second_word_named(t))):
        return "byline"
    if n <= 25 and first_word in _BYLINE_STARTS and DATED_BYLINE_RE.match(t) and (STRONG_RE.search(t) or _has_year(t)):
        return "byline"
    if n <= 30 and t.endswith(")") and CREDIT_SUFFIX_RE.search(t):
        return "photo credit"
    if n <= 10 and _ends_like_agency(low) and AGENCY_SUFFIX_RE.match(t) and not _FIELD_RE.match(t):
        return "photo credit"  # but "Headquarters: Pittsburgh, PA" is a field of a record
    if n <= 10 and first_word in _BYLINE_STARTS and BYLINE_RE.match(t) and _byline_names_someone(t):
        return "byline"
    if n <= 25 and _has_contrib_key(low) and CONTRIB_RE.search(t):
        return "credit line"
    return None


# Cheap string tests that decide whether a pattern can match at all, so most lines of ordinary
# prose never reach (or compile) the regular expressions above.
_CAPTION_STARTS = {"image", "media", "getty", "picture", "photo", "slide"}
_CREDIT_STARTS = {"courtesy", "images", "image", "photo", "photos", "picture", "pictures", "pic", "credit", "credits", "source",
                  "foto", "fotos", "bild", "bildquelle", "quelle", "crédit", "fotografía", "imagem", "immagine",
                  "фото", "file", "личный", "photograph"}
_BYLINE_STARTS = {"by", "written", "posted", "published", "reported", "words", "von", "par", "por", "door",
                  "автор", "автор:", "текст", "текст:"}
_BIO_KEYS = ("reached", "follow", "reporter", "writer", "correspondent", "editor", "columnist", "tip",
             "coverage")
_CONTRIB_KEYS = ("contributed", "reporting by", "editing by", "mitarbeit", "avec afp", "con información")


def _has_bio_key(low: str) -> bool:
    """``any(k in low for k in _BIO_KEYS)`` spelled out: twice as fast as the generator, which was
    classify's largest cost on BBC lines (a test keeps the two the same)."""
    return ("reached" in low or "follow" in low or "reporter" in low or "writer" in low or "correspondent" in low
            or "editor" in low or "columnist" in low or "tip" in low or "coverage" in low)


def _has_contrib_key(low: str) -> bool:
    """``any(k in low for k in _CONTRIB_KEYS)`` spelled out, as :func:`_has_bio_key`."""
    return ("contributed" in low or "reporting by" in low or "editing by" in low or "mitarbeit" in low
            or "avec afp" in low or "con información" in low)
_AGENCY_ENDINGS = ("ap", "afp", "reuters", "epa", "getty", "images", "press", "photo", "pa", "media", "dpa", "efe",
                   "ansa", "xinhua", "shutterstock", "alamy", "istock", ")")
_STAFF_ENDINGS = ("ap", "press", "reuters", "afp", "today", "cnn", "bloomberg", "futurism", "writer", "correspondent",
                  "reporter", "editor", "columnist", "contributor")


def _names_someone(t: str, phrase_label: bool = False) -> bool:
    """After a bare space, a credit names a person or an agency, it does not go on in words.
    ``phrase_label``: the label is a phrase ("courtesy of", "image used under licence from"), which
    says by itself that a credit follows."""
    t = t.strip()
    if not SPACE_CREDIT_RE.match("x " + t):
        return False
    from ._text import stopwords

    stops = stopwords()
    named = t.strip("()").split()
    if len(named) == 1 and not (phrase_label or named[0].isupper() or named[0].lower() in AGENCIES):
        return False  # "Photo Gallery", "Image References": a heading; "Photo AFP" credits an agency
    return not any(w.lower() in stops for w in named)


def _second_word_named(t: str) -> bool:
    """ "Jane Smith, Reuters" names someone; "Trending On Reuters" and "Top Stories From AP" do not:
    a name and a role hold no function word."""
    from ._text import stopwords

    stops = stopwords() - {"and", "und", "et", "y", "e"}  # "Kevin Johnson and Kevin McCoy USA TODAY"
    return not any(w.lower().strip(",.:") in stops for w in t.split()[:-1])


def _byline_names_someone(t: str) -> bool:
    """The word after "By" starts a name: not a function word ("By Any Means Necessary", "By The Way")."""
    from ._text import stopwords

    rest = t.split()[1:2]
    return bool(rest) and rest[0].lower().strip(",.:") not in stopwords()


def _ends_like_agency(low: str) -> bool:
    return low.rstrip(" )").endswith(_AGENCY_ENDINGS)


def _ends_like_staff(low: str) -> bool:
    return low.rstrip().endswith(_STAFF_ENDINGS)


def _maybe_caption(t: str, low: str) -> bool:
    return (t.endswith(")") or "/" in t[-40:] or "credit" in low or "via " in low[-30:] or "|" in t[-40:]
            or ":" in t[:30])


#: Kinds whose fix is safe: on residue/ (fit) each removed at least 5 RESIDUE lines, BODY lines
#: at most 2% of that, and no line of clean BBC or benchmark_gt (docs/benchmarks.md, "Fix quality")
SAFE_KINDS = frozenset({"caption marker", "reading time", "metadata label", "author bio", "photo caption"})
#: and a timestamp line that does not end like a sentence, or that comes before the first prose
#: line or after the last, by the same test


class MetadataResidue(Rule):
    """Datelines, timestamps, bylines and photo credits left inside the body.

    ## What it does
    Reports short lines that are page metadata rather than story text: timestamps
    ("Updated 09:14 GMT, 21 March 2005", "Published 2:16 AM EST Nov 20, 2019"), bylines
    ("By Jane Smith"), agency lines ("Associated Press"), photo credits and caption markers
    ("Photo: Meg Kinnard, AP", "(AP Photo/Matt Rourke)", "Image copyright", "Image 2 of 5"),
    photo captions that end in a credit ("... on July 25, 2019. J. Scott Applewhite / AP") or follow
    the wire caption style ("Ana Ruiz, left, talks with ...", "In this Jan. 4, 2005, file photo,
    ...", "An artist's impression of ...", "A trader watches the screens on Monday, March 21,
    2005, in New York."),
    author bios and contact lines ("... may be reached at ..."), and contributor lines
    ("... contributed to this report"). Month and weekday names are
    known in en, de, fr, es, pt, it and ru. A bare date with two more within four lines
    ("1/1/2023", "+2.1%", "2/1/2023", ...) is the date column of a table written one cell per
    line, and is not reported.

    ## Why is this bad?
    Extractors take the page header and the photo captions along with the story. A timestamp
    in the middle of the text, or a credit line between two paragraphs, reads as an error
    and misleads anything that summarises the article.

    ## Example
    ```text
    Updated 09:14 GMT, 21 March 2005
    (AP Photo/Matt Rourke)
    ```

    ## Options
    - `kinds` (list, default all): which of "timestamp", "reading time", "metadata label",
      "wire slug", "byline", "agency credit", "caption marker", "photo credit", "source credit",
      "photo caption", "author bio", "credit line" to report.

    ## Fix
    The metadata line is deleted. Safe for the kinds whose line is its own evidence (caption
    markers, reading times, metadata labels, author bios, photo captions: on the residue bench
    their fixes removed 146 RESIDUE lines and 1 BODY line, and no line of clean news) and for a
    timestamp line that does not end like a sentence ("Posted Nov 18, 8:19 PM", "3 hours ago":
    29 more RESIDUE lines, no BODY line) or that comes before the first prose line or after the
    last (a page header's or footer's date); unsafe (`--unsafe-fixes`) for the rest (timestamps
    that end like a sentence, such as a dated note or a reference, bylines, agency, photo and source
    credits, credit lines, wire slugs), which extractors' ground truth sometimes keeps as part
    of the article.
    """

    code = "NL303"
    name = "metadata-residue"
    severity = "warning"
    fix = "remove-line"
    fix_safety = "unsafe"
    options = {"kinds": ["timestamp", "reading time", "metadata label", "wire slug", "byline", "agency credit",
                         "caption marker", "photo credit", "source credit", "photo caption", "author bio",
                         "credit line"]}

    def check(self, document, ctx):
        kinds = set(ctx.options["kinds"])
        lines = document.lines
        code = code_lines(document)
        tokens = line_words(document)
        for k, line in enumerate(lines):
            if len(line.text) > 300 or k in code or (line.text[:1].islower() and continues_prose(lines, k)):
                continue  # a code listing, or a wrapped sentence going on from the line above
            kind = classify(line.text, tokens.count(k))
            if kind in ("photo caption", "photo credit", "source credit", "byline", "credit line") and \
                    line.text.lstrip().startswith(("- ", "* ", "• ")):
                continue  # an item of a list (a credits list, a list of sources), not a caption
            if kind == "metadata label" and k + 1 < len(lines) and (
                    lines[k + 1].text.rstrip().endswith(":") or lines[k + 1].text.lstrip().startswith(("- ", "* ", "• "))):
                continue  # "Credits" over "Please credit this item to:" or over a list: a section heading
            if kind == "metadata label" and line.text.strip().lower() == "by" and (
                    k + 1 < len(lines) and lines[k + 1].text.lstrip()[:1].islower()):
                continue  # "by" over a name is a byline label; over "intro ..." it is a keyword of code
            if kind == "timestamp" and _date_column(lines, k, tokens):
                continue  # a cell of a flattened table of dates (a price index by month), not the page's date
            if kind in kinds and not (kind == "timestamp" and _in_header_record(lines, k)):
                safe = kind in SAFE_KINDS or (kind == "timestamp" and (
                    not line.text.rstrip().endswith(TERMINAL) or _outside_prose(lines, k, document.cache)))
                ctx.report(line.block, line.start, line.end, f"{kind} {shown(line.text)!r} left in the body",
                           fix_safety="safe" if safe else None)


def _outside_prose(lines, k: int, cache: dict) -> bool:
    """Whether line ``k`` comes before the first prose line or after the last (a page header's or
    footer's date, not one quoted in the story)."""
    if "nl303-prose" not in cache:
        prose = [j for j, line in enumerate(lines) if is_prose(line.text)]
        cache["nl303-prose"] = (prose[0], prose[-1]) if prose else (len(lines), -1)
    first, last = cache["nl303-prose"]
    return k < first or k > last


def _bare(text: str) -> bool:
    return not any(c.isalpha() for c in text)


def _date_column(lines, k: int, tokens) -> bool:
    """Whether timestamp line ``k`` is a bare date with two more bare dates within four lines:
    the date column of a table that an extractor wrote one cell per line. A page's own dates
    come with words ("Updated ...") or alone."""
    if not _bare(lines[k].text):
        return False
    near = 0
    for j in range(max(0, k - 4), min(len(lines), k + 5)):
        if j != k and _bare(lines[j].text) and classify(lines[j].text, tokens.count(j)) == "timestamp":
            near += 1
            if near == 2:
                return True
    return False


_FIELD_RE = lazy_re(r"^[A-Z][\w-]{1,20}:\s+\S")


def _in_header_record(lines, k: int) -> bool:
    """"Date: ..." next to "From: ...", "Subject: ...": the header of a quoted e-mail or a record,
    whose other fields are not page metadata, so neither is its date."""
    if not _FIELD_RE.match(lines[k].text):
        return False
    for j in (k - 1, k + 1):
        if 0 <= j < len(lines) and _FIELD_RE.match(lines[j].text) and classify(lines[j].text) is None:
            return True
    return False
