"""The programme's tables in the history file: its state (one row of versioned JSON, see
``coach.core.programme.tracker``), the next-morning checks and the dose decisions with their reasons.

``ProgrammeTables`` is mixed into ``HistoryStore``: same connection, same transactions, same errors (StoreError).
Days are ISO dates (local calendar); times are Unix seconds.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from coach.core.programme.model import Dose
from coach.core.programme.outcomes import MorningCheck
from coach.core.programme.progression import Decision

PROGRAMME_SQL = """
CREATE TABLE programme_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE morning_checks (
    day TEXT PRIMARY KEY CHECK (length(day) = 10),
    pain INTEGER CHECK (pain BETWEEN 0 AND 10),
    compared TEXT CHECK (compared IN ('same', 'better', 'worse')),
    at REAL NOT NULL,
    CHECK (pain IS NOT NULL OR compared IS NOT NULL)
);
CREATE TABLE programme_decisions (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    exercise TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('progress', 'hold', 'regress')),
    dose TEXT NOT NULL,
    was TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX decisions_day ON programme_decisions (day);
"""
TABLES = {
    "programme_state": {"id", "state", "updated_at"},
    "morning_checks": {"day", "pain", "compared", "at"},
    "programme_decisions": {"id", "day", "exercise", "action", "dose", "was", "reason"},
}


def _dose(d: Dose) -> str:
    return json.dumps([d.exercise, d.variation, d.amount, d.sets])


def _undose(text: str) -> Dose:
    ex, var, amount, sets = json.loads(text)
    return Dose(str(ex), int(var), int(amount), int(sets))


class ProgrammeTables:
    """Programme rows of a ``HistoryStore`` (which supplies ``conn``, ``_tx`` and ``_reading``)."""

    conn: sqlite3.Connection

    def programme_state(self) -> str | None:
        """The saved state JSON, or None before a programme was set up."""
        with self._reading("read the programme"):  # type: ignore[attr-defined]
            row = self.conn.execute("SELECT state FROM programme_state WHERE id = 1").fetchone()
        return None if row is None else str(row[0])

    def save_programme(self, state_json: str, decisions: list[Decision], now: float) -> None:
        """The new state and the decisions that made it, in one transaction."""
        with self._tx("save the programme") as c:  # type: ignore[attr-defined]
            c.execute(
                "INSERT INTO programme_state (id, state, updated_at) VALUES (1, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                (state_json, now),
            )
            c.executemany(
                "INSERT INTO programme_decisions (day, exercise, action, dose, was, reason) VALUES (?, ?, ?, ?, ?, ?)",
                [(d.day.isoformat(), d.exercise, d.action, _dose(d.dose), _dose(d.was), d.reason) for d in decisions],
            )

    def clear_programme(self) -> None:
        with self._tx("stop the programme") as c:  # type: ignore[attr-defined]
            c.execute("DELETE FROM programme_state")
            c.execute("DELETE FROM programme_decisions")

    def decisions(self) -> list[Decision]:
        """Every dose decision, oldest first (rows that can't be read are left out)."""
        with self._reading("read the programme's decisions"):  # type: ignore[attr-defined]
            rows = self.conn.execute(
                "SELECT day, exercise, action, dose, was, reason FROM programme_decisions ORDER BY day, id"
            ).fetchall()
        out = []
        for day, ex, action, dose, was, reason in rows:
            try:
                out.append(Decision(ex, action, _undose(dose), _undose(was), reason, date.fromisoformat(day)))
            except (ValueError, TypeError, json.JSONDecodeError):
                continue
        return out

    def add_morning_check(self, check: MorningCheck, now: float) -> None:
        """Save (or replace) the check for its day."""
        with self._tx("save the morning check") as c:  # type: ignore[attr-defined]
            c.execute(
                "INSERT INTO morning_checks (day, pain, compared, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (day) DO UPDATE SET pain = excluded.pain, compared = excluded.compared, "
                "at = excluded.at",
                (check.day.isoformat(), check.pain, check.compared, now),
            )

    def morning_checks(self) -> dict[date, MorningCheck]:
        with self._reading("read the morning checks"):  # type: ignore[attr-defined]
            rows = self.conn.execute("SELECT day, pain, compared FROM morning_checks").fetchall()
        out = {}
        for day, pain, compared in rows:
            try:
                d = date.fromisoformat(day)
            except (TypeError, ValueError):
                continue
            out[d] = MorningCheck(d, pain, compared)
        return out
