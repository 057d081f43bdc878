"""Reads of a few sessions out of many, for views that must stay quick with years of history: the sessions since
a time, the start times alone, and the launch's count of damaged rows without building every record.

``QuickReads`` is mixed into ``HistoryStore`` (which supplies ``conn``, ``_reading``, ``_session``, ``_sets_of``
and ``skipped``); rows are checked as ``list_sessions`` checks them (``validate``). Times are Unix seconds.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from coach.core.record import SessionRecord, SetRecord
from coach.store import validate


def _cols() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from coach.store.db import _SESSION_COLS, _SET_COLS  # defined with the store (imported late: no cycle)

    return _SESSION_COLS, _SET_COLS


class QuickReads:
    conn: sqlite3.Connection
    skipped: int

    def sessions_since(self, t: float) -> list[SessionRecord]:
        """The sessions started after ``t`` (Unix seconds), newest first, with their sets: what ``list_sessions``
        gives for them, without reading the rest of the history (indexed on the start time)."""
        return self._sessions_where("WHERE started_at > ? ORDER BY started_at DESC, rowid DESC", (t,))

    def _sessions_where(self, clause: str, args: tuple[Any, ...]) -> list[SessionRecord]:
        """Sessions chosen by an SQL ``clause`` with their sets (one indexed query for them): for a few of many."""
        session_cols, _ = _cols()
        self.skipped = 0
        with self._reading("read the history"):  # type: ignore[attr-defined]
            rows = self.conn.execute(f"SELECT {', '.join(session_cols)} FROM sessions {clause}", args).fetchall()
            ids = [r[0] for r in rows]
            sets: dict[str, list[SetRecord]] = {}
            for i in range(0, len(ids), 500):  # SQLite takes a limited number of ? at once
                sets.update(self._sets_of(self.conn, ids=ids[i : i + 500]))  # type: ignore[attr-defined]
            out: list[SessionRecord] = []
            for r in rows:
                rec = self._session(r, sets.get(r[0], []))  # type: ignore[attr-defined]
                if rec is not None:
                    out.append(rec)
        return out

    def session_starts(self) -> list[float]:
        """The start time (Unix seconds) of every session, any status, oldest first (impossible values left out)."""
        with self._reading("read the history"):  # type: ignore[attr-defined]
            rows = self.conn.execute("SELECT started_at FROM sessions ORDER BY started_at").fetchall()
        return [float(t) for (t,) in rows if validate.time_(t)]

    def count_damaged(self) -> int:
        """How many rows ``list_sessions()`` would leave out (also set in ``skipped``), checked without building
        the records: the launch's quick look for damage in years of history."""
        session_cols, set_cols = _cols()
        self.skipped = 0
        with self._reading("read the history"):  # type: ignore[attr-defined]
            c = self.conn
            for side, peak, t_s in c.execute(
                "SELECT d.side, d.peak_deg, d.t_s FROM pelvic_drops d JOIN sets s ON s.id = d.set_id"
            ):
                drop = {"side": side, "peak_deg": peak, "t_s": t_s}
                self.skipped += validate.problem(drop, validate.DROP) is not None
            for row in c.execute(f"SELECT {', '.join(set_cols)} FROM sets"):
                self.skipped += validate.problem(dict(zip(set_cols, row)), validate.SET) is not None
            for row in c.execute(f"SELECT {', '.join(session_cols)} FROM sessions"):
                self.skipped += validate.problem(dict(zip(session_cols, row)), validate.SESSION) is not None
        return self.skipped
