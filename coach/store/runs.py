"""The run log's table in the history file (schema v7) and ``RunTables``, mixed into ``HistoryStore``.

Times are Unix seconds (UTC); distances metres; durations seconds; pain and effort 0-10 or NULL. ``key`` is
``Run.key`` (the source's id, or the start to the second): unique, so importing the same activity twice adds
nothing. ``add_run`` also refuses an imported run starting within two minutes of another imported one
(``same_activity``): the same run from a GPX file and from a Strava export.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from coach.core.runs.model import SAME_START_S, Run, RunError, same_activity
from coach.store.errors import StoreError

RUNS_SQL = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 300),
    started_at REAL NOT NULL CHECK (started_at BETWEEN 0 AND 253402300799),
    distance_m REAL NOT NULL CHECK (distance_m > 0 AND distance_m <= 1000000),
    duration_s REAL NOT NULL CHECK (duration_s BETWEEN 0 AND 604800),
    effort INTEGER CHECK (effort BETWEEN 0 AND 10),
    pain_during INTEGER CHECK (pain_during BETWEEN 0 AND 10),
    pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    source TEXT NOT NULL CHECK (source IN ('manual', 'gpx', 'tcx', 'fit', 'strava')),
    external_id TEXT NOT NULL DEFAULT '' CHECK (length(external_id) <= 200),
    name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 500),
    added_at REAL NOT NULL
) STRICT;
CREATE INDEX runs_started ON runs (started_at);
"""
RUN_TABLES = {
    "runs": {
        "id",
        "key",
        "started_at",
        "distance_m",
        "duration_s",
        "effort",
        "pain_during",
        "pain_after",
        "source",
        "external_id",
        "name",
        "added_at",
    }
}
_COLS: tuple[str, ...] = ("id", "started_at", "distance_m", "duration_s", "effort", "pain_during", "pain_after")
_COLS += ("source", "external_id", "name")


def _row(r: Run) -> tuple[Any, ...]:
    return (
        r.key,
        r.started_at.timestamp(),
        r.distance_m,
        r.duration_s,
        r.effort,
        r.pain_during,
        r.pain_after,
        r.source,
        r.external_id[:200],
        r.name[:500],
    )


def _run(row: tuple[Any, ...]) -> Run | None:
    d = dict(zip(_COLS, row))
    try:
        t = datetime.fromtimestamp(float(d.pop("started_at")), UTC)
        return Run(started_at=t, **d)
    except (RunError, TypeError, ValueError, OverflowError, OSError):
        return None


class RunTables:
    """Run rows of a ``HistoryStore`` (which supplies ``conn``, ``_tx``, ``_reading`` and ``skipped``)."""

    conn: sqlite3.Connection
    skipped: int

    def add_run(self, run: Run, now: float | None = None) -> bool:
        """Save ``run``; False (nothing written) when the same activity is already there."""
        added = self.add_runs([run], now)
        return added == 1

    def add_runs(self, runs: list[Run], now: float | None = None) -> int:
        """Save several runs in one transaction; returns how many were new (duplicates are left out)."""
        at = datetime.now(UTC).timestamp() if now is None else now
        n = 0
        with self._tx("save the runs") as c:  # type: ignore[attr-defined]
            for r in runs:
                if self._duplicate(c, r):
                    continue
                c.execute(
                    "INSERT INTO runs (key, started_at, distance_m, duration_s, effort, pain_during, pain_after, "
                    "source, external_id, name, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*_row(r), at),
                )
                n += 1
        return n

    @staticmethod
    def _duplicate(c: sqlite3.Connection, r: Run) -> bool:
        if c.execute("SELECT 1 FROM runs WHERE key = ?", (r.key,)).fetchone():
            return True
        if r.source == "manual":
            return False
        t = r.started_at.timestamp()
        near = c.execute(
            f"SELECT {', '.join(_COLS)} FROM runs WHERE source != 'manual' AND started_at BETWEEN ? AND ?",
            (t - SAME_START_S, t + SAME_START_S),
        ).fetchall()
        return any(o is not None and same_activity(o, r) for o in map(_run, near))

    def runs(self, since: datetime | None = None, until: datetime | None = None) -> list[Run]:
        """Runs that started in [since, until) (aware datetimes; None = open), oldest first. Rows holding
        impossible values are left out and counted in ``skipped``."""
        self.skipped = 0
        lo = -1.0 if since is None else since.timestamp()
        hi = 1e300 if until is None else until.timestamp()
        with self._reading("read the runs"):  # type: ignore[attr-defined]
            rows = self.conn.execute(
                f"SELECT {', '.join(_COLS)} FROM runs WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id",
                (lo, hi),
            ).fetchall()
        out = []
        for row in rows:
            r = _run(row)
            if r is None:
                self.skipped += 1
            else:
                out.append(r)
        return out

    def streak_start(self, until: datetime, gap_s: float) -> datetime | None:
        """When the latest streak of runs began: the start of the last run at or before ``until`` that follows more
        than ``gap_s`` seconds without a run (or the very first run). None: no run at or before ``until``. Read
        from the start times alone (no row is turned into a Run), rows ``runs`` would skip included: a gap found
        here is a gap between the runs ``runs`` returns too."""
        with self._reading("read the runs"):  # type: ignore[attr-defined]
            row = self.conn.execute(
                "SELECT MAX(started_at) FROM (SELECT started_at, LAG(started_at) OVER (ORDER BY started_at) AS prev "
                "FROM runs WHERE started_at <= ?) WHERE prev IS NULL OR started_at - prev > ?",
                (until.timestamp(), gap_s),
            ).fetchone()
        if row is None or row[0] is None:
            return None
        try:
            return datetime.fromtimestamp(float(row[0]), UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            return None

    def update_run(self, run: Run) -> None:
        """Replace the saved run with ``run.id`` (pain, effort, distance... edited). Its key stays as saved."""
        if run.id is None:
            raise StoreError("Can't edit a run that was never saved")
        with self._tx("edit the run") as c:  # type: ignore[attr-defined]
            cur = c.execute(
                "UPDATE runs SET started_at = ?, distance_m = ?, duration_s = ?, effort = ?, pain_during = ?, "
                "pain_after = ?, name = ? WHERE id = ?",
                (*_row(run)[1:7], run.name[:500], run.id),
            )
            if cur.rowcount != 1:
                raise StoreError(f"No run {run.id} in the history")

    def delete_run(self, run_id: int) -> None:
        """Remove a run (no error if it is not there)."""
        with self._tx("delete the run") as c:  # type: ignore[attr-defined]
            c.execute("DELETE FROM runs WHERE id = ?", (run_id,))
