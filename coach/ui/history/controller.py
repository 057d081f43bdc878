"""HistoryController: the History view's only door to the session store.

Every store call is guarded: a ``StoreError`` (or a raw SQLite error, e.g. a closed connection) becomes a
plain-language message on ``error`` and a harmless return value, so the view never sees a traceback.
Exports are written next to the target and renamed into place, so an existing file is never half-written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from coach.core.record import SessionRecord
from coach.store import HistoryStore, StoreError
from coach.store.export import FORMATS, export_to_file
from coach.store.runs_export import export_runs_beside

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
        self.runs_note = ""  # where the last export put the runs ("" = no runs)

    def _fail(self, what: str, err: BaseException) -> None:
        text = str(err) or type(err).__name__
        self.error.emit(text if isinstance(err, StoreError) else f"Can't {what}: {text}")

    def sessions(self, limit: int | None = None) -> list[SessionRecord]:
        """Every session (or the newest ``limit``), newest first; ``[]`` (and ``error``) if the history can't be
        read."""
        try:
            store = self._get()
            return store.list_sessions() if limit is None else store.list_sessions(limit)
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
        try:
            records = self._get().list_sessions()
        except _STORE_ERRORS as err:
            self._fail("read the history for the export", err)
            return -1
        try:
            n = export_to_file(records, Path(path), fmt)
            self.runs_note = export_runs_beside(self._get(), Path(path), fmt)  # <name>-runs.<fmt>, if any runs
            return n
        except _STORE_ERRORS as err:
            self.error.emit(str(err))
            return -1

    def store(self) -> HistoryStore:
        """The current store (may raise StoreError), for the physio's report."""
        return self._get()

    def notify_changed(self) -> None:
        """Tell listeners the history changed (e.g. a session was just saved)."""
        self.changed.emit()
