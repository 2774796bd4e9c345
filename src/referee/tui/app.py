"""RefereeApp: one article (or a folder to pick from), one session, keys from config."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import Notify
from textual.screen import Screen

from referee.config import Config, config_path
from referee.errors import RefereeError
from referee.tui import keymap
from referee.tui.commands import RefereeCommands, SystemCommands

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from referee.review.session import Session

CSS_FILE = Path(__file__).with_name("referee.tcss")


def article_view_keys() -> list[tuple[str, str, str, str]]:
    """Rows for the help table from the article pane's own bindings."""
    from referee.tui.widgets.article_view import ArticleView

    rows = []
    for binding in ArticleView.BINDINGS:
        if isinstance(binding, Binding):
            rows.append(
                ("Article pane", binding.key, binding.id or "(no id)", binding.description.lower())
            )
    return rows


class RefereeApp(App[None]):
    """The reviewer's TUI. Give it a session, or a folder and its articles to pick from."""

    CSS_PATH = CSS_FILE
    TITLE = "referee"
    BINDINGS: ClassVar = keymap.bindings("app")
    COMMANDS: ClassVar = {SystemCommands, RefereeCommands}

    def __init__(
        self,
        session: Session | None = None,
        *,
        folder: Path | None = None,
        articles: Sequence[Path] = (),
        reviewer: str | None = None,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.folder = folder or Path.cwd()
        self.articles = list(articles)
        self.reviewer = reviewer
        self.config = config or Config(config_path())
        self._clashes_reported: set[frozenset[str]] = set()

    def get_default_screen(self) -> Screen:
        """With an article, its review is the first screen (no blank screen beneath)."""
        if self.session is None:
            return super().get_default_screen()
        from referee.tui.screens.review_screen import ReviewScreen

        return ReviewScreen(self.session)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands, less the screenshot (it writes an SVG into the
        article's folder) and the key panel (``?`` is the help)."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Screenshot", "Keys"):
                yield command

    def on_mount(self) -> None:
        self.animation_level = "none"
        self._apply_keymap()
        if self.session is None:
            self.action_pick_article()

    async def action_quit(self) -> None:
        """Quit; everything is saved already, except a note still in its editor, which
        asks first."""
        from referee.tui.screens.note import NoteScreen

        screen = self.screen
        if isinstance(screen, NoteScreen) and screen.warned_unsaved("quit again to discard it"):
            return
        self.exit()

    @property
    def exiting(self) -> bool:
        """True once :meth:`exit` ran: keys typed after ``q`` (still queued) are ignored."""
        return bool(getattr(self, "_exit", False))  # Textual sets it in App.exit

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.exiting

    # ------------------------------------------------------------------ keys

    @property
    def key_overrides(self) -> dict[str, str]:
        return dict(self.config.keys)

    def _apply_keymap(self) -> None:
        overrides = self.key_overrides
        extra_ids = [row[2] for row in article_view_keys()]
        unknown = keymap.unknown_ids(overrides, extra_ids)
        if unknown:
            self.notify(
                f"{self.config.path}: [keys] names no binding called "
                f"{', '.join(unknown)}; see `referee --help` for the ids.",
                title="Unknown key binding id",
                severity="warning",
                timeout=15,
                markup=False,
            )
        self.set_keymap({k: v for k, v in overrides.items() if k not in unknown})

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        ids = frozenset(binding.id or binding.action for binding in clashed_bindings)
        if ids in self._clashes_reported:
            return
        self._clashes_reported.add(ids)
        self.notify(
            f"[keys] in {self.config.path} gives one key to several actions: "
            f"{', '.join(sorted(ids))}",
            title="Key clash",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def on_notify(self, event: Notify) -> None:
        """One toast at a time: a new message replaces the one on screen (stacked toasts
        covered a third of the article). Errors stay until read; a repeated error makes
        way for itself."""
        new = event.notification
        for old in list(self._notifications):
            same = (old.message, old.title, old.severity) == (new.message, new.title, new.severity)
            if same or old.severity != "error":
                self._unnotify(old, refresh=False)

    def action_help(self) -> None:
        from referee.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.key_overrides, self.config.path, article_view_keys()))

    # ------------------------------------------------------------------ articles

    def show_review(
        self, session: Session, *, keep: str | None = None, filter_name: str = "all"
    ) -> None:
        """Show ``session`` in a new review screen, in place of the one on top if any."""
        from referee.tui.screens.review_screen import ReviewScreen

        self.session = session
        screen = ReviewScreen(session, keep=keep, filter_name=filter_name)
        current = self.screen
        if not isinstance(current, ReviewScreen):
            self.push_screen(screen)
            return
        if not current._result_callbacks:
            # The default screen (``referee ARTICLE``) was never pushed, so it has no result
            # callback, and Textual's switch_screen pops one: give it the one a push gives.
            current._push_result_callback(current, None)
        self.switch_screen(screen)

    def action_pick_article(self) -> None:
        """Show the article picker for the folder (bare ``referee``, or the palette)."""
        from referee.tui.screens.picker import PickerScreen, find_articles

        articles = self.articles or find_articles(self.folder)
        self.push_screen(PickerScreen(self.folder, articles), self._picked)

    def _picked(self, path: Path | None) -> None:
        from referee.review.session import Session
        from referee.tui.screens.review_screen import ReviewScreen

        if path is None:
            if not any(isinstance(screen, ReviewScreen) for screen in self.screen_stack):
                self.exit()
            return

        try:
            session = Session.open(path, reviewer=self.reviewer)
        except RefereeError as exc:
            self.notify(str(exc), title="Cannot open", severity="error", timeout=10, markup=False)
            self.call_later(self.action_pick_article)
            return
        # One article at a time: the new review replaces the one open, if any.
        self.show_review(session)
