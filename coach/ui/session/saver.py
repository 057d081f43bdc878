"""Writes a session to the history as it happens, and keeps trying when the database fails.

Operations (begin, each set, finish) are queued in order and flushed at once; a ``StoreError`` stops
the flush, tells the user once per failure streak, asks for a fresh connection (``reconnect``) and a
timer retries every ``retry_ms``. Nothing is dropped: the session stays in memory until the store has
taken every operation, and at every failed save what is pending is also written (atomically) to the
recovery file, so even a crash (``kill -9``) loses at most the set in progress; the next launch adds it to
the history (``coach.store.recovery.replay``). Once the store has taken everything, those entries leave the
recovery file again. The store is opened with a short busy timeout (see ``AppController``), so another
process holding the write lock stalls the GUI for a fraction of a second, not seconds: the timer retries.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from coach.core.errors import CoachError
from coach.core.record import SessionRecord, SetRecord
from coach.store import HistoryStore, recovery

log = logging.getLogger(__name__)


class SessionSaver(QObject):
    error = Signal(str)  # "Couldn't save ...; will retry" (once per failure streak)
    recovered = Signal()  # a retry succeeded after an error
    saved = Signal(str)  # session id: the finished session is fully in the history

    def __init__(
        self,
        store: Callable[[], HistoryStore],
        parent: QObject | None = None,
        retry_ms: int = 5000,
        reconnect: Callable[[], None] | None = None,
        recovery_path: Path | None = None,
    ):
        super().__init__(parent)
        self.recovery_path = recovery_path  # where pending work is kept while saving fails (None: memory only)
        self._in_recovery: set[str] = set()  # sessions this saver put in the recovery file
        self._store = store  # returns the store, or raises a CoachError when there is none
        self._reconnect = reconnect  # drops a store that failed, so the next try opens the file afresh
        self._queue: list[tuple[str, object]] = []
        self._headers: dict[str, SessionRecord] = {}  # latest header of each session, for dump()
        self._failing = False
        self._locked = False  # the last failure was another process holding the write lock
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
        self._headers[record.id] = record
        self._push("begin", record)

    def add_set(self, session_id: str, s: SetRecord, steps_done: int | None = None) -> None:
        self._push("set", (session_id, s, steps_done))

    def finish(self, record: SessionRecord) -> None:
        self._headers[record.id] = record
        self._push("finish", record)

    def _push(self, op: str, arg: object) -> None:
        self._queue.append((op, arg))
        if self._failing and self._locked:
            self._keep()  # another process holds the lock: don't wait for it again; the timer retries
        else:
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
        if self._in_recovery and self.recovery_path is not None:
            try:  # everything is in the history now: the copies in the recovery file are not needed
                recovery.forget(self.recovery_path, self._in_recovery)
                self._in_recovery.clear()
            except OSError as err:
                log.warning("could not update %s: %s", self.recovery_path, err)
        if self._failing:
            self._failing = False
            self._timer.stop()
            self.recovered.emit()
        return True

    def _fail(self, message: str) -> None:
        self._locked = "locked" in message or "busy" in message
        if self._reconnect is not None:
            self._reconnect()
            self._rebegin()
        kept = self._keep()
        if not self._failing:
            self._failing = True
            where = f"in memory and in {self.recovery_path}" if kept else "in memory"
            self.error.emit(
                f"Couldn't save to your history: {message}. Your session is kept {where} and saving will be retried."
            )
        if not self._timer.isActive():
            self._timer.start()

    def _rebegin(self) -> None:
        """The next try may reach a different file (the old one moved aside or recreated): make sure each
        session with pending sets has its header written first (``begin_session`` is an upsert)."""
        seen: set[str] = set()
        out: list[tuple[str, object]] = []
        for op, arg in self._queue:
            sid = arg[0] if op == "set" else arg.id
            if sid not in seen:
                seen.add(sid)
                if op == "set" and sid in self._headers:
                    out.append(("begin", self._headers[sid]))
            out.append((op, arg))
        self._queue = out

    # ---- quitting with unsaved work ----------------------------------------------------------------
    def pending_records(self) -> list[SessionRecord]:
        """The sessions with unsaved work: their latest header with every set not yet saved."""
        sets: dict[str, list[SetRecord]] = {}
        ids: list[str] = []
        for op, arg in self._queue:
            sid = arg[0] if op == "set" else arg.id
            if sid not in ids:
                ids.append(sid)
            if op == "set":
                sets.setdefault(sid, []).append(arg[1])
            else:
                sets.setdefault(sid, []).extend(s for s in arg.sets if s not in sets.get(sid, []))
        return [replace(self._headers[sid], sets=tuple(sets.get(sid, ()))) for sid in ids if sid in self._headers]

    def _keep(self) -> bool:
        """Write the pending work to the recovery file now (a crash must not lose it); True if it is there."""
        if self.recovery_path is None:
            return False
        try:
            self.dump(self.recovery_path, clear=False)
            return True
        except OSError as err:
            log.warning("could not write %s: %s", self.recovery_path, err)
            return False

    def dump(self, path: Path, clear: bool = True) -> int:
        """Write what is still unsaved to ``path`` (JSON, merged with what is there); returns sessions written.
        ``clear``: the work now lives only in the file (quitting), so the queue is emptied."""
        records = self.pending_records()
        if not records:
            return 0
        recovery.merge(path, records)
        if clear:
            self._queue.clear()
            self._in_recovery.clear()  # the file must keep them: they were not saved
            self._timer.stop()  # nothing left to retry; a later flush must not announce "saved"
            self._failing = False
        else:
            self._in_recovery.update(r.id for r in records)
        return len(records)


def read_recovery(path: Path) -> list[SessionRecord]:
    """Sessions a previous run couldn't save ([] if there is no file). Raises ValueError if it can't be read."""
    return recovery.read(path)


def replay(path: Path, store: HistoryStore) -> int:
    """Add the sessions in a recovery file to the history (see ``coach.store.recovery.replay``); returns how
    many were added."""
    return recovery.replay(path, store)[0]
