"""``referee refs ARTICLE --check [--json] [--offline]``: check that the references exist.

Runs :func:`referee.refcheck.check_references` with a Rich progress bar on stderr, saves
the results into the review file (``[ref.<id>]``) through the session, and prints them.
Exit code 1 when a reference was found to be a problem (not found, pointing elsewhere,
mismatched, retracted or under an expression of concern); a book or report that no index
holds (``not_indexed``) is not one. httpx and the session are imported only when a check runs, so
registering the flags costs the other commands nothing.
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from typing import TYPE_CHECKING

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from referee.cli.output import cell, console, print_json, warn
from referee.model import CHECK_STATUSES, CheckResult

if TYPE_CHECKING:
    from referee.refcheck import CheckSettings
    from referee.review.session import Session

PROBLEMS = frozenset({"not_found", "doi_mismatch", "metadata_mismatch", "retracted", "concern"})
"""Statuses that make ``refs --check`` exit 1. ``not_indexed`` (a book or report no index
holds) and ``corrected`` are not problems."""
STYLES = {
    "verified": "green",
    "corrected": "green",
    "concern": "bold magenta",
    "not_indexed": "cyan",
    "metadata_mismatch": "yellow",
    "doi_mismatch": "bold red",
    "not_found": "bold red",
    "retracted": "bold magenta",
    "unverifiable": "dim",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check",
        action="store_true",
        help="check the references against Crossref, PubMed, Europe PMC, Open Library, "
        "DataCite, arXiv, OpenAlex and doi.org "
        "and save the results in the review file",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="with --check: answer from the cache only (implies --check)",
    )


def _run_checks(
    session: Session, settings: CheckSettings, show_progress: bool
) -> list[CheckResult]:
    from referee.refcheck import check_references

    refs = session.analysis.references
    err = console(stderr=True)
    with Progress(
        TextColumn("checking references"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}", markup=False),
        console=err,
        transient=True,
        disable=not (show_progress and err.is_terminal),
    ) as progress:
        task = progress.add_task("", total=len(refs))

        def arrived(result: CheckResult) -> None:
            progress.update(task, advance=1, description=f"{result.ref_id}: {result.status}")

        return asyncio.run(check_references(refs, settings, on_result=arrived))


def _save(session: Session, results: list[CheckResult]) -> bool:
    """Record the results (the session keeps an earlier definite answer over an outage)."""
    if session.read_only:
        warn(f"results not saved: {session.load_error}")
        return False
    session.record_checks(results)
    return True


def _check_sources(session: Session, settings: CheckSettings) -> list[CheckResult]:
    """Check the reviewer's outside sources as references are checked; one stored by its
    identifier alone gets the metadata the check finds. Saved as each source's check."""
    from referee.refcheck.outside import check_sources, source_of

    sources = session.sources()
    if not sources:
        return []
    checked = asyncio.run(check_sources(sources, settings))
    for item in checked:
        found = item.looked if item.looked is not None and item.looked.found else None
        described = source_of(found, None) if found is not None else None
        if session.read_only:
            continue
        session.record_source_check(item.result, described)
    return [item.result for item in checked]


def run(args: argparse.Namespace) -> int:
    from referee.cli.extract import refs_json
    from referee.publish import serialize
    from referee.refcheck import CheckSettings
    from referee.review.session import Session

    session = Session.open(args.article)
    for message in session.article.warnings:
        warn(message)
    settings = CheckSettings.from_environment(offline=args.offline)
    analysis = session.analysis
    results = (
        _run_checks(session, settings, show_progress=not args.json) if analysis.references else []
    )
    saved = _save(session, results) if results else False
    checked_sources = _check_sources(session, settings)
    results += checked_sources
    saved = saved or bool(checked_sources and not session.read_only)
    problems = sum(r.status in PROBLEMS for r in results)
    if args.json:
        by_id = {r.ref_id: r for r in results}
        data = refs_json(str(session.article.path), session.article.encoding, analysis, by_id)
        data["sources"] = serialize.sources(session)
        counts = Counter(r.status for r in results)
        data["check"] = {
            "offline": settings.offline,
            "saved": saved,
            "review": str(session.review_path) if saved else None,
            "counts": {status: counts.get(status, 0) for status in CHECK_STATUSES},
        }
        print_json(data)
    else:
        _print_table(str(session.article.path), results, saved, str(session.review_path))
    return 1 if problems else 0


def _print_table(path: str, results: list[CheckResult], saved: bool, review: str) -> None:
    out = console()
    if not results:
        out.print(Text(f"{path}: no references to check"))
        return
    table = Table(title=Text(f"{path}: {len(results)} references checked"), expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("matched", ratio=2, overflow="fold")
    table.add_column("reasons", ratio=3, overflow="fold")
    for result in results:
        matched = cell(result.matched_doi or "")
        if result.matched_title:
            matched.append("\n")
            matched.append_text(cell(result.matched_title))
        reasons = Text()
        for i, reason in enumerate(result.reasons):
            if i:
                reasons.append("\n")
            reasons.append_text(cell("• " + reason))
        table.add_row(
            cell(result.ref_id), cell(result.status, style=STYLES[result.status]), matched, reasons
        )
    out.print(table)
    counts = Counter(r.status for r in results)
    out.print(Text(", ".join(f"{n} {status}" for status, n in counts.most_common()), style="dim"))
    if saved:
        out.print(Text("saved in ") + cell(review))
