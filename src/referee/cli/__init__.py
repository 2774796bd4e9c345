"""The command line: ``referee [ARTICLE]`` opens the TUI; subcommands are headless.

Each command lives in a module of this package that offers ``register(subparsers)``;
the module's handler takes the parsed arguments and returns an exit code.
Bad input raises :class:`referee.errors.RefereeError`: one line on stderr, exit 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from referee import __version__
from referee.cli import extract, gitcmd, review
from referee.errors import RefereeError

COMMAND_MODULES = (extract, review, gitcmd)

DESCRIPTION = """\
A terminal article reviewer: read an article beside its claims and references,
mark each claim supported, unsupported or overstated, and keep the review as
TOML next to the article.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="referee",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"referee {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        from referee.cli import tui

        if tui.prepare(parser, argv):  # `referee [ARTICLE]`; adds the keys to --help
            return tui.main(argv)
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
