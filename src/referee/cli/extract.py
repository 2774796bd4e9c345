"""``referee claims`` and ``referee refs``: what the core finds in an article."""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from rich.table import Table
from rich.text import Text

from referee.cli import add_command
from referee.cli.output import cell, console, print_json, warn
from referee.model import Analysis, CheckResult, Reference
from referee.publish import serialize
from referee.review.session import Session


def register(subparsers: argparse._SubParsersAction) -> None:
    claims = add_command(
        subparsers,
        "claims",
        description="List the claims of ARTICLE with id, span, kind, score, cues and flags.",
    )
    claims.add_argument("article", metavar="ARTICLE")
    claims.add_argument("--json", action="store_true", help="print JSON (see README)")
    claims.set_defaults(handler=run_claims)

    refs = add_command(
        subparsers,
        "refs",
        description="List the parsed reference entries of ARTICLE and the citations that link to them.",
    )
    refs.add_argument("article", metavar="ARTICLE")
    refs.add_argument("--json", action="store_true", help="print JSON (see README)")
    from referee.cli.checkrefs import add_arguments  # --check, --offline

    add_arguments(refs)
    refs.set_defaults(handler=run_refs)


def _open(path: str) -> Session:
    """The article's session; its warnings on stderr (an unreadable review among them)."""
    session = Session.open(path)
    for message in session.article.warnings:
        warn(message)
    if session.load_error:
        warn(session.load_error)
    return session


def run_claims(args: argparse.Namespace) -> int:
    session = _open(args.article)
    article, analysis = session.article, session.analysis
    path, encoding = str(article.path), article.encoding
    states = session.every_claim()
    if args.json:
        print_json(
            {
                "article": path,
                "encoding": encoding,
                "warnings": list(analysis.warnings),
                "claims": [serialize.claim_state(s) for s in states],
                "sources": serialize.sources(session),
            }
        )
        return 0
    out = console()
    counted = sum(1 for s in states if not s.dismissed)
    table = Table(title=Text(f"{path}: {counted} claims"), expand=True)
    table.add_column("id / span", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("claim and flags", ratio=1)
    for state in states:
        claim = state.claim
        body = cell(state.text)
        for flag in claim.flags if claim else ():
            body.append("\n! ", style="bold")
            body.append(flag.code, style="bold red" if flag.severity >= 2 else "yellow")
        where = "orphan" if state.start is None else f"{state.start}-{state.end}"
        if state.anchor in ("stale", "fuzzy"):
            where += f" {state.anchor}"
        verdict = "dismissed" if state.dismissed else (state.verdict or "·")
        table.add_row(
            cell(state.id) + Text(f"\n{where}", style="dim"),
            cell(verdict),
            cell(claim.kind if claim else "manual" if state.origin == "manual" else "·"),
            cell(f"{claim.score:g}" if claim else ""),
            body,
        )
    out.print(table)
    return 0


def run_refs(args: argparse.Namespace) -> int:
    if args.check or args.offline:
        from referee.cli.checkrefs import run

        return run(args)
    session = _open(args.article)
    article, analysis = session.article, session.analysis
    path, encoding = str(article.path), article.encoding
    checks = session.ref_checks()
    if args.json:
        print_json({**refs_json(path, encoding, analysis, checks), **sources_json(session)})
        return 0
    out = console()
    table = Table(title=Text(f"{path}: {len(analysis.references)} references"), expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("reference", ratio=1)
    table.add_column("cited", no_wrap=True, justify="right")
    if checks:
        table.add_column("check", no_wrap=True)
    for ref in analysis.references:
        table.add_row(
            cell(ref.id),
            _reference_cell(ref),
            cell(
                str(len(ref.citations)) if ref.citations else "uncited",
                style="" if ref.citations else "yellow",
            ),
            *([_status_cell(checks.get(ref.id))] if checks else []),
        )
    out.print(table)
    _print_sources(session, checks)
    dangling = analysis.dangling
    if dangling:
        out.print(Text(f"{len(dangling)} citation(s) point to no reference entry:", style="yellow"))
        for c in dangling:
            out.print(Text("  ") + cell(c.marker) + Text(f"  at {c.start}-{c.end}"))
    return 0


def sources_json(session: Session) -> dict:
    """``sources``: the reviewer's outside sources, with their checks."""
    return {"sources": serialize.sources(session)}


def _print_sources(session: Session, checks: Mapping[str, CheckResult]) -> None:
    sources = session.references()[len(session.analysis.references) :]
    if not sources:
        return
    table = Table(
        title=Text(f"{len(sources)} outside source(s), added by the reviewer"), expand=True
    )
    table.add_column("id", no_wrap=True, overflow="fold")
    table.add_column("source", ratio=1)
    table.add_column("check", no_wrap=True)
    for ref in sources:
        table.add_row(cell(ref.id), _reference_cell(ref), _status_cell(checks.get(ref.id)))
    console().print(table)


def _reference_cell(ref: Reference) -> Text:
    """Authors (year). Title. Container vol(issue):pages, identifiers: parsed fields."""
    where = ref.volume or ""
    if ref.issue:
        where += f"({ref.issue})"
    if ref.pages:
        where += f":{ref.pages}"
    head = ", ".join(ref.authors) or "(no author)"
    body = cell(f"{head} ({ref.year or 'n.d.'}). ", style="bold")
    body.append_text(cell(ref.title or ref.raw))
    if ref.container or where:
        body.append_text(cell(f". {ref.container or ''} {where}".rstrip(), style="italic"))
    for label, value in (("doi:", ref.doi), ("PMID ", ref.pmid), ("", ref.url)):
        if value:
            body.append_text(cell(f" · {label}{value}", style="dim"))
    return body


def _status_cell(result: CheckResult | None) -> Text:
    if result is None:
        return cell("unchecked", style="dim")
    when = f" {result.checked.isoformat()}" if result.checked else ""
    style = {
        "verified": "green",
        "corrected": "green",
        "not_indexed": "cyan",
        "unverifiable": "yellow",
    }.get(result.status, "bold red")
    return cell(result.status + when, style=style)


def refs_json(
    path: str, encoding: str, analysis: Analysis, checks: Mapping[str, CheckResult]
) -> dict:
    """The references and citations, each reference with its check from ``checks`` (or None)."""
    return {
        "article": path,
        "encoding": encoding,
        "warnings": list(analysis.warnings),
        "references": [
            {**serialize.reference(r), "check": _check_json(checks.get(r.id))}
            for r in analysis.references
        ],
        "citations": [serialize.citation(c) for c in analysis.citations],
        "dangling": [serialize.citation(c) for c in analysis.dangling],
        "uncited": [r.id for r in analysis.uncited],
    }


def _check_json(result: CheckResult | None) -> dict | None:
    return serialize.check_result(result) if result else None
