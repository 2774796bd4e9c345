"""analyse(text) -> Analysis: everything the core finds, a pure function of the text."""

from __future__ import annotations

from dataclasses import replace

from referee import citations as citations_mod
from referee import claims as claims_mod
from referee import references as references_mod
from referee import sentences as sentences_mod
from referee import structure
from referee.article import Article
from referee.model import Analysis


def analyse(text: str, markdown: bool) -> Analysis:
    """Blocks, sentences, claims, references and citations of a canonical text."""
    blocks = structure.parse(text, markdown)
    blocks, references = references_mod.extract(text, blocks)
    sentences = sentences_mod.split(text, blocks)
    citations = citations_mod.find(text, blocks, references)
    claims = claims_mod.extract(text, sentences, citations)
    references = tuple(
        replace(ref, citations=tuple(c for c in citations if ref.id in c.ref_ids))
        for ref in references
    )
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
