"""Reports on one review (Markdown, JSON) and surveys of many (status, check).

Everything here reads; nothing writes. Article text in Markdown output goes
through :func:`referee.visible.visible` so a report printed to a terminal never
carries the article's control sequences.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from referee.errors import RefereeError
from referee.model import Analysis
from referee.review import glyphs, store
from referee.review.glyphs import glyph_of
from referee.review.record import VERDICTS
from referee.review.session import ClaimState, Session
from referee.text.article import ARTICLE_SUFFIXES, load
from referee.visible import one_line, visible

SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})


# ----------------------------------------------------------------------------- one review


def claim_json(state: ClaimState, session: Session) -> dict[str, Any]:
    annotation = session.review.claims.get(state.id)
    conflicts = annotation.conflicts if annotation else ()
    return {
        "id": state.id,
        "start": state.start,
        "end": state.end,
        "text": state.text,
        "quote": state.quote or state.text,
        "anchor": state.anchor,
        "verdict": state.verdict,
        "note": state.note,
        "refs": list(state.refs),
        "evidence": [e.as_dict() for e in state.evidence],
        "reviewer": state.reviewer,
        "reviewed": state.reviewed.isoformat() if state.reviewed else None,
        "origin": state.origin,
        "dismissed": state.dismissed,
        "conflicts": [{"field": c.field, "ours": c.ours, "theirs": c.theirs} for c in conflicts],
    }


def summary(session: Session) -> dict[str, Any]:
    reviewed, total = session.progress()
    shown = session.claims()
    counts = Counter(s.verdict for s in shown if s.verdict)
    return {
        "claims": total,
        "reviewed": reviewed,
        "verdicts": {v: counts.get(v, 0) for v in VERDICTS},
        "stale": sum(1 for s in shown if s.anchor == "stale"),
        "orphans": len(session.orphans()),
        "dismissed": len(session.dismissed()),
        "conflicts": len(session.conflicts()),
    }


def report_json(session: Session) -> dict[str, Any]:
    """Every stored claim with its current span, anchor state and review fields."""
    return {
        "article": str(session.article.path),
        "review": str(session.review_path),
        "base": session.review.base or None,
        "current": session.article.blob_sha,
        "summary": summary(session),
        "claims": [claim_json(s, session) for s in session.stored()],
        "references": [
            {
                "id": ref.id,
                "status": ref.status,
                "raw": ref.raw,
                "doi": ref.doi,
                "title": ref.title,
                "reasons": list(ref.reasons),
                "checked": ref.checked.isoformat() if ref.checked else None,
                "sources": list(ref.sources),
            }
            for ref in (session.review.refs[k] for k in sorted(session.review.refs))
        ],
    }


def report_markdown(session: Session) -> str:
    """A readable review: summary, reviewed claims in document order, orphans, references."""
    info = summary(session)
    lines = [f"# Review of {one_line(session.article.name)}", ""]
    verdicts = ", ".join(f"{n} {v}" for v, n in info["verdicts"].items() if n)
    lines.append(
        f"{info['reviewed']} of {info['claims']} claims reviewed"
        + (f": {verdicts}." if verdicts else ".")
    )
    extras = [
        f"{info[key]} {label}"
        for key, label in (
            ("stale", "stale (text changed since review)"),
            ("orphans", "orphaned (text no longer found)"),
            ("dismissed", "dismissed"),
            ("conflicts", "unresolved merge conflicts"),
        )
        if info[key]
    ]
    if extras:
        lines.append(", ".join(extras).capitalize() + ".")
    stored = session.stored()
    reviewers = sorted({s.reviewer for s in stored if s.reviewer})
    if reviewers:
        lines.append("Reviewers: " + "; ".join(one_line(r) for r in reviewers) + ".")
    anchored = [
        s
        for s in stored
        if s.anchor != "orphan"
        and not s.dismissed
        and (s.verdict or s.note or s.refs or s.evidence)
    ]
    if anchored:
        lines += ["", "## Claims"]
        for state in anchored:
            lines += _claim_md(state, session)
    orphans = [s for s in stored if s.anchor == "orphan"]
    if orphans:
        lines += ["", "## Orphans (no longer found in the article)"]
        for state in orphans:
            lines += _claim_md(state, session)
    if session.review.refs:
        lines += ["", "## References checked", ""]
        for ref_id in sorted(session.review.refs):
            ref = session.review.refs[ref_id]
            line = f"- **{ref_id}**: {ref.status.replace('_', ' ')}"
            if ref.reasons:
                line += " — " + "; ".join(one_line(r) for r in ref.reasons)
            lines.append(line)
    return "\n".join(lines) + "\n"


def _claim_md(state: ClaimState, session: Session) -> list[str]:
    verdict = state.verdict or "no verdict"
    where = (
        f"characters {state.start}–{state.end}"
        if state.start is not None
        else "not found in the article"
    )
    head = f"### {glyph_of(state.verdict)} {verdict} — {state.id} ({where}"
    if state.anchor in ("stale", "fuzzy", "moved"):
        head += f", {state.anchor}"
    lines = ["", head + ")", ""]
    lines += ["> " + line for line in visible(state.quote or state.text).split("\n")]
    if state.anchor == "stale":
        lines += ["", "Now reads:", ""]
        lines += ["> " + line for line in visible(state.text).split("\n")]
    if state.note:
        lines += ["", visible(state.note)]
    if state.refs:
        described = []
        for ref_id in state.refs:
            check = session.review.refs.get(ref_id)
            described.append(f"{ref_id} ({check.status.replace('_', ' ')})" if check else ref_id)
        lines += ["", "References: " + ", ".join(described)]
    if state.evidence:
        lines += ["", "Evidence:", ""]
        for item in state.evidence:
            where = f", {one_line(item.source)}" if item.source else ""
            lines.append(f"- {item.ref}{where}: “{visible(item.quote)}”")
    annotation = session.review.claims.get(state.id)
    for conflict in annotation.conflicts if annotation else ():
        lines += [
            "",
            f"**Merge conflict on {conflict.field}**: ours {one_line(conflict.ours or '(none)')}"
            f" / theirs {one_line(conflict.theirs or '(none)')}",
        ]
    if state.reviewer:
        by = f"Reviewed by {one_line(state.reviewer)}"
        lines += ["", by + (f" on {state.reviewed.isoformat()}." if state.reviewed else ".")]
    return lines


# ----------------------------------------------------------------------------- many files


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            yield Path(folder) / name


def _existing(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    out = [Path(p) for p in paths] or [Path(".")]
    for path in out:
        if not path.exists():
            raise RefereeError(f"{path}: no such file or folder")
    return out


def find_articles(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Articles under ``paths``: text and Markdown files, and any file with a review."""
    found: dict[Path, None] = {}
    for path in _existing(paths):
        candidates = _walk(path) if path.is_dir() else iter([path])
        for file in candidates:
            if file.name.endswith(store.SUFFIX):
                article = store.article_path_for(file)
                if article.exists() or not path.is_dir():
                    found.setdefault(article, None)
            elif file.suffix.lower() in ARTICLE_SUFFIXES or not path.is_dir():
                found.setdefault(file, None)
    return sorted(found)


def find_reviews(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Review files under ``paths`` (an article path names its review file)."""
    found: dict[Path, None] = {}
    for path in _existing(paths):
        if path.is_dir():
            for file in _walk(path):
                if file.name.endswith(store.SUFFIX):
                    found.setdefault(file, None)
        elif path.name.endswith(store.SUFFIX):
            found.setdefault(path, None)
        elif store.review_path(path).exists():
            found.setdefault(store.review_path(path), None)
    return sorted(found)


@dataclass(frozen=True)
class StatusRow:
    article: Path
    claims: int = 0
    reviewed: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    flagged: int = 0
    """Claims with pre-flags and no verdict yet."""
    stale: int = 0
    orphans: int = 0
    dismissed: int = 0
    conflicts: int = 0
    error: str | None = None
    review: Path | None = None
    """The review file, when there is one."""


def status_row(article: Path) -> StatusRow:
    """Progress of one article's review; problems go into ``error``, never raise."""
    try:
        session = Session.open(article)
    except RefereeError as exc:
        return StatusRow(article, error=str(exc))
    return row_of(session)


def row_of(session: Session) -> StatusRow:
    """The status row of an open session (its analysis may hold the claims only)."""
    info = summary(session)
    flagged = sum(1 for s in session.claims() if not s.verdict and glyphs.flagged(s))
    return StatusRow(
        article=session.article.path,
        claims=info["claims"],
        reviewed=info["reviewed"],
        verdicts=info["verdicts"],
        flagged=flagged,
        stale=info["stale"],
        orphans=info["orphans"],
        dismissed=info["dismissed"],
        conflicts=info["conflicts"],
        error=session.load_error,
        review=session.review_path if session.review_path.exists() else None,
    )


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str


def check_review(review_path: Path, *, strict: bool = False) -> list[Problem]:
    """What is wrong with one review file: invalid, article missing, unresolved
    merge conflicts; with ``strict`` also stale claims and orphans."""
    try:
        review = store.read(review_path)
    except RefereeError as exc:
        message = str(exc).removeprefix(f"{review_path}: ")
        return [Problem(review_path, message.removesuffix("; the file was left untouched"))]
    article = store.article_path_for(review_path)
    if not article.is_file():
        return [Problem(review_path, f"its article {article.name} is missing")]
    problems = [
        Problem(review_path, f"unresolved merge conflict on {conflict.field} of claim {claim_id}")
        for claim_id, conflict in review.conflicts()
    ]
    if strict:
        # Stale and orphaned claims are a matter of anchoring alone: the session is
        # given no analysed claims, so no claim is extracted.
        try:
            loaded = load(article)
        except RefereeError as exc:
            return [*problems, Problem(review_path, f"article: {exc}")]
        session = Session(loaded, Analysis(text=loaded.text, markdown=loaded.markdown))
        for state in session.stored():
            if state.anchor in ("stale", "orphan") and not state.dismissed:
                what = "orphan (text no longer found)" if state.anchor == "orphan" else "stale"
                problems.append(Problem(review_path, f"claim {state.id} is {what}"))
    return problems
