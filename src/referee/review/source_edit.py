"""Outside sources through the session: add one to the review, link it to a claim,
list sources beside the article's references, keep their checks.

A mixin of :class:`referee.review.session.Session`. The session does no network work:
a front end looks a source up (:mod:`referee.refcheck.outside`, or a literature search)
and hands the metadata it found to :meth:`SourceEditing.add_source`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from referee.errors import RefereeError
from referee.model import CheckResult, Reference
from referee.review.record import Source

if TYPE_CHECKING:
    from referee.review.session import Session

SourceId = str
"""``doi:10.1136/bmj.i6583``, ``pmid:28202713``, ``arxiv:2101.00001``, ``url:https://…``."""


class SourceEditing:
    """``add_source``, ``link_source``, ``sources``, ``reference`` and friends of a Session."""

    def sources(self: Session) -> list[Source]:
        """The outside sources the review holds, by id."""
        return [self._review.sources[k] for k in sorted(self._review.sources)]

    def source(self: Session, source_id: str) -> Source | None:
        return self._review.sources.get(source_id)

    def is_source(self: Session, ref_id: str) -> bool:
        return ref_id in self._review.sources

    def references(self: Session) -> list[Reference]:
        """The article's references, then the reviewer's outside sources (as references
        with no place in the article: see :meth:`is_source`)."""
        from referee.review.source_reference import as_reference

        return list(self.analysis.references) + [as_reference(s) for s in self.sources()]

    def reference(self: Session, ref_id: str) -> Reference | None:
        """A reference of the article, or an outside source as a reference; None if neither."""
        found = self.analysis.reference(ref_id)
        if found is None and ref_id in self._review.sources:
            from referee.review.source_reference import as_reference

            return as_reference(self._review.sources[ref_id])
        return found

    def add_source(
        self: Session,
        identifier: str,
        metadata: Mapping[str, Any] | None = None,
        *,
        service: str = "",
        fetched: datetime | None = None,
    ) -> SourceId:
        """Add an outside source to the review (one save) and return its id.

        ``identifier``: a DOI, PMID, arXiv id or http(s) URL in any written form
        (``10.1136/bmj.i6583``, ``https://doi.org/…``, ``PMID: 28202713``,
        ``arXiv:2101.00001``, ``https://pubmed.ncbi.nlm.nih.gov/28202713/``, a source
        id); anything else raises :class:`~referee.refcheck.outside.NotAnIdentifier`.
        ``metadata``: what a look-up found, keys ``title``, ``authors`` (family names),
        ``year``, ``container``, ``type``, ``doi``, ``pmid``, ``arxiv``, ``url`` (others
        are kept as they are); None stores the identifier alone (a later check fills
        it in). ``service`` names who answered (``pubmed``, ``europepmc``…), ``fetched``
        when (default: now). Adding a source the review holds replaces its metadata
        only when new metadata is given; its check result is kept. Nothing is linked:
        see :meth:`link_source`. The session itself never goes to the network.
        """
        from referee.refcheck.outside import build, parse

        self._writable()
        sid = parse(identifier)[0]
        old = self._review.sources.get(sid)
        if metadata is None and old is not None:
            return sid
        new = build(sid, dict(metadata) if metadata else None, service, self.reviewer, fetched)
        if old is not None:
            new = replace(
                new.with_check_of(old),
                added_by=old.added_by or new.added_by,
                extra=tuple((dict(old.extra) | dict(new.extra)).items()),
            )
        self._put_source(new)
        return sid

    def link_source(self: Session, claim_id: str, source_id: str) -> frozenset[str]:
        """Link an added source to a claim (one save, one undo step; ``z`` unlinks).
        Returns the changed claim ids, as every change does."""
        if source_id not in self._review.sources:
            raise RefereeError(f"no source {source_id!r} in the review (add_source adds one)")
        return self.update(claim_id, refs=(*self.state(claim_id).refs, source_id))

    def record_source_check(self: Session, result: CheckResult, described: Source | None) -> None:
        """Keep a source's check (an outage never replaces an earlier answer) and, for one
        stored by identifier alone, the metadata the check found (``described``)."""
        from referee.model import supersedes

        old = self._review.sources.get(result.ref_id)
        if old is None:
            raise RefereeError(f"no source {result.ref_id!r} in the review")
        new = old
        if described is not None and not old.described:
            new = replace(described, added_by=old.added_by, extra=old.extra)
        if supersedes(result, self.ref_check(result.ref_id)):
            new = new.with_result(result, self._today())
            self._results[result.ref_id] = result  # this session's answer, saved or not
        if new != old:
            self._writable()
            self._put_source(new)

    def _put_source(self: Session, source: Source) -> None:
        if self._review.sources.get(source.id) == source:
            return
        review = self._draft()
        review.sources = {**review.sources, source.id: source}
        self._save(review, self._anchors, ())
