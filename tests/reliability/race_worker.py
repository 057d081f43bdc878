"""Worker for the concurrent-open race (run in spawned processes): open each history file when every
worker is ready, then read it (like ``coach history list``) or save one session (like the app)."""

from __future__ import annotations

from pathlib import Path

from coach.core.record import SessionRecord, SetRecord


def old_history(path: Path, version: int) -> None:
    """A history file as app version ``version`` (2 or 3) left it, with three sessions of one set each."""
    import sqlite3

    from coach.store.migrations import MIGRATIONS

    c = sqlite3.connect(path)
    c.executescript(
        "".join(MIGRATIONS[:version]) + "CREATE TABLE schema_version (version INTEGER NOT NULL);"
        f"INSERT INTO schema_version VALUES ({version});"
    )
    for i in range(3):
        c.execute(
            "INSERT INTO sessions (id, routine_id, routine_title, started_at, ended_at, status) "
            "VALUES (?, 'r', 'R', ?, ?, 'completed')",
            (f"old-{i}", 1000.0 + i, 1060.0 + i),
        )
        c.execute(
            "INSERT INTO sets (session_id, step_index, kind, exercise, side, set_number, started_at, "
            "ended_at, source) VALUES (?, 0, 'roll', 'tfl', 'left', 1, ?, ?, 'timer')",
            (f"old-{i}", 1000.0 + i, 1060.0 + i),
        )
    c.commit()
    if version == 3:
        c.execute("PRAGMA journal_mode = WAL")  # as the app leaves its files (v2: an older rollback-journal file)
    c.close()


def work(worker: int, paths: list[str], barrier, results) -> None:
    """Worker 0 reads, the others each save a session ``w<worker>`` in every file. Outcomes go to ``results``
    as (file index, worker, problem or None)."""
    from coach.store import HistoryStore

    for i, p in enumerate(paths):
        barrier.wait(timeout=60)
        problem = None
        try:
            store, msg = HistoryStore.open(Path(p))
            problem = msg
            with store:
                if worker == 0:
                    store.list_sessions()
                else:
                    rec = SessionRecord(
                        id=f"w{worker}",
                        routine_id="r",
                        routine_title="R",
                        started_at=5000.0 + worker,
                        ended_at=5100.0,
                        status="completed",
                        steps_total=1,
                        steps_done=1,
                    )
                    store.begin_session(rec)
                    s = SetRecord(0, "roll", "tfl", "left", 1, started_at=5000.0, ended_at=5060.0, source="timer")
                    store.add_set(rec.id, s, steps_done=1)
                    store.finish_session(SessionRecord(**{**rec.__dict__, "sets": (s,)}))
        except Exception as err:  # reported to the test, which fails with it
            problem = f"{type(err).__name__}: {err}"
        results.put((i, worker, problem))
