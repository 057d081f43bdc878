"""Reading sessions back out of the history: every session or one, with its sets and pelvic-drop flags.

``SessionReads`` (with ``QuickReads``) is mixed into ``HistoryStore`` (which supplies ``conn``, ``skipped``,
``_live`` and ``running``). Rows holding impossible values are left out and counted in ``skipped`` (``validate``); a
session still ``in_progress`` whose process is gone reads as ``interrupted``, ending at its last set.
Times are Unix seconds, as in ``coach.core.record``. The column lists are shared with the writes in ``db``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord, plan_order
from coach.store import validate
from coach.store.errors import StoreError
from coach.store.live import LiveSessions
from coach.store.migrations import SESSION_COLUMNS, SET_COLUMNS
from coach.store.reads import QuickReads

_SESSION_COLS, _SET_COLS = SESSION_COLUMNS, SET_COLUMNS  # the column order rows are read in


class SessionReads(QuickReads):
    """Session reads of a ``HistoryStore``; the quick reads of a few sessions (``QuickReads``) come with them."""

    conn: sqlite3.Connection
    skipped: int
    _live: set[str]
    running: LiveSessions | None

    @contextmanager
    def _reading(self, what: str) -> Iterator[None]:
        """SQLite errors while reading (a locked, closed or damaged file) become StoreError."""
        try:
            yield
        except sqlite3.Error as err:
            raise StoreError(f"Can't {what}: {err}") from err

    def list_sessions(self, limit: int | None = None) -> list[SessionRecord]:
        """Every session (or the newest ``limit``), newest first, with its sets. Rows holding impossible values
        (a text date, a time out of range...) are left out and counted in ``skipped``."""
        if limit is not None:
            return self._sessions_where("ORDER BY started_at DESC, rowid DESC LIMIT ?", (max(0, limit),))
        self.skipped = 0
        with self._reading("read the history"):
            rows = self.conn.execute(
                f"SELECT {', '.join(_SESSION_COLS)} FROM sessions ORDER BY started_at DESC, rowid DESC"
            ).fetchall()
            sets = self._sets_of(self.conn)
        out = []
        for r in rows:
            rec = self._session(r, sets.get(r[0], []))
            if rec is not None:
                out.append(rec)
        return out

    def skipped_note(self) -> str | None:
        """A message for the user when the last read left damaged rows out, else None."""
        if not self.skipped:
            return None
        return (
            f"{self.skipped} damaged entr{'y' if self.skipped == 1 else 'ies'} in the history could not be "
            "read and were left out (the file itself is unchanged)."
        )

    def get_session(self, session_id: str) -> SessionRecord:
        self.skipped = 0
        with self._reading(f"read session {session_id}"):
            row = self.conn.execute(
                f"SELECT {', '.join(_SESSION_COLS)} FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"No session {session_id!r} in the history")
            sets = self._sets_of(self.conn, session_id).get(session_id, [])
        rec = self._session(row, sets)
        if rec is None:
            raise StoreError(f"Session {session_id!r} in the history is damaged and can't be shown")
        return rec

    def _session(self, row: tuple[Any, ...], sets: list[SetRecord]) -> SessionRecord | None:
        d = dict(zip(_SESSION_COLS, row))
        if validate.problem(d, validate.SESSION):
            self.skipped += 1  # its sets go with it
            return None
        d["camera_used"] = bool(d["camera_used"])
        d["notes"] = d["notes"] or ""
        if (
            d["status"] == "in_progress"
            and d["id"] not in self._live
            and not (self.running is not None and self.running.running_elsewhere(d["id"]))
        ):
            d["status"] = "interrupted"  # its run ended without finishing
            if d["ended_at"] is None and sets:
                d["ended_at"] = max(s.ended_at for s in sets)
        return SessionRecord(**d, sets=tuple(sets))

    def _sets_of(
        self, c: sqlite3.Connection, session_id: str | None = None, ids: list[str] | None = None
    ) -> dict[str, list[SetRecord]]:
        """Sets by session id, in the routine's order (``plan_order``): of one session, of the sessions ``ids``,
        or of all (neither). Damaged rows are left out and counted in ``skipped``."""
        where: str
        args: tuple[Any, ...]
        if ids is not None:
            where, args = f"WHERE s.session_id IN ({', '.join('?' * len(ids))})", tuple(ids)
        elif session_id is not None:
            where, args = "WHERE s.session_id = ?", (session_id,)
        else:
            where, args = "", ()
        drops: dict[int, list[PelvicDropEvent]] = {}
        for set_id, side, peak, t_s in c.execute(
            "SELECT d.set_id, d.side, d.peak_deg, d.t_s FROM pelvic_drops d JOIN sets s ON s.id = d.set_id "
            f"{where} ORDER BY d.id",
            args,
        ):
            if validate.problem({"side": side, "peak_deg": peak, "t_s": t_s}, validate.DROP):
                self.skipped += 1
                continue
            drops.setdefault(set_id, []).append(PelvicDropEvent(side, peak, t_s))
        out: dict[str, list[SetRecord]] = {}
        cols = ", ".join(f"s.{col}" for col in _SET_COLS)
        for row in c.execute(f"SELECT s.id, s.session_id, {cols} FROM sets s {where} ORDER BY s.id", args):
            d = dict(zip(_SET_COLS, row[2:]))
            if validate.problem(d, validate.SET):
                self.skipped += 1
                continue
            d["skipped"] = bool(d["skipped"])
            out.setdefault(row[1], []).append(SetRecord(**d, pelvic_drops=tuple(drops.get(row[0], ()))))
        for sets in out.values():
            sets.sort(key=plan_order)  # a set done again is saved again: show it where the routine has it
        return out
