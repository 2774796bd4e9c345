"""``referee export`` and ``referee import``: the review leaving the terminal and
annotations coming in."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from rich.text import Text

from referee.cli import add_command
from referee.cli.output import console, warn
from referee.config import load_config
from referee.errors import RefereeError
from referee.publish.formats import FORMATS, render
from referee.publish.publisher import Publisher, publisher_from


def register(subparsers: argparse._SubParsersAction) -> None:
    export = add_command(
        subparsers,
        "export",
        description="Write the review of ARTICLE as schema.org ClaimReview JSON-LD, a W3C Web "
        "Annotation collection, a Hypothesis import file, a self-contained HTML report or CSV.",
    )
    export.add_argument("article", metavar="ARTICLE")
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    export.add_argument(
        "--url", help="the article's URL (default: `url:` in its front matter, else the file name)"
    )
    export.add_argument(
        "--review-url",
        metavar="URL",
        help="the fact-check page (ClaimReview url; default: review_url in [publish])",
    )
    export.set_defaults(handler=run_export)

    imp = add_command(
        subparsers,
        "import",
        description="Read W3C Web Annotations or a Hypothesis export into the review of "
        "ARTICLE: quotes are anchored like stored claims (those not found are kept as "
        "orphans), notes kept, a tag naming a verdict becomes the verdict.",
    )
    imp.add_argument("article", metavar="ARTICLE")
    imp.add_argument("file", metavar="FILE", help="a W3C or Hypothesis JSON file")
    imp.add_argument("--reviewer", metavar="NAME", help="for annotations that name nobody")
    imp.set_defaults(handler=run_import)


def _publisher() -> Publisher:
    config = load_config()
    return publisher_from(config.publish, str(config.path))


def _now() -> datetime:
    """Now, or SOURCE_DATE_EPOCH for reproducible files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise RefereeError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return datetime.now(UTC)


def run_export(args: argparse.Namespace) -> int:
    from referee.cli.reviewcmd import open_session
    from referee.publish.publication import Publication

    publisher = _publisher()
    session = open_session(args.article)
    publication = Publication(
        session, publisher, url=args.url, review_url=args.review_url, now=_now()
    )
    if args.format == "claimreview" and not publication.review_url:
        warn("no --review-url and no review_url in [publish]: the ClaimReviews carry no url")
    data = render(args.format, publication)
    if args.output:
        from referee.review.atomic import atomic_write

        target = Path(args.output)
        if target.is_dir():
            raise RefereeError(f"{target}: is a directory")
        if target.resolve() in (session.article.path.resolve(), session.review_path.resolve()):
            raise RefereeError(
                f"{target}: is the article or its review; write the export elsewhere"
            )
        try:
            atomic_write(target, data.encode("utf-8"))
        except OSError as exc:
            raise RefereeError(f"{target}: cannot write ({exc.strerror or exc})") from None
        console(stderr=True).print(Text(f"{args.format}: wrote {target}"), soft_wrap=True)
    else:
        sys.stdout.write(data)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from referee.cli.reviewcmd import open_session
    from referee.publish.importer import import_annotations, load_file

    publisher = _publisher()
    data = load_file(args.file)
    session = open_session(args.article, args.reviewer)
    result = import_annotations(session, data, publisher)
    for message in result.warnings:
        warn(message)
    out = console()
    out.print(
        Text(
            f"{result.format}: {result.read} annotation(s) read, {len(result.changed)} claim(s) "
            f"changed, {len(result.orphans)} orphan(s), {len(result.moved)} found only "
            f"approximately · {session.review_path}"
        ),
        soft_wrap=True,
    )
    for claim_id in result.orphans:
        out.print(Text(f"orphan (quote not found in the article): {claim_id}"), soft_wrap=True)
    return 0
