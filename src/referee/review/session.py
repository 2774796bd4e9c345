"""The session both front ends drive: an article, its analysis and its review.

Opening reads the article, analyses it, reads ``ARTICLE.review.toml`` and places
every stored annotation in the current text (:mod:`referee.review.anchoring`). Every
change goes through a method here and is saved at once, atomically; a change
that changes nothing writes nothing; a file changed on disk meanwhile (another
referee, a git pull) is read again under the lock and this change merged into it
(``merged_on_save`` says so), never overwritten.

When the article changed since the review was saved (``base`` names another
blob), the first save re-pins every annotation that is still found to its
current position and moves ``base`` to the current text. Annotations whose text
changed keep the quote that was reviewed, so they stay *stale* until the
reviewer gives a verdict again; orphans are kept exactly as they were.

The analysis modules (their patterns take a third of ``referee ARTICLE``'s own
start-up to compile) are imported where they are used, not here: the TUI can
build a session on an analysis made in a child process
(:mod:`referee.cli.forked_analysis`) without ever compiling them itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from referee.errors import RefereeError
from referee.model import Analysis, CheckResult, supersedes
from referee.review import gitrepo, identity
from referee.review import store as store_mod
from referee.review.article_watch import ArticleWatch
from referee.review.bulkput import BulkPut
from referee.review.claim_edits import ClaimListEditing
from referee.review.claimview import ClaimState, ClaimView
from referee.review.evidence_edit import EvidenceEditing
from referee.review.record import (
    CONFLICT_FIELDS,
    VERDICTS,
    Annotation,
    Candidate,
    Change,
    FieldConflict,
    History,
    RefCheck,
    Review,
    clean_note,
    describe,
    sorted_refs,
)
from referee.review.resolution import resolved
from referee.review.selector import Anchor, Selector, in_place, selector_for
from referee.review.source_edit import SourceEditing
from referee.text.article import Article, decode, load

__all__ = ["ClaimState", "Conflict", "Session", "Undone", "UnknownClaim", "UnknownReference"]

_CHANGED = ("fuzzy", "stale")
_KEEP = object()


class UnknownClaim(RefereeError):
    """No claim with this id in the article or its review."""


class UnknownReference(RefereeError):
    """No reference with this id in the article."""


class ReviewReadOnly(RefereeError):
    """The review file could not be read, so nothing is saved over it."""


@dataclass(frozen=True)
class Conflict:
    """A field merged reviews changed differently, waiting for the reviewer:
    ``ours`` is the first value kept, ``theirs`` the last, ``candidates`` all of them."""

    claim_id: str
    field: str
    ours: str | None
    theirs: str | None
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class Undone:
    """What :meth:`Session.undo` undid: the claim, in words (``verdict supported on c1…``),
    and every claim whose state changed (the claim, and analysed claims it stood for)."""

    claim_id: str
    description: str
    changed: frozenset[str]


class Session(BulkPut, EvidenceEditing, ClaimListEditing, SourceEditing):
    """One article under review. Build with :meth:`open`.

    Every change returns the ids of the claims whose state it changed (empty when it
    changed nothing), so a front end redraws those and nothing else.
    """

    def __init__(
        self,
        article: Article,
        analysis: Analysis,
        *,
        reviewer: str | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.article = article
        self.analysis = analysis
        self.review_path = store_mod.review_path(article.path)
        self._explicit_reviewer = reviewer
        self._reviewer: str | None = None
        self._today = today
        self._file = store_mod.ReviewFile(self.review_path)
        self._history = History()
        self.load_error: str | None = None
        """Why the review file could not be read; None when it could (or there is none)."""
        self.merged_on_save = False
        """True when the last save found the file changed on disk (another referee,
        a git pull) and merged this change into it."""
        self.article_changed = False
        """True when, at the last save, the article file no longer held the text this
        session shows (the change is saved against the text shown; reload to see it)."""
        self._watch = ArticleWatch(article.path, article.blob_sha)
        self._view: ClaimView | None = None
        self._results: dict[str, CheckResult] = {}
        """Check results this session was given, as given (saved or not): see record_checks."""
        self._load_review()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        article_path: str | os.PathLike[str],
        *,
        reviewer: str | None = None,
        today: Callable[[], date] = date.today,
    ) -> Session:
        """Load and analyse the article, read and anchor its review.

        A bad article raises RefereeError. A review file that cannot be read
        opens the session read-only with ``load_error`` set; the file is untouched.
        ``today`` dates each verdict and check (a test passes a fixed day).
        """
        from referee.text.analysis import analyse_article

        article = load(article_path)
        return cls(article, analyse_article(article), reviewer=reviewer, today=today)

    def reload(self) -> None:
        """Read the article and the review file again (after a change on disk)."""
        from referee.text.analysis import analyse_article

        article = load(self.article.path)
        analysis = (
            self.analysis if article.blob_sha == self.article.blob_sha else analyse_article(article)
        )
        self.article, self.analysis = article, analysis
        self._watch = ArticleWatch(article.path, article.blob_sha)
        self._history.clear()
        self._results.clear()
        self._load_review()

    def _load_review(self) -> None:
        self.load_error = None
        try:
            review = self._file.load()
        except store_mod.ReviewFileError as exc:
            self.load_error = str(exc)
            review = None
        if review is not None:
            from referee.review.ownership import foreign_article

            self.load_error = foreign_article(review, self.article.path, self.review_path)
        self._review = review or Review(article=self.article.name, base=self.article.blob_sha)
        self._anchors = self._anchor_stored(self._review)
        self._invalidate()

    def _anchor_stored(self, review: Review) -> dict[str, Anchor]:
        if not review.claims:
            return {}
        selectors = {cid: a.selector for cid, a in review.claims.items()}
        old_text = None
        if review.base and review.base != self.article.blob_sha:
            old_text = self._old_text(review.base)
        if old_text is None:
            unmoved = in_place(self.article.text, selectors)
            if unmoved is not None:
                return unmoved
        from referee.review.anchoring import anchor_all  # rapidfuzz and difflib, only when needed

        return anchor_all(self.article.text, selectors, old_text=old_text)

    def _old_text(self, base: str) -> str | None:
        data = gitrepo.blob(base, self.article.path.resolve().parent)
        if data is None:
            return None
        try:
            return decode(data, str(self.article.path))[0]
        except RefereeError:
            return None

    @property
    def reviewer(self) -> str:
        """Who is recorded as reviewer of changes made in this session."""
        if self._reviewer is None:
            self._reviewer = identity.reviewer(
                self._explicit_reviewer, cwd=self.article.path.resolve().parent
            )
        return self._reviewer

    @property
    def read_only(self) -> bool:
        """True when the review file could not be read: nothing is saved over it."""
        return self.load_error is not None

    @property
    def review(self) -> Review:
        """The review as held in memory (do not mutate)."""
        return self._review

    def changed_on_disk(self) -> bool:
        return self._file.changed_on_disk()

    def article_changed_on_disk(self) -> bool:
        """True when the article file no longer holds the text this session shows."""
        return self._watch.changed()

    # ------------------------------------------------------------------ reading

    def _invalidate(self, changed: Iterable[str] | None = None) -> frozenset[str]:
        """Forget derived state: all of it, or only what ``changed`` claims affect.
        Returns the ids of the claims whose state changed."""
        self._ordered: list[ClaimState] | None = None
        if changed is None or self._view is None:
            self._view = None
            return frozenset(changed or ())
        touched: set[str] = set()
        for claim_id in changed:
            touched |= self._view.refresh(claim_id, self._review, self._anchors)
        return frozenset(touched)

    def _all_states(self) -> dict[str, ClaimState]:
        if self._view is None:
            self._view = ClaimView(self.article.text, self.analysis.claims, self._describe_span)
            self._view.build(self._review, self._anchors)
        return self._view.states

    def _in_order(self) -> list[ClaimState]:
        if self._ordered is None:
            states = self._all_states()
            self._ordered = [states[key[2]] for key in self._view.order]
        return self._ordered

    def claims(self) -> list[ClaimState]:
        """Anchored claims that are not dismissed, in document order (auto and manual)."""
        return [s for s in self._in_order() if not s.dismissed]

    def orphans(self) -> list[ClaimState]:
        """Stored claims whose text is no longer in the article, by id; not dismissed."""
        lost = (s for s in self._all_states().values() if s.anchor == "orphan" and not s.dismissed)
        return sorted(lost, key=lambda s: s.id)

    def apart(self) -> list[ClaimState]:
        """The claims the article changed under, listed apart: orphans, then stale claims
        (which also appear in :meth:`claims`) in document order; not dismissed."""
        stale = [s for s in self._in_order() if s.anchor == "stale" and not s.dismissed]
        return self.orphans() + stale

    def every_claim(self) -> list[ClaimState]:
        """The claims of this article: the one list every front end shows and counts
        (``claims --json``, ``report``, ``status``, the TUI's header and claim list).

        Every claim once: placed ones in document order (exact, moved, fuzzy-matched
        under their stored id, stale ones with the text now at their span, manual
        ones), then orphans by id; dismissed claims are in it too, marked
        ``dismissed``, and counted nowhere."""
        lost = [s for s in self._all_states().values() if s.start is None]
        return self._in_order() + sorted(lost, key=lambda s: s.id)

    def dismissed(self) -> list[ClaimState]:
        states = self._all_states().values()
        return sorted(
            (s for s in states if s.dismissed),
            key=lambda s: (s.start is None, s.start or 0, s.id),
        )

    def stored(self) -> list[ClaimState]:
        """Every claim the review file holds: in document order, orphans last."""
        states = self._all_states()
        return sorted(
            (states[cid] for cid in self._review.claims),
            key=lambda s: (s.start is None, s.start or 0, s.end or 0, s.id),
        )

    def state(self, claim_id: str) -> ClaimState:
        try:
            return self._all_states()[claim_id]
        except KeyError:
            raise UnknownClaim(
                f"{self.article.path}: no claim with id {claim_id!r} (`referee claims` lists them)"
            ) from None

    def progress(self) -> tuple[int, int]:
        """(claims with a verdict, claims) over :meth:`every_claim` not dismissed."""
        counted = [s for s in self.every_claim() if not s.dismissed]
        return sum(1 for s in counted if s.verdict), len(counted)

    def ref_check(self, ref_id: str) -> CheckResult | None:
        """The latest check of a reference: given to this session, else stored."""
        if ref_id in self._results:
            return self._results[ref_id]
        if ref_id in self._review.sources:
            return self._review.sources[ref_id].to_result()
        stored = self._review.refs.get(ref_id)
        return None if stored is None else stored.to_result()

    def ref_checks(self) -> dict[str, CheckResult]:
        """The latest check of every reference and outside source checked, by id."""
        stored = {ref_id: r.to_result() for ref_id, r in self._review.refs.items()}
        for key, source in self._review.sources.items():
            result = source.to_result()
            if result is not None:
                stored[key] = result
        return dict(sorted({**stored, **self._results}.items()))

    def conflicts(self) -> list[Conflict]:
        """Unresolved merge conflicts, by claim id then field."""
        return [
            Conflict(claim_id, c.field, c.ours, c.theirs, c.candidates)
            for claim_id, c in self._review.conflicts()
        ]

    # ------------------------------------------------------------------ changing

    def set_verdict(self, claim_id: str, verdict: str | None) -> frozenset[str]:
        """Set or clear (None) the verdict. Giving a verdict to a stale claim
        re-pins it to the text now at its span."""
        return self.update(claim_id, verdict=verdict)

    def set_note(self, claim_id: str, note: str) -> frozenset[str]:
        return self.update(claim_id, note=note)

    def set_refs(self, claim_id: str, ref_ids: Sequence[str]) -> frozenset[str]:
        return self.update(claim_id, refs=ref_ids)

    def update(self, claim_id: str, *, verdict=_KEEP, note=_KEEP, refs=_KEEP) -> frozenset[str]:
        """Change verdict, note and/or references of one claim in one save and one
        undo step. Returns the changed claim ids; none when nothing changed (and
        nothing was written)."""
        self._writable()
        state = self.state(claim_id)
        before = self._current(claim_id)
        original = before or self._fresh(state, "auto")
        after = original
        touched = False
        if verdict is not _KEEP:
            if verdict is not None and verdict not in VERDICTS:
                raise RefereeError(
                    f"unknown verdict {verdict!r}; use {', '.join(VERDICTS)} or clear"
                )
            confirm = verdict is not None and state.anchor in _CHANGED
            if verdict != after.verdict or confirm:
                after = replace(after, verdict=verdict, coreviewers=())
                touched = True
                if confirm:
                    after = self._repin(after, state)
            if verdict is not None and after.dismissed:
                after = replace(after, dismissed=False)  # a verdict brings a claim back
                touched = True
            after = after.without_conflict("verdict")
        if note is not _KEEP:
            note = clean_note(str(note))
            if note != after.note:
                after = replace(after, note=note)
                touched = True
            after = after.without_conflict("note")
        if refs is not _KEEP:
            if isinstance(refs, str):
                refs = [refs]
            wanted = sorted_refs(refs)
            known = {r.id for r in self.analysis.references} | set(after.refs)
            known |= set(self._review.sources)
            unknown = [r for r in wanted if r not in known]
            if unknown:
                raise UnknownReference(
                    f"{self.article.path}: no reference with id {unknown[0]!r} "
                    "(`referee refs` lists them)"
                )
            after = replace(after, refs=wanted)
        if touched:
            after = replace(after, reviewer=self.reviewer, reviewed=self._today())
        elif after != original and after.reviewer is None:
            after = replace(after, reviewer=self.reviewer)
        return self._commit(claim_id, before, after)

    def resolve(self, claim_id: str, field: str, choice: str) -> frozenset[str]:
        """Settle a merge conflict on ``field``: ``ours`` (the first value kept),
        ``theirs`` (the last), a number 1..N (any of them) or, for notes, ``both``
        (every note kept, one after the other). The chosen value keeps who gave it."""
        self._writable()
        if field not in CONFLICT_FIELDS:
            raise RefereeError(f"field must be one of {', '.join(CONFLICT_FIELDS)}")
        self.state(claim_id)
        before = self._current(claim_id)
        conflict = before.conflict(field) if before else None
        if before is None or conflict is None:
            raise RefereeError(f"claim {claim_id} has no conflict on {field}")
        return self._commit(claim_id, before, self._resolved(before, conflict, choice))

    def resolve_all(self, choice: str) -> frozenset[str]:
        """Settle every conflict of the review with ``ours`` or ``theirs``, one save and
        one undo step per claim. Returns the changed claim ids."""
        self._writable()
        if choice not in ("ours", "theirs"):
            raise RefereeError("--all takes ours or theirs")
        changed: set[str] = set()
        for claim_id in sorted({cid for cid, _ in self._review.conflicts()}):
            before = self._current(claim_id)
            after = before
            for conflict in before.conflicts:
                after = self._resolved(after, conflict, choice)
            changed |= self._commit(claim_id, before, after)
        return frozenset(changed)

    def _resolved(self, before: Annotation, conflict: FieldConflict, choice: str) -> Annotation:
        return resolved(before, conflict, choice, reviewer=self.reviewer, today=self._today())

    def undo(self) -> Undone | None:
        """Undo the last change (and save). Returns what was undone, or None."""
        self._writable()
        change = self._history.pop()
        if change is None:
            return None
        try:
            changed = self._apply(change.claim_id, change.before, change.anchor)
        except BaseException:
            self._history.push(change)
            raise
        return Undone(change.claim_id, change.description, changed)

    def record_checks(self, results: Iterable[CheckResult]) -> None:
        """Store reference check results as ``[ref.<id>]`` tables, in one save.

        An ``unverifiable`` result (an outage, a rate limit) never replaces an
        earlier definite answer. A result that cannot be saved (a read-only session,
        a file changed on disk: the error is raised) is still this session's answer
        (:meth:`ref_check`) until :meth:`reload`."""
        results = list(results)
        for result in [r for r in results if r.ref_id in self._review.sources]:
            self.record_source_check(result, None)
        results = [r for r in results if r.ref_id not in self._review.sources]
        for result in results:
            if self.analysis.reference(result.ref_id) is None and (
                result.ref_id not in self._review.refs
            ):
                raise UnknownReference(
                    f"{self.article.path}: no reference with id {result.ref_id!r}"
                )
        fresh = {r.ref_id: r for r in results if supersedes(r, self.ref_check(r.ref_id))}
        self._results.update(fresh)
        self._writable()
        if not fresh:
            return
        refs = dict(self._review.refs)
        for ref_id, result in fresh.items():
            reference = self.analysis.reference(ref_id)
            raw = reference.raw if reference else refs[ref_id].raw
            refs[ref_id] = RefCheck.from_result(result, raw=raw, today=self._today())
        if refs == self._review.refs:
            return
        review = self._draft()
        review.refs = refs
        self._save(review, self._anchors, ())

    # ------------------------------------------------------------------ internals

    def _writable(self) -> None:
        if self.read_only:
            raise ReviewReadOnly(f"{self.load_error} (nothing is saved until it is fixed)")

    def adopt(self) -> bool:
        """Re-point a review file that names another article (copied, or the article
        renamed) at this one; its claims are found again by their quotes. False when
        it already names this article."""
        if self._review.article in ("", self.article.name):
            self._writable()
            return False
        error, self.load_error = self.load_error, None
        try:
            self._save(self._draft(), self._anchors, ())  # the draft names this article
        except BaseException:
            self.load_error = error
            raise
        return True

    def _current(self, claim_id: str) -> Annotation | None:
        return self._prepared().claims.get(claim_id)

    def _fresh(self, state: ClaimState, origin: str) -> Annotation:
        if state.start is None or state.end is None:
            raise RefereeError(f"claim {state.id} is not in the article")
        return Annotation.from_selector(
            state.id, self._selector(state.start, state.end), origin=origin
        )

    def _repin(self, annotation: Annotation, state: ClaimState) -> Annotation:
        if state.start is None or state.end is None:
            return annotation
        return annotation.with_selector(self._selector(state.start, state.end))

    def _selector(self, start: int, end: int) -> Selector:
        return selector_for(self.article.text, start, end)

    def _prepared(self) -> Review:
        """The review as the next save writes it: pinned to the current text."""
        review = self._review
        if review.base == self.article.blob_sha and review.article == self.article.name:
            return review
        out = review.copy()
        out.article, out.base = self.article.name, self.article.blob_sha
        if review.base != self.article.blob_sha:
            for cid, annotation in review.claims.items():
                anchor = self._anchors.get(cid)
                if anchor is None or anchor.state == "orphan" or anchor.start is None:
                    continue
                sel = self._selector(anchor.start, anchor.end)
                if anchor.state in _CHANGED:
                    sel = replace(sel, exact=annotation.exact)  # stays stale until re-reviewed
                out.claims[cid] = annotation.with_selector(sel)
        return out

    def _draft(self) -> Review:
        """The review as the next save writes it, safe to change (never the one held)."""
        review = self._prepared()
        return review.copy() if review is self._review else review

    def _commit(
        self, claim_id: str, before: Annotation | None, after: Annotation
    ) -> frozenset[str]:
        after_or_none = None if after.empty else after
        if after_or_none == before:
            return frozenset()
        change = Change(
            describe(before, after), claim_id, before, after_or_none, self._anchors.get(claim_id)
        )
        anchor = self._anchor_for(before, after_or_none, claim_id)
        changed = self._apply(claim_id, after_or_none, anchor)
        self._history.push(change)
        return changed

    def _anchor_for(
        self, before: Annotation | None, after: Annotation | None, claim_id: str
    ) -> Anchor | None:
        """Where ``after`` sits: where it sat, unless it was (re-)pinned to the text now."""
        if after is None:
            return None
        current = self._anchors.get(claim_id)
        if current is not None and before is not None and before.selector == after.selector:
            return current
        return Anchor(start=after.start, end=after.end, state="exact", score=1.0)

    def _apply(
        self, claim_id: str, annotation: Annotation | None, anchor: Anchor | None
    ) -> frozenset[str]:
        review = self._draft()
        anchors = dict(self._anchors)
        if annotation is None:
            review.claims.pop(claim_id, None)
            anchors.pop(claim_id, None)
        else:
            review.claims[claim_id] = annotation
            if anchor is not None:
                anchors[claim_id] = anchor
        return self._save(review, anchors, [claim_id])

    def _save(
        self, review: Review, anchors: dict[str, Anchor], changed: Iterable[str]
    ) -> frozenset[str]:
        self.article_changed = self.article_changed_on_disk()
        self._file.save(review)  # raises before anything in memory changes
        merged = self._file.merged
        self.merged_on_save = merged is not None
        if merged is not None:  # another writer's changes came in: place them all again
            self._review = merged
            self._anchors = self._anchor_stored(merged)
            self._invalidate()
            return frozenset(self._all_states())
        self._review = review
        self._anchors = anchors
        return self._invalidate(changed)
