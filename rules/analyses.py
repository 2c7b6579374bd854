"""The built-in rules' shared document analyses: facts one family computes and others read.

Each is a :class:`newslint.analysis.Analysis`, computed once per document; rules read them with
``ctx.analysis(FACT)`` (facts with an owner rule use that rule's configured options) or
``FACT.of(document)``. A rule in one family reads another family's facts only through here.
"""
from __future__ import annotations

from ._boilerplate import BOILERPLATE_MATCHES
from ._footnotes import FOOTNOTES
from ._phrases import PHRASE_HITS
from ._text import FOLDED_LINES, HEAD_LINES

__all__ = ["BOILERPLATE_MATCHES", "FOLDED_LINES", "FOOTNOTES", "HEAD_LINES", "PHRASE_HITS"]
