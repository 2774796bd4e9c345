"""``referee evidence ARTICLE CLAIM``: the claim's references, their abstracts and the
evidence quotes kept for it; ``--add``/``--remove`` change the quotes; ``--search [QUERY]``
searches PubMed and Europe PMC for reviews and trials on the claim (the flag is the
reviewer's consent for that run: it says on stderr where the words go)."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from rich.text import Text

from referee.cli import add_command
from referee.cli.output import cell, console, print_json, warn
from referee.review.session import Session


def register(subparsers: argparse._SubParsersAction) -> None:
    cmd = add_command(
        subparsers,
        "evidence",
        description="Print claim CLAIM of ARTICLE with its cited and linked references, "
        "their check status, their abstracts (fetched from PubMed, Europe PMC, Crossref or "
        "OpenAlex, cached; never stored in the review) and the evidence quotes kept for it. "
        "A citation is what the article says; a link or an evidence quote is the reviewer's.",
    )
    cmd.add_argument("article", metavar="ARTICLE")
    cmd.add_argument("claim", metavar="CLAIM", help="claim id, as `referee claims` lists it")
    cmd.add_argument("--json", action="store_true", help="print JSON (see README)")
    cmd.add_argument("--offline", action="store_true", help="abstracts from the cache only")
    cmd.add_argument(
        "--no-abstracts", action="store_true", help="do not fetch abstracts (nothing leaves)"
    )
    cmd.add_argument(
        "--add",
        nargs=2,
        metavar=("REF", "QUOTE"),
        help="keep QUOTE (≤ 300 characters) of reference REF as evidence for the claim",
    )
    cmd.add_argument(
        "--remove", nargs=2, metavar=("REF", "QUOTE"), help="remove a kept evidence quote"
    )
    cmd.add_argument(
        "--source",
        metavar="WHERE",
        default="",
        help="with --add/--remove: where the quote was read (pubmed:123, doi:10.1/x)",
    )
    cmd.add_argument(
        "--search",
        nargs="?",
        const="",
        default=None,
        metavar="QUERY",
        help="also search PubMed and Europe PMC for systematic reviews, meta-analyses and "
        "randomised trials on the claim's key terms (or on QUERY); the words are sent to "
        "those services",
    )
    cmd.add_argument("--reviewer", metavar="NAME", help="who reviews (default: see README)")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from referee.refcheck.evidence import fetch_all, references_beside
    from referee.refcheck.settings import CheckSettings

    session = Session.open(args.article, reviewer=args.reviewer)
    for message in session.article.warnings:
        warn(message)
    if args.add or args.remove:
        if session.load_error:
            warn(session.load_error)
        ref, quote = args.add or args.remove
        change = session.add_evidence if args.add else session.remove_evidence
        change(args.claim, ref, quote, args.source)
    state = session.state(args.claim)
    beside = references_beside(session, args.claim)
    fetched = {}
    if beside and not args.no_abstracts:
        settings = CheckSettings.from_environment(offline=args.offline)
        fetched = {f.ref_id: f for f in asyncio.run(fetch_all(beside, settings))}
    refs: list[dict[str, Any]] = []
    for item in beside:
        got = fetched.get(item.ref_id)
        abstract = got.abstract if got else None
        refs.append(
            {
                "id": item.ref_id,
                "how": item.how,
                "raw": item.reference.raw if item.reference else None,
                "doi": item.doi,
                "pmid": item.pmid,
                "status": item.check.status if item.check else None,
                "reasons": list(item.check.reasons) if item.check else [],
                "abstract": None
                if abstract is None
                else {
                    "service": abstract.service,
                    "source": abstract.source,
                    "sections": [{"label": lb, "text": tx} for lb, tx in abstract.sections],
                },
                "abstract_problem": got.problem if got else None,
            }
        )
    data = {
        "article": str(session.article.path),
        "claim": {
            "id": state.id,
            "text": state.text,
            "verdict": state.verdict,
            "start": state.start,
            "end": state.end,
        },
        "refs": refs,
        "evidence": [e.as_dict() for e in state.evidence],
    }
    if args.search is not None:
        data["search"] = _search(args.search or None, state.text, args.offline)
    if args.json:
        print_json(data)
    else:
        _print(data)
    return 0


def _search(query: str | None, claim_text: str, offline: bool) -> dict[str, Any]:
    """The ``search`` member: ``--search`` is the consent, so the search runs; where the
    words go is said on stderr first."""
    from referee.config import load_config
    from referee.refcheck import litsearch
    from referee.refcheck.client import Unavailable
    from referee.refcheck.settings import CheckSettings

    query = " ".join((query or litsearch.claim_query(claim_text)).split())
    if not query:
        return {"query": "", "services": [], "hits": [], "problems": ["no key terms in the claim"]}
    config = load_config()
    settings = CheckSettings.from_environment(config=config, offline=offline)
    where = litsearch.destinations(settings)
    notice = cell(
        f"referee: looking up the search “{query}” in the cache only (--offline)"
        if offline
        else f"referee: sending the search “{query}” to {where}"
    )
    console(stderr=True).print(notice, soft_wrap=True)
    try:
        found = asyncio.run(litsearch.run(settings, query, config=config, confirmed=True))
    except Unavailable as exc:
        found = litsearch.Found(query, (), (settings.redact(str(exc)),))
    return found.as_dict()


def _print_search(out: Any, search: dict[str, Any]) -> None:
    out.print()
    out.print(
        Text.assemble(
            ("Literature search", "bold"),
            (f" (reviews, meta-analyses, randomised trials; query: {search['query']})", "dim"),
        )
    )
    for problem in search["problems"]:
        out.print(cell(f"  ({problem})", style="dim"))
    if not search["hits"]:
        out.print(Text("  No hits.", style="dim"))
    for hit in search["hits"]:
        line = Text("  ")
        line.append(str(hit["year"] or "----"), style="bold")
        line.append(f"  {hit['type'] or 'article'}", style="")
        if hit["journal"]:
            line.append(f"  {hit['journal']}", style="italic")
        line.append_text(cell(f"  {hit['title']}"))
        line.append(f"  {hit['id']}", style="dim")
        out.print(line)


def _print(data: dict[str, Any]) -> None:
    out = console()
    claim = data["claim"]
    out.print(Text(f"{claim['id']} ({claim['verdict'] or 'no verdict'})", style="bold"))
    out.print(cell(claim["text"], single_line=False))
    if not data["refs"]:
        out.print(
            Text(
                "No cited or linked references or sources (`referee mark --ref` links one, "
                "`referee mark --source` adds one).",
                style="dim",
            )
        )
    for ref in data["refs"]:
        out.print()
        how = "source added by the reviewer" if ref["how"] == "source" else ref["how"]
        head = Text(f"{ref['id']} ({how}) ", style="bold")
        head.append(ref["status"] or "unchecked", style="")
        out.print(head)
        if ref["raw"]:
            out.print(cell(ref["raw"], style="dim"))
        abstract = ref["abstract"]
        if abstract is None:
            if ref["abstract_problem"]:
                out.print(cell(f"(abstract: {ref['abstract_problem']})", style="dim"))
            continue
        out.print(Text(f"Abstract ({abstract['service']}, {abstract['source']}):", style="dim"))
        for section in abstract["sections"]:
            line = Text()
            if section["label"]:
                line.append(section["label"] + ": ", style="bold")
            line.append_text(cell(section["text"], single_line=False))
            out.print(line)
    out.print()
    if data["evidence"]:
        out.print(Text("Evidence kept:", style="bold"))
        for item in data["evidence"]:
            where = f" ({item['source']})" if item["source"] else ""
            out.print(cell(f"  {item['ref']}{where}: “{item['quote']}”"))
    else:
        out.print(Text("No evidence kept yet (--add REF QUOTE).", style="dim"))
    if "search" in data:
        _print_search(out, data["search"])
