"""Names and years read alike in the reference list and in running text."""

from __future__ import annotations

import pytest

from referee.text.analysis import analyse
from referee.text.article import from_text
from referee.text.name_year import PARTICLES
from referee.text.reference_fields import parse_entry
from referee.text.references import surname_key


def of_text(text: str):
    article = from_text(text, "article.md")
    return analyse(article.text, article.markdown)


@pytest.mark.parametrize("particle", ["Der", "der", "Van", "van", "De", "Ter", "ten", "Al"])
def test_a_particle_surname_is_one_name_in_the_list_and_in_the_text(particle: str) -> None:
    name = f"{particle} Berg"
    analysis = of_text(
        f"# Notes\n\nAs {name} (2019) found, the effect is large.\n\n"
        "## References\n\n"
        f"{name}, J. (2019). A study of effects. Journal of Effects, 4(2), 10-20.\n"
    )
    [ref] = analysis.references
    assert ref.authors[0] == name
    [citation] = analysis.citations
    assert citation.marker == f"{name} (2019)"
    assert (citation.ref_ids, citation.status) == ((ref.id,), "linked")


def test_vancouver_entries_keep_their_particles() -> None:
    assert parse_entry("Der Berg J, Smith K. A trial. Lancet. 2019;1:2-3.")["authors"][0] == (
        "Der Berg"
    )


def test_the_key_of_a_name_drops_every_particle_in_any_case() -> None:
    for particle in PARTICLES:
        assert surname_key(f"{particle.capitalize()} Berg") == "berg"
        assert surname_key(f"{particle} Berg") == "berg"
    assert surname_key("van der Berg") == "berg"


@pytest.mark.parametrize("particle", sorted(PARTICLES))
def test_a_wrapped_list_starts_an_entry_at_every_lower_case_particle(particle: str) -> None:
    """One list of particles for every rule: a line of a hard-wrapped reference list that
    starts with ``della``, ``ben`` or ``ibn`` starts an entry, as ``van`` does."""
    analysis = of_text(
        "# Notes\n\nAs Smith (2018) found, the effect is large.\n\n## References\n\n"
        "Smith, J. (2018). A long title that is wrapped over two lines of the list\n"
        "in Journal of Things, 3(1), 1-9.\n"
        f"{particle} Berg, J. (2019). A study of effects. Journal of Effects, 4(2), 10-20.\n"
    )
    assert [ref.authors[0] for ref in analysis.references] == ["Smith", f"{particle} Berg"]
