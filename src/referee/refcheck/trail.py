"""What one check consulted, found and failed on, and the reasons it writes."""

from __future__ import annotations

from dataclasses import dataclass, field

from referee.refcheck.client import Unavailable
from referee.refcheck.match import TITLE_SAME, Assessment, Candidate, best

SOURCE_NAMES = {
    "crossref": "Crossref",
    "pubmed": "PubMed",
    "europepmc": "Europe PMC",
    "openlibrary": "Open Library",
    "datacite": "DataCite",
    "arxiv": "arXiv",
    "openalex": "OpenAlex",
    "doi.org": "doi.org",
}


@dataclass
class Trail:
    """What one check consulted, found and failed on."""

    reasons: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    doi_state: str = "none"
    """``none`` | ``unchecked`` | ``not_registered`` | ``resolved``."""

    def consult(self, source: str) -> None:
        if source not in self.sources:
            self.sources.append(source)

    def fail(self, error: Unavailable) -> None:
        message = str(error)
        self.failures.append(message)
        self.reasons.append(f"could not check: {message}")

    def searched(self) -> str:
        """``Crossref, PubMed or Open Library``: the indexes asked, for a reason."""
        names = [SOURCE_NAMES.get(s, s) for s in self.sources if s != "doi.org"]
        if len(names) <= 1:
            return "".join(names) or "any index"
        return ", ".join(names[:-1]) + " or " + names[-1]


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str
    candidate: Candidate | None = None


def matched(a: Assessment) -> str:
    cand = a.candidate
    return f"{cand.source}: {cand.describe()} matches ({', '.join(a.agreements)})"


def differs(a: Assessment) -> list[str]:
    cand = a.candidate
    lines = [f"{cand.source}: {cand.describe()} is the cited work but differs"]
    if a.title_score is not None and a.title_score < TITLE_SAME:
        lines.append(f"title: similarity {a.title_score:.2f} to the record's")
    return lines + list(a.mismatches)


def closest(source: str, assessments: list[Assessment]) -> str:
    if not assessments:
        return f"{source}: no candidates"
    top = best(assessments)
    assert top is not None
    if top.rejected:
        return f"{source}: no usable candidate (closest is {top.rejected})"
    score = f"title similarity {top.title_score:.2f}" if top.title_score is not None else ""
    if top.same_title:
        return f"{source}: closest {top.candidate.describe()} differs: " + "; ".join(top.mismatches)
    return (
        f"{source}: none of {len(assessments)} candidates matches; closest "
        f"{top.candidate.describe()}{', ' + score if score else ''}"
    )
