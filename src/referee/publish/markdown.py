"""The review as an editor reads it: a Markdown report, problems first.

Unsupported claims, then overstated, then supported; then the claims nobody has
judged yet, flagged ones first, with their flags; orphans; dismissed claims; the
references with their full text and check status. A claim is placed by line
number and section heading, never by offset; a claim whose text changed since its
verdict (``fuzzy``, ``stale``) shows what it now reads. The reviewer is named once
at the top (per claim only when several reviewed). Reference reasons are shown
without the internal query strings the checker sent.

All article, note and reference text is escaped (:func:`escape`): a note line
that starts with ``#`` is text, never a heading, and ``<script>`` is never HTML.
"""

from __future__ import annotations

import re
from collections import Counter

from referee.publish.publication import Publication, clean_reason, day
from referee.review.glyphs import FLAGGED, UNREVIEWED, VERDICT_GLYPHS, check_glyph
from referee.review.record import VERDICTS, Evidence
from referee.review.session import ClaimState, Session
from referee.visible import one_line, visible

GLYPHS = {**VERDICT_GLYPHS, None: UNREVIEWED}
PROBLEMS_FIRST = ("unsupported", "overstated", "supported")
SECTION_NAMES = {
    "unsupported": "Unsupported claims",
    "overstated": "Overstated claims",
    "supported": "Supported claims",
}

_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
_BLOCK_START = re.compile(r"^(\s*)([#>+=\-]|\d{1,9}(?=[.)])|`{3}|~{3})")


def evidence_line(item: Evidence) -> str:
    """``zhang2021, pubmed:1: “the quote”``: an evidence quote and where it is from."""
    source = f", {escape(item.source)}" if item.source else ""
    return f"{escape(item.ref)}{source}: “{escape(one_line(item.quote))}”"


def escape(text: str) -> str:
    """One line of text as Markdown that renders as exactly that text."""
    line = _INLINE.sub(r"\\\1", visible(text))
    match = _BLOCK_START.match(line)
    if match:
        lead, marker = match.group(1), match.group(2)
        if marker[0].isdigit():
            at = len(lead) + len(marker)
            line = line[:at] + "\\" + line[at:]
        else:
            line = lead + "\\" + line[len(lead) :]
    return line.lstrip(" \t") if line[:1] in " \t" else line  # 4 spaces would be code


def escape_block(text: str, prefix: str = "") -> list[str]:
    """Several lines, each escaped; blank lines kept as paragraph breaks."""
    out = []
    for line in text.split("\n"):
        out.append(prefix + escape(line) if line.strip() else prefix.rstrip())
    return out


class _Report:
    def __init__(self, session: Session) -> None:
        self.pub = Publication(session)
        self.session = session
        self.reviewers = self.pub.reviewers()

    def lines(self) -> list[str]:
        pub, session = self.pub, self.session
        out = [f"# Review of {escape(one_line(pub.title))}", ""]
        source = pub.url or session.article.name
        out.append(f"Article: {escape(one_line(source))}  ")
        if self.reviewers:
            who = "; ".join(escape(one_line(r)) for r in self.reviewers)
            dates = pub.dates()
            when = ""
            if dates:
                first, last = (d.isoformat() for d in dates)
                when = f", {first}" + (f" to {last}" if last != first else "")
            out.append(f"Reviewed by {who}{when}.")
        out += ["", *self.summary()]
        claims = session.claims()
        for verdict in PROBLEMS_FIRST:
            chosen = [s for s in claims if s.verdict == verdict]
            if chosen:
                out += ["", f"## {GLYPHS[verdict]} {SECTION_NAMES[verdict]} ({len(chosen)})"]
                for state in chosen:
                    out += self.claim(state)
        unjudged = [s for s in claims if not s.verdict]
        flagged = [s for s in unjudged if s.claim is not None and s.claim.flags]
        plain = [s for s in unjudged if not (s.claim is not None and s.claim.flags)]
        if flagged:
            out += ["", f"## {FLAGGED} Flagged, not yet reviewed ({len(flagged)})", ""]
            out += [line for s in flagged for line in self.item(s)]
        if plain:
            out += ["", f"## {GLYPHS[None]} Not yet reviewed ({len(plain)})", ""]
            out += [line for s in plain for line in self.item(s)]
        orphans = [s for s in session.orphans() if s.anchor == "orphan"]
        if orphans:
            out += ["", "## Orphans (no longer found in the article)"]
            for state in orphans:
                out += self.claim(state)
        dismissed = session.dismissed()
        if dismissed:
            out += ["", f"## Dismissed as not claims ({len(dismissed)})", ""]
            out += [f"- {s.id}: {escape(one_line(s.quote or s.text))}" for s in dismissed]
        out += self.references()
        return out

    def summary(self) -> list[str]:
        session = self.session
        claims = session.claims()
        counts = Counter(s.verdict for s in claims if s.verdict)
        reviewed = sum(counts.values())
        verdicts = ", ".join(f"{counts[v]} {v}" for v in PROBLEMS_FIRST if counts.get(v))
        lines = [
            f"{reviewed} of {len(claims)} claims reviewed" + (f": {verdicts}." if verdicts else ".")
        ]
        flagged = sum(1 for s in claims if not s.verdict and s.claim is not None and s.claim.flags)
        orphans = sum(1 for s in session.orphans() if s.anchor == "orphan")
        extras = [
            f"{n} {label}"
            for n, label in (
                (flagged, "flagged and not yet reviewed"),
                (
                    sum(1 for s in claims if s.anchor == "stale"),
                    "stale (text changed since review)",
                ),
                (orphans, "orphaned (text no longer found)"),
                (len(session.dismissed()), "dismissed"),
                (len(session.conflicts()), "unresolved merge conflicts"),
            )
            if n
        ]
        if extras:
            lines.append(", ".join(extras).capitalize() + ".")
        return lines

    def claim(self, state: ClaimState) -> list[str]:
        where = self.pub.where(state)
        if state.anchor in ("stale", "fuzzy"):
            where += f", {state.anchor}"
        head = f"### {GLYPHS.get(state.verdict, '·')} {state.verdict or 'no verdict'} — {state.id}"
        lines = ["", f"{head} ({escape(one_line(where))})", ""]
        lines += escape_block(state.quote or state.text, "> ")
        if state.anchor in ("stale", "fuzzy") and state.start is not None:
            lines += ["", "Now reads:", "", *escape_block(state.text, "> ")]
        lines += self.flags(state)
        if state.note:
            lines += ["", "Note:", "", *escape_block(state.note)]
        if state.refs:
            lines += ["", "References: " + ", ".join(self.ref_label(r) for r in state.refs) + "."]
        if state.evidence:
            lines += ["", "Evidence:", "", *(f"- {evidence_line(e)}" for e in state.evidence)]
        annotation = self.session.review.claims.get(state.id)
        for conflict in annotation.conflicts if annotation else ():
            ours = escape(one_line(conflict.ours or "(none)"))
            theirs = escape(one_line(conflict.theirs or "(none)"))
            lines += ["", f"**Merge conflict on {conflict.field}**: ours {ours} / theirs {theirs}"]
        by = []
        if state.reviewer and len(self.reviewers) > 1:
            by.append(f"by {escape(one_line(state.reviewer))}")
        if state.reviewed:
            by.append(f"on {day(state.reviewed)}")
        if by:
            lines += ["", "Reviewed " + " ".join(by) + "."]
        return lines

    def flags(self, state: ClaimState) -> list[str]:
        flags = state.claim.flags if state.claim is not None else ()
        if not flags:
            return []
        return ["", *(f"- {FLAGGED} {escape(one_line(f.reason))}" for f in flags)]

    def item(self, state: ClaimState) -> list[str]:
        """A bullet for a claim without a verdict: where, the text, its flags, any note."""
        lines = [
            f"- {state.id} ({escape(one_line(self.pub.where(state)))}): "
            + escape(one_line(state.text))
        ]
        flags = state.claim.flags if state.claim is not None else ()
        lines += [f"  - {FLAGGED} {escape(one_line(f.reason))}" for f in flags]
        if state.note:
            lines.append("  - note: " + escape(one_line(state.note)))
        if state.refs:
            lines.append("  - references: " + ", ".join(self.ref_label(r) for r in state.refs))
        if state.evidence:
            lines.append("  - Evidence:")
            lines += [f"    - {evidence_line(e)}" for e in state.evidence]
        return lines

    def ref_label(self, ref_id: str) -> str:
        check = self.pub.check(ref_id)
        return f"{ref_id} ({' '.join(check_glyph(check.status))})" if check else ref_id

    def references(self) -> list[str]:
        ids = self.pub.reference_ids()
        if not ids:
            return []
        out = ["", "## References", ""]
        for ref_id in ids:
            check = self.pub.check(ref_id)
            status = " ".join(check_glyph(None))
            if check:
                status = " ".join(check_glyph(check.status))
                if check.checked:
                    status += f", checked {day(check.checked)}"
            out.append(
                f"- **{ref_id}** ({status}): {escape(one_line(self.pub.reference_text(ref_id)))}"
            )
            for reason in check.reasons if check else ():
                out.append(f"  - {escape(one_line(clean_reason(reason)))}")
        return out


def report_markdown(session: Session) -> str:
    """The review of one article as Markdown, problems first."""
    return "\n".join(_Report(session).lines()) + "\n"


__all__ = ["VERDICTS", "clean_reason", "escape", "report_markdown"]
