"""The claims of many articles at once: cached by blob sha, the rest analysed in parallel.

``referee status`` over a newsroom's repository needs, for each article, its
claims (id, span, kind, score, strength, flags): what :class:`~referee.review.session.Session`
places a review on. Analysing thousands of articles on every run is the cost, so the
claims of each article are kept in the cache folder (``REFEREE_CACHE_DIR`` or the
platformdirs cache, as for reference checks) under ``analysis/<analyser>/<sha[:2]>/<sha>``:

- ``sha`` is the git blob sha1 of the article's bytes: a changed article is a new key;
- ``analyser`` is a digest of referee's version and of the source of the analyser
  (``text/`` and ``model.py``): a new ``referee`` never reads an old entry;
- an entry is ``marshal`` data (no pickle: reading one never runs code) and is checked as
  it is read; a broken one is ignored and rebuilt, never an error;
- articles missing from the cache are analysed across the cores (worker processes);
  each entry is written atomically (temporary file, rename).

Cues and citations are not kept (nothing that surveys many articles shows them);
everything else of a claim is, so a claim built from an entry equals the analysed one
but for those two.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from referee.model import Analysis, Claim, Flag
from referee.text.article import Article

FORMAT = 1
"""Layout of an entry; part of the analyser key."""

MIN_PARALLEL = 4
"""Fewer articles to analyse than this are analysed in this process: starting workers
(about 50 ms each) costs more than it saves."""

ClaimRecord = tuple
"""(id, start, end, kind, score, strength, ((code, severity, reason, start, end), ...))"""


def code_digest(sources: Sequence[Path], salt: str = "") -> str:
    """A short digest of referee's version, ``salt`` and the bytes of ``sources``."""
    import referee

    digest = hashlib.sha1(f"{referee.__version__}/{salt}".encode())
    for source in sorted(sources):
        digest.update(source.name.encode())
        with contextlib.suppress(OSError):
            digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


@lru_cache(maxsize=1)
def analyser_key() -> str:
    """What an entry was made by: referee's version, the entry format, and the source
    of the analyser (every module of ``text/`` and ``model.py``)."""
    from referee import model

    here = Path(__file__).parent
    return code_digest([*here.glob("*.py"), Path(model.__file__)], f"analysis {FORMAT}")


def cache_folder() -> Path:
    from referee.config import cache_dir

    return cache_dir() / "analysis" / analyser_key()


def entry_path(blob_sha: str, folder: Path | None = None) -> Path:
    return (folder or cache_folder()) / blob_sha[:2] / blob_sha


# ----------------------------------------------------------------------------- entries


def records(claims: Sequence[Claim]) -> tuple[ClaimRecord, ...]:
    return tuple(
        (
            c.id,
            c.start,
            c.end,
            c.kind,
            c.score,
            c.strength,
            tuple((f.code, f.severity, f.reason, f.start, f.end) for f in c.flags),
        )
        for c in claims
    )


def claims_from(text: str, stored: tuple[ClaimRecord, ...]) -> tuple[Claim, ...]:
    """Claims rebuilt from records; ValueError or TypeError when they do not fit ``text``."""
    size = len(text)
    out = []
    for claim_id, start, end, kind, score, strength, flags in stored:
        if not (type(start) is int and type(end) is int and 0 <= start < end <= size):
            raise ValueError("span outside the text")
        out.append(
            Claim(
                claim_id,
                start,
                end,
                text[start:end],
                kind,
                score,
                strength,
                flags=tuple(Flag(c, sev, reason, s, e) for c, sev, reason, s, e in flags),
            )
        )
    return tuple(out)


def read_entry(path: Path, blob_sha: str, text: str) -> tuple[Claim, ...] | None:
    """The claims stored at ``path`` for this blob; None when absent or broken."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        fmt, sha, stored = marshal.loads(data)
        if fmt != FORMAT or sha != blob_sha:
            return None
        return claims_from(text, stored)
    except Exception:  # a truncated, garbled or foreign file: rebuilt by the caller
        return None


def write_entry(path: Path, blob_sha: str, claims: Sequence[Claim]) -> None:
    write_bytes(path, marshal.dumps((FORMAT, blob_sha, records(claims))))


def write_bytes(path: Path, data: bytes) -> None:
    """Store a cache entry atomically; a cache that cannot be written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


# ----------------------------------------------------------------------------- many articles


def survey_analysis(article: Article, claims: tuple[Claim, ...]) -> Analysis:
    """An :class:`Analysis` holding the article's claims only (no blocks, sentences,
    references or cues): enough for a session that reports progress."""
    return Analysis(text=article.text, markdown=article.markdown, claims=claims)


def _analyse_into_cache(job: tuple[str, str, str]) -> tuple[ClaimRecord, ...] | str:
    """Worker: analyse one article file, store its entry, return its records (or why not)."""
    from referee.errors import RefereeError
    from referee.text.analysis import analyse
    from referee.text.article import load

    path, blob_sha, folder = job
    try:
        article = load(path)
    except RefereeError as exc:
        return str(exc)
    claims = analyse(article.text, article.markdown).claims
    # The file may have changed since the parent read it: store under what was analysed.
    write_entry(entry_path(article.blob_sha, Path(folder)), article.blob_sha, claims)
    return records(claims) if article.blob_sha == blob_sha else str(path)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def claims_of_many(
    articles: Sequence[Article],
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[tuple[Claim, ...]]:
    """The claims of each article, from the cache where it has them; the others are
    analysed (in parallel when there are several) and stored."""
    folder = cache_folder()
    found: list[tuple[Claim, ...] | None] = []
    for article in articles:
        found.append(
            read_entry(entry_path(article.blob_sha, folder), article.blob_sha, article.text)
        )
    missing = [i for i, claims in enumerate(found) if claims is None]
    if progress is not None and len(articles) > len(missing):
        progress(len(articles) - len(missing))
    workers = cores() if workers is None else workers
    if len(missing) >= MIN_PARALLEL and workers > 1:
        _in_workers(articles, missing, found, folder, min(workers, len(missing)), progress)
    for i in missing:
        if found[i] is None:  # not done by a worker (serial, or the file changed meanwhile)
            from referee.text.analysis import analyse  # only when something is analysed

            article = articles[i]
            claims = analyse(article.text, article.markdown).claims
            write_entry(entry_path(article.blob_sha, folder), article.blob_sha, claims)
            found[i] = claims
            if progress is not None:
                progress(1)
    return [claims or () for claims in found]


def _in_workers(
    articles: Sequence[Article],
    missing: list[int],
    found: list[tuple[Claim, ...] | None],
    folder: Path,
    workers: int,
    progress: Callable[[int], None] | None,
) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Largest first, so no worker is left with a long article at the end.
    order = sorted(missing, key=lambda i: -len(articles[i].text))
    jobs = [(str(articles[i].path), articles[i].blob_sha, str(folder)) for i in order]
    method = "fork" if sys.platform == "linux" else None
    if method == "fork":
        import referee.text.analysis  # noqa: F401  compiled once here, inherited by each worker
    context = multiprocessing.get_context(method)
    chunk = max(1, min(16, len(jobs) // (workers * 8)))
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for i, result in zip(
                order, pool.map(_analyse_into_cache, jobs, chunksize=chunk), strict=True
            ):
                if not isinstance(result, str):
                    with contextlib.suppress(Exception):
                        found[i] = claims_from(articles[i].text, result)
                if progress is not None and found[i] is not None:
                    progress(1)
    except (OSError, RuntimeError, ImportError):
        return  # no processes to be had here: the caller analyses what is left itself
