"""The reference picker for ``l``: fuzzy filter, toggle links, add outside sources, save.

Typing a DOI, PMID, arXiv id or URL offers "add it as a source": ``enter`` looks it up in
the background (the screen never waits) and, once found, lists it checked; ``ctrl+s``
saves the links and the sources added. A citation is what the article says; a link or a
source is the reviewer's judgement: the title line says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from referee.model import Reference
from referee.review.record import valid_source_id
from referee.text.identifiers import outside_identifier, source_id
from referee.tui import keymap
from referee.tui.screens.dialog import Dialog
from referee.tui.widgets.marked_list import MarkedOptionList
from referee.tui.widgets.reference_list import describe_reference, status_content
from referee.visible import one_line

if TYPE_CHECKING:
    from referee.refcheck.outside import Looked
    from referee.refcheck.settings import CheckSettings

ADD = "+source"
"""The id of the row that adds what was typed as an outside source."""
TITLE_HELP = (
    "A citation is what the article says; a link or a source is your judgement. "
    "Type to filter, or a DOI, PMID, arXiv id or URL to add a source."
)


@dataclass(frozen=True)
class Links:
    """What the picker chose: the ids to link, and the sources it looked up to add."""

    ref_ids: list[str]
    added: tuple[Looked, ...] = ()


def rank(query: str, refs: Sequence[Reference]) -> list[Reference]:
    """References matching ``query`` best first (all of them, in order, for no query)."""
    query = query.strip()
    if not query:
        return list(refs)
    from rapidfuzz import fuzz, process, utils

    haystacks = {
        index: " ".join(
            part
            for part in (ref.id, " ".join(ref.authors), ref.year or "", ref.title or "", ref.raw)
            if part
        )
        for index, ref in enumerate(refs)
    }
    found = process.extract(
        query,
        haystacks,
        scorer=fuzz.partial_ratio,
        processor=utils.default_process,
        limit=None,
        score_cutoff=80,
    )
    found.sort(key=lambda item: (-item[1], item[2]))
    return [refs[index] for _text, _score, index in found]


class LinkScreen(Dialog[Links | None], inherit_bindings=False):
    """Choose the references and outside sources a claim is linked to.

    Type to filter; ``up``/``down`` move; ``enter`` links or unlinks the marked
    reference (the best match when none is marked yet), or on a typed DOI, PMID, arXiv id
    or URL looks it up and adds it as a source; ``ctrl+s`` (or **Save**) saves;
    ``escape`` cancels (nothing is added).
    """

    BINDINGS: ClassVar = keymap.bindings("link", "dialog", "copy")

    DEFAULT_CSS = """
    #link-filter {
        margin: 0;
    }

    #link-summary {
        height: 1;
        color: $text-muted;
    }
    """

    def __init__(
        self,
        claim_id: str,
        claim_text: str,
        refs: Sequence[Reference],
        linked: Sequence[str],
        statuses: Mapping[str, str | None],
        settings: CheckSettings | None = None,
    ) -> None:
        super().__init__()
        self._claim_id = claim_id
        self._claim_text = claim_text
        self._refs = list(refs)
        self._chosen: set[str] = set(linked)
        self._statuses = dict(statuses)
        self._shown: list[Reference] = list(refs)
        self._settings = settings
        self._typed: tuple[str, str] | None = None
        """The (kind, value) of a DOI, PMID, arXiv id or URL typed in the filter."""
        self._added: dict[str, Looked] = {}
        self._looking: set[str] = set()

    @property
    def chosen(self) -> list[str]:
        return sorted(self._chosen)

    @property
    def offers_source(self) -> bool:
        """True when the first row adds what was typed as a source."""
        return self._typed is not None

    def compose(self) -> ComposeResult:
        with Vertical(id="link-dialog", classes="dialog"):
            yield Static(
                Content.assemble((f"Link references or sources to {self._claim_id}", "bold")),
                classes="dialog-title",
                markup=False,
            )
            yield Static(Content(TITLE_HELP), id="link-help", classes="dialog-quote", markup=False)
            yield Static(Content(one_line(self._claim_text)), classes="dialog-quote", markup=False)
            yield Input(
                placeholder="author, year, title, id; DOI, PMID, arXiv id, URL",
                id="link-filter",
            )
            yield MarkedOptionList(id="link-options", classes="dialog-list", markup=False)
            yield Static(Content(""), id="link-summary", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="link-save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="link-cancel", compact=True)

    def on_mount(self) -> None:
        self._fill()
        self.query_one(Input).focus()

    def _prompt(self, ref: Reference) -> Content:
        mark = "[x]" if ref.id in self._chosen else "[ ]"
        return Content.assemble(
            (mark, "bold"),
            " ",
            (ref.id, "bold"),
            "  ",
            describe_reference(ref),
            "  ",
            status_content(self._statuses.get(ref.id)),
        )

    def _add_prompt(self) -> Content:
        kind, value = self._typed or ("", "")
        sid = source_id(kind, value)
        from referee.refcheck.outside import KIND_NAMES

        if sid in self._looking:
            return Content.assemble(("…", "bold"), f" looking up {KIND_NAMES[kind]} {value}…")
        return Content.assemble(
            ("[+]", "bold"),
            " ",
            (f"add {KIND_NAMES[kind]} {value} as a source", "bold"),
            ("  (enter looks it up: your judgement, not the article's citation)", "dim"),
        )

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        if self.offers_source:
            rows = [Option(self._add_prompt(), id=ADD)]
            rows += [Option(self._prompt(ref), id=ref.id) for ref in self._shown]
            options.set_options(rows)
            if highlighted is not None:
                options.highlighted = min(highlighted, len(rows) - 1)
            self._summarise()
            return
        if not self._shown:
            if self._refs:
                query = one_line(self.query_one(Input).value.strip())
                empty = f"No reference matches “{query}” (ctrl+u clears the filter: {len(self._refs)} in all)."
            else:
                empty = (
                    "This article has no reference list: type a DOI, PMID, arXiv id or "
                    "URL to add an outside source."
                )
            options.set_options([Option(Content(empty))])
            options.disable_option_at_index(0)
        else:
            options.set_options(Option(self._prompt(ref), id=ref.id) for ref in self._shown)
            if highlighted is not None:
                options.highlighted = min(highlighted, len(self._shown) - 1)
        self._summarise()

    def _summarise(self) -> None:
        chosen = ", ".join(self.chosen) or "none"
        self.query_one("#link-summary", Static).update(
            Content.assemble(("Linked: ", "bold"), chosen)
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        # A new filter marks no row: the first `down` goes to the best match, and
        # `enter` before any move acts on it.
        self._shown = rank(event.value, self._refs)
        typed = outside_identifier(event.value)
        if typed is not None and not valid_source_id(source_id(*typed)):
            typed = None  # too long to keep, or a character a key cannot hold
        if typed is not None:
            sid = source_id(*typed)
            known = any(ref.id == sid for ref in self._refs)
            bare = event.value.strip().isdigit()  # "2021" filters by year first
            if known or (bare and self._shown):
                typed = None
            if known:
                self._shown = [r for r in self._refs if r.id == sid]
        self._typed = typed
        self.query_one(OptionList).highlighted = None
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_toggle()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle()

    def action_toggle(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        rows = len(self._shown) + self.offers_source
        if index is None and rows:
            index = options.highlighted = 0
        if index is None or index >= rows:
            return
        if self.offers_source:
            if index == 0:
                self._look_up()
                return
            index -= 1
        ref = self._shown[index]
        self._chosen.symmetric_difference_update({ref.id})
        options.replace_option_prompt_at_index(index + self.offers_source, self._prompt(ref))
        self._summarise()

    # ------------------------------------------------------------------ outside sources

    def _look_up(self) -> None:
        if self._typed is None:
            return
        sid = source_id(*self._typed)
        if sid in self._looking:
            return
        if self._settings is None:
            self._say("Looking up sources is not available here.")
            return
        self._looking.add(sid)
        self._fill()
        self.look_up(*self._typed)

    @work(group="source-lookup", exit_on_error=False)
    async def look_up(self, kind: str, value: str) -> None:
        """Look the typed identifier up (in a worker: typing goes on meanwhile)."""
        from referee.refcheck.client import Client
        from referee.refcheck.outside import describe

        assert self._settings is not None
        async with Client(self._settings) as client:
            looked = await describe(client, kind, value)
        self.found(looked)

    def found(self, looked: Looked) -> None:
        """A look-up answered: list the source, linked; or say why it was not added."""
        from referee.refcheck.outside import source_of
        from referee.review.source_reference import as_reference

        self._looking.discard(looked.id)
        if looked.missing:
            self._say(f"Not added: {looked.missing}.")
            self._fill()
            return
        self._added[looked.id] = looked
        ref = as_reference(source_of(looked, None))
        self._refs = [r for r in self._refs if r.id != looked.id] + [ref]
        self._chosen.add(looked.id)
        self._statuses.setdefault(looked.id, None)
        if self._typed is not None and source_id(*self._typed) == looked.id:
            self._typed = None
            self._shown = [ref]
        self._fill()
        if looked.problem:
            self._say(
                f"Added {looked.id} by its identifier only ({looked.problem}); c checks it later."
            )
        else:
            self._say(f"Added {looked.id} ({looked.service}); ctrl+s saves.")

    def _say(self, text: str) -> None:
        self.notify(text, timeout=6, markup=False)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_save(self) -> None:
        # Links to ids no longer in the list (article edited) are kept as they were.
        added = tuple(v for k, v in sorted(self._added.items()) if k in self._chosen)
        self.dismiss(Links(self.chosen, added))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "link-save":
            self.action_save()
        else:
            self.action_cancel()
