"""``A``: the abstracts of the current claim's cited and linked references, fetched in a
background worker; ``up``/``down`` move over their sentences and ``enter`` keeps one as an
evidence quote for the claim. Abstracts are shown, never stored (the publishers'
copyright); only the picked sentence is, cut to 300 characters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from referee.refcheck.evidence import Beside, Fetched
from referee.review.record import MAX_QUOTE
from referee.tui import keymap
from referee.tui.screens.dialog import Dialog
from referee.visible import one_line

if TYPE_CHECKING:
    from referee.refcheck.settings import CheckSettings

Picked = tuple[str, str, str]
"""(reference id, quote, source) of the sentence picked as evidence."""


class AbstractsScreen(Dialog[Picked | None], inherit_bindings=False):
    """Dismisses with the picked sentence, or None."""

    BINDINGS: ClassVar = keymap.bindings("abstracts", "dialog", "copy")

    DEFAULT_CSS = """
    #abstracts-options {
        height: auto;
        max-height: 20;
    }

    #abstracts-summary {
        height: auto;
        color: $text-muted;
    }
    """

    def __init__(
        self,
        claim_id: str,
        claim_text: str,
        beside: Sequence[Beside],
        settings: CheckSettings,
        *,
        pickable: bool = True,
    ):
        """``pickable`` False: read only (a search hit's abstract: evidence is kept from a
        reference or a source of the claim, not from a hit)."""
        super().__init__()
        self._pickable = pickable
        self._claim_id = claim_id
        self._claim_text = claim_text
        self._beside = list(beside)
        self._settings = settings
        self._fetched: dict[str, Fetched] = {}
        self._picks: dict[str, Picked] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="abstracts-dialog", classes="dialog"):
            yield Static(
                Content.assemble(
                    (f"Abstracts for {self._claim_id}", "bold"),
                    (
                        "   enter keeps the sentence as evidence · escape closes"
                        if self._pickable
                        else "   escape closes",
                        "dim",
                    ),
                ),
                classes="dialog-title",
                markup=False,
            )
            yield Static(Content(one_line(self._claim_text)), classes="dialog-quote", markup=False)
            yield OptionList(id="abstracts-options", markup=False)
            yield Static(
                Content(
                    "A citation is what the article says; a link or an evidence quote is your "
                    "judgement. Abstracts are shown, never stored."
                ),
                id="abstracts-summary",
                markup=False,
            )

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()
        if self._beside:
            self.fetch()

    @work(group="abstracts", exclusive=True, exit_on_error=False)
    async def fetch(self) -> None:
        from referee.refcheck.evidence import fetch_all

        def arrived(fetched: Fetched) -> None:
            self._fetched[fetched.ref_id] = fetched
            self._fill()

        await fetch_all(self._beside, self._settings, on_result=arrived)

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        rows: list[Option] = []
        self._picks.clear()
        if not self._beside:
            rows.append(
                Option(Content("This claim has no cited or linked references (l links one)."))
            )
        for item in self._beside:
            head = Content.assemble((item.ref_id, "bold"), (f" ({item.how})", "dim"))
            rows.append(Option(head, disabled=True))
            got = self._fetched.get(item.ref_id)
            if got is None:
                rows.append(
                    Option(Content.styled("  fetching the abstract…", "dim"), disabled=True)
                )
                continue
            if got.abstract is None:
                rows.append(
                    Option(Content.styled(f"  {one_line(got.problem)}", "dim"), disabled=True)
                )
                continue
            abstract = got.abstract
            rows.append(
                Option(
                    Content.styled(f"  {abstract.service}, {abstract.source}", "dim"), disabled=True
                )
            )
            for n, (label, sentence) in enumerate(abstract.sentences()):
                key = f"{item.ref_id}#{n}"
                self._picks[key] = (item.ref_id, one_line(sentence)[:MAX_QUOTE], abstract.source)
                prefix = (f"  {label}: ", "bold") if label else ("  ", "")
                rows.append(Option(Content.assemble(prefix, one_line(sentence)), id=key))
        options.set_options(rows)
        if highlighted is not None and highlighted < len(rows):
            options.highlighted = highlighted
        elif self._picks:
            options.highlighted = next(i for i, r in enumerate(rows) if r.id in self._picks)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        pick = self._picks.get(event.option.id or "")
        if pick is not None and self._pickable:
            self.dismiss(pick)

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "abstracts")
        self.dismiss(None)
