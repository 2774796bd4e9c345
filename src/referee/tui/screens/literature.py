"""``L``: search the literature for the current claim (PubMed and Europe PMC: systematic
reviews, meta-analyses, randomised trials).

The query built from the claim's key terms is shown in an editable field; ``enter`` sends
it. Unless the config turns searching on (``[evidence] search = true``), the first
``enter`` only says what would be sent and where, and a second ``enter`` on the same query
sends it: the claim's words leave the machine, so every search is confirmed. The search
runs in a worker (the screen never waits); hits are listed with year, type, journal and
title, ``enter`` on one reads its abstract (the abstract view, read only), ``l`` links it
to the claim as an outside source (through the review screen, which owns the session).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from referee.errors import RefereeError
from referee.model import Reference
from referee.refcheck import litsearch
from referee.refcheck.client import Unavailable
from referee.refcheck.evidence import Beside
from referee.tui import keymap
from referee.tui.screens.dialog import Dialog
from referee.tui.widgets.marked_list import MarkedOptionList
from referee.visible import one_line

if TYPE_CHECKING:
    from referee.config import Config
    from referee.refcheck.settings import CheckSettings


def hit_prompt(hit: litsearch.Hit, linked: bool = False) -> Content:
    """One result row: year, type, journal, title (plain words: readable with NO_COLOR);
    ``linked ·`` first once the hit is a source of the claim."""
    return Content.assemble(
        ("linked · ", "bold") if linked else "",
        (str(hit.year or "----"), "bold"),
        "  ",
        (hit.type or "article", ""),
        "  ",
        (one_line(hit.journal), "italic"),
        "  " if hit.journal else "",
        one_line(hit.title),
    )


def hit_reference(hit: litsearch.Hit) -> Reference:
    """A hit as a reference with no place in the article, for the abstract look-up."""
    return Reference(
        id=hit.id,
        start=0,
        end=0,
        raw=hit.title,
        title=hit.title,
        year=str(hit.year) if hit.year else None,
        container=hit.journal or None,
        doi=hit.doi,
        pmid=hit.pmid,
    )


class LiteratureScreen(Dialog[None], inherit_bindings=False):
    """The query, the confirmation when the config asks for one, and the hits."""

    BINDINGS: ClassVar = keymap.bindings("literature", "dialog", "copy")

    DEFAULT_CSS = """
    #literature-query {
        margin: 0;
    }

    #literature-status {
        height: auto;
        color: $text-muted;
    }
    """

    @dataclass
    class Searched(Message):
        """A search came back: hits, or why there are none."""

        query: str
        found: litsearch.Found | None
        problem: str

    def __init__(
        self,
        claim_id: str,
        claim_text: str,
        settings: CheckSettings,
        config: Config | None,
        link: Callable[[litsearch.Hit], bool] | None = None,
        linked: Collection[str] = (),
    ) -> None:
        """``link`` adds a hit as a source and links it to the claim (True when saved);
        ``linked``: source ids the claim already links."""
        super().__init__()
        self._link = link
        self.linked = set(linked)
        self._claim_id = claim_id
        self._claim_text = claim_text
        self._settings = settings
        self._config = config
        self._asking: str | None = None
        """The query the reviewer was asked to confirm (None: nothing asked)."""
        self.hits: tuple[litsearch.Hit, ...] = ()
        self.sent: list[str] = []
        """Queries sent, in order."""

    def compose(self) -> ComposeResult:
        with Vertical(id="literature-dialog", classes="dialog"):
            yield Static(
                Content.styled(f"Search the literature for {self._claim_id}", "bold"),
                classes="dialog-title",
                markup=False,
            )
            yield Static(
                Content.styled(
                    "enter searches · enter on a hit reads its abstract · l links it as a "
                    "source · escape closes",
                    "dim",
                ),
                id="literature-help",
                classes="dialog-quote",
                markup=False,
            )
            yield Static(Content(one_line(self._claim_text)), classes="dialog-quote", markup=False)
            yield Input(
                litsearch.claim_query(self._claim_text),
                placeholder="key terms of the claim",
                id="literature-query",
                select_on_focus=False,  # the cursor at the end: edit the query, not retype it
            )
            yield Static(Content(self._where()), id="literature-status", markup=False)
            yield MarkedOptionList(id="literature-results", classes="dialog-list", markup=False)

    def _where(self) -> str:
        return (
            "Systematic reviews, meta-analyses and randomised trials. The query's words are "
            f"sent to {litsearch.destinations(self._settings)}."
        )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def confirm_each(self) -> bool:
        return not litsearch.allowed(self._config, confirmed=False)

    def _status(self, text: str) -> None:
        self.query_one("#literature-status", Static).update(Content(one_line(text)))

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._asking is not None and event.value != self._asking:
            self._asking = None
            self._status(self._where())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = " ".join(event.value.split())
        if not query:
            self._status("Type some words to search for.")
            return
        if self.confirm_each and self._asking != query:
            self._asking = query
            self._status(
                f"Send “{query}” to {litsearch.destinations(self._settings)}? enter sends, "
                "escape stops ([evidence] search = true in the config skips this question)."
            )
            return
        confirmed = self._asking == query
        self._asking = None
        self.sent.append(query)
        self._status(f"Searching for “{query}”…")
        self.search(query, confirmed)

    @work(group="litsearch", exclusive=True, exit_on_error=False)
    async def search(self, query: str, confirmed: bool) -> None:
        """``confirmed``: the reviewer said yes to this query (else the config must allow
        searching; :func:`litsearch.run` refuses otherwise, before any connection)."""
        try:
            found = await litsearch.run(
                self._settings, query, config=self._config, confirmed=confirmed
            )
        except (Unavailable, RefereeError) as exc:
            self.post_message(self.Searched(query, None, self._settings.redact(str(exc))))
            return
        self.post_message(self.Searched(query, found, ""))

    def on_literature_screen_searched(self, event: LiteratureScreen.Searched) -> None:
        options = self.query_one(OptionList)
        if event.found is None:
            self.hits = ()
            options.clear_options()
            self._status(f"No answer for “{event.query}”: {event.problem}")
            return
        self.hits = event.found.hits
        options.set_options(
            Option(hit_prompt(hit, hit.id in self.linked), id=hit.id) for hit in self.hits
        )
        count = len(self.hits)
        said = f"{count} hit{'s' if count != 1 else ''} for “{event.query}”"
        if not count:
            said = f"No reviews or trials found for “{event.query}”; edit the query and retry"
        problems = "; ".join(event.found.problems)
        self._status(said + (f" ({problems})" if problems else ""))
        if count:
            options.highlighted = 0
            options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = next((h for h in self.hits if h.id == event.option.id), None)
        if hit is None:
            return
        from referee.tui.screens.abstracts_dialog import AbstractsScreen

        beside = Beside(hit.id, hit.type or "search hit", hit_reference(hit), None)
        self.app.push_screen(
            AbstractsScreen(
                self._claim_id, self._claim_text, [beside], self._settings, pickable=False
            )
        )

    def action_link(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if not self.hits or index is None or self._link is None:
            self._status("No hit to link: search first, then l on a hit.")
            return
        hit = self.hits[index]
        if hit.id in self.linked:
            self._status(f"{hit.id} is already linked to {self._claim_id}.")
            return
        if self._link(hit):
            self.linked.add(hit.id)
            options.replace_option_prompt_at_index(index, hit_prompt(hit, linked=True))
            self._status(
                f"Linked {hit.id} to {self._claim_id} as an outside source (z on the review "
                "screen undoes)."
            )

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "litsearch")
        self.dismiss(None)
