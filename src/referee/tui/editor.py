"""Edit text in the user's ``$VISUAL`` / ``$EDITOR`` with the app suspended."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from referee.errors import RefereeError

if TYPE_CHECKING:
    from textual.app import App


def editor_command() -> list[str]:
    """The editor to run: ``$VISUAL``, else ``$EDITOR``, else ``vi``."""
    value = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        command = shlex.split(value)
    except ValueError as exc:
        raise RefereeError(f"cannot parse the editor command {value!r}: {exc}") from exc
    if not command:
        raise RefereeError("$EDITOR is empty")
    return command


def edit_text(app: App[object], text: str, *, suffix: str = ".txt") -> str | None:
    """Open ``text`` in the editor; return the edited text, or None if unchanged.

    The app is suspended while the editor runs. Raises RefereeError when the
    editor cannot run or exits with an error (the text is then left as it was).
    """
    from textual.app import SuspendNotSupported

    command = editor_command()
    handle, name = tempfile.mkstemp(prefix="referee-note-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text + ("\n" if text else ""))
        failure: OSError | None = None
        try:
            with app.suspend():
                # Nothing may escape this block: Textual resumes the app only when it
                # ends normally (an editor that cannot start would leave the screen dead).
                try:
                    code = subprocess.call([*command, str(path)])
                except OSError as exc:
                    failure = exc
        except SuspendNotSupported as exc:
            raise RefereeError("this terminal cannot hand over to an editor; use n") from exc
        if failure is not None:
            raise RefereeError(
                f"cannot run {command[0]}: {failure.strerror or failure}"
            ) from failure
        if code != 0:
            raise RefereeError(f"{command[0]} exited with status {code}; note not changed")
        edited = path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
    edited = edited.rstrip("\n")
    return None if edited == text else edited
