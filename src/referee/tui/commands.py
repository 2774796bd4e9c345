"""The command palette (ctrl+p): every action, jump to a claim, jump to a reference.

Claim and reference text is article text: it is shown through ``Content`` built
from :func:`referee.visible.one_line`, never through markup (the stock
``Matcher.highlight`` parses its candidate as markup, so it is not used here).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.system_commands import SystemCommandsProvider

from referee.review.glyphs import verdict_glyph
from referee.tui import keymap
from referee.visible import one_line

EXPORTS = (
    ("html", "an HTML report"),
    ("csv", "a CSV table"),
    ("w3c", "W3C annotations"),
    ("claimreview", "ClaimReview JSON-LD"),
)
"""The exports the palette offers (``referee export`` has them all)."""

if TYPE_CHECKING:
    from referee.tui.screens.review_screen import ReviewScreen

MAX_TEXT_HITS = 40
PALETTE_SCOPES = ("review", "app")
SKIP = {"command-palette", "quit-now", "next-pane", "previous-pane"}


def literal_highlight(candidate: str, query: str) -> Content:
    """``candidate`` as literal Content, with each word of ``query`` found in it in bold."""
    content = Content(candidate)
    lowered = candidate.lower()
    for word in query.lower().split():
        start = lowered.find(word)
        if start >= 0:
            content = content.stylize("bold underline", start, start + len(word))
    return content


def _cut(text: str, limit: int = 100) -> str:
    """``text`` at most ``limit`` characters, cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def text_score(query: str, candidate: str) -> float:
    """0..1: how well ``query`` matches ``candidate`` (partial, case-insensitive)."""
    from rapidfuzz import fuzz, utils

    return fuzz.partial_ratio(query, candidate, processor=utils.default_process) / 100


def title_score(matcher: Matcher, query: str, title: str) -> float:
    """0..1, on the scale of the claim and reference hits: Textual's matcher says whether
    ``title`` matches at all (the query's letters in order), :func:`text_score` how well.
    The matcher's own scores are unbounded: a title holding the letters of "immune" in
    order ranked far above a claim quoting the word."""
    if matcher.match(title) <= 0:
        return 0.0
    return max(text_score(query, title), 0.01)


class SystemCommands(SystemCommandsProvider):
    """Textual's app-wide commands (theme, quit…), scored like ours."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            score = title_score(matcher, query, name)
            if score > 0:
                yield Hit(
                    score, literal_highlight(name, query), callback, text=name, help=help_text
                )


class RefereeCommands(Provider):
    """Actions of the review screen, the filters, and jumps to claims and references."""

    def _review(self) -> ReviewScreen | None:
        from referee.tui.screens.review_screen import ReviewScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ReviewScreen):
                return screen
        return None

    def _actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        overrides = getattr(self.app, "key_overrides", {})
        review = self._review()
        actions: list[tuple[str, str, Callable[[], object]]] = []
        for scope in PALETTE_SCOPES:
            if scope == "review" and review is None:
                continue
            for spec in keymap.specs(scope):
                if spec.id in SKIP:
                    continue
                keys = keymap.display_keys(keymap.effective_keys(spec.id, spec.keys, overrides))
                title = f"{spec.help[:1].upper()}{spec.help[1:]}  ({keys})"
                target = review if scope == "review" else self.app
                action = spec.action.removeprefix("app.")
                actions.append(
                    (title, f"binding id: {spec.id}", partial(target.run_action, action))
                )
        actions.append(
            ("Open another article in this folder…", "pick-article", self.app.action_pick_article)
        )
        if review is not None:
            where = "a download in the browser" if self.app.is_web else "saved beside the article"
            for fmt, what in EXPORTS:
                actions.append(
                    (f"Export the review: {what} ({where})", "export", partial(review.export, fmt))
                )
            from referee.tui.screens.filter import FILTERS

            for name, (_glyph, text) in FILTERS.items():
                actions.append(
                    (f"Filter claims: {name} ({text})", "filter", partial(self._filter, name))
                )
        return actions

    def _filter(self, name: str) -> None:
        review = self._review()
        if review is not None:
            review.filter_name = name
            review.refresh_claims(keep=review.claims.current_id)

    def _jump_claim(self, claim_id: str) -> None:
        review = self._review()
        if review is None:
            return
        if claim_id not in review.claims:
            review.filter_name = "all"
            review.refresh_claims(keep=claim_id)
        review.claims.select(claim_id)
        review.focus_pane("claims")

    def _jump_reference(self, ref_id: str) -> None:
        review = self._review()
        ref = review.session.analysis.reference(ref_id) if review else None
        if ref is not None:
            review.article.move_cursor(ref.start)
            review.article.scroll_to_offset(ref.start)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._actions():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._actions():
            score = title_score(matcher, query, title)
            if score > 0:
                yield Hit(
                    score, literal_highlight(title, query), callback, text=title, help=help_text
                )
        review = self._review()
        if review is None or len(query.strip()) < 2:
            return
        hits: list[Hit] = []
        for state in review.session.every_claim():
            if state.dismissed:
                continue
            text = one_line(state.text or state.quote)
            score = text_score(query, f"{state.id} {text}")
            if score >= 0.7:
                label = f"Claim {verdict_glyph(state)} {state.id}: {_cut(text)}"
                hits.append(
                    Hit(
                        score * 0.9,
                        literal_highlight(label, query),
                        partial(self._jump_claim, state.id),
                        text=label,
                        help="jump to this claim",
                    )
                )
        for ref in review.session.analysis.references:
            raw = one_line(ref.raw)
            score = text_score(query, f"{ref.id} {raw}")
            if score >= 0.7:
                label = f"Reference {ref.id}: {_cut(raw)}"
                hits.append(
                    Hit(
                        score * 0.85,
                        literal_highlight(label, query),
                        partial(self._jump_reference, ref.id),
                        text=label,
                        help="show this reference in the article",
                    )
                )
        hits.sort(key=lambda hit: -hit.score)
        for hit in hits[:MAX_TEXT_HITS]:
            yield hit
