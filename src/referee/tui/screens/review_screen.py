"""The review screen: article, claims, detail and references, driven by the keyboard.

Every action goes through the :class:`referee.review.session.Session`, which saves at once;
a refused change (read-only review, file changed on disk) becomes an error
notification and leaves the screen as it was.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import Screen

from referee import startup
from referee.errors import RefereeError
from referee.review.claimview import anchoring_summary
from referee.review.glyphs import verdict_glyph, verdict_kind
from referee.review.store import ReviewChangedOnDisk
from referee.tui import keymap
from referee.tui.screens.checks import ReferenceChecks
from referee.tui.screens.claim_actions import ClaimActions
from referee.tui.screens.exporting import Exporting
from referee.tui.screens.filter import FILTERS, FilterScreen, matches
from referee.tui.screens.linking import Linking
from referee.tui.screens.literature_actions import LiteratureActions
from referee.tui.screens.notes import NoteActions
from referee.tui.screens.pane_titles import PaneTitles
from referee.tui.widgets.article_view import ArticleView, Highlight
from referee.tui.widgets.claim_list import ClaimList
from referee.tui.widgets.detail import Detail, claim_content, reference_content
from referee.tui.widgets.header import ReviewHeader
from referee.tui.widgets.key_bar import KeyBar
from referee.tui.widgets.reference_list import ReferenceList

if TYPE_CHECKING:
    from textual.content import Content

    from referee.review.session import ClaimState, Session
    from referee.tui.screens.search import SearchResult

# Imported where used, not here: the search dialog and the sentence splitter (for ``a``)
# are not needed for the first screen, and every module here is start-up time.

PANES = ("claims", "article", "references", "detail")


def highlight_for(state: ClaimState, cache: dict[tuple, Highlight] | None = None) -> Highlight:
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


class ReviewScreen(
    ClaimActions,
    LiteratureActions,
    ReferenceChecks,
    Linking,
    NoteActions,
    PaneTitles,
    Exporting,
    Screen[None],
    inherit_bindings=False,
):
    """One article under review."""

    BINDINGS: ClassVar = keymap.bindings("review", "copy")
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (100, "-wide")]
    AUTO_FOCUS = "#claims"
    ALLOW_IN_MAXIMIZED_VIEW = "ReviewHeader, KeyBar"  # m keeps the progress and the keys

    def __init__(
        self, session: Session, *, keep: str | None = None, filter_name: str = "all"
    ) -> None:
        super().__init__()
        self.session = session
        self.filter_name = filter_name
        self._keep = keep
        self.search: SearchResult | None = None
        self._spans: list[tuple[int, int, str]] = []
        self._starts: list[int] = []
        self._highlights: dict[tuple, Highlight] = {}
        self.drafts: dict[str, str] = {}  # notes typed but refused on saving, by claim
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
        empty = not self.session.article.text.strip()
        self._set_title(self.article, "Article (empty)" if empty else "Article")
        if empty:
            key = keymap.key_label("open-article", getattr(self.app, "key_overrides", {}))
            self.notify(
                f"{self.session.article.name} is empty: there is nothing to review. "
                f"{key} opens another article.",
                title="Empty article",
                severity="warning",
                timeout=10,
                markup=False,
            )
        blocks = self.session.analysis.blocks  # hard-wrapped paragraphs fill the pane
        self.article.set_soft_breaks([(b.start, b.end) for b in blocks if b.kind == "paragraph"])
        self.article.set_metadata([(b.start, b.end) for b in blocks if b.kind == "front_matter"])
        if self.session.article.markdown:
            from referee.text.inline_marks import inline_marks

            self.article.set_marks(inline_marks(self.session.article.text, blocks))
        self._set_title(self.detail, "Claim")
        self._set_title(self.references, "References")
        self.references.set_references(self.session.references(), self.statuses())
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
        self.call_after_refresh(startup.settle)

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
            apart = [s for s in session.apart() if matches(self.filter_name, s)]
        claims = self.claims
        if not session.article.text.strip():
            claims.empty_message = "The article is empty: there is nothing to review."
        elif self.filter_name == "all":
            claims.empty_message = "No claims found in this article (a to add one)."
        else:
            claims.empty_message = f"No claims match “{self.filter_name}” (f to change the filter)."
        self._set_title(claims, f"Claims ({len(main) + len(apart)})")
        claims.set_claims(main, apart, keep=keep)
        self._set_highlights(placed)
        self.refresh_header()
        self.show_current()

    def redraw_claims(self, changed: frozenset[str], keep: str | None) -> None:
        """Show what a change did: redraw the rows of the ``changed`` claims, or the whole
        list when one of them joins it, leaves it or moves in it; then go to ``keep``."""
        claims = self.claims
        if self.session.merged_on_save:  # another writer's changes came in: all of it
            self.refresh_claims(keep=keep)
            return
        states = []
        for claim_id in changed:
            shown = claims.state(claim_id)
            try:
                state = self.session.state(claim_id)
            except RefereeError:
                state = None
            if (
                shown is None
                or state is None
                or not matches(self.filter_name, state)  # it leaves the list
                or (shown.start, shown.end, shown.anchor) != (state.start, state.end, state.anchor)
            ):
                self.refresh_claims(keep=keep)
                return
            states.append(state)
        for state in states:
            claims.update_claim(state)
        if states:
            self._set_highlights(self.session.claims())
            self.refresh_header()
        if keep is not None:
            claims.select(keep, post=False)
        self.show_current()

    def _set_highlights(self, placed: list[ClaimState]) -> None:
        if len(self._highlights) > 4 * len(placed) + 1000:
            self._highlights.clear()
        self.article.set_highlights([highlight_for(s, self._highlights) for s in placed])

    def refresh_header(self, busy: str = "") -> None:
        counts = Counter(state.verdict for state in self.session.claims() if state.verdict)
        self.query_one(ReviewHeader).show(
            self.session.article.name,
            self.session.progress(),
            counts,
            filter_name=self.filter_name,
            read_only=self.session.load_error if self.session.read_only else None,
            warnings=self.session.analysis.warnings,
            busy=busy,
        )

    def current_state(self) -> ClaimState | None:
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
        cited = state.claim.ref_ids if state.claim is not None else ()
        self.references.set_linked(state.refs, cited)

    def _claim_content(self, state: ClaimState) -> Content:
        conflicts = tuple(c for c in self.session.conflicts() if c.claim_id == state.id)
        return claim_content(state, self.session.reference, self.session.ref_check, conflicts)

    def statuses(self) -> dict[str, str | None]:
        return {ref_id: result.status for ref_id, result in self.session.ref_checks().items()}

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
            self.show_reference()

    @on(ReferenceList.Chosen)
    def _reference_chosen(self, event: ReferenceList.Chosen) -> None:
        ref = self.session.analysis.reference(event.ref_id)
        if ref is not None:
            self.article.move_cursor(ref.start)
            self.article.scroll_to_offset(ref.start)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._mark_focused_pane()
        widget = event.widget
        if widget is self.references:
            self.set_class(True, "-references")
            self.show_reference()
        elif widget is self.claims:
            self.set_class(False, "-references")
            self._detail_title("Claim")
            state = self.current_state()
            if state is not None:
                self.detail.show(self._claim_content(state))

    def _detail_title(self, title: str) -> None:
        self._set_title(self.detail, title)

    def show_reference(self) -> None:
        ref = self.references.current
        if ref is not None:
            self._detail_title("Reference")
            self.detail.show(reference_content(ref, self.session.ref_check(ref.id)))

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

    def change(self, change: Callable[[], frozenset[str]], keep: str | None) -> bool:
        """Run one session change; on refusal notify and keep the screen as it was."""
        if not self.writable():
            return False
        try:
            changed = change()
        except ReviewChangedOnDisk as exc:
            key = keymap.key_label("reload", getattr(self.app, "key_overrides", {}))
            self.notify(
                f"{exc}. Press {key} to reload: your change is not lost, do it again after.",
                title="Not saved",
                severity="error",
                timeout=12,
                markup=False,
            )
            return False
        except RefereeError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)
            return False
        self.redraw_claims(changed, keep)
        self.tell_what_changed_on_disk()
        return True

    def tell_what_changed_on_disk(self) -> None:
        """After a save: what another writer changed meanwhile, and an article changed
        under the screen (both noticed by the session as it saved)."""
        session = self.session
        if session.merged_on_save:
            conflicts = len(session.conflicts())
            self.notify(
                "The review file changed on disk meanwhile (another referee, a git pull): "
                "your change was merged into it"
                + (f"; {conflicts} conflict(s) to settle with r." if conflicts else "."),
                title="Review file changed",
                severity="warning",
                timeout=8,
                markup=False,
            )
        if session.article_changed:
            self.notify(
                "The article changed on disk since it was opened: your change is saved "
                "against the text on screen; ctrl+r reloads the article.",
                title="Article changed",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def target_claim(self) -> ClaimState | None:
        state = self.current_state()
        if state is None:
            self.notify("No claim selected.", severity="warning", timeout=3, markup=False)
        return state

    # ------------------------------------------------------------------ modals

    def action_show_abstracts(self) -> None:
        from referee.refcheck.evidence import references_beside
        from referee.refcheck.settings import CheckSettings
        from referee.tui.screens.abstracts_dialog import AbstractsScreen, Picked

        state = self.target_claim()
        if state is None:
            return
        try:
            settings = CheckSettings.from_environment(config=getattr(self.app, "config", None))
        except RefereeError as exc:
            self.notify(str(exc), severity="error", timeout=8, markup=False)
            return

        def done(pick: Picked | None) -> None:
            if pick is not None and self.change(
                lambda: self.session.add_evidence(state.id, *pick), state.id
            ):
                self.notify(
                    f"Kept as evidence for {state.id} (z to undo).", timeout=4, markup=False
                )

        beside = references_beside(self.session, state.id)
        self.app.push_screen(AbstractsScreen(state.id, state.text, beside, settings), done)

    def action_filter(self) -> None:
        states = self.session.every_claim()
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

        state = self.target_claim()
        if state is None or not self.writable():
            return
        conflicts = [c for c in self.session.conflicts() if c.claim_id == state.id]
        if not conflicts:
            self.notify(f"Claim {state.id} has no merge conflict.", timeout=3, markup=False)
            return
        conflict = conflicts[0]

        def done(choice: str | None) -> None:
            if choice is not None:
                self.change(
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
            self.app.notify(
                "Reloaded: the article changed. " + anchoring_summary(self.session.stored()),
                timeout=8,
                markup=False,
            )
            return
        self.references.set_references(self.session.references(), self.statuses())
        self.refresh_claims(keep=keep)
        self.notify("Reloaded the article and its review from disk.", timeout=4, markup=False)

    def writable(self) -> bool:
        if self.session.read_only:
            self.notify(
                f"Read-only: {self.session.load_error}", severity="error", timeout=8, markup=False
            )
            return False
        return True
