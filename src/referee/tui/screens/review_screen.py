"""The review screen: article, claims, detail and references, driven by the keyboard.

Every action goes through the :class:`referee.review.session.Session`, which saves at once;
a refused change (read-only review, file changed on disk) becomes an error
notification and leaves the screen as it was.
"""

from __future__ import annotations

import gc
import os
from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import Screen

from referee.errors import RefereeError
from referee.model import CheckResult
from referee.review.glyphs import verdict_glyph, verdict_kind
from referee.tui import keymap
from referee.tui.screens.checks import ReferenceChecks
from referee.tui.screens.filter import FILTERS, FilterScreen, matches
from referee.tui.screens.notes import NoteActions
from referee.tui.widgets.article_view import ArticleView, Highlight
from referee.tui.widgets.claim_list import ClaimList
from referee.tui.widgets.detail import Detail, claim_content, reference_content
from referee.tui.widgets.header import ReviewHeader
from referee.tui.widgets.key_bar import KeyBar
from referee.tui.widgets.reference_list import ReferenceList

if TYPE_CHECKING:
    from referee.tui.screens.search import SearchResult

# Imported where used, not here: the search dialog and the sentence splitter (for ``a``)
# are not needed for the first screen, and every module here is start-up time.

PANES = ("claims", "article", "references", "detail")
FOCUS_MARK = "» "
"""Put before the focused pane's title: focus shows in text, not only as a border shade."""


def highlight_for(state: Any, cache: dict[tuple, Highlight] | None = None) -> Highlight:
    """How a claim is drawn in the article pane (kept cheap: it runs for every claim)."""
    kind, glyph = verdict_kind(state), verdict_glyph(state)
    if kind == "unreviewed" and state.origin == "manual":
        kind = "manual"
    if state.anchor == "stale":
        kind = "stale"
    key = (state.start, state.end, kind, glyph)
    if cache is None:
        return Highlight(*key)
    found = cache.get(key)
    if found is None:
        found = cache[key] = Highlight(*key)
    return found


class ReviewScreen(ReferenceChecks, NoteActions, Screen[None], inherit_bindings=False):
    """One article under review."""

    BINDINGS: ClassVar = keymap.bindings("review", "copy")
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (100, "-wide")]
    AUTO_FOCUS = "#claims"
    ALLOW_IN_MAXIMIZED_VIEW = "ReviewHeader, KeyBar"  # m keeps the progress and the keys

    def __init__(self, session: Any, *, keep: str | None = None, filter_name: str = "all") -> None:
        super().__init__()
        self.session = session
        self.filter_name = filter_name
        self._keep = keep
        self.search: SearchResult | None = None
        self.checks: dict[str, CheckResult] = dict(session.ref_checks())
        self._spans: list[tuple[int, int, str]] = []
        self._starts: list[int] = []
        self._highlights: dict[tuple, Highlight] = {}
        self._drafts: dict[str, str] = {}  # notes typed but refused on saving, by claim
        self._titles: dict[str, str] = {}  # pane id -> its title, without the focus mark

    # ------------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        width = self.app.size.width
        for minimum, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True):
            if width >= minimum:
                self.add_class(name, update=False)
                break
        yield ReviewHeader(id="header")
        with Container(id="panes"):
            yield ArticleView(self.session.article.text, id="article")
            with Container(id="side"):
                yield ClaimList(id="claims")
                yield ReferenceList(id="references")
                yield Detail(id="detail")
        yield KeyBar(id="keys")

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def claims(self) -> ClaimList:
        return self.query_one("#claims", ClaimList)

    @property
    def references(self) -> ReferenceList:
        return self.query_one("#references", ReferenceList)

    @property
    def detail(self) -> Detail:
        return self.query_one("#detail", Detail)

    def on_mount(self) -> None:
        self._set_title(self.article, "Article")
        blocks = self.session.analysis.blocks  # hard-wrapped paragraphs fill the pane
        self.article.set_soft_breaks([(b.start, b.end) for b in blocks if b.kind == "paragraph"])
        self.article.set_metadata([(b.start, b.end) for b in blocks if b.kind == "front_matter"])
        self._set_title(self.detail, "Claim")
        self._set_title(self.references, "References")
        self.references.set_references(self.session.analysis.references, self._statuses())
        self.query_one(KeyBar).show_keys(getattr(self.app, "key_overrides", {}))
        self.refresh_claims(keep=self._keep or self._first_unreviewed())
        session = self.session
        if session.read_only:
            self.notify(
                f"{session.load_error}\nThe review file is left untouched; nothing is saved.",
                title="Read-only",
                severity="error",
                timeout=15,
                markup=False,
            )
        conflicts = session.conflicts()
        if conflicts:
            self.notify(
                f"{len(conflicts)} merge conflict(s) wait for you: claims marked ‼ "
                "(filter f → conflict); press r on one to settle it.",
                severity="warning",
                timeout=15,
                markup=False,
            )
        self.call_after_refresh(_settle_garbage_collection)
        if os.environ.get("REFEREE_BENCH_EXIT") == "1":
            self.call_after_refresh(self.app.exit)

    def _first_unreviewed(self) -> str | None:
        """Where a review opens: its first claim without a verdict (a review opened again
        carries on where it stopped; a new one starts at the top)."""
        for state in self.session.claims():
            if state.anchor != "stale" and matches("unreviewed", state):
                return state.id
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No action once the app is quitting (keys typed after ``q`` are still queued)."""
        return not getattr(self.app, "exiting", False)

    # ------------------------------------------------------------------ state → screen

    def _all_states(self) -> list[Any]:
        """Every claim once: placed ones in document order, then orphans."""
        orphans = [s for s in self.session.orphans() if s.anchor == "orphan"]
        return self.session.claims() + orphans

    def refresh_claims(self, keep: str | None = None) -> None:
        """Rebuild the claim list, highlights and header from the session."""
        session = self.session
        placed = session.claims()
        self._spans = [(s.start, s.end, s.id) for s in placed]
        self._starts = [span[0] for span in self._spans]
        if self.filter_name == "dismissed":
            main, apart = session.dismissed(), []
        else:
            main = [s for s in placed if s.anchor != "stale" and matches(self.filter_name, s)]
            apart = [s for s in session.orphans() if matches(self.filter_name, s)]
        claims = self.claims
        claims.empty_message = (
            "No claims found in this article (a to add one)."
            if self.filter_name == "all"
            else f"No claims match “{self.filter_name}” (f to change the filter)."
        )
        self._set_title(claims, f"Claims ({len(main) + len(apart)})")
        claims.set_claims(main, apart, keep=keep)
        if len(self._highlights) > 4 * len(placed) + 1000:
            self._highlights.clear()
        self.article.set_highlights([highlight_for(s, self._highlights) for s in placed])
        self.refresh_header()
        self.show_current()

    def refresh_header(self, busy: str = "") -> None:
        counts: dict[str, int] = {}
        for state in self.session.claims():
            if state.verdict:
                counts[state.verdict] = counts.get(state.verdict, 0) + 1
        self.query_one(ReviewHeader).show(
            self.session.article.name,
            self.session.progress(),
            counts,
            filter_name=self.filter_name,
            read_only=self.session.load_error if self.session.read_only else None,
            warnings=self.session.analysis.warnings,
            busy=busy,
        )

    def current_state(self) -> Any | None:
        claim_id = self.claims.current_id
        if claim_id is None:
            return None
        try:
            return self.session.state(claim_id)
        except RefereeError:
            return None

    def show_current(self, *, scroll: bool = True) -> None:
        """Show the current claim in the detail area and the article pane."""
        state = self.current_state()
        if state is None:
            self.article.set_current(None, None)
            self.detail.show_text("No claim selected.")
            self.references.set_linked(())
            return
        if self.focused is not self.references:
            self.detail.show(self._claim_content(state))
        self.article.set_current(state.start, state.end, scroll=scroll)
        self.references.set_linked(state.refs)

    def _claim_content(self, state: Any):
        analysis = self.session.analysis
        conflicts = tuple(c for c in self.session.conflicts() if c.claim_id == state.id)
        return claim_content(state, analysis.reference, self.checks.get, conflicts)

    def _statuses(self) -> dict[str, str | None]:
        return {ref_id: result.status for ref_id, result in self.checks.items()}

    def claim_at(self, offset: int) -> str | None:
        """The id of the placed claim whose span holds ``offset``."""
        index = bisect_right(self._starts, offset) - 1
        while index >= 0:
            start, end, claim_id = self._spans[index]
            if start <= offset < end:
                return claim_id
            if end <= offset and start < offset - 10_000:
                break
            index -= 1
        return None

    # ------------------------------------------------------------------ events

    @on(ClaimList.Highlighted)
    def _claim_highlighted(self, event: ClaimList.Highlighted) -> None:
        self.show_current()

    @on(ClaimList.Chosen)
    def _claim_chosen(self, event: ClaimList.Chosen) -> None:
        self.focus_pane("article")

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        claim_id = self.claim_at(event.offset)
        if (
            claim_id is not None
            and claim_id != self.claims.current_id
            and self.claims.select(claim_id, post=False)
        ):
            self.show_current(scroll=False)

    @on(ReferenceList.OptionHighlighted)
    def _reference_highlighted(self, event: ReferenceList.OptionHighlighted) -> None:
        if self.focused is self.references:
            self._show_reference()

    @on(ReferenceList.Chosen)
    def _reference_chosen(self, event: ReferenceList.Chosen) -> None:
        ref = self.session.analysis.reference(event.ref_id)
        if ref is not None:
            self.article.move_cursor(ref.start)
            self.article.scroll_to_offset(ref.start)

    def _set_title(self, pane: Any, title: str) -> None:
        """A pane's title, marked with :data:`FOCUS_MARK` while the pane has focus."""
        self._titles[pane.id] = title
        shown = FOCUS_MARK + title if pane.has_focus_within else title
        if pane.border_title != shown:  # setting a border title always redraws
            pane.border_title = shown

    def _mark_focused_pane(self) -> None:
        for pane in (self.article, self.claims, self.references, self.detail):
            if pane.id in self._titles:
                self._set_title(pane, self._titles[pane.id])

    def on_descendant_blur(self, event: Any) -> None:
        self._mark_focused_pane()

    def on_descendant_focus(self, event: Any) -> None:
        self._mark_focused_pane()
        widget = event.widget
        if widget is self.references:
            self.set_class(True, "-references")
            self._show_reference()
        elif widget is self.claims:
            self.set_class(False, "-references")
            self._detail_title("Claim")
            state = self.current_state()
            if state is not None:
                self.detail.show(self._claim_content(state))

    def _detail_title(self, title: str) -> None:
        self._set_title(self.detail, title)

    def _show_reference(self) -> None:
        ref = self.references.current
        if ref is not None:
            self._detail_title("Reference")
            self.detail.show(reference_content(ref, self.checks.get(ref.id)))

    # ------------------------------------------------------------------ moving

    def action_next_claim(self) -> None:
        self.claims.move(1)

    def action_previous_claim(self) -> None:
        self.claims.move(-1)

    def _unreviewed(self, step: int) -> None:
        ids = self.claims.claim_ids
        if not ids:
            return
        current = self.claims.current_id
        start = ids.index(current) if current in ids else -step
        for offset in range(1, len(ids) + 1):
            claim_id = ids[(start + step * offset) % len(ids)]
            if self.session.state(claim_id).verdict is None:
                if claim_id == current:
                    break
                self.claims.select(claim_id)
                return
        self.notify("No other unreviewed claim in this list.", timeout=3, markup=False)

    def action_next_unreviewed(self) -> None:
        self._unreviewed(1)

    def action_previous_unreviewed(self) -> None:
        self._unreviewed(-1)

    def focus_pane(self, pane: str) -> None:
        if pane in ("references", "claims"):
            self.set_class(pane == "references", "-references")
        if pane == "claims":
            self._detail_title("Claim")
        self.query_one(f"#{pane}").focus()

    def _step_pane(self, step: int) -> None:
        focused = self.focused
        current = focused.id if focused is not None and focused.id in PANES else "claims"
        self.focus_pane(PANES[(PANES.index(current) + step) % len(PANES)])

    def action_next_pane(self) -> None:
        self._step_pane(1)

    def action_previous_pane(self) -> None:
        self._step_pane(-1)

    def action_maximize_pane(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused, container=False)

    # ------------------------------------------------------------------ changing

    def _change(self, change: Callable[[], Any], keep: str | None) -> bool:
        """Run one session change; on refusal notify and keep the screen as it was."""
        if not self._writable():
            return False
        try:
            change()
        except RefereeError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)
            return False
        self.refresh_claims(keep=keep)
        return True

    def _target(self) -> Any | None:
        state = self.current_state()
        if state is None:
            self.notify("No claim selected.", severity="warning", timeout=3, markup=False)
        return state

    def _next_id(self, claim_id: str) -> str:
        ids = self.claims.claim_ids
        index = ids.index(claim_id)
        return ids[index + 1] if index + 1 < len(ids) else claim_id

    def action_mark(self, verdict: str) -> None:
        state = self._target()
        if state is not None:
            self._change(
                lambda: self.session.set_verdict(state.id, verdict), self._next_id(state.id)
            )

    def action_clear_verdict(self) -> None:
        state = self._target()
        if state is not None:
            self._change(lambda: self.session.set_verdict(state.id, None), state.id)

    def action_dismiss_claim(self) -> None:
        state = self._target()
        if state is None:
            return
        if state.dismissed:  # listed under the "dismissed" filter: d brings it back
            if self._change(lambda: self.session.restore(state.id), state.id):
                self.notify(f"Restored {state.id} as a claim.", timeout=4, markup=False)
            return
        following = self._next_id(state.id)
        if following == state.id:
            ids = self.claims.claim_ids
            index = ids.index(state.id)
            following = ids[index - 1] if index else state.id
        if self._change(lambda: self.session.dismiss(state.id), following):
            self.notify(
                f"Dismissed {state.id} as not a claim (z to undo).", timeout=4, markup=False
            )

    def action_undo(self) -> None:
        before = {s.id: s for s in self._all_states() + self.session.dismissed()}
        try:
            description = self.session.undo()
        except RefereeError as exc:
            self.notify(str(exc), title="Not undone", severity="error", timeout=10, markup=False)
            return
        if description is None:
            self.notify("Nothing to undo.", timeout=3, markup=False)
            return
        after = {s.id: s for s in self._all_states()}
        changed = next(
            (cid for cid, s in after.items() if before.get(cid) != s),
            next((cid for cid in before if cid not in after and cid in self.claims), None),
        )
        self.refresh_claims(keep=changed if changed in after else None)
        self.notify(f"Undone: {description}", timeout=4, markup=False)

    def action_add_claim(self) -> None:
        if not self._writable():
            return
        offset = self.article.cursor
        existing = self.claim_at(offset)
        if existing is not None:
            self.claims.select(existing)
            self.notify(
                f"The sentence at the cursor already is claim {existing}.", timeout=4, markup=False
            )
            return
        from referee.text.sentences import sentence_at

        span = sentence_at(self.session.article.text, self.session.analysis.blocks, offset)
        if span is None:
            self.notify("No sentence at the cursor.", severity="warning", timeout=4, markup=False)
            return
        try:
            added = self.session.add_claim(*span)
        except RefereeError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)
            return
        if not matches(self.filter_name, self.session.state(added)):
            self.filter_name = "all"
        self.refresh_claims(keep=added)
        self.notify(f"Added claim {added}.", timeout=3, markup=False)

    # ------------------------------------------------------------------ modals

    def action_link_references(self) -> None:
        from referee.tui.screens.link import LinkScreen

        state = self._target()
        if state is None or not self._writable():
            return

        def done(ref_ids: list[str] | None) -> None:
            if ref_ids is not None:
                self._change(lambda: self.session.set_refs(state.id, ref_ids), state.id)

        screen = LinkScreen(
            state.id, state.text, self.session.analysis.references, state.refs, self._statuses()
        )
        self.app.push_screen(screen, done)

    def action_filter(self) -> None:
        states = self._all_states() + self.session.dismissed()
        counts = {name: sum(1 for s in states if matches(name, s)) for name in FILTERS}

        def done(name: str | None) -> None:
            if name is not None and name != self.filter_name:
                self.filter_name = name
                self.refresh_claims(keep=self.claims.current_id)

        self.app.push_screen(FilterScreen(self.filter_name, counts), done)

    def action_search(self) -> None:
        from referee.tui.screens.search import SearchScreen

        def glyph_at(offset: int) -> str:
            claim_id = self.claim_at(offset)
            return verdict_glyph(self.session.state(claim_id)) if claim_id else " "

        def done(result: SearchResult | None) -> None:
            if result is not None:
                self.apply_search(result)

        query = self.search.query if self.search else ""
        self.app.push_screen(SearchScreen(self.session.article.text, query, glyph_at), done)

    def apply_search(self, result: SearchResult) -> None:
        self.search = result if result.query else None
        self.article.set_search_matches(result.matches)
        if not result.query:
            return
        if not result.matches:
            self.notify(f"“{result.query}” is not in the article.", timeout=4, markup=False)
            return
        start = result.matches[result.chosen][0]
        claim_id = self.claim_at(start)
        if claim_id is not None and self.claims.select(claim_id):
            return
        self.article.move_cursor(start)
        self.article.scroll_to_offset(start)

    def action_resolve_conflict(self) -> None:
        from referee.tui.screens.conflict import ConflictScreen

        state = self._target()
        if state is None or not self._writable():
            return
        conflicts = [c for c in self.session.conflicts() if c.claim_id == state.id]
        if not conflicts:
            self.notify(f"Claim {state.id} has no merge conflict.", timeout=3, markup=False)
            return
        conflict = conflicts[0]

        def done(choice: str | None) -> None:
            if choice is not None:
                self._change(
                    lambda: self.session.resolve(state.id, conflict.field, choice), state.id
                )

        self.app.push_screen(ConflictScreen(conflict, state.text), done)

    def action_reload(self) -> None:
        keep = self.claims.current_id
        try:
            self.session.reload()
        except RefereeError as exc:
            self.notify(str(exc), title="Not reloaded", severity="error", timeout=10, markup=False)
            return
        if self.session.article.text != self.article.text:
            self.app.show_review(self.session, keep=keep, filter_name=self.filter_name)
            apart = len(self.session.orphans())
            self.app.notify(
                "Reloaded: the article changed"
                + (f"; {apart} claim(s) listed apart as stale or orphaned." if apart else "."),
                timeout=6,
                markup=False,
            )
            return
        self.checks = dict(self.session.ref_checks())
        self.references.set_references(self.session.analysis.references, self._statuses())
        self.refresh_claims(keep=keep)
        self.notify("Reloaded the article and its review from disk.", timeout=4, markup=False)

    def _writable(self) -> bool:
        if self.session.read_only:
            self.notify(
                f"Read-only: {self.session.load_error}", severity="error", timeout=8, markup=False
            )
            return False
        return True


def _settle_garbage_collection() -> None:
    """Once the first screen is up: everything alive now (Textual, the article, the
    analysis) lives as long as the app, so move it out of the collector's way and turn
    collection back on (``referee ARTICLE`` turns it off while starting)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
