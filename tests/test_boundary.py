"""The headless core never imports Textual; the CLI only does for the TUI."""

from __future__ import annotations

import pkgutil
from pathlib import Path

from fresh_python import output_of

import referee

SEED = Path(__file__).parent.parent / "sample_articles" / "acupuncture-goodpasture.txt"
FRONT_ENDS = ("referee.tui", "referee.cli")


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(referee.__path__, "referee."):
        if not info.name.startswith(FRONT_ENDS) and info.name != "referee.__main__":
            names.append(info.name)
    return names


def test_core_modules_exist() -> None:
    names = core_modules()
    for expected in (
        "referee.text.article",
        "referee.text.analysis",
        "referee.text.claims",
        "referee.text.structure",
    ):
        assert expected in names


def test_importing_the_core_does_not_import_textual() -> None:
    imports = "; ".join(f"import {name}" for name in core_modules())
    out = output_of(
        f"import sys; {imports}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    assert out == "[]"


def test_headless_commands_do_not_import_textual() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from referee.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['claims', {str(SEED)!r}, '--json']) == 0\n"
        f"    assert main(['refs', {str(SEED)!r}]) == 0\n"
        "print('textual' in sys.modules)"
    )
    assert output_of(code) == "False"


HEAVY_FETCH = ("trafilatura", "lxml", "justext", "htmldate", "courlan", "charset_normalizer")


def test_only_fetch_imports_trafilatura() -> None:
    """`referee ARTICLE` and the other commands start as before: the extractor and its
    parsers are imported by `referee fetch` (and `referee URL`) alone."""
    code = (
        "import sys, contextlib, io\n"
        "from referee.cli import main\n"
        "from referee.cli import launch\n"
        "from referee.tui.app import RefereeApp\n"
        "RefereeApp.run = lambda self: None\n"
        "launch._is_terminal = lambda stream: True\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['claims', {str(SEED)!r}, '--json']) == 0\n"
        f"    assert main([{str(SEED)!r}]) == 0\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set("
        f"{HEAVY_FETCH!r})), 'referee.web' in sys.modules)"
    )
    assert output_of(code) == "[] False"


def test_the_web_package_imports_trafilatura_only_to_extract() -> None:
    code = (
        "import sys\n"
        "import referee.web.document, referee.web.download, referee.cli.fetchcmd\n"
        "print('trafilatura' in sys.modules)\n"
        "from referee.web.extraction import extract_html\n"
        "extract_html('<html><body><article><p>' + 'Words said here. ' * 30 + "
        "'</p></article></body></html>', 'https://x.test/')\n"
        "print('trafilatura' in sys.modules)"
    )
    assert output_of(code) == "False\nTrue"
