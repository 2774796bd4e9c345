"""``referee [ARTICLE]``: open the TUI (no ARTICLE: pick one in this folder).

Nothing here imports Textual until the TUI actually starts, so the headless
commands stay fast; the article is loaded and analysed first, so a bad article is
one clear line on stderr and exit 2, before the screen changes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from referee.errors import RefereeError
from referee.visible import one_line

if TYPE_CHECKING:
    from referee.tui.app import RefereeApp

TOP_LEVEL_OPTIONS = {"-h", "--help", "--version"}

USAGE = """\
  referee [--reviewer NAME] [ARTICLE]    review ARTICLE in the TUI (no ARTICLE: pick one
                                         in this folder: .md, .markdown, .txt)
  referee [--reviewer NAME] DIR          pick an article in DIR
  referee [--reviewer NAME] URL          fetch the page into this folder and review it
  referee COMMAND ...                    a headless command (below)"""


def keys_help() -> str:
    """The key table and config file text appended to ``referee --help``."""
    from referee.config import config_path
    from referee.tui import keymap
    from referee.tui.app import article_view_keys  # imports Textual: only for --help

    return (
        "keys in the TUI (binding id in the middle column):\n"
        + _indent(keymap.plain_table(keymap.table(extra=article_view_keys())))
        + "\n\n"
        "change keys in " + str(config_path()) + " (REFEREE_CONFIG names another file):\n"
        "  [keys]\n"
        '  mark-supported = "s,y"     # binding id = comma-separated Textual key names\n'
        '  quit = "ctrl+q"\n'
        "\nthe review is saved at once as ARTICLE.review.toml beside the article."
    )


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else line for line in text.splitlines())


def _first_word(argv: Sequence[str]) -> str | None:
    """The first argument that is not ``--reviewer`` and its value (None: there is none)."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--reviewer":
            index += 2
        elif arg.startswith("--reviewer="):
            index += 1
        else:
            return arg
    return None


def opens_tui(argv: Sequence[str], commands: Collection[str]) -> bool:
    """True when ``argv`` opens the TUI rather than one of ``commands`` or a top-level
    option (``--help``, ``--version``). Decided from the command names alone: the TUI
    never builds the subcommands' parser."""
    first = _first_word(argv)
    return first is None or first == "--" or first not in {*TOP_LEVEL_OPTIONS, *commands}


def asks_for_help(argv: Sequence[str]) -> bool:
    """A top-level ``--help`` (not a command's): it lists the TUI usage and keys too."""
    return _first_word(argv) in ("-h", "--help")


def add_tui_help(parser: argparse.ArgumentParser) -> None:
    """Put the TUI's usage and the key table into the top-level ``--help``."""
    parser.usage = "\n" + USAGE
    parser.epilog = keys_help()


def is_url(argument: str) -> bool:
    """An http(s) URL where an ARTICLE goes: ``referee URL`` fetches it first."""
    return argument[:8].lower().startswith(("http://", "https://"))


def build_parser() -> argparse.ArgumentParser:
    from referee.cli.usage import OneLineParser

    parser = OneLineParser(
        prog="referee",
        description="Review an article in the terminal.",
        epilog="`referee --help` lists every key and the config file.",
    )
    parser.add_argument(
        "article", nargs="?", metavar="ARTICLE", help="the article to review, or an http(s) URL"
    )
    parser.add_argument(
        "--reviewer",
        metavar="NAME",
        help="who you are in the review file (default: $REFEREE_REVIEWER, git config, login)",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    """Open the TUI on ARTICLE, or on the picker for the current folder."""
    from referee.startup import starting

    args = build_parser().parse_args(list(argv))
    with starting():  # no cycle collection until the review screen is up (referee.startup)
        app = _start(args)
    return 0 if app.return_code in (None, 0) else int(app.return_code)


def _need_terminal() -> None:
    """The TUI with no terminal would wait for keys that never come: refuse at once.
    A Textual driver named in the environment (``referee serve`` runs the TUI through
    the web driver over pipes) brings its own input."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return
    if not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        raise RefereeError(
            "the TUI needs a terminal (no TTY on stdin or stdout); usage: referee ARTICLE "
            "in a terminal, or referee COMMAND (`referee --help` lists them)"
        )


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


def _start(args: argparse.Namespace) -> RefereeApp:
    """Build the app on the article (or the picker) and run it; returns it once it quits."""
    from referee.config import load_config

    config = load_config()
    folder = Path.cwd()
    session = None
    articles: list[Path] = []
    pending = None
    if args.article and is_url(args.article):
        from referee.cli.fetchcmd import fetch_for_review

        # `referee URL`: fetched into this folder first; a failure is one line, exit 2.
        _need_terminal()  # before fetching anything
        args.article = str(fetch_for_review(args.article))
    elif args.article and Path(args.article).is_dir():
        folder = Path(args.article).resolve()  # `referee DIR`: the picker, in DIR
        args.article = None
    if args.article:
        from referee.cli import forked_analysis
        from referee.text.article import load

        # A bad article fails here, before the screen changes. Its analysis is made
        # in a child meanwhile when that is quicker (see referee.cli.forked_analysis).
        article = load(args.article)
        _need_terminal()
        pending = forked_analysis.start(article)
    else:
        from referee.tui.screens.picker import find_articles

        articles = find_articles(folder)
        if not articles:
            raise RefereeError(
                f"no article (.md, .markdown, .txt) in {one_line(str(folder))}; "
                "run `referee ARTICLE`"
            )
        _need_terminal()
    from referee.tui.app import RefereeApp

    if pending is not None:
        from referee.review.session import Session

        session = Session(pending.article, pending.result(), reviewer=args.reviewer)
    app = RefereeApp(
        session, folder=folder, articles=articles, reviewer=args.reviewer, config=config
    )
    app.run()
    return app
