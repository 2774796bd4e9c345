"""``referee fetch URL`` and ``referee fetch --update FILE``: a web page as a Markdown
article with YAML front matter. ``referee URL`` (see :mod:`referee.cli.launch`) uses
:func:`fetch_for_review` and opens the result."""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
from pathlib import Path

from referee.cli import add_command
from referee.cli.output import warn
from referee.errors import RefereeError
from referee.text import front_matter
from referee.web.document import fetch_article, text_digest
from referee.web.download import FetchSettings


def register(subparsers: argparse._SubParsersAction) -> None:
    fetch = add_command(
        subparsers,
        "fetch",
        description="Fetch a web page, extract its main text and write it as Markdown with "
        "YAML front matter (title, author, date, site, url, final_url, fetched, status, "
        "content_type, sha256 of the HTML, extractor and version); print the file's path. "
        "https only (plain http to localhost, or with REFEREE_ALLOW_HTTP=1); at most 5 "
        "redirects; pages up to 10 MB; HTML, XHTML or plain text; no JavaScript is run.",
    )
    fetch.add_argument("url", metavar="URL", nargs="?", help="the page (http or https)")
    fetch.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write (default: a slug of the title plus .md in this folder)",
    )
    fetch.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    fetch.add_argument(
        "--update",
        metavar="FILE",
        help="fetch FILE's url again, say whether the page changed and rewrite FILE "
        "(its review re-anchors as after any edit)",
    )
    fetch.add_argument(
        "--archive",
        action="store_true",
        help="record the closest Internet Archive snapshot as archived_url "
        "(sends the URL to archive.org; base URL: REFEREE_ARCHIVE_URL)",
    )
    fetch.set_defaults(handler=run_fetch)


def run_fetch(args: argparse.Namespace) -> int:
    if args.update:
        if args.url or args.output:
            raise RefereeError("fetch --update FILE takes no URL and no -o")
        return _update(Path(args.update), archive=args.archive)
    if not args.url:
        raise RefereeError("fetch needs a URL (or --update FILE)")
    article = fetch_article(args.url, FetchSettings.from_environment(), archive=args.archive)
    for message in article.warnings:
        warn(message)
    target = Path(args.output) if args.output else Path.cwd() / article.file_name
    write_new(target, article.text, force=args.force)
    print(_shown(target))
    return 0


def fetch_for_review(url: str) -> Path:
    """``referee URL``: fetch into this folder (default name) and return the file to open.

    A file of that name that was fetched from the same URL is opened as it is (its
    review goes on; ``referee fetch --update`` refreshes it); any other file of that name
    is never overwritten.
    """
    import sys

    article = fetch_article(url, FetchSettings.from_environment())
    for message in article.warnings:
        warn(message)
    target = Path.cwd() / article.file_name
    if target.exists():
        existing = _front_matter_of(target)
        if existing.get("url") == url:
            print(
                f"referee: {target.name} was fetched from this URL on "
                f"{existing.get('fetched', 'an earlier day')}; opening it as it is "
                f"(`referee fetch --update {target.name}` fetches it again)",
                file=sys.stderr,
            )
            return target
    write_new(target, article.text, force=False)
    print(_shown(target))
    return target


def _update(path: Path, *, archive: bool) -> int:
    old_text = _read_text(path)
    head = front_matter.parse(old_text)
    url = head.values.get("url") if head else None
    if not url:
        raise RefereeError(f"{path}: no url in its front matter; fetch it with `referee fetch URL`")
    article = fetch_article(url, FetchSettings.from_environment(), archive=archive)
    for message in article.warnings:
        warn(message)
    old_body = old_text[head.body :].removeprefix("\n") if head else old_text
    html_changed = head.values.get("sha256") != article.html_sha256 if head else True
    text_changed = text_digest(old_body) != article.text_sha256
    if html_changed:
        old = (head.values.get("sha256") or "none")[:12] if head else "none"
        print(f"page changed: HTML sha256 {old}… → {article.html_sha256[:12]}…")
    else:
        print(f"page unchanged: HTML sha256 {article.html_sha256[:12]}…")
    print("text changed" if text_changed else "text unchanged")
    write_replacing(path, article.text)
    print(_shown(path))
    if text_changed:
        _report_anchors(path)
    return 0


def _report_anchors(path: Path) -> None:
    """After the article changed: how its review's claims were found again."""
    from referee.review.store import review_path

    if not review_path(path).exists():
        return
    from referee.publish.report import status_row

    row = status_row(path)
    if row.error:
        warn(row.error)
        return
    print(
        f"review re-anchored: {row.claims} claims, {row.reviewed} reviewed, "
        f"{row.stale} stale, {row.orphans} orphaned"
    )


def _front_matter_of(path: Path) -> dict[str, str]:
    try:
        head = front_matter.parse(_read_text(path))
    except RefereeError:
        return {}
    return head.values if head else {}


def _read_text(path: Path) -> str:
    from referee.text.article import load

    return load(path).text


def write_new(target: Path, text: str, *, force: bool) -> None:
    """Write ``text`` to ``target``: atomically, and never over an existing file unless
    ``force``."""
    if target.is_dir():
        raise RefereeError(f"{target}: is a folder; give a file name with -o")
    if not target.parent.is_dir():
        raise RefereeError(f"{target.parent}: no such folder")
    if force:
        write_replacing(target, text)
        return
    if target.exists() or target.is_symlink():
        raise RefereeError(f"{_shown(target)} exists; use --force to overwrite or -o FILE")
    data = text.encode("utf-8")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # as any new file, not mkstemp's 0600
            os.link(tmp, target)  # fails if the file appeared meanwhile: never overwritten
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    except FileExistsError:
        raise RefereeError(
            f"{_shown(target)} exists; use --force to overwrite or -o FILE"
        ) from None
    except OSError as exc:
        raise RefereeError(f"{target}: cannot write ({exc.strerror or exc})") from None


def write_replacing(target: Path, text: str) -> None:
    from referee.review.atomic import atomic_write

    atomic_write(target, text.encode("utf-8"))


def _shown(path: Path) -> str:
    """A path relative to this folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
