"""``referee status`` over a whole repository: many articles, answered from caches.

Two caches in the cache folder (``REFEREE_CACHE_DIR`` or the platformdirs cache):

- the claims of each article, by its blob sha (:mod:`referee.text.analysis_cache`);
  articles it lacks are analysed across the cores;
- the status row of each (article, review file) pair, under
  ``status/<code>/<key[:2]>/<key>`` where ``key`` digests the article's blob sha and the
  review file's bytes and ``code`` digests referee's version and the source of everything
  a row depends on (analysis, review, anchoring, this module). An unchanged article
  with an unchanged review is answered without placing the review at all.

A row is kept only when it depends on nothing else: not when the review was made on
another version of the article (placing it may read the old version from git), and not
when the article or the review could not be read. A broken entry is ignored and
rebuilt.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from referee.errors import RefereeError
from referee.publish.report import StatusRow, row_of
from referee.review import store
from referee.review.record import VERDICTS
from referee.review.session import Session
from referee.text import analysis_cache
from referee.text.article import git_blob_sha, load, read_bytes

FORMAT = 1
COUNTS = ("claims", "reviewed", "flagged", "stale", "orphans", "dismissed", "conflicts")


@lru_cache(maxsize=1)
def rows_key() -> str:
    """What a row was made by: the analyser, the review and anchoring code, this module."""
    from referee import model

    root = Path(model.__file__).parent
    sources = [
        Path(model.__file__),
        *(root / "text").glob("*.py"),
        *(root / "review").glob("*.py"),
        root / "publish" / "report.py",
        Path(__file__),
    ]
    return analysis_cache.code_digest(sources, f"status {FORMAT}")


def rows_folder() -> Path:
    from referee.config import cache_dir

    return cache_dir() / "status" / rows_key()


def _key(article_sha: str, review: bytes | None) -> str:
    review_sha = "-" if review is None else hashlib.sha1(review).hexdigest()
    return hashlib.sha1(f"{article_sha}/{review_sha}".encode()).hexdigest()


def _read_review(article: Path) -> bytes | None:
    """The review file's bytes; None without one. OSError when it cannot be read."""
    try:
        return store.review_path(article).read_bytes()
    except FileNotFoundError:
        return None


def _stored_row(path: Path, key: str, article: Path, review: bool) -> StatusRow | None:
    try:
        fmt, stored_key, counts, verdicts = marshal.loads(path.read_bytes())
        if fmt != FORMAT or stored_key != key or len(counts) != len(COUNTS):
            return None
        if not all(type(n) is int for n in (*counts, *verdicts)) or len(verdicts) != len(VERDICTS):
            return None
    except Exception:  # absent, truncated, garbled: computed again
        return None
    return StatusRow(
        article,
        verdicts=dict(zip(VERDICTS, verdicts, strict=True)),
        review=store.review_path(article) if review else None,
        **dict(zip(COUNTS, counts, strict=True)),
    )


def _store_row(path: Path, key: str, row: StatusRow) -> None:
    counts = tuple(getattr(row, name) for name in COUNTS)
    verdicts = tuple(row.verdicts.get(v, 0) for v in VERDICTS)
    analysis_cache.write_bytes(path, marshal.dumps((FORMAT, key, counts, verdicts)))


def status_rows(
    articles: Iterable[Path], progress: Callable[[int], None] | None = None
) -> list[StatusRow]:
    """The status of each article, in the order given."""
    paths = list(articles)
    folder = rows_folder()
    rows: dict[Path, StatusRow] = {}
    keys: dict[Path, str] = {}
    missing: list[Path] = []
    for path in paths:
        try:
            data = read_bytes(path)
            review = _read_review(path)
        except RefereeError as exc:
            rows[path] = StatusRow(path, error=str(exc))
            continue
        except OSError:
            missing.append(path)  # the session says what is wrong with the review file
            continue
        key = keys[path] = _key(git_blob_sha(data), review)
        row = _stored_row(folder / key[:2] / key, key, path, review is not None)
        if row is None:
            missing.append(path)
        else:
            rows[path] = row
    if progress is not None and len(rows):
        progress(len(rows))
    loaded = []
    for path in missing:
        try:
            loaded.append(load(path))
        except RefereeError as exc:
            rows[path] = StatusRow(path, error=str(exc))
            if progress is not None:
                progress(1)
    found = analysis_cache.claims_of_many(loaded, progress=progress)
    for article, claims in zip(loaded, found, strict=True):
        session = Session(article, analysis_cache.survey_analysis(article, claims))
        row = rows[article.path] = row_of(session)
        base = session.review.base
        if row.error is None and (not base or base == article.blob_sha):
            try:
                key = _key(article.blob_sha, _read_review(article.path))
            except OSError:
                continue
            if key == keys.get(article.path):  # the files did not change meanwhile
                _store_row(folder / key[:2] / key, key, row)
    return [rows[path] for path in paths]


def status_json(rows: Iterable[StatusRow]) -> dict[str, Any]:
    """``referee status --json``: one object per article, and the totals."""
    articles = []
    totals: dict[str, Any] = {"articles": 0, "errors": 0, **dict.fromkeys(COUNTS, 0)}
    totals["verdicts"] = dict.fromkeys(VERDICTS, 0)
    for row in rows:
        item: dict[str, Any] = {
            "article": str(row.article),
            "review": None if row.review is None else str(row.review),
            "claims": row.claims,
            "reviewed": row.reviewed,
            "verdicts": {v: row.verdicts.get(v, 0) for v in VERDICTS},
            **{name: getattr(row, name) for name in COUNTS[2:]},
            "error": row.error,
        }
        articles.append(item)
        totals["articles"] += 1
        totals["errors"] += row.error is not None
        for name in COUNTS:
            totals[name] += getattr(row, name)
        for v in VERDICTS:
            totals["verdicts"][v] += row.verdicts.get(v, 0)
    return {"articles": articles, "totals": totals}
