"""``referee mark``, ``dismiss``, ``restore``, ``resolve``, ``adopt``, ``report``, ``status``
and ``check``: the review, headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from referee.cli import add_command
from referee.cli.output import cell, console, print_json, warn
from referee.errors import RefereeError
from referee.publish import report, survey
from referee.review.glyphs import FLAGGED, VERDICT_GLYPHS
from referee.review.record import CONFLICT_CHOICES, CONFLICT_FIELDS, VERDICTS
from referee.review.session import Session

CLEAR = "clear"


def register(subparsers: argparse._SubParsersAction) -> None:
    mark = add_command(
        subparsers,
        "mark",
        description="Set the verdict of claim CLAIM of ARTICLE and save the review at once. "
        "VERDICT is supported, unsupported, overstated, or clear to remove it; it may be "
        "left out with --note, --ref or --source. A citation is what the article says; a "
        "link (--ref) or an outside source (--source) is the reviewer's judgement.",
    )
    mark.add_argument("article", metavar="ARTICLE")
    mark.add_argument("claim", metavar="CLAIM", help="claim id, as `referee claims` lists it")
    mark.add_argument("verdict", metavar="VERDICT", nargs="?", choices=(*VERDICTS, CLEAR))
    mark.add_argument("--note", metavar="TEXT", help='the note ("" removes it)')
    mark.add_argument(
        "--ref",
        metavar="REF",
        nargs="+",
        action="extend",
        dest="refs",
        help="link these reference ids (replaces the claim's links)",
    )
    mark.add_argument(
        "--source",
        metavar="ID",
        nargs="+",
        action="extend",
        dest="sources",
        help="add an outside source (DOI, PMID, arXiv id or URL), looked up in Crossref, "
        "DataCite, doi.org, PubMed or arXiv (a URL: its page title), and link it",
    )
    mark.add_argument(
        "--offline",
        action="store_true",
        help="with --source: do not look it up (store the identifier; a check fills it in)",
    )
    mark.add_argument("--reviewer", metavar="NAME", help="who reviews (default: see README)")
    mark.set_defaults(handler=run_mark)

    for name, verb in (("dismiss", "Dismiss"), ("restore", "Bring back")):
        command = add_command(
            subparsers,
            name,
            description=f"{verb} claim CLAIM of ARTICLE"
            + (" as not a claim (`referee restore` brings it back)." if name == "dismiss" else "."),
        )
        command.add_argument("article", metavar="ARTICLE")
        command.add_argument(
            "claim", metavar="CLAIM", help="claim id, as `referee claims` lists it"
        )
        command.add_argument("--reviewer", metavar="NAME")
        command.set_defaults(handler=run_dismiss, dismiss=name == "dismiss")

    resolve = add_command(
        subparsers,
        "resolve",
        description="Settle a merge conflict on FIELD (verdict or note) of claim CLAIM: "
        "CHOICE is ours (the first value kept), theirs (the last), a number from the "
        "list `referee report` shows, or both (notes: keep every note). "
        "`--all ours|theirs` settles every conflict of ARTICLE.",
    )
    resolve.add_argument("article", metavar="ARTICLE")
    resolve.add_argument("claim", metavar="CLAIM", nargs="?")
    resolve.add_argument("field", metavar="FIELD", nargs="?")
    resolve.add_argument("choice", metavar="CHOICE", nargs="?")
    resolve.add_argument("--all", dest="all_choice", metavar="CHOICE", choices=CONFLICT_CHOICES)
    resolve.add_argument("--reviewer", metavar="NAME")
    resolve.set_defaults(handler=run_resolve)

    adopt = add_command(
        subparsers,
        "adopt",
        description="Re-point the review file beside ARTICLE at ARTICLE when it names "
        "another article (the article was renamed, or the review copied): its claims "
        "are found again by their quotes.",
    )
    adopt.add_argument("article", metavar="ARTICLE")
    adopt.set_defaults(handler=run_adopt)

    rep = add_command(
        subparsers,
        "report",
        description="Print the review of ARTICLE: verdicts, notes, references, anchor states.",
    )
    rep.add_argument("article", metavar="ARTICLE")
    rep.add_argument("--format", choices=("markdown", "json"), default="markdown")
    rep.set_defaults(handler=run_report)

    status = add_command(
        subparsers,
        "status",
        description="A table of review progress for every article under each PATH "
        "(default: this folder).",
    )
    status.add_argument("paths", metavar="PATH", nargs="*")
    status.add_argument("--json", action="store_true", help="print JSON (shape in README)")
    status.set_defaults(handler=run_status)

    check = add_command(
        subparsers,
        "check",
        description="Exit 1 when a review file under PATH is invalid, its article is missing "
        "or a merge conflict is unresolved; with --strict also for stale claims and orphans.",
    )
    check.add_argument("paths", metavar="PATH", nargs="*")
    check.add_argument("--strict", action="store_true", help="also fail on stale and orphans")
    check.set_defaults(handler=run_check)


def open_session(path: str, reviewer: str | None = None) -> Session:
    """A session whose review file could be read; otherwise a clear error (exit 2)."""
    session = Session.open(path, reviewer=reviewer)
    for message in session.article.warnings:
        warn(message)
    if session.read_only:
        raise RefereeError(session.load_error or f"{session.review_path}: cannot be read")
    return session


def run_mark(args: argparse.Namespace) -> int:
    if args.verdict is None and args.note is None and args.refs is None and not args.sources:
        raise RefereeError("mark: give a VERDICT (or --note, --ref or --source)")
    added = _sources(args.sources or [], args.offline)  # bad identifiers: before anything
    session = open_session(args.article, args.reviewer)
    session.state(args.claim)  # an unknown claim: before a source is added
    changes: dict = {}
    if args.verdict is not None:
        changes["verdict"] = None if args.verdict == CLEAR else args.verdict
    if args.note is not None:
        changes["note"] = args.note
    if args.refs is not None or added:
        refs = list(args.refs if args.refs is not None else session.state(args.claim).refs)
        for typed, found in added:
            refs.append(session.add_source(typed, found.metadata or None, service=found.service))
        changes["refs"] = refs
    changed = session.update(args.claim, **changes)
    state = session.state(args.claim)
    out = console()
    line = Text(f"{state.id}: ") + cell(state.verdict or "no verdict")
    if state.note:
        line += Text("; note: ") + cell(state.note)
    if state.refs:
        line += Text("; refs: ") + cell(", ".join(state.refs))
    if not changed:
        line += Text(" (unchanged)")
    out.print(line, soft_wrap=True)
    _finish(session)
    return 0


def _sources(typed: list[str], offline: bool) -> list[tuple[str, Any]]:
    """Each ``--source`` parsed and (unless ``offline``) looked up: a work the services say
    does not exist is refused (exit 2, nothing written); an outage keeps the identifier."""
    from referee.refcheck import outside
    from referee.refcheck.settings import CheckSettings

    for text in typed:
        outside.parse(text)
    if not typed:
        return []
    settings = CheckSettings.from_environment(offline=offline)
    out = []
    for text in typed:
        if offline:
            sid, kind, value = outside.parse(text)
            out.append((text, outside.Looked(sid, kind, value, problem="--offline")))
            continue
        found = outside.look_up(text, settings)
        if found.missing:
            raise RefereeError(f"--source {text}: {found.missing}; not added")
        if found.problem:
            warn(f"--source {text}: not looked up ({found.problem}); the identifier is kept")
        out.append((text, found))
    return out


def _finish(session: Session) -> None:
    """The progress line, and what another writer changed meanwhile."""
    reviewed, total = session.progress()
    console().print(Text(f"{reviewed}/{total} reviewed · {session.review_path}"), soft_wrap=True)
    if session.merged_on_save:
        conflicts = len(session.conflicts())
        warn(
            f"{session.review_path} changed on disk meanwhile; this change was merged into it"
            + (f" ({conflicts} conflict(s) to settle: `referee report`)" if conflicts else "")
        )


def run_dismiss(args: argparse.Namespace) -> int:
    session = open_session(args.article, args.reviewer)
    before = session.state(args.claim).dismissed
    if args.dismiss:
        session.dismiss(args.claim)
    else:
        session.restore(args.claim)
    state = session.state(args.claim)
    what = "dismissed (not a claim)" if state.dismissed else "a claim"
    unchanged = " (unchanged)" if before == state.dismissed else ""
    console().print(Text(f"{state.id}: {what}{unchanged}"))
    _finish(session)
    return 0


def run_resolve(args: argparse.Namespace) -> int:
    session = open_session(args.article, args.reviewer)
    if args.all_choice:
        if args.claim or args.field or args.choice:
            raise RefereeError("resolve: give --all CHOICE or CLAIM FIELD CHOICE, not both")
        before = len(session.conflicts())
        session.resolve_all(args.all_choice)
        settled = before - len(session.conflicts())
        console().print(Text(f"{settled} conflict(s) resolved ({args.all_choice})"))
        _finish(session)
        return 0
    if not (args.claim and args.field and args.choice):
        raise RefereeError("resolve: give CLAIM FIELD CHOICE, or --all ours|theirs")
    if args.field not in CONFLICT_FIELDS:
        raise RefereeError(f"resolve: FIELD is {' or '.join(CONFLICT_FIELDS)}, not {args.field!r}")
    session.resolve(args.claim, args.field, args.choice)
    left = len(session.conflicts())
    console().print(
        Text(f"{args.claim}: {args.field} resolved ({args.choice}); {left} conflict(s) left")
    )
    _finish(session)
    return 0


def run_adopt(args: argparse.Namespace) -> int:
    session = Session.open(args.article)
    old = session.review.article
    if not session.review_path.exists():
        raise RefereeError(f"{session.review_path}: no review file to adopt")
    if session.adopt():
        console().print(
            Text(f"{session.review_path}: now the review of {session.article.name} (was {old})")
        )
    else:
        console().print(Text(f"{session.review_path}: already the review of {old}"))
    return 0


def run_report(args: argparse.Namespace) -> int:
    session = open_session(args.article)
    if args.format == "json":
        print_json(report.report_json(session))
    else:
        sys.stdout.write(report.report_markdown(session))
    return 0


def run_status(args: argparse.Namespace) -> int:
    articles = report.find_articles(args.paths)
    if len(articles) > 1 and not args.json:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        # No refresh thread: articles may be analysed in forked worker processes.
        with Progress(
            TextColumn("reading"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console(stderr=True),
            transient=True,
            auto_refresh=False,
        ) as progress:
            task = progress.add_task("status", total=len(articles))

            def advance(n: int) -> None:
                progress.advance(task, n)
                progress.refresh()

            rows = survey.status_rows(articles, advance)
    else:
        rows = survey.status_rows(articles)
    if args.json:
        print_json(survey.status_json(rows))
        return 0
    out = console()
    out.print(status_table(rows, out.width))
    for row in rows:
        if row.error and row.claims:
            warn(row.error)
    return 0


STATUS_COLUMNS = (
    ("reviewed", "reviewed"),
    *((VERDICT_GLYPHS[v], v) for v in VERDICTS),
    (FLAGGED, "flagged"),
    ("stale", "stale"),
    ("orphans", "orphans"),
    ("‼", "conflicts"),
)
"""Header and StatusRow field of each column after the article's name."""


def status_table(rows: list[report.StatusRow], width: int) -> Table:
    """The status table; article names shortened from the left to fit ``width``."""
    values = [_status_cells(row) for row in rows]
    widths = [
        max([len(header), *(len(v[i]) for v in values if v)])
        for i, (header, _) in enumerate(STATUS_COLUMNS)
    ]
    # Every column takes its width, 2 of padding and a rule (blank here), but the
    # outer padding is left out and the outer rules are blank.
    room = max(12, width - sum(w + 3 for w in widths) - 2)
    table = Table(
        title=Text(f"{len(rows)} article(s)"),
        caption=Text("✓ supported ✗ unsupported ≈ overstated ! flagged, no verdict ‼ conflicts"),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        expand=False,
    )
    table.add_column("article", no_wrap=True, overflow="ellipsis", max_width=room)
    for header, _ in STATUS_COLUMNS:
        table.add_column(header, justify="right", no_wrap=True)
    for row, cells in zip(rows, values, strict=True):
        name = shorten(_shown(row.article), room - (2 if row.error else 0))
        if not cells:
            table.add_row(cell(name), cell(row.error, style="red"))
            continue
        styles = {"stale": "yellow", "orphans": "yellow", "conflicts": "red", "flagged": ""}
        table.add_row(
            cell(name) + (Text(" !", style="red") if row.error else Text()),
            *(
                cell(text, style=styles.get(key, "") if text != "0" else "")
                for text, (_, key) in zip(cells, STATUS_COLUMNS, strict=True)
            ),
        )
    return table


def _status_cells(row: report.StatusRow) -> list[str]:
    if row.error and not row.claims:
        return []
    out = []
    for _, key in STATUS_COLUMNS:
        if key == "reviewed":
            out.append(f"{row.reviewed}/{row.claims}")
        elif key in VERDICTS:
            out.append(str(row.verdicts.get(key, 0)))
        else:
            out.append(str(getattr(row, key)))
    return out


def shorten(name: str, width: int) -> str:
    """``name`` in at most ``width`` characters, cut on the left: the file name is kept."""
    if len(name) <= width:
        return name
    return "…" + name[len(name) - max(1, width - 1) :]


def _shown(path: Path) -> str:
    """A path as the reviewer knows it: relative to this folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def run_check(args: argparse.Namespace) -> int:
    reviews = report.find_reviews(args.paths)
    problems = [p for review in reviews for p in report.check_review(review, strict=args.strict)]
    problems += report.check_unmerged(args.paths)
    out = console()
    for problem in problems:
        out.print(cell(f"{problem.path}: {problem.message}", style="red"), soft_wrap=True)
    failed = len({p.path.absolute() for p in problems})
    out.print(Text(f"{len(reviews)} review file(s) checked, {failed} with problems"))
    return 1 if problems else 0
