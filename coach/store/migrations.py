"""History schema and its ordered migrations; ``schema_version`` holds the version a file is at.

``MIGRATIONS[n]`` takes a file from version n to n+1; all steps run in one transaction. Before migrating a
file that already has a schema, the caller's ``backup(version)`` is called once (see ``db.py``).
v1: sessions and sets. v2: pelvic_drops table, sets.partial_reps, sessions.camera_used (derived
from camera-counted sets for old rows). v3: sets.peak_drop_deg, the largest pelvic drop measured in a set
(flagged or not; old rows: the largest flag). v4: triggers refusing out-of-range values (text or huge times,
pain outside 0-10, ...), as CHECK constraints would. v5: sessions.sets_planned, the sets and roll sides the
routine held (0 for old rows: completion is then counted in steps). v6: the programme's state, morning checks
and dose decisions (``programme.py``). v7: the run log (``runs.py``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from coach.store.errors import CorruptHistory, HistoryTooNew
from coach.store.programme import PROGRAMME_SQL, TABLES
from coach.store.runs import RUN_TABLES, RUNS_SQL

V1_SQL = """
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    routine_id TEXT NOT NULL,
    routine_title TEXT NOT NULL,
    started_at REAL NOT NULL,
    ended_at REAL,
    pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
    pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    notes TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'completed', 'interrupted')),
    steps_total INTEGER NOT NULL DEFAULT 0,
    steps_done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_started ON sessions (started_at);
CREATE TABLE sets (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL,
    kind TEXT NOT NULL,
    exercise TEXT NOT NULL,
    side TEXT CHECK (side IN ('left', 'right')),
    set_number INTEGER NOT NULL,
    target_reps INTEGER,
    achieved_reps INTEGER NOT NULL DEFAULT 0,
    target_hold_s REAL,
    achieved_hold_s REAL NOT NULL DEFAULT 0,
    started_at REAL NOT NULL,
    ended_at REAL NOT NULL,
    source TEXT NOT NULL,
    skipped INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sets_session ON sets (session_id);
"""

V2_SQL = """
ALTER TABLE sessions ADD COLUMN camera_used INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sets ADD COLUMN partial_reps INTEGER NOT NULL DEFAULT 0;
CREATE TABLE pelvic_drops (
    id INTEGER PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES sets (id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('left', 'right')),
    peak_deg REAL NOT NULL,
    t_s REAL NOT NULL
);
CREATE INDEX drops_set ON pelvic_drops (set_id);
UPDATE sessions SET camera_used = 1 WHERE id IN (SELECT session_id FROM sets WHERE source = 'camera');
"""

V3_SQL = """
ALTER TABLE sets ADD COLUMN peak_drop_deg REAL;
UPDATE sets SET peak_drop_deg = (SELECT max(peak_deg) FROM pelvic_drops d WHERE d.set_id = sets.id);
"""


def _time(col: str) -> str:
    """SQL: ``col`` is a Unix time in seconds a date can show (years 1970-9999)."""
    return f"(typeof({col}) IN ('integer', 'real') AND {col} BETWEEN 0 AND 253402300799)"


def _int(col: str, hi: int = 1_000_000) -> str:
    return f"(typeof({col}) = 'integer' AND {col} BETWEEN 0 AND {hi})"


def _real(col: str, lo: float, hi: float) -> str:
    return f"(typeof({col}) IN ('integer', 'real') AND {col} BETWEEN {lo} AND {hi})"


def _guard(table: str, name: str, condition: str) -> str:
    """BEFORE INSERT and UPDATE triggers refusing a row unless ``condition`` holds: the CHECK constraints of
    v4 (SQLite can't add a CHECK to an existing table without rebuilding it, which would cascade deletes)."""
    return "".join(
        f"""
CREATE TRIGGER {table}_{name}_{op.lower()} BEFORE {op} ON {table}
WHEN NOT ({condition})
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {table} values out of range'); END;
"""
        for op in ("INSERT", "UPDATE")
    )


_SESSION_OK = " AND ".join(
    [
        "typeof(NEW.id) = 'text'",
        "typeof(NEW.routine_id) = 'text'",
        "typeof(NEW.routine_title) = 'text'",
        _time("NEW.started_at"),
        f"(NEW.ended_at IS NULL OR {_time('NEW.ended_at')})",
        f"(NEW.pain_before IS NULL OR {_int('NEW.pain_before', 10)})",
        f"(NEW.pain_after IS NULL OR {_int('NEW.pain_after', 10)})",
        "typeof(NEW.notes) = 'text'",
        _int("NEW.steps_total"),
        _int("NEW.steps_done"),
        _int("NEW.camera_used", 1),
    ]
)
_SET_OK = " AND ".join(
    [
        _int("NEW.step_index"),
        "typeof(NEW.kind) = 'text'",
        "typeof(NEW.exercise) = 'text'",
        _int("NEW.set_number"),
        f"(NEW.target_reps IS NULL OR {_int('NEW.target_reps')})",
        _int("NEW.achieved_reps"),
        _int("NEW.partial_reps"),
        f"(NEW.target_hold_s IS NULL OR {_real('NEW.target_hold_s', 0, 1_000_000)})",
        _real("NEW.achieved_hold_s", 0, 1_000_000),
        _time("NEW.started_at"),
        _time("NEW.ended_at"),
        "typeof(NEW.source) = 'text'",
        _int("NEW.skipped", 1),
        f"(NEW.peak_drop_deg IS NULL OR {_real('NEW.peak_drop_deg', -180, 180)})",
    ]
)
_DROP_OK = f"{_real('NEW.peak_deg', -180, 180)} AND {_real('NEW.t_s', -1_000_000, 1_000_000)}"

# v4: every value in range, checked by SQLite on every write (values in older rows are checked on read).
V4_SQL = (
    _guard("sessions", "valid", _SESSION_OK)
    + _guard("sets", "valid", _SET_OK)
    + _guard("pelvic_drops", "valid", _DROP_OK)
)

V5_SQL = """
ALTER TABLE sessions ADD COLUMN sets_planned INTEGER NOT NULL DEFAULT 0;
"""

MIGRATIONS: list[str] = [V1_SQL, V2_SQL, V3_SQL, V4_SQL, V5_SQL, PROGRAMME_SQL, RUNS_SQL]
CURRENT_VERSION = len(MIGRATIONS)

# The sessions' and sets' columns at the current version, in the order the store reads them.
SESSION_COLUMNS = (
    "id",
    "routine_id",
    "routine_title",
    "started_at",
    "ended_at",
    "pain_before",
    "pain_after",
    "notes",
    "status",
    "steps_total",
    "steps_done",
    "camera_used",
    "sets_planned",
)
SET_COLUMNS = (  # without id and session_id
    "step_index",
    "kind",
    "exercise",
    "side",
    "set_number",
    "target_reps",
    "achieved_reps",
    "partial_reps",
    "target_hold_s",
    "achieved_hold_s",
    "started_at",
    "ended_at",
    "source",
    "skipped",
    "peak_drop_deg",
)

# Columns every table must have at the current version (checked on open: a mismatch = not our file).
EXPECTED = {
    "sessions": set(SESSION_COLUMNS),
    "sets": {"id", "session_id", *SET_COLUMNS},
    "pelvic_drops": {"id", "set_id", "side", "peak_deg", "t_s"},
    **TABLES,
    **RUN_TABLES,
}


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def read_version(conn: sqlite3.Connection) -> int:
    """The file's schema version: 0 for an empty file; raises CorruptHistory for a foreign database."""
    tables = _tables(conn) - {"sqlite_sequence"}
    if "schema_version" not in tables:
        if tables:
            raise CorruptHistory(f"it holds other tables ({', '.join(sorted(tables))}), not a coach history")
        return 0
    rows = conn.execute("SELECT version FROM schema_version").fetchall()
    if len(rows) != 1 or not isinstance(rows[0][0], int) or rows[0][0] < 0:
        raise CorruptHistory("its schema_version table is damaged")
    return rows[0][0]


def check_schema(conn: sqlite3.Connection) -> None:
    """Raise CorruptHistory unless every current table has its expected columns."""
    for table, cols in EXPECTED.items():
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        if not cols <= have:
            missing = ", ".join(sorted(cols - have))
            raise CorruptHistory(f"table {table!r} lacks {missing}")


def statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (``sqlite3.complete_statement``: trigger bodies stay whole)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def migrate(conn: sqlite3.Connection, backup: Callable[[int], object] | None = None) -> int:
    """Bring the file to CURRENT_VERSION; returns the version this call migrated from. Needs an autocommit
    connection.

    Several processes may open an old file at once: the version is read again under ``BEGIN IMMEDIATE`` (the
    write lock, waited for up to the busy timeout), so only the first one migrates and the others find the
    file current ("already migrated" is success). ``backup(version)`` is called once, inside the lock, before
    an existing file is changed; every step runs in that one transaction (all or nothing)."""
    found = read_version(conn)
    if found > CURRENT_VERSION:
        raise HistoryTooNew(found, CURRENT_VERSION)
    if found < CURRENT_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            found = read_version(conn)  # another process may have migrated while we waited for the lock
            if found > CURRENT_VERSION:
                raise HistoryTooNew(found, CURRENT_VERSION)
            if 0 < found < CURRENT_VERSION and backup is not None:  # an existing file: keep a copy as it was
                backup(found)
            for version in range(found, CURRENT_VERSION):
                _step(conn, version)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    check_schema(conn)
    return found


def _step(conn: sqlite3.Connection, version: int) -> None:
    """Run ``MIGRATIONS[version]`` inside the caller's transaction; a file whose tables don't match is damaged."""
    script = MIGRATIONS[version]
    if version == 0:
        script += "CREATE TABLE schema_version (version INTEGER NOT NULL);\nINSERT INTO schema_version VALUES (0);\n"
    try:
        for stmt in statements(script):
            conn.execute(stmt)
        conn.execute("UPDATE schema_version SET version = ?", (version + 1,))
    except sqlite3.OperationalError as err:
        if "no such" in str(err) or "duplicate" in str(err):
            raise CorruptHistory(f"its v{version} tables are not as expected ({err})") from err
        raise
