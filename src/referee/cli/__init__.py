"""The command line: ``referee [ARTICLE]`` opens the TUI; subcommands are headless.

Each command lives in a module of this package that offers ``register(subparsers)``;
the module's handler takes the parsed arguments and returns an exit code.
Bad input raises :class:`referee.errors.RefereeError`: one line on stderr, exit 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from importlib import import_module

from referee import __version__
from referee.errors import RefereeError

# Command name -> (module of this package that registers it, one-line help).
# Only the module of the command being run is imported, so `referee ARTICLE` and
# each command pay for nothing else at start-up (tests check this table).
COMMANDS: dict[str, tuple[str, str]] = {
    "claims": ("extract", "list the claims of an article"),
    "refs": ("extract", "list the references and citations of an article (and check them)"),
    "mark": ("reviewcmd", "give a claim a verdict (and a note, references)"),
    "dismiss": ("reviewcmd", "dismiss a claim: not a claim"),
    "restore": ("reviewcmd", "bring a dismissed claim back"),
    "resolve": ("reviewcmd", "settle a merge conflict in a review"),
    "adopt": ("reviewcmd", "re-point a review file at its (renamed) article"),
    "report": ("reviewcmd", "the review of an article, as Markdown or JSON"),
    "status": ("reviewcmd", "review progress of every article under PATH"),
    "check": ("reviewcmd", "validate review files (CI, pre-commit)"),
    "agree": ("agree", "agreement between reviewers of an article (kappa, alpha, AC1)"),
    "export": ("publishcmd", "write the review as ClaimReview, W3C, Hypothesis, HTML or CSV"),
    "import": ("publishcmd", "read W3C or Hypothesis annotations into a review"),
    "git-setup": ("gitcmd", "register the review-file merge driver in this repository"),
    "merge-driver": ("gitcmd", "the merge driver git calls (%%O %%A %%B %%P %%S %%X %%Y)"),
    "serve": ("servecmd", "the TUI in a web browser (textual-serve, on 127.0.0.1)"),
    "evidence": ("evidencecmd", "a claim's references, their abstracts and evidence quotes"),
    "fetch": ("fetchcmd", "fetch a web page as a Markdown article with provenance"),
}

DESCRIPTION = """\
A terminal article reviewer: read an article beside its claims and references,
mark each claim supported, unsupported or overstated, and keep the review as
TOML next to the article.
"""


def add_command(
    subparsers: argparse._SubParsersAction, name: str, description: str
) -> argparse.ArgumentParser:
    """Register command ``name``, with its help line from :data:`COMMANDS`."""
    return subparsers.add_parser(name, help=COMMANDS[name][1], description=description)


def build_parser(load: Iterable[str] = ()) -> argparse.ArgumentParser:
    """The parser; the modules named in ``load`` register their full commands, the
    others appear by name and help line only."""
    from referee.cli.usage import OneLineParser

    parser = OneLineParser(
        prog="referee",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"referee {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    loaded = set(load)
    registered: set[str] = set()
    for name, (module, summary) in COMMANDS.items():
        if module in loaded:
            if module not in registered:
                import_module(f"referee.cli.{module}").register(subparsers)
                registered.add(module)
        else:
            subparsers.add_parser(name, help=summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        from referee.cli import launch

        if launch.opens_tui(argv, COMMANDS):  # `referee [ARTICLE]`
            return launch.main(argv)
        parser = build_parser([COMMANDS[argv[0]][0]] if argv and argv[0] in COMMANDS else [])
        if launch.asks_for_help(argv):  # also after --reviewer, which only the TUI takes
            launch.add_tui_help(parser)
            parser.print_help()
            return 0
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        return int(args.handler(args) or 0)
    except RefereeError as exc:
        print(f"referee: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("referee: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error worth a traceback.
        sys.stderr.close()
        return 0
