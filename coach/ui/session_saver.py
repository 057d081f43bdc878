"""Writes a session to the history as it happens, and keeps trying when the database fails.

Operations (begin, each set, finish) are queued in order and flushed at once; a ``StoreError`` stops
the flush, tells the user once per failure streak, and a timer retries every ``retry_ms``. Nothing is
dropped: the session stays in memory until the store has taken every operation.
"""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from coach.core.errors import CoachError
from coach.core.record import SessionRecord, SetRecord
from coach.store import HistoryStore

log = logging.getLogger(__name__)


class SessionSaver(QObject):
    error = Signal(str)  # "Couldn't save ...; will retry" (once per failure streak)
    recovered = Signal()  # a retry succeeded after an error
    saved = Signal(str)  # session id: the finished session is fully in the history

    def __init__(self, store: Callable[[], HistoryStore], parent: QObject | None = None, retry_ms: int = 5000):
        super().__init__(parent)
        self._store = store  # returns the store, or raises a CoachError when there is none
        self._queue: list[tuple[str, object]] = []
        self._failing = False
        self._timer = QTimer(self)
        self._timer.setInterval(retry_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> int:
        return len(self._queue)

    @property
    def failing(self) -> bool:
        return self._failing

    def begin(self, record: SessionRecord) -> None:
        self._push("begin", record)

    def add_set(self, session_id: str, s: SetRecord) -> None:
        self._push("set", (session_id, s))

    def finish(self, record: SessionRecord) -> None:
        self._push("finish", record)

    def _push(self, op: str, arg: object) -> None:
        self._queue.append((op, arg))
        self.flush()

    def flush(self) -> bool:
        """Try every pending operation in order; True when none is left."""
        while self._queue:
            op, arg = self._queue[0]
            try:
                store = self._store()
                if op == "begin":
                    store.begin_session(arg)
                elif op == "set":
                    store.add_set(*arg)
                else:
                    store.finish_session(arg)
            except CoachError as err:
                self._fail(str(err))
                return False
            except Exception as err:  # sqlite3 errors escaping the store, OSError: same handling
                log.exception("saving the session failed")
                self._fail(f"{type(err).__name__}: {err}")
                return False
            self._queue.pop(0)
            if op == "finish":
                self.saved.emit(arg.id)
        if self._failing:
            self._failing = False
            self._timer.stop()
            self.recovered.emit()
        return True

    def _fail(self, message: str) -> None:
        if not self._failing:
            self._failing = True
            self.error.emit(f"Couldn't save to your history: {message}. Your session is kept in memory and "
                            "saving will be retried.")
        if not self._timer.isActive():
            self._timer.start()
