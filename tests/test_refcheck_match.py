"""Normalising, comparing and parsing records: the pure parts of reference checking."""

from __future__ import annotations

import json

from refserver import FIXTURES

from referee.model import Reference
from referee.refcheck import crossref, openalex, pubmed
from referee.refcheck.doi import candidate_from_csl, doi_path
from referee.refcheck.match import (
    Candidate,
    assess,
    family_similarity,
    first_page,
    identifier_verdict,
    journal_agrees,
    normalise,
    title_similarity,
)


def fixture(relative: str) -> dict:
    return json.loads((FIXTURES / relative).read_text())


def ref(**fields: object) -> Reference:
    values: dict = {"id": "r", "start": 0, "end": 0, "raw": "x"}
    values.update(fields)
    return Reference(**values)


def test_normalise_strips_markup_accents_and_punctuation() -> None:
    assert normalise(
        "<i>Anti</i>–Glomerular &amp; Straße, Ørsted!"
    ) == "anti glomerular straße orsted".replace("ß", "ss")
    assert normalise("  Déjà\u00a0vu:  a  study ") == "deja vu a study"


def test_title_similarity_ignores_case_punctuation_and_retracted_prefix() -> None:
    found = "RETRACTED: Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children"
    cited = "Ileal lymphoid nodular hyperplasia, non-specific colitis and pervasive developmental disorder in children."
    assert title_similarity(cited, found) >= 0.95


def test_title_similarity_is_not_fooled_by_shared_study_design_words() -> None:
    cited = "Acupuncture for Goodpasture Syndrome: A systematic review and meta-analysis of randomized controlled trials"
    other = "Acupuncture for Sjögren syndrome: a systematic review and meta-analysis of randomized controlled trials"
    assert title_similarity(cited, other) < 0.9
    assert title_similarity(cited, cited.upper()) == 1.0


def test_title_cut_short_by_the_parser_still_counts() -> None:
    full = "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles"
    assert (
        title_similarity("The state of OA: a large-scale analysis of the prevalence", full) >= 0.9
    )
    assert title_similarity("The state of OA", full) < 0.9


def test_family_names() -> None:
    assert family_similarity("Lariviere", "Larivière") == 1.0
    assert family_similarity("Berg", "van der Berg") == 1.0
    assert family_similarity("Zhang", "Zhao") < 0.8


def test_journal_abbreviations_agree_with_full_names() -> None:
    assert journal_agrees("J Tradit Chin Med", ("Journal of Traditional Chinese Medicine",))
    assert journal_agrees("Complement Ther Med", ("Complementary Therapies in Medicine",))
    assert journal_agrees("Lancet", ("The Lancet",))
    assert not journal_agrees("Nature", ("Complementary Therapies in Medicine",))


def test_first_page() -> None:
    assert first_page("637-41") == "637"
    assert first_page("e4375") == "e4375"
    assert first_page(None) is None


def test_doi_path_keeps_slash_and_escapes_reserved_characters() -> None:
    assert doi_path("10.1002/(sici)1097-4636<3::aid>2.0.co;2-o") == (
        "10.1002/(sici)1097-4636%3C3%3A%3Aaid%3E2.0.co%3B2-o"
    )


def test_crossref_retraction_comes_from_updated_by_once_per_notice() -> None:
    work = crossref.candidate(
        fixture("crossref/work_10.1016_s0140-6736(97)11096-0.json")["message"]
    )
    assert work.retractions == (
        "retraction 10.1016/s0140-6736(10)60175-4 (retraction-watch, 2010-02-06)",
    )
    assert work.authors[0] == "Wakefield" and work.year == 1998
    assert work.containers == ("The Lancet", "The Lancet")


def test_corrections_and_new_versions_are_not_retractions() -> None:
    work = crossref.candidate(fixture("crossref/work_10.1371_journal.pone.0033693.json")["message"])
    assert work.retractions == () and work.notice is None


def test_crossref_expression_of_concern_and_notice() -> None:
    item = fixture("crossref/work_10.7717_peerj.4375.json")["message"]
    item = dict(
        item,
        **{
            "updated-by": [
                {"DOI": "10.1/eoc", "type": "expression_of_concern", "source": "publisher"}
            ],
            "update-to": [{"DOI": "10.1/other", "type": "retraction"}],
        },
    )
    work = crossref.candidate(item)
    assert work.retractions == () and work.concerns and work.notice == "retraction"


def test_pubmed_summary_retracted_publication() -> None:
    doc = fixture("pubmed/esummary_9500320.json")["result"]["9500320"]
    record = pubmed.candidate(doc)
    assert record.retractions and record.authors[:2] == ("Wakefield", "Murch")
    assert record.doi == "10.1016/s0140-6736(97)11096-0" and record.pmid == "9500320"
    assert not record.title.endswith(".")


def test_openalex_is_retracted_and_raw_author_names() -> None:
    record = openalex.candidate(fixture("openalex/work_10.1016_s0140-6736(97)11096-0.json"))
    assert record.retractions == ("OpenAlex is_retracted",)
    assert record.authors[0] == "Wakefield" and record.pmid == "9500320"
    fine = openalex.candidate(fixture("openalex/work_10.7717_peerj.4375.json"))
    assert fine.retractions == () and fine.pages == "e4375" and fine.doi == "10.7717/peerj.4375"


def test_csl_from_another_agency() -> None:
    record = candidate_from_csl(fixture("doi_org/csl_10.48550_arxiv.1706.03762.json"), "x")
    assert record.title == "Attention Is All You Need" and record.year == 2017
    assert record.authors[0] == "Vaswani" and record.doi == "10.48550/arxiv.1706.03762"


def _record(**fields: object) -> Candidate:
    values: dict = {
        "source": "crossref",
        "title": "Deep Residual Learning for Image Recognition",
        "authors": ("He", "Zhang", "Ren", "Sun"),
        "year": 2016,
        "doi": "10.1109/cvpr.2016.90",
        "pages": "770-778",
    }
    values.update(fields)
    return Candidate(**values)


CITED = {
    "title": "Deep residual learning for image recognition",
    "authors": ("He", "Zhang"),
    "year": "2016",
}


def test_identifier_verdicts() -> None:
    assert identifier_verdict(ref(**CITED), assess(ref(**CITED), _record())) == "verified"
    wrong_year = ref(**{**CITED, "year": "2019"})
    a = assess(wrong_year, _record())
    assert identifier_verdict(wrong_year, a) == "metadata_mismatch"
    assert a.mismatches == ("year: cited 2019, record 2016",)
    elsewhere = _record(title="The state of OA", authors=("Piwowar",), year=2018)
    assert identifier_verdict(ref(**CITED), assess(ref(**CITED), elsewhere)) == "doi_mismatch"
    second = assess(ref(**{**CITED, "authors": ("Zhang",)}), _record())
    assert second.mismatches == ("first author: cited Zhang, record has He first",)


def test_year_within_one_is_fine_and_pages_are_compared() -> None:
    a = assess(ref(**{**CITED, "year": "2015", "pages": "770-8"}), _record())
    assert a.matches
    b = assess(ref(**{**CITED, "pages": "100-108"}), _record())
    assert b.mismatches == ("pages: cited 100-108, record 770-778",)


def test_reference_with_only_an_identifier_is_verified_by_resolving() -> None:
    bare = ref(raw="doi:10.1109/cvpr.2016.90")
    assert identifier_verdict(bare, assess(bare, _record())) == "verified"


def test_search_candidates_of_rejected_types_never_match() -> None:
    cited = ref(**CITED)
    assert assess(cited, _record(type="component")).rejected == "a component record"
    dup = _record(doi="10.65215/x", type="posted-content", year=2025)
    assert assess(cited, dup).rejected and not assess(cited, dup).matches


def test_untitled_reference_is_compared_with_its_raw_string() -> None:
    raw = "He K, Zhang X. Deep residual learning for image recognition. CVPR; 2016."
    a = assess(ref(raw=raw, authors=("He",), year="2016"), _record())
    assert a.title_score is not None and a.title_score >= 0.97 and a.matches


def test_biomedical_guess_and_pubmed_term() -> None:
    seed = ref(
        title="Acupuncture for Goodpasture Syndrome: A systematic review and meta-analysis",
        authors=("Zhang", "Liu"),
        year="2021",
        container="Journal of Traditional Chinese Medicine",
    )
    assert pubmed.looks_biomedical(seed)
    assert not pubmed.looks_biomedical(ref(**CITED, container="CVPR"))
    assert pubmed.search_term(seed) == (
        "acupuncture[ti] AND goodpasture[ti] AND syndrome[ti] AND zhang[1au] AND 2020:2022[dp]"
    )
    assert pubmed.search_term(ref(raw="x")) is None
