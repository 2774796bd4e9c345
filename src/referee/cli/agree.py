"""``referee agree ARTICLE REV REV…``: how far reviewers agree on the same article.

Each REV is a review file path or a git revision (a branch, a commit) whose
``ARTICLE.review.toml`` is read with ``git show REV:path`` without checking it out.
A file path wins over a revision of the same name.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from referee.cli import add_command
from referee.cli.output import cell, console, print_json
from referee.errors import RefereeError
from referee.publish import agreement
from referee.review import gitrepo, store
from referee.review.record import VERDICTS, Review

DISMISSED = "dismissed"
SCALE = (*VERDICTS, DISMISSED)
"""The categories a reviewer chooses from: a verdict, or "not a claim"."""


def register(subparsers: argparse._SubParsersAction) -> None:
    agree = add_command(
        subparsers,
        "agree",
        description="Agreement between the reviews of ARTICLE at each REV (a git branch or "
        "commit, or a review file path): over the claims judged by at least two, the number "
        "of claims, percent agreement, Cohen's kappa (two reviewers), Krippendorff's alpha "
        "(nominal), Gwet's AC1, and the claims they disagree on. A judgement is a verdict "
        "or a dismissal (not a claim).",
    )
    agree.add_argument("article", metavar="ARTICLE")
    agree.add_argument("revs", metavar="REV", nargs="+", help="a git revision or a review file")
    agree.add_argument("--json", action="store_true", help="print JSON")
    agree.set_defaults(handler=run_agree)


def read_review(article: Path, rev: str) -> Review:
    """The review of ``article`` in file ``rev`` or at git revision ``rev``."""
    path = Path(rev)
    if path.is_file():
        return store.read(path)
    review_name = store.review_path(article).name
    folder = article.parent if str(article.parent) else Path(".")
    if not folder.is_dir():
        raise RefereeError(f"{folder}: no such folder")
    shown = gitrepo.run(["show", f"{rev}:./{review_name}"], folder)
    if shown is None:
        raise RefereeError(f"{rev}: no such file, and git is not available to read a revision")
    if shown.returncode != 0:
        exists = gitrepo.run(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], folder)
        if exists is None or exists.returncode != 0:
            raise RefereeError(f"{rev}: neither a review file nor a git revision here")
        raise RefereeError(f"{rev}: has no {review_name} beside the article")
    return store.parse_bytes(shown.stdout, Path(f"{rev}:{store.review_path(article)}"))


def judgement(annotation: Any) -> str | None:
    return DISMISSED if annotation.dismissed else annotation.verdict


def table_of(reviews: dict[str, Review]) -> dict[str, dict[str, str]]:
    """claim id -> reviewer label -> judgement, for every judged claim."""
    table: dict[str, dict[str, str]] = {}
    for label, review in reviews.items():
        for claim_id, annotation in review.claims.items():
            value = judgement(annotation)
            if value is not None:
                table.setdefault(claim_id, {})[label] = value
    return dict(sorted(table.items()))


def quotes_of(reviews: dict[str, Review]) -> dict[str, str]:
    quotes: dict[str, str] = {}
    for review in reviews.values():
        for claim_id, annotation in review.claims.items():
            quotes.setdefault(claim_id, annotation.exact)
    return quotes


def _labels(revs: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for rev in revs:
        seen[rev] = seen.get(rev, 0) + 1
        out.append(rev if seen[rev] == 1 else f"{rev} ({seen[rev]})")
    return out


def run_agree(args: argparse.Namespace) -> int:
    if len(args.revs) < 2:
        raise RefereeError("agree needs at least two reviews (REV REV …)")
    article = Path(args.article)
    reviews = {
        label: read_review(article, rev)
        for label, rev in zip(_labels(args.revs), args.revs, strict=True)
    }
    table = table_of(reviews)
    result = agreement.measure(table, SCALE, reviewers=list(reviews))
    quotes = quotes_of(reviews)
    if args.json:
        data = {"article": str(article), "scale": list(SCALE), **agreement.as_json(result)}
        for item in data["disagreements"]:
            item["quote"] = quotes.get(item["claim"], "")
        print_json(data)
        return 0
    out = console()
    figures = Table(title=Text(f"Agreement on {article.name}"), show_header=False)
    figures.add_column("figure")
    figures.add_column("value", overflow="fold")
    figures.add_row(Text("reviews"), cell(", ".join(result.reviewers)))
    figures.add_row(Text("claims judged by ≥ 2"), Text(str(result.items)))
    figures.add_row(Text("percent agreement"), _figure(result.percent, "percent", result, "%"))
    figures.add_row(Text("Cohen's kappa"), _figure(result.kappa, "kappa", result))
    figures.add_row(Text("Krippendorff's alpha"), _figure(result.alpha, "alpha", result))
    figures.add_row(Text("Gwet's AC1"), _figure(result.ac1, "ac1", result))
    out.print(figures)
    if result.disagreements:
        listing = Table(title=Text(f"{len(result.disagreements)} disagreement(s)"))
        listing.add_column("claim", no_wrap=True)
        for label in result.reviewers:
            listing.add_column(cell(label), no_wrap=True)
        listing.add_column("quote", overflow="fold")
        for d in result.disagreements:
            listing.add_row(
                Text(str(d.item)),
                *(cell(d.judgements.get(label, "-")) for label in result.reviewers),
                cell(quotes.get(str(d.item), "")),
            )
        out.print(listing)
    else:
        out.print(Text("no disagreements"))
    return 0


def _figure(value: float | None, key: str, result: agreement.Agreement, unit: str = "") -> Text:
    if value is None:
        return cell("undefined: " + result.undefined.get(key, "no data"), style="yellow")
    return Text(f"{value:.1f}{unit}" if unit else f"{value:.3f}")
