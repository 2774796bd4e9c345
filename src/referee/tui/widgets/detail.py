"""The detail area: everything known about the current claim (or reference).

All article-derived text goes through :func:`referee.visible.visible` into
:class:`~textual.content.Content` spans; nothing here is ever parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from referee.model import CheckResult, Reference
from referee.review.glyphs import CHECK_KINDS, check_glyph, verdict_glyph, verdict_kind
from referee.review.identity import display_name
from referee.review.record import valid_source_id
from referee.review.wording import word_changes
from referee.tui import keymap
from referee.tui.widgets.reference_list import CHECK_STYLES, describe_reference, status_content
from referee.visible import one_line, visible

if TYPE_CHECKING:
    from referee.review.session import ClaimState, Conflict

ContentPart = str | Content | tuple[str, str]
"""One piece of :meth:`Content.assemble`: text, content, or (text, style)."""

VERDICT_STYLES = {
    "supported": "bold $success",
    "unsupported": "bold $error",
    "overstated": "bold $warning",
    "flagged": "bold $warning",
    "unreviewed": "dim",
}
ANCHOR_WORDS = {
    "exact": "",
    "moved": "moved: the article changed around it",
    "fuzzy": "re-anchored by fuzzy match: check the highlighted text",
    "stale": "stale: its text changed since it was reviewed",
    "orphan": "orphaned: not found in the article any more",
}


CITATION_VS_LINK = (
    "a citation is what the article says; a link, a source or evidence is your judgement"
)


def _label(text: str) -> tuple[str, str]:
    return (text, "bold")


def claim_content(
    state: ClaimState,
    references: Callable[[str], Reference | None],
    checks: Callable[[str], CheckResult | None],
    conflicts: tuple[Conflict, ...] = (),
) -> Content:
    """The detail of one claim as Content."""
    claim = state.claim
    kind = verdict_kind(state)
    parts: list[ContentPart] = []
    verdict_word = state.verdict or ("unreviewed, flagged" if kind == "flagged" else "unreviewed")
    parts.append((f"{verdict_glyph(state)} {verdict_word}", VERDICT_STYLES[kind]))
    if state.verdict and (state.reviewer or state.reviewed):
        # The name only: a git identity with its address took 3-4 lines at 80x24.
        name = display_name(state.reviewer) if state.reviewer else ""
        who = ", ".join(one_line(str(value)) for value in (name, state.reviewed) if value)
        parts.append((f"  by {who}", "dim"))
    parts.append("\n")
    head = [state.id]
    if claim is not None:
        head += [claim.kind, f"score {claim.score:g}", f"strength {claim.strength}"]
    head.append("added by reviewer" if state.origin == "manual" else "auto")
    parts.append((" · ".join(head), "dim"))
    parts.append("\n")
    if ANCHOR_WORDS.get(state.anchor):
        parts.append((f"⚠ {ANCHOR_WORDS[state.anchor]}", "$warning"))
        parts.append("\n")
    if state.anchor in ("stale", "fuzzy") and state.quote and state.text != state.quote:
        # Old and new wording, the changed words struck out and underlined (not by
        # colour alone).
        was, now = word_changes(state.quote, state.text)
        parts.append(_label("Was: "))
        parts += [
            (visible(text), "strike $text-error") if changed else visible(text)
            for text, changed in was
        ]
        parts += ["\n", _label("Now: ")]
        parts += [
            (visible(text), "bold underline $text-success") if changed else visible(text)
            for text, changed in now
        ]
        parts.append("\n")
    elif state.anchor in ("stale", "orphan", "fuzzy") and state.quote:
        parts += [_label("Stored quote: "), visible(state.quote), "\n"]
    for conflict in conflicts:
        parts.append((f"⚠ merge conflict on {conflict.field}: ", "bold $error"))
        parts.append(
            f"ours {one_line(str(conflict.ours or '—'))!s} / "
            f"theirs {one_line(str(conflict.theirs or '—'))!s}\n"
        )
    if claim is not None and claim.cues:
        parts.append(_label("Cues: "))
        parts.append(
            "; ".join(
                f"{cue.family} “{one_line(cue.text)}”" if cue.text.strip() else cue.family
                for cue in claim.cues
            )
        )
        parts.append("\n")
    if claim is not None and claim.flags:
        parts.append(_label("Flags:\n"))
        for flag in claim.flags:
            parts.append(("  ! ", "bold $warning"))
            parts.append((flag.code, "bold"))
            parts.append(f": {one_line(flag.reason)}\n")
    if claim is not None and claim.citations:
        parts.append(_label("Citations: "))
        cites = []
        for citation in claim.citations:
            target = ", ".join(citation.ref_ids) if citation.ref_ids else citation.status
            cites.append(f"{one_line(citation.marker)} → {target}")
        parts.append("; ".join(cites))
        parts.append("\n")
    cited = list(claim.ref_ids) if claim is not None else []
    linked = list(state.refs)
    shown = list(dict.fromkeys(cited + linked))
    if shown:
        parts.append(_label("References"))
        parts.append((" (cited: what the article says; linked, source: your judgement):\n", "dim"))
        for ref_id in shown:
            ref = references(ref_id)
            result = checks(ref_id)
            how = (
                "cited, linked"
                if ref_id in cited and ref_id in linked
                else ("cited" if ref_id in cited else _how_linked(ref_id))
            )
            parts.append("  ")
            parts.append(status_content(None if result is None else result.status))
            parts.append((f" {ref_id}", "bold"))
            parts.append((f" ({how})", "dim"))
            parts.append(f"  {describe_reference(ref)}\n" if ref else "  (not in the list)\n")
            parts.append(("      ", "dim"))
            parts.append((headline(result), "dim"))
            parts.append("\n")
    if not linked:
        parts.append(("No linked references or sources (l to link or add one).\n", "dim"))
    if state.evidence:
        parts.append(_label("Evidence"))
        parts.append((f" ({CITATION_VS_LINK})\n", "dim"))
        for item in state.evidence:
            parts.append((f"  {item.ref}", "bold"))
            if item.source:
                parts.append((f" ({one_line(item.source)})", "dim"))
            parts.append(f"  “{visible(item.quote)}”\n")
    if state.note:
        parts.append(_label("Note:\n"))
        parts.append(visible(state.note))
    else:
        parts.append(("No note (n to write one).", "dim"))
    return Content.assemble(*parts)


def _how_linked(ref_id: str) -> str:
    """``source`` for an outside source the reviewer added, else ``linked``."""
    return "source" if valid_source_id(ref_id) else "linked"


HEADLINE_PREFIXES = {
    "retracted": ("retracted:",),
    "concern": ("expression of concern:",),
    "corrected": ("corrected:",),
    "not_indexed": ("not in ",),
    "unverifiable": ("could not check",),
    "doi_mismatch": ("the cited", "crossref: DOI", "doi.org:", "datacite:"),
}


def headline(result: CheckResult | None) -> str:
    """The one reason that says most about a check, on one line."""
    if result is None:
        return "not checked yet (c checks every reference)"
    wanted = HEADLINE_PREFIXES.get(result.status, ())
    for reason in result.reasons:
        if reason.startswith(wanted) and wanted:
            return one_line(reason)
    if result.status in ("verified", "metadata_mismatch") and result.reasons:
        return one_line(
            next(
                (r for r in result.reasons if " matches (" in r or "differs" in r),
                result.reasons[0],
            )
        )
    return one_line(result.reasons[-1]) if result.reasons else result.status.replace("_", " ")


def reference_content(ref: Reference, result: CheckResult | None) -> Content:
    """The detail of one reference as Content."""
    status = None if result is None else result.status
    glyph, word = check_glyph(status)
    parts: list[ContentPart] = [
        (f"{glyph} {word}", "bold " + CHECK_STYLES[CHECK_KINDS.get(status, "unknown")]),
        (f"  {ref.id}\n", "bold"),
        visible(ref.raw),
        "\n",
    ]
    fields = [
        ("Authors", ", ".join(ref.authors)),
        ("Year", ref.year),
        ("Title", ref.title),
        ("In", ref.container),
        ("DOI", ref.doi),
        ("PMID", ref.pmid),
        ("URL", ref.url),
    ]
    for name, value in fields:
        if value:
            parts += [_label(f"{name}: "), one_line(value), "\n"]
    cited = len(ref.citations)
    if valid_source_id(ref.id):
        parts.append(
            ("An outside source added by the reviewer: not cited by the article.\n", "dim")
        )
    else:
        parts.append((f"Cited {cited} time{'s' if cited != 1 else ''} in the text.\n", "dim"))
    if result is not None:
        for reason in result.reasons:
            parts += ["  • ", one_line(reason), "\n"]
        if result.matched_title:
            parts += [_label("Found: "), one_line(result.matched_title), "\n"]
        if result.matched_doi:
            parts += [_label("Found DOI: "), one_line(result.matched_doi), "\n"]
        if result.sources:
            parts.append((f"Checked with {', '.join(result.sources)}", "dim"))
            if result.checked:
                parts.append((f" on {result.checked}", "dim"))
            parts.append("\n")
    return Content.assemble(*parts)


class Scroller(VerticalScroll, can_focus=True, inherit_bindings=False):
    """A vertical scroll area whose keys have ids (see :mod:`referee.tui.keymap`)."""

    BINDINGS: ClassVar = keymap.bindings("scroll")


class Detail(ScrollView, can_focus=True, inherit_bindings=False):
    """A scrollable area showing one Content, wrapped to its width.

    A Line-API widget: showing another claim re-wraps one Content and redraws this
    pane only, with no layout pass over the screen (moving between claims stays cheap).
    """

    BINDINGS: ClassVar = keymap.bindings("scroll")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")
        self._strips: list[Strip] = []
        self._wrapped_at = -1

    @property
    def text(self) -> str:
        """The plain text shown (tests, screen readers)."""
        return self._content.plain

    def show_text(self, text: str) -> None:
        self.show(Content(text))

    def show(self, content: Content) -> None:
        """Show ``content`` from its top. The content already shown changes nothing: the
        screen shows the current claim again on focus and list events, and a redraw
        (or a jump back to the top) for the same text would be wasted."""
        if content.plain == self._content.plain and content.spans == self._content.spans:
            return
        self._content = content
        self._wrapped_at = -1
        self._wrap()
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._wrapped_at:
            return
        self._wrapped_at = width
        self._strips = Visual.to_strips(self, self._content, width, None, self.visual_style)
        size = Size(width, len(self._strips))
        if size != self.virtual_size:
            # Not through the reactive: that would lay out the whole screen on every move.
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)

    def on_resize(self) -> None:
        self._wrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._wrapped_at = -1
        self._wrap()

    def render_line(self, y: int) -> Strip:
        self._wrap()
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        if 0 <= index < len(self._strips):
            return self._strips[index].extend_cell_length(width, self.rich_style).crop(0, width)
        return Strip.blank(width, self.rich_style)
