"""newslint's built-in rules, registered through the ``newslint`` entry point like any plugin.

NL1xx duplicated titles and repeated content, NL2xx footnotes, NL3xx boilerplate residue,
NL4xx SEO filler and generated-text residue.
"""
from __future__ import annotations

from newslint import hookimpl


@hookimpl
def newslint_register_rules():
    from .boilerplate_line import BoilerplateLine
    from .edge_residue import EdgeResidue
    from .filler_model import FillerModel
    from .filler_paragraph import FillerParagraph
    from .footnote_numbering import FootnoteNumbering
    from .footnote_undefined import FootnoteUndefined
    from .footnote_unused import FootnoteUnused
    from .footnotes_glued import FootnotesGlued
    from .generated_residue import GeneratedResidue
    from .headline_cluster import HeadlineCluster
    from .keyword_stuffing import KeywordStuffing
    from .metadata_residue import MetadataResidue
    from .repeated_line import RepeatedLine
    from .residue_line import ResidueLine
    from .restating_conclusion import RestatingConclusion
    from .taxonomy_leak import TaxonomyLeak
    from .template_line import TemplateLine
    from .title_repeated import TitleRepeated
    from .title_variant import TitleVariant

    return [
        TitleRepeated, TitleVariant, HeadlineCluster, RepeatedLine,
        FootnoteUndefined, FootnoteUnused, FootnotesGlued, FootnoteNumbering,
        BoilerplateLine, EdgeResidue, MetadataResidue, ResidueLine, TemplateLine,
        TaxonomyLeak, FillerParagraph, GeneratedResidue, KeywordStuffing, RestatingConclusion, FillerModel,
    ]
