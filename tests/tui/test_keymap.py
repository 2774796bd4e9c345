"""The key table: unique ids, every binding of the TUI has one, tables list them all."""

from __future__ import annotations

import subprocess
import sys

from textual.binding import Binding

from referee.tui import keymap
from referee.tui.app import RefereeApp
from referee.tui.screens.conflict import ConflictScreen
from referee.tui.screens.filter import FilterScreen
from referee.tui.screens.help import HelpScreen
from referee.tui.screens.link import LinkScreen
from referee.tui.screens.note import NoteScreen
from referee.tui.screens.picker import PickerScreen
from referee.tui.screens.review_screen import ReviewScreen
from referee.tui.screens.search import SearchScreen
from referee.tui.widgets.claim_list import ClaimList
from referee.tui.widgets.detail import Detail, Scroller
from referee.tui.widgets.reference_list import ReferenceList

OWN_CLASSES = (
    RefereeApp,
    ReviewScreen,
    NoteScreen,
    LinkScreen,
    FilterScreen,
    SearchScreen,
    HelpScreen,
    ConflictScreen,
    PickerScreen,
    ClaimList,
    ReferenceList,
    Detail,
    Scroller,
)


def test_ids_are_unique_and_kebab_case() -> None:
    ids = [spec.id for spec in keymap.KEYS]
    assert len(ids) == len(set(ids))
    for spec_id in ids:
        assert spec_id == spec_id.lower() and " " not in spec_id and "_" not in spec_id


def test_every_binding_of_our_screens_and_widgets_has_a_known_id() -> None:
    for cls in OWN_CLASSES:
        for _key, binding in cls._merge_bindings():
            assert isinstance(binding, Binding)
            if binding.system:
                continue  # Textual's own ctrl+c hint
            assert binding.id in keymap.BY_ID, (cls.__name__, binding.key, binding.action)


def test_product_default_keys() -> None:
    expected = {
        "next-claim": "j,down",
        "previous-claim": "k,up",
        "mark-supported": "s",
        "mark-unsupported": "u",
        "mark-overstated": "o",
        "clear-verdict": "x",
        "edit-note": "n",
        "edit-note-external": "E",
        "link-references": "l",
        "next-unreviewed": "right_square_bracket",
        "previous-unreviewed": "left_square_bracket",
        "search": "slash",
        "filter": "f",
        "add-claim": "a",
        "dismiss": "d",
        "check-references": "c",
        "undo": "z",
        "next-pane": "tab",
        "command-palette": "ctrl+p",
        "quit": "q",
    }
    for spec_id, keys in expected.items():
        assert keymap.BY_ID[spec_id].keys == keys
    assert keymap.BY_ID["help"].keys.split(",")[0] == "question_mark"
    assert keymap.BY_ID["note-save"].keys == "ctrl+s"  # never ctrl+enter (SSH)


def test_tables_apply_overrides_and_list_every_id() -> None:
    rows = keymap.table({"mark-supported": "y,s"}, extra=[("Article pane", "up", "x-up", "up")])
    assert ("Review screen", "y s", "mark-supported", keymap.BY_ID["mark-supported"].help) in rows
    text = keymap.plain_table(rows)
    markdown = keymap.markdown_table(rows)
    for spec in keymap.KEYS:
        assert f" {spec.id} " in text
        assert f"`{spec.id}`" in markdown
    assert "x-up" in text
    assert keymap.display_keys("question_mark,slash,right_square_bracket") == "? / ]"


def test_unknown_ids() -> None:
    assert keymap.unknown_ids({"quit": "x", "nope": "y"}) == ["nope"]
    assert keymap.unknown_ids({"pane-up": "x"}, extra_ids=["pane-up"]) == []


def test_keymap_module_does_not_import_textual() -> None:
    code = "import sys, referee.tui.keymap; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
