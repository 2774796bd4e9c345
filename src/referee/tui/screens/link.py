"""The reference picker for ``l``: fuzzy filter, toggle links, save."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from referee.model import Reference
from referee.tui import keymap
from referee.tui.widgets.marked_list import MarkedOptionList
from referee.tui.widgets.reference_list import describe_reference, status_content
from referee.visible import one_line


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


class LinkScreen(ModalScreen[list[str] | None], inherit_bindings=False):
    """Choose the references a claim is linked to.

    Type to filter; ``up``/``down`` move; ``enter`` links or unlinks the marked
    reference (the best match when none is marked yet); ``ctrl+s`` (or **Save**) saves; ``escape`` cancels.
    """

    BINDINGS: ClassVar = keymap.bindings("link", "dialog", "copy")

    def __init__(
        self,
        claim_id: str,
        claim_text: str,
        refs: Sequence[Reference],
        linked: Sequence[str],
        statuses: Mapping[str, str | None],
    ) -> None:
        super().__init__()
        self._claim_id = claim_id
        self._claim_text = claim_text
        self._refs = list(refs)
        self._chosen: set[str] = set(linked)
        self._statuses = dict(statuses)
        self._shown: list[Reference] = list(refs)

    @property
    def chosen(self) -> list[str]:
        return sorted(self._chosen)

    def compose(self) -> ComposeResult:
        with Vertical(id="link-dialog", classes="dialog"):
            yield Static(
                Content.assemble((f"Link references to {self._claim_id}", "bold")),
                classes="dialog-title",
                markup=False,
            )
            yield Static(Content(one_line(self._claim_text)), classes="dialog-quote", markup=False)
            yield Input(placeholder="type to filter: author, year, title, id", id="link-filter")
            yield MarkedOptionList(id="link-options", markup=False)
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

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        if not self._shown:
            if self._refs:
                query = one_line(self.query_one(Input).value.strip())
                empty = f"No reference matches “{query}” (ctrl+u clears the filter: {len(self._refs)} in all)."
            else:
                empty = "This article has no reference list."
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
        if index is None and self._shown:
            index = options.highlighted = 0
        if index is None or index >= len(self._shown):
            return
        ref = self._shown[index]
        self._chosen.symmetric_difference_update({ref.id})
        options.replace_option_prompt_at_index(index, self._prompt(ref))
        self._summarise()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_save(self) -> None:
        # Links to ids no longer in the list (article edited) are kept as they were.
        self.dismiss(self.chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "link-save":
            self.action_save()
        else:
            self.action_cancel()
