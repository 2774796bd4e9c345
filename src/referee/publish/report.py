"""Reports on one review (Markdown, JSON) and surveys of many (status, check).

Everything here reads; nothing writes. Article text in Markdown output goes
through :func:`referee.visible.visible` so a report printed to a terminal never
carries the article's control sequences.
"""

from __future__ import annotations

import os
import shlex
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from referee.errors import RefereeError
from referee.model import Analysis
from referee.publish import serialize
from referee.review import file_format, gitrepo, glyphs, store
from referee.review.record import VERDICTS
from referee.review.session import ClaimState, Session
from referee.text.article import ARTICLE_SUFFIXES, git_blob_sha, load

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
    """Counts over :meth:`Session.every_claim`, as the TUI and ``claims`` count."""
    reviewed, total = session.progress()
    every = session.every_claim()
    shown = [s for s in every if not s.dismissed]
    counts = Counter(s.verdict for s in shown if s.verdict)
    return {
        "claims": total,
        "reviewed": reviewed,
        "verdicts": {v: counts.get(v, 0) for v in VERDICTS},
        "stale": sum(1 for s in shown if s.anchor == "stale"),
        "orphans": sum(1 for s in shown if s.anchor == "orphan"),
        "dismissed": len(every) - len(shown),
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
        "sources": serialize.sources(session),
    }


def report_markdown(session: Session) -> str:
    """A readable review, problems first (:mod:`referee.publish.markdown`)."""
    from referee.publish.markdown import report_markdown as markdown

    return markdown(session)


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
    """Review files under ``paths`` (an article path names its review file). Anything
    named like one is listed, folders too, so that ``check`` reports it."""
    found: dict[Path, None] = {}
    for path in _existing(paths):
        if path.is_dir() and path.name.endswith(store.SUFFIX):
            found.setdefault(path, None)
        elif path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
                for name in sorted(dirs + files):
                    if name.endswith(store.SUFFIX):
                        found.setdefault(Path(folder) / name, None)
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
        message = message.removesuffix("; the file was left untouched")
        if message.startswith(file_format.CONFLICT_MARKERS):
            message += f"; {way_back(review_path)}"
        return [Problem(review_path, message)]
    article = store.article_path_for(review_path)
    if not article.is_file():
        return [Problem(review_path, f"its article {article.name} is missing")]
    from referee.review.ownership import foreign_article

    foreign = foreign_article(review, article, review_path)
    if foreign is not None:
        return [Problem(review_path, foreign.removeprefix(f"{review_path}: "))]
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


def way_back(review_path: Path) -> str:
    """How to merge a review file again with the driver."""
    return f"`referee git-setup && git checkout -m {shlex.quote(str(review_path))}` merges it again"


def check_unmerged(paths: Iterable[str | os.PathLike[str]]) -> list[Problem]:
    """Review files git left unmerged (``git ls-files -u``): a merge driver that could
    not run leaves our side only, and ``git add`` would lose theirs for good."""
    problems = []
    seen: set[Path] = set()
    for path in _existing(paths):
        for file, stages in sorted(gitrepo.unmerged(path).items()):
            if not file.name.endswith(store.SUFFIX) or file in seen:
                continue
            seen.add(file)
            shown = _relative(file)
            try:
                current = git_blob_sha(file.read_bytes())
            except OSError:
                current = None
            if current is not None and current == stages.get(2) and 3 in stages:
                message = (
                    "unmerged in git and holds our side only (the merge driver did not run); "
                    + way_back(shown)
                )
            else:
                message = (
                    "unmerged in git: settle its conflicts (`referee resolve`), then "
                    f"`git add {shlex.quote(str(shown))}`"
                )
            problems.append(Problem(shown, message))
    return problems


def _relative(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path
