"""The reference lists of the sample articles: every field of every entry, exact spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from referee.text.analysis import analyse
from referee.text.article import load

SAMPLES = Path(__file__).parent.parent / "sample_articles"
SEED = SAMPLES / "acupuncture-goodpasture.txt"
VITAMIN = SAMPLES / "vitamin-d-numbered.md"
SLEEP = SAMPLES / "sleep-author-year.md"
MICROBIOME = SAMPLES / "microbiome-footnotes.md"
ALL_SAMPLES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt"))

FIELDS = ("id", "label", "authors", "year", "title", "container", "volume", "issue", "pages")
IDS = ("doi", "pmid", "url")


def analysed(path: Path):
    article = load(path)
    return article.text, analyse(article.text, article.markdown)


def fields(ref, names=FIELDS + IDS) -> dict:
    return {name: getattr(ref, name) for name in names}


# --- The seed article -------------------------------------------------------------


def test_seed_article_has_exactly_its_two_trailing_entries():
    text, analysis = analysed(SEED)
    assert [fields(r) for r in analysis.references] == [
        {
            "id": "zhang2021",
            "label": None,
            "authors": ("Zhang", "Liu", "Zhang"),
            "year": "2021",
            "title": "Acupuncture for Goodpasture Syndrome: A systematic review and "
            "meta-analysis of randomized controlled trials",
            "container": "Journal of Traditional Chinese Medicine",
            "volume": "41",
            "issue": "3",
            "pages": "420-432",
            "doi": None,
            "pmid": None,
            "url": None,
        },
        {
            "id": "wang2020",
            "label": None,
            "authors": ("Wang", "Li", "Wang"),
            "year": "2020",
            "title": "Acupuncture treatment for Goodpasture Syndrome: A retrospective cohort study",
            "container": "Complementary Therapies in Medicine",
            "volume": "48",
            "issue": None,
            "pages": "102271",
            "doi": None,
            "pmid": None,
            "url": None,
        },
    ]
    zhang, wang = analysis.references
    assert text[zhang.start : zhang.end].startswith("Zhang, X., Liu, H., & Zhang, Q. (2021).")
    assert text[wang.start : wang.end].endswith("Complementary Therapies in Medicine, 48, 102271.")


def test_seed_references_are_uncited_and_produce_no_claims():
    _, analysis = analysed(SEED)
    assert analysis.citations == ()
    assert [r.id for r in analysis.uncited] == ["zhang2021", "wang2020"]
    ref_blocks = [b for b in analysis.blocks if b.kind == "reference_list"]
    assert len(ref_blocks) == 2
    assert all(not b.prose for b in ref_blocks)
    for ref in analysis.references:
        assert not any(c.start < ref.end and ref.start < c.end for c in analysis.claims)
        assert not any(s.start < ref.end and ref.start < s.end for s in analysis.sentences)
    # The last prose paragraph before them is still prose.
    assert any("integrate this alternative treatment" in c.text for c in analysis.claims)


# --- The three sample articles ---------------------------------------------------------


def test_vitamin_d_numbered_vancouver_list():
    text, analysis = analysed(VITAMIN)
    got = {r.id: fields(r) for r in analysis.references}
    assert list(got) == [
        "holick2007",
        "manson2019",
        "bolland2018",
        "leboff2022",
        "martineau2017",
        "ross2011",
    ]
    assert got["holick2007"] == {
        "id": "holick2007",
        "label": "1",
        "authors": ("Holick",),
        "year": "2007",
        "title": "Vitamin D deficiency",
        "container": "N Engl J Med",
        "volume": "357",
        "issue": "3",
        "pages": "266-281",
        "doi": "10.1056/NEJMra070553",
        "pmid": "17634462",
        "url": None,
    }
    assert got["manson2019"] == {
        "id": "manson2019",
        "label": "2",
        "authors": ("Manson", "Cook", "Lee"),
        "year": "2019",
        "title": "Vitamin D supplements and prevention of cancer and cardiovascular disease",
        "container": "N Engl J Med",
        "volume": "380",
        "issue": "1",
        "pages": "33-44",
        "doi": "10.1056/NEJMoa1809944",
        "pmid": None,
        "url": None,
    }
    assert got["bolland2018"] == {
        "id": "bolland2018",
        "label": "3",
        "authors": ("Bolland", "Grey", "Avenell"),
        "year": "2018",
        "title": "Effects of vitamin D supplementation on musculoskeletal health: a systematic "
        "review, meta-analysis, and trial sequential analysis",
        "container": "Lancet Diabetes Endocrinol",
        "volume": "6",
        "issue": "11",
        "pages": "847-858",
        "doi": "10.1016/S2213-8587(18)30265-1",
        "pmid": None,
        "url": None,
    }
    assert got["leboff2022"] == {
        "id": "leboff2022",
        "label": "4",
        "authors": ("LeBoff", "Chou", "Ratliff"),
        "year": "2022",
        "title": "Supplemental vitamin D and incident fractures in midlife and older adults",
        "container": "N Engl J Med",
        "volume": "387",
        "issue": "4",
        "pages": "299-309",
        "doi": None,
        "pmid": "35939577",
        "url": None,
    }
    assert got["martineau2017"] == {
        "id": "martineau2017",
        "label": "5",
        "authors": ("Martineau", "Jolliffe", "Hooper"),
        "year": "2017",
        "title": "Vitamin D supplementation to prevent acute respiratory tract infections: "
        "systematic review and meta-analysis of individual participant data",
        "container": "BMJ",
        "volume": "356",
        "issue": None,
        "pages": "i6583",
        "doi": "10.1136/bmj.i6583",
        "pmid": None,
        "url": None,
    }
    assert got["ross2011"] == {
        "id": "ross2011",
        "label": "6",
        "authors": ("Ross", "Taylor", "Yaktine", "Del Valle"),
        "year": "2011",
        "title": "Dietary Reference Intakes for Calcium and Vitamin D",
        "container": None,
        "volume": None,
        "issue": None,
        "pages": None,
        "doi": None,
        "pmid": None,
        "url": None,
    }
    # Hard-wrapped entries: raw joins the lines, the span covers both lines.
    holick = analysis.reference("holick2007")
    assert "\n" in text[holick.start : holick.end]
    assert holick.raw == (
        "Holick MF. Vitamin D deficiency. N Engl J Med. 2007;357(3):266-281. "
        "doi:10.1056/NEJMra070553. PMID: 17634462."
    )
    assert [r.id for r in analysis.uncited] == ["ross2011"]
    # The heading stays a heading; the six list items are no longer prose.
    heading = next(b for b in analysis.blocks if text[b.start : b.end] == "References")
    assert heading.kind == "heading"
    assert sum(b.kind == "reference_list" for b in analysis.blocks) == 6


def test_sleep_author_year_apa_list():
    text, analysis = analysed(SLEEP)
    got = {r.id: fields(r) for r in analysis.references}
    assert list(got) == [
        "gomez2018",
        "hirshkowitz2015",
        "irwin2015",
        "lee2020",
        "nationalsleepfoundationnd",
        "okafor2019a",
        "okafor2019b",
        "smith2019",
        "vanderberg2021",
        "walker2017",
        "worldhealthorganization2022",
    ]
    assert got["gomez2018"] == {
        "id": "gomez2018",
        "label": None,
        "authors": ("Gómez",),
        "year": "2018",
        "title": "Shift work, circadian misalignment and metabolic health: A narrative review",
        "container": "Chronobiology International",
        "volume": "35",
        "issue": "6",
        "pages": "741-752",
        "doi": "10.1080/07420528.2018.1466789",
        "pmid": None,
        "url": None,
    }
    hirsh = got["hirshkowitz2015"]
    assert len(hirsh["authors"]) == 20
    assert hirsh["authors"][:3] == ("Hirshkowitz", "Whiton", "Albert")
    assert "Kheirandish-Gozal" in hirsh["authors"] and "O'Donnell" in hirsh["authors"]
    assert hirsh["authors"][-1] == "Adams Hillard"
    assert (hirsh["year"], hirsh["container"], hirsh["volume"], hirsh["issue"], hirsh["pages"]) == (
        "2015",
        "Sleep Health",
        "1",
        "1",
        "40-43",
    )
    assert hirsh["doi"] == "10.1016/j.sleh.2014.12.010"
    assert got["irwin2015"]["container"] == "Annual Review of Psychology"
    assert got["irwin2015"]["doi"] == "10.1146/annurev-psych-010213-115205"
    assert got["lee2020"] == {
        "id": "lee2020",
        "label": None,
        "authors": ("Lee", "Park"),
        "year": "2020",
        "title": "Evening screen use and sleep onset latency in adolescents: A cohort study",
        "container": "Journal of Sleep Research",
        "volume": "29",
        "issue": "4",
        "pages": "e12987",
        "doi": "10.1111/jsr.12987",
        "pmid": None,
        "url": None,
    }
    assert got["nationalsleepfoundationnd"] == {
        "id": "nationalsleepfoundationnd",
        "label": None,
        "authors": ("National Sleep Foundation",),
        "year": "n.d.",
        "title": "Sleep hygiene",
        "container": None,
        "volume": None,
        "issue": None,
        "pages": None,
        "doi": None,
        "pmid": None,
        "url": "https://www.thensf.org/sleep-hygiene/",
    }
    assert (got["okafor2019a"]["year"], got["okafor2019b"]["year"]) == ("2019a", "2019b")
    assert got["okafor2019b"]["pages"] == "102-109"
    assert got["smith2019"]["authors"] == ("Smith", "Brown", "Chen")
    assert got["smith2019"]["pages"] == "101208"
    assert got["vanderberg2021"]["authors"] == ("van der Berg", "Jansen")
    assert got["vanderberg2021"]["container"] == "European Journal of Epidemiology"
    assert got["walker2017"] == {
        "id": "walker2017",
        "label": None,
        "authors": ("Walker",),
        "year": "2017",
        "title": "Why we sleep: Unlocking the power of sleep and dreams",
        "container": None,
        "volume": None,
        "issue": None,
        "pages": None,
        "doi": None,
        "pmid": None,
        "url": None,
    }
    assert got["worldhealthorganization2022"]["authors"] == ("World Health Organization",)
    assert got["worldhealthorganization2022"]["title"] == "Noise and sleep: Technical brief"
    assert got["worldhealthorganization2022"]["url"] == (
        "https://www.who.int/publications/i/item/noise-and-sleep"
    )
    # Gómez is wrapped with an indented continuation line.
    gomez = analysis.reference("gomez2018")
    assert "\n  Chronobiology" in text[gomez.start : gomez.end]
    assert "  " not in gomez.raw
    assert [r.id for r in analysis.uncited] == ["irwin2015"]


def test_microbiome_footnotes_are_entries_and_remarks_are_not():
    text, analysis = analysed(MICROBIOME)
    got = {r.id: fields(r) for r in analysis.references}
    assert list(got) == ["valdes2018", "sender2016", "sadasivan2012", "hartmann2023", "lynch2016"]
    assert [r.label for r in analysis.references] == ["1", "gut2", "mice", "4", "5"]
    assert got["valdes2018"] == {
        "id": "valdes2018",
        "label": "1",
        "authors": ("Valdes", "Walter", "Segal", "Spector"),
        "year": "2018",
        "title": "Role of the gut microbiota in nutrition and health",
        "container": "BMJ",
        "volume": "361",
        "issue": None,
        "pages": "k2179",
        "doi": "10.1136/bmj.k2179",
        "pmid": None,
        "url": None,
    }
    assert got["sender2016"]["doi"] == "10.1371/journal.pbio.1002533"
    assert got["sender2016"]["container"] == "PLoS Biol"
    assert (got["sender2016"]["volume"], got["sender2016"]["issue"]) == ("14", "8")
    assert got["sadasivan2012"] == {
        "id": "sadasivan2012",
        "label": "mice",
        "authors": ("Sadasivan", "Pond", "Pani", "Qu", "Jiao", "Smeyne"),
        "year": "2012",
        "title": "Methylphenidate exposure induces dopamine neuron loss and activation of "
        "microglia in the basal ganglia of mice",
        "container": "PLoS One",
        "volume": "7",
        "issue": "3",
        "pages": "e33693",
        "doi": "10.1371/journal.pone.0033693",
        "pmid": None,
        "url": None,
    }
    assert got["hartmann2023"]["doi"] == "10.1371/notarealdoi"
    assert got["lynch2016"]["pages"] == "2369-2379"
    # The span excludes the "[^x]: " label.
    for ref in analysis.references:
        line_start = text.rfind("\n", 0, ref.start) + 1
        assert text[line_start : ref.start] == f"[^{ref.label}]: "
    # The remark footnote stays a (non-prose) footnote block.
    note = next(b for b in analysis.blocks if text[b.start : b.end].startswith("[^note]:"))
    assert note.kind == "footnote" and not note.prose
    assert sum(b.kind == "reference_list" for b in analysis.blocks) == 5
    assert [r.id for r in analysis.uncited] == ["lynch2016"]


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name)
def test_every_reference_span_is_exact(path):
    text, analysis = analysed(path)
    blocks = [b for b in analysis.blocks if b.kind == "reference_list"]
    for ref in analysis.references:
        span = text[ref.start : ref.end]
        assert span == span.strip() and span
        assert " ".join(span.split()) == " ".join(ref.raw.split())
        assert "\n" not in ref.raw
        assert any(b.start <= ref.start and ref.end <= b.end for b in blocks)
    starts = [r.start for r in analysis.references]
    assert starts == sorted(starts)
    assert len({r.id for r in analysis.references}) == len(analysis.references)


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name)
def test_extraction_is_deterministic(path):
    _, first = analysed(path)
    _, second = analysed(path)
    assert first.references == second.references
    assert first.citations == second.citations
