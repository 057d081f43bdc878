"""HistoryController: the History view's only door to the session store.

Every store call is guarded: a ``StoreError`` (or a raw SQLite error, e.g. a closed connection) becomes a
plain-language message on ``error`` and a harmless return value, so the view never sees a traceback.
Exports are written next to the target and renamed into place, so an existing file is never half-written.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal

from coach.core.record import SessionRecord
from coach.store import HistoryStore, StoreError
from coach.store.export import export_csv, export_json

FORMATS = ("csv", "json")
_STORE_ERRORS = (StoreError, sqlite3.Error)


class HistoryController(QObject):
    """Reads, deletes and exports sessions for the History view."""

    changed = Signal()  # sessions added, removed or edited
    error = Signal(str)  # a message for the user

    def __init__(self, store: HistoryStore | Callable[[], HistoryStore], parent: QObject | None = None):
        """``store``: the store, or a function returning the current one (it may raise StoreError), so a
        history reopened after a failure is picked up."""
        super().__init__(parent)
        self._get = store if callable(store) else (lambda: store)

    def _fail(self, what: str, err: BaseException) -> None:
        text = str(err) or type(err).__name__
        self.error.emit(text if isinstance(err, StoreError) else f"Can't {what}: {text}")

    def sessions(self) -> list[SessionRecord]:
        """Every session, newest first; ``[]`` (and ``error``) if the history can't be read."""
        try:
            return self._get().list_sessions()
        except _STORE_ERRORS as err:
            self._fail("read the history", err)
            return []

    def session(self, session_id: str) -> SessionRecord | None:
        """One session with its sets, or None (with ``error``) if it is missing or unreadable."""
        try:
            return self._get().get_session(session_id)
        except _STORE_ERRORS as err:
            self._fail("read the session", err)
            return None

    def delete(self, session_id: str) -> bool:
        """Remove a session with its sets and flags; True when deleted (``changed`` is emitted)."""
        try:
            self._get().delete_session(session_id)
        except _STORE_ERRORS as err:
            self._fail("delete the session", err)
            return False
        self.changed.emit()
        return True

    def export(self, path: Path, fmt: str) -> int:
        """Write every session to ``path`` as "csv" (one row per set) or "json"; returns the number of
        sessions written, or -1 (with ``error``) on failure. An existing file is replaced only on success."""
        if fmt not in FORMATS:
            self.error.emit(f"Unknown export format {fmt!r}: choose CSV or JSON.")
            return -1
        out = Path(path).expanduser()
        if not out.parent.is_dir():
            self.error.emit(f"Can't export: the folder {out.parent} does not exist.")
            return -1
        if out.is_dir():
            self.error.emit(f"Can't export: {out} is a folder; choose a file name.")
            return -1
        try:
            records = self._get().list_sessions()
        except _STORE_ERRORS as err:
            self._fail("read the history for the export", err)
            return -1
        write = export_csv if fmt == "csv" else export_json
        tmp: str | None = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fp:
                write(records, fp)
            os.replace(tmp, out)
        except OSError as err:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            self.error.emit(f"Can't write the export to {out}: {err.strerror or err}")
            return -1
        return len(records)

    def notify_changed(self) -> None:
        """Tell listeners the history changed (e.g. a session was just saved)."""
        self.changed.emit()
