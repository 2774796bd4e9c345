"""Every key binding of the TUI, with its id, as plain data.

The table is the single source for the screens' ``BINDINGS``, the help screen,
``referee --help`` and the README. It imports nothing from Textual at module
level, so the command line can print it without starting the TUI.

Users override keys in ``config.toml`` (platformdirs config folder)::

    [keys]
    mark-supported = "s,y"     # binding id = comma-separated Textual key names
    quit = "ctrl+q"
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One binding: where it applies, its id, default keys and what it does."""

    scope: str
    """``app`` | ``review`` | ``claims`` | ``references`` | ``note`` | ``link`` | ``picker``."""
    id: str
    keys: str
    """Default keys, comma-separated Textual key names."""
    action: str
    description: str
    """Short label for the footer."""
    help: str
    """One line for the help screen and ``referee --help``."""
    show: bool = False
    """Shown in the footer."""
    priority: bool = False


SCOPES = {
    "app": "Everywhere",
    "review": "Review screen",
    "claims": "Claim list",
    "references": "References pane",
    "scroll": "Detail area and help",
    "dialog": "Dialogs",
    "copy": "Every screen",
    "note": "Note editor",
    "link": "Reference picker",
    "abstracts": "Abstracts",
    "literature": "Literature search",
    "filter": "Filter dialog",
    "search": "Search dialog",
    "help": "Help",
    "conflict": "Merge conflict dialog",
    "picker": "Article picker",
}

KEYS: tuple[KeySpec, ...] = (
    KeySpec("app", "quit", "q", "app.quit", "Quit", "quit (everything is already saved)", True),
    KeySpec("app", "quit-now", "ctrl+q", "app.quit", "Quit", "quit from anywhere", priority=True),
    KeySpec(
        "app",
        "command-palette",
        "ctrl+p",
        "app.command_palette",
        "Palette",
        "command palette: every action, jump to a claim or reference",
        priority=True,
    ),
    KeySpec("app", "help", "question_mark,f1", "app.help", "Help", "this help", True),
    KeySpec("review", "next-claim", "j,down", "next_claim", "Next", "next claim"),
    KeySpec("review", "previous-claim", "k,up", "previous_claim", "Prev", "previous claim"),
    KeySpec(
        "review",
        "mark-supported",
        "s",
        "mark('supported')",
        "✓Supp",
        "mark supported (✓) and move to the next claim",
        True,
    ),
    KeySpec(
        "review",
        "mark-unsupported",
        "u",
        "mark('unsupported')",
        "✗Unsup",
        "mark unsupported (✗) and move to the next claim",
        True,
    ),
    KeySpec(
        "review",
        "mark-overstated",
        "o",
        "mark('overstated')",
        "≈Over",
        "mark overstated (≈) and move to the next claim",
        True,
    ),
    KeySpec("review", "clear-verdict", "x", "clear_verdict", "Clear", "clear the verdict (·)"),
    KeySpec("review", "edit-note", "n", "edit_note", "Note", "write the note (multi-line)", True),
    KeySpec(
        "review",
        "edit-note-external",
        "E",
        "edit_note_external",
        "$EDITOR",
        "edit the note in $VISUAL / $EDITOR",
    ),
    KeySpec(
        "review",
        "link-references",
        "l",
        "link_references",
        "Link",
        "link references, or add an outside source by DOI, PMID, arXiv id or URL",
        True,
    ),
    KeySpec(
        "review",
        "show-abstracts",
        "A",
        "show_abstracts",
        "Abstracts",
        "abstracts of the claim's references; enter keeps a sentence as evidence",
    ),
    KeySpec(
        "review",
        "search-literature",
        "L",
        "search_literature",
        "Literature",
        "search PubMed and Europe PMC for reviews and trials on the claim (asks before "
        "sending unless [evidence] search = true)",
    ),
    KeySpec(
        "review",
        "next-unreviewed",
        "right_square_bracket",
        "next_unreviewed",
        "Next ·",
        "next unreviewed claim",
    ),
    KeySpec(
        "review",
        "previous-unreviewed",
        "left_square_bracket",
        "previous_unreviewed",
        "Prev ·",
        "previous unreviewed claim",
    ),
    KeySpec("review", "search", "slash", "search", "Search", "search the article"),
    KeySpec(
        "review",
        "filter",
        "f",
        "filter",
        "Filter",
        "filter claims: verdict, flagged, unreviewed, stale, orphan",
    ),
    KeySpec(
        "review",
        "add-claim",
        "a",
        "add_claim",
        "Add",
        "add the selection, or the sentence at the article cursor, as a claim",
    ),
    KeySpec(
        "review",
        "dismiss",
        "d",
        "dismiss_claim",
        "Dismiss",
        "dismiss: not a claim (on a dismissed claim: bring it back)",
    ),
    KeySpec("review", "check-references", "c", "check_references", "Check", "check references"),
    KeySpec("review", "undo", "z", "undo", "Undo", "undo the last change"),
    KeySpec(
        "review",
        "select-span",
        "v",
        "select_span",
        "Select",
        "start selecting at the reading cursor (move it to stretch; a adds the span; v again stops)",
    ),
    KeySpec(
        "review",
        "adjust-claim",
        "e",
        "adjust_claim",
        "Adjust",
        "select the current claim's span to stretch or shrink it (left/right by a word, "
        "shift+left/right by a sentence; a adds it)",
    ),
    KeySpec(
        "review",
        "drop-orphan",
        "D",
        "drop_orphan",
        "Drop",
        "drop an orphaned claim (its text is gone from the article; z brings it back)",
    ),
    KeySpec(
        "review",
        "open-article",
        "O",
        "app.pick_article",
        "Open",
        "open another article in this folder",
    ),
    KeySpec(
        "review",
        "resolve-conflict",
        "r",
        "resolve_conflict",
        "Resolve",
        "settle a merge conflict on the claim (‼)",
    ),
    KeySpec(
        "review",
        "reload",
        "ctrl+r",
        "reload",
        "Reload",
        "read the article and review file again (after a git pull)",
    ),
    KeySpec("review", "next-pane", "tab", "next_pane", "Pane", "next pane"),
    KeySpec("review", "previous-pane", "shift+tab", "previous_pane", "Pane", "previous pane"),
    KeySpec(
        "review",
        "maximize-pane",
        "m",
        "maximize_pane",
        "Max",
        "maximize the focused pane / restore",
    ),
    KeySpec("claims", "claims-first", "home,g", "first", "First", "first claim"),
    KeySpec("claims", "claims-last", "end,G", "last", "Last", "last claim"),
    KeySpec("claims", "claims-page-down", "pagedown", "page_down", "Page", "a page down"),
    KeySpec("claims", "claims-page-up", "pageup", "page_up", "Page", "a page up"),
    KeySpec(
        "claims",
        "claims-show",
        "enter",
        "show",
        "Show",
        "show the claim in the article pane",
    ),
    KeySpec("references", "references-down", "down,j", "cursor_down", "Down", "next reference"),
    KeySpec("references", "references-up", "up,k", "cursor_up", "Up", "previous reference"),
    KeySpec("references", "references-first", "home,g", "first", "First", "first reference"),
    KeySpec("references", "references-last", "end,G", "last", "Last", "last reference"),
    KeySpec("references", "references-page-down", "pagedown", "page_down", "Page", "a page down"),
    KeySpec("references", "references-page-up", "pageup", "page_up", "Page", "a page up"),
    KeySpec(
        "references",
        "references-show",
        "enter",
        "select",
        "Show",
        "show the reference in the article pane",
    ),
    KeySpec("scroll", "scroll-down", "down,j", "scroll_down", "Down", "scroll down"),
    KeySpec("scroll", "scroll-up", "up,k", "scroll_up", "Up", "scroll up"),
    KeySpec("scroll", "scroll-page-down", "pagedown,space", "page_down", "Page", "a page down"),
    KeySpec("scroll", "scroll-page-up", "pageup", "page_up", "Page", "a page up"),
    KeySpec("scroll", "scroll-home", "home,g", "scroll_home", "Top", "to the top"),
    KeySpec("scroll", "scroll-end", "end,G", "scroll_end", "End", "to the end"),
    KeySpec("dialog", "dialog-next", "tab", "app.focus_next", "Next", "next field or button"),
    KeySpec(
        "dialog",
        "dialog-previous",
        "shift+tab",
        "app.focus_previous",
        "Previous",
        "previous field or button",
    ),
    KeySpec("copy", "copy-text", "ctrl+c", "screen.copy_text", "Copy", "copy the selected text"),
    KeySpec("note", "note-save", "ctrl+s", "save", "Save", "save the note", True),
    KeySpec("note", "note-cancel", "escape", "cancel", "Cancel", "close without saving", True),
    KeySpec(
        "link",
        "link-toggle",
        "enter",
        "toggle",
        "Toggle",
        "link / unlink the reference (on a typed DOI, PMID, arXiv id or URL: add it as a source)",
        True,
    ),
    KeySpec("link", "link-save", "ctrl+s", "save", "Save", "save the links", True),
    KeySpec("link", "link-cancel", "escape", "cancel", "Cancel", "close without saving", True),
    KeySpec("link", "link-down", "down", "cursor_down", "Down", "next reference"),
    KeySpec("link", "link-up", "up", "cursor_up", "Up", "previous reference"),
    KeySpec("abstracts", "abstracts-cancel", "escape", "cancel", "Close", "close the abstracts"),
    KeySpec("literature", "literature-cancel", "escape", "cancel", "Close", "close the search"),
    KeySpec(
        "literature",
        "literature-link",
        "l",
        "link",
        "Link",
        "link the selected hit to the claim as an outside source (in the hit list)",
        True,
    ),
    KeySpec("literature", "literature-down", "down", "cursor_down", "Down", "next hit"),
    KeySpec("literature", "literature-up", "up", "cursor_up", "Up", "previous hit"),
    KeySpec("filter", "filter-cancel", "escape", "cancel", "Cancel", "close the filter dialog"),
    KeySpec("search", "search-cancel", "escape", "cancel", "Cancel", "close the search dialog"),
    KeySpec("search", "search-down", "down", "cursor_down", "Down", "next match in the list"),
    KeySpec("search", "search-up", "up", "cursor_up", "Up", "previous match in the list"),
    KeySpec("help", "help-close", "escape,q,question_mark", "close", "Close", "close the help"),
    KeySpec("conflict", "conflict-ours", "1", "choose('ours')", "Ours", "keep our value", True),
    KeySpec(
        "conflict", "conflict-theirs", "2", "choose('theirs')", "Theirs", "keep their value", True
    ),
    KeySpec("conflict", "conflict-cancel", "escape", "cancel", "Later", "decide later", True),
    KeySpec("picker", "picker-open", "enter", "open", "Open", "open the article", True),
    KeySpec(
        "picker", "picker-cancel", "escape", "cancel", "Back", "back (quits if no article is open)"
    ),
)

BY_ID: dict[str, KeySpec] = {spec.id: spec for spec in KEYS}


def specs(scope: str) -> tuple[KeySpec, ...]:
    return tuple(spec for spec in KEYS if spec.scope == scope)


def bindings(*scopes: str) -> list[Binding]:
    """Textual bindings for these scopes (imports Textual)."""
    from textual.binding import Binding

    return [
        Binding(
            spec.keys,
            spec.action,
            spec.description,
            show=spec.show,
            priority=spec.priority,
            id=spec.id,
            tooltip=spec.help,
        )
        for scope in scopes
        for spec in specs(scope)
    ]


def unknown_ids(overrides: Mapping[str, str], extra_ids: Iterable[str] = ()) -> list[str]:
    """Binding ids in ``overrides`` that no binding has."""
    known = set(BY_ID) | set(extra_ids)
    return sorted(key for key in overrides if key not in known)


def effective_keys(spec_id: str, default: str, overrides: Mapping[str, str]) -> str:
    return overrides.get(spec_id) or default


def key_label(spec_id: str, overrides: Mapping[str, str]) -> str:
    """The first key bound to ``spec_id`` as people write it (``ctrl+r``), overrides applied."""
    spec = next(spec for spec in KEYS if spec.id == spec_id)
    return display_keys(effective_keys(spec_id, spec.keys, overrides).split(",")[0])


def display_keys(keys: str) -> str:
    """``question_mark,f1`` → ``? f1`` for people."""
    names = {
        "question_mark": "?",
        "slash": "/",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "comma": ",",
        "full_stop": ".",
        "space": "space",
    }
    return " ".join(names.get(key, key) for key in keys.split(",") if key)


def table(
    overrides: Mapping[str, str] | None = None,
    extra: Iterable[tuple[str, str, str, str]] = (),
) -> list[tuple[str, str, str, str]]:
    """Rows ``(scope title, keys, id, help)`` in display order.

    ``extra`` adds rows for bindings defined elsewhere (the article pane), as
    ``(scope title, default keys, id, help)``.
    """
    overrides = overrides or {}
    rows = [
        (
            SCOPES[spec.scope],
            display_keys(effective_keys(spec.id, spec.keys, overrides)),
            spec.id,
            spec.help,
        )
        for spec in KEYS
    ]
    for scope, keys, spec_id, text in extra:
        rows.append((scope, display_keys(effective_keys(spec_id, keys, overrides)), spec_id, text))
    return rows


def plain_table(rows: Iterable[tuple[str, str, str, str]]) -> str:
    """The key table as plain text (``referee --help``, README)."""
    lines: list[str] = []
    current = None
    for scope, keys, spec_id, text in rows:
        if scope != current:
            lines.append(f"{scope}:")
            current = scope
        lines.append(f"  {keys:<14} {spec_id:<24} {text}")
    return "\n".join(lines)


def markdown_table(rows: Iterable[tuple[str, str, str, str]]) -> str:
    """The key table as Markdown (for the README)."""
    lines = ["| where | keys | binding id | what it does |", "| --- | --- | --- | --- |"]
    for scope, keys, spec_id, text in rows:
        shown = " ".join(f"`{key}`" for key in keys.split(" ")).replace("`|`", "`\\|`")
        lines.append(f"| {scope} | {shown} | `{spec_id}` | {text} |")
    return "\n".join(lines)
