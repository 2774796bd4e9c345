"""One self-contained HTML file: the article with its judged claims highlighted,
notes beside them, the references with their check status, counts, reviewers, dates.

Inline CSS only: no script, font, image or style sheet is loaded, so the file
works offline and names nothing outside itself (links to the article and to DOIs
are ordinary hyperlinks). A verdict is shown by colour *and* glyph (``✓ ✗ ≈``,
``·`` unreviewed, ``!`` flagged), so it survives black-and-white printing and
colour blindness. On a narrow screen the notes fall below their paragraph. Every
piece of article, note and reference text is HTML-escaped: hostile text is
shown as text.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections import Counter

from referee.publish.publication import Publication, clean_reason, day, split_reviewer
from referee.review.glyphs import FLAGGED, UNREVIEWED, check_glyph, glyph_of, verdict_kind
from referee.review.record import VERDICTS
from referee.review.session import ClaimState
from referee.visible import visible

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

CSS = """
:root { --ok: #1b7f3b; --bad: #b3261e; --over: #a15c00; --ink: #1d1d1f; --dim: #5f6368;
  --ok-bg: #dcf3e2; --bad-bg: #fbdcd9; --over-bg: #fdebc8; --line: #d0d4d9; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem; color: var(--ink); background: #fff;
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
.meta, .legend { color: var(--dim); margin: .25rem 0; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem 1rem; padding: 0; list-style: none; }
.counts li { white-space: nowrap; }
.row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.25rem;
  border-top: 1px solid var(--line); padding: .6rem 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Times New Roman", serif; }
.text.heading { font-weight: bold; font-family: inherit; }
.notes { display: flex; flex-direction: column; gap: .5rem; }
mark { color: inherit; background: none; padding: 0 .1em; border-radius: .2em; }
mark.supported { background: var(--ok-bg); border-bottom: 2px solid var(--ok); }
mark.unsupported { background: var(--bad-bg); border-bottom: 2px solid var(--bad); }
mark.overstated { background: var(--over-bg); border-bottom: 2px dashed var(--over); }
mark.unreviewed, mark.flagged { border-bottom: 1px dotted var(--dim); }
.glyph { font-family: system-ui, sans-serif; font-weight: bold; margin-right: .25em; }
.text .glyph { font-size: .8em; vertical-align: super; margin-right: .1em; }
.supported .glyph, .card.supported .glyph { color: var(--ok); }
.unsupported .glyph, .card.unsupported .glyph { color: var(--bad); }
.overstated .glyph, .card.overstated .glyph { color: var(--over); }
.card { border: 1px solid var(--line); border-left: .4rem solid var(--dim); border-radius: .3rem;
  padding: .4rem .6rem; font-size: .92rem; break-inside: avoid; }
.card.supported { border-left-color: var(--ok); } .card.unsupported { border-left-color: var(--bad); }
.card.overstated { border-left-color: var(--over); }
.card p { margin: .2rem 0; } .card .note { white-space: pre-wrap; overflow-wrap: anywhere; }
.card .quote { font-style: italic; white-space: pre-wrap; }
.small { color: var(--dim); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; border-top: 1px solid var(--line); padding: .35rem .4rem;
  overflow-wrap: anywhere; }
td.ref { overflow-wrap: anywhere; }
.status-verified { color: var(--ok); } .status-not_found, .status-retracted { color: var(--bad); }
.status-metadata_mismatch, .status-doi_mismatch { color: var(--over); }
@media (max-width: 48rem) {
  .row { grid-template-columns: 1fr; gap: .5rem; } body { padding: .6rem; }
  table, tbody, tr, td { display: block; } thead { display: none; } td { border: 0; padding: .1rem 0; }
  tr { border-top: 1px solid var(--line); padding: .4rem 0; } td:first-child { font-weight: bold; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .row { break-inside: auto; } .card, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def e(value: object) -> str:
    """Escaped, with control characters made visible (they are not valid in HTML)."""
    return html.escape(visible(str(value)), quote=True)


def link(url: str | None, text: str | None = None) -> str:
    """A hyperlink for an http(s) address; anything else (``javascript:``, ``data:``) is
    shown as text and never made a link."""
    if not url:
        return ""
    if not url.lower().startswith(("https://", "http://")):
        return e(text or url)
    return f'<a href="{e(url)}" rel="noreferrer">{e(text or url)}</a>'


def kind_of(state: ClaimState) -> str:
    """``supported`` | ``unsupported`` | ``overstated`` | ``flagged`` | ``unreviewed``."""
    return verdict_kind(state)


def glyph_for(kind: str) -> str:
    """The glyph of a :func:`kind_of` value."""
    return glyph_of(kind if kind not in ("flagged", "unreviewed") else None, kind == "flagged")


def _chunks(text: str, start: int) -> list[tuple[int, int]]:
    """Paragraph spans of ``text[start:]``, split at blank lines."""
    out = []
    pos = start + len(text[start:]) - len(text[start:].lstrip())
    for match in _PARAGRAPH_BREAK.finditer(text, start):
        if match.start() > pos:
            out.append((pos, match.start()))
        pos = match.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


class _Page:
    def __init__(self, pub: Publication) -> None:
        self.pub = pub
        self.text = pub.session.article.text
        self.claims = [s for s in pub.session.claims() if s.start is not None]
        self.orphans = [s for s in pub.session.orphans() if s.anchor == "orphan"]

    # ------------------------------------------------------------------ header

    def header(self) -> list[str]:
        pub = self.pub
        source = link(pub.url) if pub.url else e(pub.session.article.name)
        claims = self.claims
        kinds = Counter(kind_of(s) for s in claims)
        reviewed = sum(1 for s in claims if s.verdict)
        items = [f"<li><strong>{reviewed}/{len(claims)}</strong> claims reviewed</li>"]
        for kind, word in (
            *((v, v) for v in VERDICTS),
            ("unreviewed", "unreviewed"),
            ("flagged", "flagged, unreviewed"),
        ):
            items.append(
                f'<li class="{kind}"><span class="glyph" aria-hidden="true">{glyph_for(kind)}</span>'
                f"{kinds.get(kind, 0)} {word}</li>"
            )
        stale = sum(1 for s in claims if s.anchor == "stale")
        if stale:
            items.append(f"<li>{stale} stale (text changed since review)</li>")
        if self.orphans:
            items.append(f"<li>{len(self.orphans)} no longer found in the article</li>")
        reviewers = pub.reviewers()
        dates = pub.dates()
        out = [
            "<header>",
            f"<h1>Review of {e(pub.title)}</h1>",
            f'<p class="meta">Article: {source}</p>',
            f'<ul class="counts">{"".join(items)}</ul>',
        ]
        if reviewers:
            names = "; ".join(e(split_reviewer(r)[0] or r) for r in reviewers)
            out.append(f'<p class="meta">Reviewed by {names}')
            if dates:
                first, last = (d.isoformat() for d in dates)
                out[-1] += f", {first}" + (f" to {last}" if last != first else "")
            out[-1] += ".</p>"
        out.append(
            f'<p class="legend">✓ supported · ✗ unsupported · ≈ overstated · '
            f"{UNREVIEWED} unreviewed · {FLAGGED} flagged for a look. "
            f"Made by referee on {e(pub.stamp[:10])}.</p>"
        )
        out.append("</header>")
        return out

    # ------------------------------------------------------------------ article

    def highlighted(self) -> set[str]:
        """Claims shown in the text: where claims overlap, judged ones before those with a
        note or references, before the rest, then the earlier one; the others are still
        listed beside the text."""
        tiers: list[list[ClaimState]] = [[], [], []]
        for state in self.claims:  # in document order
            tiers[0 if state.verdict else 1 if (state.note or state.refs) else 2].append(state)
        taken: list[tuple[int, int]] = []  # sorted, never overlapping
        chosen = set()
        for tier in tiers:
            picked, last_end = [], -1
            for state in tier:
                i = bisect_left(taken, (state.start, state.end))
                if (i > 0 and taken[i - 1][1] > state.start) or (
                    i < len(taken) and taken[i][0] < state.end
                ):
                    continue
                if state.start < last_end:
                    continue
                picked.append((state.start, state.end))
                last_end = state.end
                chosen.add(state.id)
            taken = sorted(taken + picked)
        return chosen

    def article(self) -> list[str]:
        text, shown = self.text, self.highlighted()
        claims = iter(self.claims)
        pending = next(claims, None)
        out = ['<section id="article">', "<h2>The article</h2>"]
        carried: ClaimState | None = None  # a highlighted claim that goes on past a paragraph
        for c0, c1 in _chunks(text, self.pub.meta.end):
            pieces, cards, pos = [], [], c0
            if carried is not None:
                end = min(carried.end, c1)
                pieces.append(f'<mark class="{kind_of(carried)}">{e(text[pos:end])}</mark>')
                pos = end
                carried = carried if carried.end > c1 else None
            while pending is not None and pending.start < c1:
                state, pending = pending, next(claims, None)
                if state.id not in shown:
                    cards += self.card(state, inline=False)
                    continue
                kind, end = kind_of(state), min(state.end, c1)
                pieces.append(e(text[pos : state.start]))
                pieces.append(
                    f'<span class="{kind}" id="claim-{e(state.id)}"><span class="glyph" '
                    f'title="{e(self.describe(state))}">{glyph_for(kind)}</span></span>'
                    f'<mark class="{kind}">{e(text[state.start : end])}</mark>'
                )
                pos = end
                if state.end > c1:
                    carried = state
                cards += self.card(state)
            pieces.append(e(text[pos:c1]))
            heading = "#" in text[c0 : c0 + 1] and "\n" not in text[c0:c1]
            out.append('<div class="row">')
            out.append(f'<div class="text{" heading" if heading else ""}">{"".join(pieces)}</div>')
            out.append(f'<aside class="notes">{"".join(cards)}</aside>')
            out.append("</div>")
        out.append("</section>")
        return out

    def describe(self, state: ClaimState) -> str:
        if state.verdict:
            return state.verdict
        flags = state.claim.flags if state.claim is not None else ()
        if flags:
            return "unreviewed; flagged: " + "; ".join(f.reason for f in flags)
        return "unreviewed"

    def card(self, state: ClaimState, inline: bool = True) -> list[str]:
        """The note card of a claim the reviewer worked on (nothing for untouched ones)."""
        if not (state.verdict or state.note or state.refs):
            return []
        pub, kind = self.pub, kind_of(state)
        head = (
            f'<span class="glyph" aria-hidden="true">{glyph_for(kind)}</span>'
            f"<strong>{e(state.verdict or 'no verdict')}</strong>"
        )
        anchor = f'<a href="#claim-{e(state.id)}">{e(state.id)}</a>' if inline else e(state.id)
        parts = [
            f'<div class="card {kind}" id="note-{e(state.id)}">',
            f'<p>{head} <span class="small">{anchor} · {e(pub.where(state))}</span></p>',
        ]
        if not inline or state.anchor in ("stale", "orphan") or state.quote != state.text:
            quote = state.quote or state.text
            if quote:
                parts.append(f'<p class="quote">“{e(quote)}”</p>')
            if state.anchor in ("stale", "fuzzy") and state.start is not None:
                parts.append(f'<p class="small">Now reads: “{e(state.text)}”</p>')
        if state.note:
            parts.append(f'<p class="note">{e(state.note)}</p>')
        if state.refs:
            refs = ", ".join(self.ref_label(r) for r in state.refs)
            parts.append(f'<p class="small">References: {refs}</p>')
        for item in pub.evidence(state):
            parts.append(
                f'<p class="quote">Evidence ({e(item.get("ref") or "")}): “{e(item.get("quote") or "")}”</p>'
            )
        by = []
        if state.reviewer:
            by.append(e(split_reviewer(state.reviewer)[0] or state.reviewer))
        if state.reviewed:
            by.append(e(day(state.reviewed)))
        if state.anchor in ("stale", "fuzzy"):
            by.append(e(f"{state.anchor}: the text changed since review"))
        if by:
            parts.append(f'<p class="small">{" · ".join(by)}</p>')
        parts.append("</div>")
        return ["".join(parts)]

    def ref_label(self, ref_id: str) -> str:
        check = self.pub.check(ref_id)
        status = check.status if check else None
        shown = f'<a href="#ref-{e(ref_id)}">{e(ref_id)}</a>'
        if status:
            shown += (
                f' <span class="status-{e(status)}">{check_glyph(status)[0]} '
                f"{e(check_glyph(status)[1])}</span>"
            )
        return shown

    # ------------------------------------------------------------------ the rest

    def orphan_section(self) -> list[str]:
        if not self.orphans:
            return []
        out = ['<section id="orphans">', "<h2>No longer found in the article</h2>"]
        for state in self.orphans:
            out += self.card(state, inline=False) or [
                f'<div class="card unreviewed"><p class="quote">“{e(state.quote)}”</p></div>'
            ]
        out.append("</section>")
        return out

    def references(self) -> list[str]:
        ids = self.pub.reference_ids()
        if not ids:
            return []
        out = [
            '<section id="references">',
            "<h2>References</h2>",
            "<table><thead><tr><th>id</th><th>reference</th><th>check</th></tr></thead><tbody>",
        ]
        for ref_id in ids:
            check = self.pub.check(ref_id)
            ref_text = e(self.pub.reference_text(ref_id))
            address = self.pub.reference_link(ref_id)
            if address:
                ref_text += " " + link(address)
            if check is None:
                status = '<span class="small">· not checked</span>'
            else:
                status = (
                    f'<span class="status-{e(check.status)}">{check_glyph(check.status)[0]} '
                    f"{e(check_glyph(check.status)[1])}</span>"
                )
                if check.checked:
                    status += f' <span class="small">{e(day(check.checked))}</span>'
                if check.reasons:
                    status += (
                        '<ul class="small">'
                        + "".join(f"<li>{e(clean_reason(r))}</li>" for r in check.reasons)
                        + "</ul>"
                    )
            out.append(
                f'<tr id="ref-{e(ref_id)}"><td>{e(ref_id)}</td><td class="ref">{ref_text}</td>'
                f"<td>{status}</td></tr>"
            )
        out.append("</tbody></table></section>")
        return out


def export(pub: Publication) -> str:
    page = _Page(pub)
    body = [*page.header(), "<main>", *page.article(), *page.orphan_section(), *page.references()]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="referee">',
            f"<title>Review of {e(pub.title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )
