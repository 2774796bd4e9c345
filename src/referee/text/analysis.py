"""analyse(text) -> Analysis: everything the core finds, a pure function of the text."""

from __future__ import annotations

from dataclasses import replace

from referee.model import Analysis, Citation
from referee.startup import without_cycle_collection
from referee.text import citations as citations_mod
from referee.text import claims as claims_mod
from referee.text import references as references_mod
from referee.text import sentences as sentences_mod
from referee.text import structure
from referee.text.article import Article


def analyse(text: str, markdown: bool) -> Analysis:
    """Blocks, sentences, claims, references and citations of a canonical text."""
    # Hundreds of thousands of small records and no reference cycles: the cycle
    # collector would only cost time (see referee.startup).
    with without_cycle_collection():
        return _analyse(text, markdown)


def _analyse(text: str, markdown: bool) -> Analysis:
    blocks = structure.parse(text, markdown)
    blocks, references = references_mod.extract(text, blocks)
    sentences = sentences_mod.split(text, blocks)
    citations = citations_mod.find(text, blocks, references)
    claims = claims_mod.extract(text, sentences, citations)
    citing: dict[str, list[Citation]] = {ref.id: [] for ref in references}
    for citation in citations:
        for ref_id in dict.fromkeys(citation.ref_ids):
            if ref_id in citing:
                citing[ref_id].append(citation)
    references = tuple(replace(ref, citations=tuple(citing[ref.id])) for ref in references)
    return Analysis(
        text=text,
        markdown=markdown,
        blocks=blocks,
        sentences=sentences,
        claims=claims,
        references=references,
        citations=citations,
    )


def analyse_article(article: Article) -> Analysis:
    analysis = analyse(article.text, article.markdown)
    if article.warnings:
        analysis = replace(analysis, warnings=article.warnings)
    return analysis
