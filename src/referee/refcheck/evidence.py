"""What stands beside one claim: its cited and linked references, their check status,
their abstracts (fetched on request, cached, never stored in the review) and the evidence
quotes the reviewer kept. Used by ``referee evidence`` and the TUI's abstract view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from referee.model import CheckResult, Reference
from referee.refcheck.abstracts import Abstract, fetch_abstract
from referee.refcheck.client import Client, Unavailable, each_reported
from referee.refcheck.settings import CheckSettings

if TYPE_CHECKING:
    from referee.review.session import Session


@dataclass(frozen=True, slots=True)
class Beside:
    """One reference of a claim and how it got there."""

    ref_id: str
    how: str
    """``cited`` (the article says so), ``linked`` (the reviewer's judgement), both, or
    ``source`` (an outside source the reviewer added and linked)."""
    reference: Reference | None
    check: CheckResult | None

    @property
    def doi(self) -> str | None:
        if self.reference is not None and self.reference.doi:
            return self.reference.doi
        return self.check.matched_doi if self.check is not None else None

    @property
    def pmid(self) -> str | None:
        return self.reference.pmid if self.reference is not None else None

    @property
    def title(self) -> str | None:
        if self.reference is not None and self.reference.title:
            return self.reference.title
        return self.check.matched_title if self.check is not None else None


@dataclass(frozen=True, slots=True)
class Fetched:
    """The answer for one reference: an abstract, none anywhere, or why none came."""

    ref_id: str
    abstract: Abstract | None = None
    problem: str = ""


def references_beside(session: Session, claim_id: str) -> list[Beside]:
    """The claim's cited references, then its linked ones, then its outside sources,
    each once."""
    state = session.state(claim_id)
    cited = list(state.claim.ref_ids) if state.claim is not None else []
    linked = [r for r in state.refs if not session.is_source(r)]
    sources = [r for r in state.refs if session.is_source(r)]
    out = []
    for ref_id in dict.fromkeys(cited + linked + sources):
        how = ", ".join(w for w, ids in (("cited", cited), ("linked", linked)) if ref_id in ids)
        out.append(
            Beside(ref_id, how or "source", session.reference(ref_id), session.ref_check(ref_id))
        )
    return out


async def fetch_for(client: Client, item: Beside) -> Fetched:
    if not (item.doi or item.pmid or item.title):
        return Fetched(item.ref_id, problem="no DOI, PMID or title to look it up by")
    try:
        found = await fetch_abstract(client, doi=item.doi, pmid=item.pmid, title=item.title)
    except Unavailable as exc:
        return Fetched(item.ref_id, problem=client.settings.redact(str(exc)))
    if found is None:
        return Fetched(item.ref_id, problem="no abstract in PubMed, Europe PMC or Crossref")
    return Fetched(item.ref_id, abstract=found)


async def fetch_all(
    items: Sequence[Beside],
    settings: CheckSettings,
    on_result: Callable[[Fetched], None] | None = None,
) -> list[Fetched]:
    """Abstracts of ``items`` at once (each service's throttle still holds)."""
    async with Client(settings) as client:
        return await each_reported(items, lambda item: fetch_for(client, item), on_result)
