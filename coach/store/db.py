"""HistoryStore: sessions, sets and pelvic-drop flags in SQLite (stdlib ``sqlite3``, connection injected).

Each set is committed the moment it is added, so a crash loses at most the set in progress. A session
still marked ``in_progress`` is reported as in progress while the process running it lives (it holds the
session's lock file, see ``live.py``), and as ``interrupted``, ending at its last set, once that process is
gone. Times are Unix seconds, as in ``coach.core.record``.
Reads of sessions are in ``session_reads`` (``SessionReads``, mixed in here).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coach.core.record import SessionRecord, SetRecord
from coach.store import files
from coach.store.errors import HistoryReadOnly, HistoryTooNew, StoreError
from coach.store.live import LiveSessions
from coach.store.migrations import migrate
from coach.store.programme import ProgrammeTables
from coach.store.runs import RunTables
from coach.store.session_reads import _SESSION_COLS, _SET_COLS, SessionReads

__all__ = ["_SESSION_COLS", "_SET_COLS", "HistoryStore"]


class HistoryStore(ProgrammeTables, RunTables, SessionReads):
    def __init__(self, conn: sqlite3.Connection):
        """Take over ``conn`` (switched to autocommit, foreign keys on) and migrate it to the current schema,
        backing a file-based database up before each migration step."""
        conn.isolation_level = None
        conn.execute("PRAGMA foreign_keys = ON")
        self.conn = conn
        self.migrated_from = migrate(conn, backup=lambda v: files.backup_before_migration(conn, v))
        self._file = files.db_file(conn)
        self._identity = files.identity(self._file)  # the file this connection writes to
        self._live: set[str] = set()  # sessions begun through this store and not finished yet
        db_file = conn.execute("PRAGMA database_list").fetchone()[2]  # "" for an in-memory database
        self.running = LiveSessions(Path(db_file + ".live")) if db_file else None  # lock files beside the file
        self.skipped = 0  # rows with impossible values left out by the last read (see ``skipped_note``)

    @classmethod
    def open(
        cls, path: Path, *, strict: bool = False, busy_ms: int = files.BUSY_TIMEOUT_MS
    ) -> tuple[HistoryStore, str | None]:
        """Open (or create) the history file. A damaged file is moved aside (kept) and a fresh one made;
        a file from a newer app version is left untouched and an in-memory store returned (``strict``:
        raise HistoryTooNew instead). ``busy_ms``: how long a write waits for another process's lock (ms).
        The second value is a message for the user, or None."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return cls._open_file(path, busy_ms), None
        except HistoryTooNew as err:
            if strict:
                raise
            return cls(sqlite3.connect(":memory:")), (
                f"{str(err)[0].upper()}{str(err)[1:]}. {path} was left untouched; sessions from this run will "
                "not be saved. Update the app to see and keep your history."
            )
        except HistoryReadOnly:
            raise
        except Exception as err:
            if not files.is_damage(err):
                raise StoreError(f"Can't open the history file {path}: {err}{files.full_disk_hint(path)}") from err
            try:
                moved = files.move_aside(path)
            except OSError as err2:  # e.g. a read-only folder: say so, leave the file as it is
                raise StoreError(
                    f"The history file {path} could not be read ({err}), and it could not be moved "
                    f"aside to start a new one: {err2.strerror or err2}. It was left as it is."
                ) from err2
            try:
                store = cls._open_file(path, busy_ms)
            except Exception as err2:
                raise StoreError(f"Can't create a new history file at {path}: {err2}") from err2
            return store, (
                f"The history file could not be read ({err}). It was kept as {moved} "
                "and a new, empty history was started."
            )

    @classmethod
    def _open_file(cls, path: Path, busy_ms: int) -> HistoryStore:
        conn = files.connect(path, busy_ms)
        try:
            store = cls(conn)
            files.use_wal(conn, max(busy_ms, 1000) / 1000)
            return store
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        if self.running is not None:
            self.running.close()
        self.conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self, what: str = "save to the history") -> Iterator[sqlite3.Connection]:
        """One write transaction; SQLite errors become StoreError (nothing half-written)."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            if self._identity is not None and files.identity(self._file) != self._identity:
                self.conn.execute("ROLLBACK")  # our file was renamed (moved aside) or replaced under us
                raise StoreError(
                    f"Can't {what}: the history file {self._file} was moved or replaced by another "
                    "program; it will be opened again."
                )
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as err:
            raise StoreError(f"Can't {what}: {err}") from err

    # ----------------------------------------------------------------- writing
    def begin_session(self, record: SessionRecord) -> None:
        """Insert the session header (status in_progress)."""
        with self._tx() as c:
            self._upsert_header(c, record, status="in_progress")
        self._live.add(record.id)
        if self.running is not None:
            self.running.hold(record.id)  # other processes see it as in progress while this one lives

    def add_set(self, session_id: str, s: SetRecord, steps_done: int | None = None) -> None:
        """Save one set and its pelvic-drop flags, replacing a set with the same (step, kind, side, set number):
        one done again or amended. ``steps_done`` updates the session's progress in the same transaction, so
        a run that dies still shows how far it got. Committed before returning."""
        with self._tx(f"save a set for session {session_id}") as c:
            self._insert_set(c, session_id, s)
            if steps_done is not None:
                c.execute("UPDATE sessions SET steps_done = ? WHERE id = ?", (steps_done, session_id))

    def finish_session(self, record: SessionRecord) -> None:
        """Update the header (end, pain, notes, status, progress); sets of the record not stored yet are added."""
        with self._tx() as c:
            self._upsert_header(c, record, status=record.status)
            have = {self._set_key(s): s for s in self._sets_of(c, record.id).get(record.id, [])}
            for s in record.sets:
                if have.get(self._set_key(s)) != s:  # missing, or an older version of it
                    self._insert_set(c, record.id, s)
        if record.status != "in_progress":
            self._live.discard(record.id)
            if self.running is not None:
                self.running.release(record.id)

    def delete_session(self, session_id: str) -> None:
        """Remove a session with its sets and flags (no error if it is not there)."""
        with self._tx() as c:
            c.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        self._live.discard(session_id)
        if self.running is not None:
            self.running.release(session_id)

    @staticmethod
    def _upsert_header(c: sqlite3.Connection, r: SessionRecord, status: str) -> None:
        values = (
            r.id,
            r.routine_id,
            r.routine_title,
            r.started_at,
            r.ended_at,
            r.pain_before,
            r.pain_after,
            r.notes,
            status,
            r.steps_total,
            r.steps_done,
            int(r.camera_used),
            r.sets_planned,
        )
        updates = ", ".join(f"{col} = excluded.{col}" for col in _SESSION_COLS[1:])
        c.execute(
            f"INSERT INTO sessions ({', '.join(_SESSION_COLS)}) VALUES ({', '.join('?' * len(values))}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates}",
            values,
        )

    @staticmethod
    def _insert_set(c: sqlite3.Connection, session_id: str, s: SetRecord) -> None:
        """Insert a set (and its flags), replacing one with the same key (its flags go with it)."""
        c.execute(
            "DELETE FROM sets WHERE session_id = ? AND step_index = ? AND kind = ? AND side IS ? AND set_number = ?",
            (session_id, s.step_index, s.kind, s.side, s.set_number),
        )
        values = [int(s.skipped) if col == "skipped" else getattr(s, col) for col in _SET_COLS]
        cur = c.execute(
            f"INSERT INTO sets (session_id, {', '.join(_SET_COLS)}) VALUES (?, {', '.join('?' * len(_SET_COLS))})",
            (session_id, *values),
        )
        c.executemany(
            "INSERT INTO pelvic_drops (set_id, side, peak_deg, t_s) VALUES (?, ?, ?, ?)",
            [(cur.lastrowid, e.side, e.peak_deg, e.t_s) for e in s.pelvic_drops],
        )

    @staticmethod
    def _set_key(s: SetRecord) -> tuple[int, str, str | None, int]:
        return s.step_index, s.kind, s.side, s.set_number
