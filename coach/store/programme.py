"""The programme's tables in the history file: its state (one row of versioned JSON, see
``coach.core.programme.tracker``), the next-morning checks and the dose decisions with their reasons.

``ProgrammeTables`` is mixed into ``HistoryStore``: same connection, same transactions, same errors (StoreError).
Days are ISO dates (local calendar); times are Unix seconds. The state row also keeps what the user chose in
Settings for the programme (``EXTRAS``: the thresholds and the training days), so the app and ``coach plan`` read
the same values; they stay when the state is saved or the programme stopped.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from coach.core.programme.model import Dose
from coach.core.programme.outcomes import MorningCheck
from coach.core.programme.progression import Decision
from coach.core.programme.rules import Rules, rules_from_dict, rules_to_dict
from coach.core.programme.schedule import TrainingTimes, times_from_dict, times_to_dict

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


RULES_KEY = "rules"  # the thresholds chosen in Settings
SCHEDULE_KEY = "schedule"  # the training days and time chosen in Settings
EXTRAS = (RULES_KEY, SCHEDULE_KEY)  # kept inside the state row (no schema change), across saves and a stop


def _loads(text: object) -> dict[str, object]:
    """The state row as a dict ({} when it isn't one)."""
    try:
        d = json.loads(str(text))
    except (json.JSONDecodeError, TypeError):
        return {}
    return d if isinstance(d, dict) else {}


def _saved_extras(c: sqlite3.Connection) -> dict[str, object]:
    row = c.execute("SELECT state FROM programme_state WHERE id = 1").fetchone()
    d = {} if row is None else _loads(row[0])
    return {k: d[k] for k in EXTRAS if d.get(k) is not None}


def _write_state(c: sqlite3.Connection, state_json: str, now: float) -> None:
    c.execute(
        "INSERT INTO programme_state (id, state, updated_at) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
        (state_json, now),
    )


def _dose(d: Dose) -> str:
    return json.dumps([d.exercise, d.variation, d.amount, d.sets])


def _undose(text: str) -> Dose:
    ex, var, amount, sets = json.loads(text)
    return Dose(str(ex), int(var), int(amount), int(sets))


class ProgrammeTables:
    """Programme rows of a ``HistoryStore`` (which supplies ``conn``, ``_tx`` and ``_reading``)."""

    conn: sqlite3.Connection

    def programme_state(self) -> str | None:
        """The saved state JSON, or None before a programme was set up (the row may then hold only the rules)."""
        with self._reading("read the programme"):  # type: ignore[attr-defined]
            row = self.conn.execute("SELECT state FROM programme_state WHERE id = 1").fetchone()
        if row is None:
            return None
        keys = set(_loads(row[0]))
        return None if keys and keys <= set(EXTRAS) else str(row[0])  # a damaged row is returned: its reader says so

    def save_programme(self, state_json: str, decisions: list[Decision], now: float) -> None:
        """The new state and the decisions that made it, in one transaction (the saved rules are kept)."""
        with self._tx("save the programme") as c:  # type: ignore[attr-defined]
            extras = _saved_extras(c)
            _write_state(c, json.dumps(_loads(state_json) | extras, sort_keys=True) if extras else state_json, now)
            c.executemany(
                "INSERT INTO programme_decisions (day, exercise, action, dose, was, reason) VALUES (?, ?, ?, ?, ?, ?)",
                [(d.day.isoformat(), d.exercise, d.action, _dose(d.dose), _dose(d.was), d.reason) for d in decisions],
            )

    def clear_programme(self) -> None:
        """Stop the programme: its state and decisions go, the thresholds chosen in Settings stay."""
        with self._tx("stop the programme") as c:  # type: ignore[attr-defined]
            extras = _saved_extras(c)
            c.execute("DELETE FROM programme_state")
            c.execute("DELETE FROM programme_decisions")
            if extras:
                _write_state(c, json.dumps(extras, sort_keys=True), 0.0)

    def programme_rules(self) -> Rules:
        """The progression thresholds chosen in Settings (clamped to safe values), or the defaults."""
        return rules_from_dict(self._extra(RULES_KEY, "read the programme's thresholds"))

    def save_programme_rules(self, rules: Rules | None, now: float) -> None:
        """Save the thresholds (clamped to safe values); None goes back to the defaults."""
        self._save_extra(RULES_KEY, None if rules is None else rules_to_dict(rules.checked()), now, "thresholds")

    def programme_schedule(self) -> TrainingTimes:
        """The training days and time chosen in Settings, or the defaults."""
        return times_from_dict(self._extra(SCHEDULE_KEY, "read the training days"))

    def save_programme_schedule(self, times: TrainingTimes | None, now: float) -> None:
        self._save_extra(SCHEDULE_KEY, None if times is None else times_to_dict(times), now, "training days")

    def _extra(self, key: str, what: str) -> object:
        with self._reading(what):  # type: ignore[attr-defined]
            row = self.conn.execute("SELECT state FROM programme_state WHERE id = 1").fetchone()
        return None if row is None else _loads(row[0]).get(key)

    def _save_extra(self, key: str, value: object, now: float, what: str) -> None:
        with self._tx(f"save the programme's {what}") as c:  # type: ignore[attr-defined]
            row = c.execute("SELECT state FROM programme_state WHERE id = 1").fetchone()
            state = _loads(row[0]) if row is not None else {}
            state.pop(key, None)
            if value is not None:
                state[key] = value
            if row is not None or state:
                _write_state(c, json.dumps(state, sort_keys=True), now)

    def decisions(self, latest: bool = False) -> list[Decision]:
        """Every dose decision, oldest first (rows that can't be read are left out); ``latest``: only the last one
        of each exercise (what Today shows, without reading years of them into Python)."""
        cols = "day, exercise, action, dose, was, reason"
        query = (
            f"SELECT {cols} FROM (SELECT {cols}, id, ROW_NUMBER() OVER (PARTITION BY exercise "
            "ORDER BY day DESC, id DESC) AS nth FROM programme_decisions) WHERE nth = 1 ORDER BY day, id"
            if latest
            else f"SELECT {cols} FROM programme_decisions ORDER BY day, id"
        )
        with self._reading("read the programme's decisions"):  # type: ignore[attr-defined]
            rows = self.conn.execute(query).fetchall()
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
