"""History files that are damaged, foreign, older or newer than this app; a process killed mid-session."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from coach.core.errors import CoachError
from coach.store import HistoryStore, HistoryTooNew, StoreError
from coach.store.migrations import CURRENT_VERSION, V1_SQL
from conftest import REPO
from support.session_fakes import FakeClock
from support.store_fakes import run_session


def _filled_db(path):
    store, _ = HistoryStore.open(path)
    for _ in range(3):
        run_session(store, FakeClock())
    store.close()
    return path.read_bytes()


def _foreign(path):
    c = sqlite3.connect(path)
    c.execute("CREATE TABLE recipes (name TEXT)")
    c.commit()
    c.close()


def _wrong_schema(path, version=2):
    c = sqlite3.connect(path)
    c.executescript(
        f"CREATE TABLE schema_version (version INTEGER); INSERT INTO schema_version VALUES ({version});"
        "CREATE TABLE sessions (id TEXT PRIMARY KEY);"
    )
    c.close()


@pytest.mark.parametrize("kind", ["garbage", "truncated", "text", "foreign", "wrong_schema", "old_wrong_schema"])
def test_damaged_file_moved_aside_and_fresh_history_started(tmp_path, kind):
    path = tmp_path / "history.sqlite3"
    if kind == "garbage":
        path.write_bytes(os.urandom(8192))
    elif kind == "truncated":
        data = _filled_db(path)
        path.write_bytes(data[: len(data) // 2])
    elif kind == "text":
        path.write_text("this is not a database\n" * 50)
    elif kind == "foreign":
        _foreign(path)
    else:
        _wrong_schema(path, 2 if kind == "wrong_schema" else 1)
    before = path.read_bytes()
    store, msg = HistoryStore.open(path)
    aside = [
        p
        for p in tmp_path.iterdir()
        if p.name.startswith("history.sqlite3.corrupt-") and not p.name.endswith(("-wal", "-shm", "-journal"))
    ]
    assert len(aside) == 1, sorted(p.name for p in tmp_path.iterdir())
    assert aside[0].read_bytes() == before  # kept as it was
    assert msg is not None and str(aside[0]) in msg and "new, empty history" in msg
    assert store.list_sessions() == []
    run_session(store, FakeClock())  # the fresh file works
    assert len(store.list_sessions()) == 1
    store.close()


def test_unopenable_path_is_an_error_not_moved(tmp_path):
    path = tmp_path / "data" / "history.sqlite3"
    path.mkdir(parents=True)  # a folder where the file should be
    with pytest.raises(StoreError) as err:
        HistoryStore.open(path)
    assert isinstance(err.value, CoachError) and str(path) in str(err.value)
    assert path.is_dir() and [p.name for p in path.parent.iterdir()] == ["history.sqlite3"]


def test_file_from_a_newer_app_is_left_untouched(tmp_path):
    path = tmp_path / "history.sqlite3"
    _filled_db(path)
    c = sqlite3.connect(path)
    c.execute("UPDATE schema_version SET version = ?", (CURRENT_VERSION + 3,))
    c.commit()
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.close()
    before = path.read_bytes()
    store, msg = HistoryStore.open(path)
    assert "newer version" in msg and f"v{CURRENT_VERSION + 3}" in msg and "left untouched" in msg
    assert store.list_sessions() == []  # an in-memory stand-in: this run still works
    run_session(store, FakeClock())
    store.close()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if "corrupt" in p.name or ".bak" in p.name) == []
    with pytest.raises(HistoryTooNew):
        HistoryStore.open(path, strict=True)
    assert path.read_bytes() == before


def _v1_file(path):
    """A history file exactly as version 1 of the app left it."""
    c = sqlite3.connect(path)
    c.executescript(
        V1_SQL + "CREATE TABLE schema_version (version INTEGER NOT NULL);INSERT INTO schema_version VALUES (1);"
    )
    c.execute(
        "INSERT INTO sessions VALUES ('s1', 'lateral-hip-reset', 'Quick reset', 1000.0, 1900.0, 3, 2, "
        "'old notes', 'completed', 5, 5)"
    )
    c.execute(
        "INSERT INTO sessions VALUES ('s2', 'gentle-start', 'Gentle start', 5000.0, NULL, NULL, NULL, "
        "'', 'in_progress', 4, 1)"
    )
    rows = [
        ("s1", 2, "strength", "step_down", "left", 1, 8, 8, None, 0.0, 1100.0, 1130.0, "camera", 0),
        ("s1", 2, "strength", "step_down", "right", 1, 8, 6, None, 0.0, 1160.0, 1190.0, "manual", 1),
        ("s1", 0, "roll", "tfl", None, 1, None, 0, 60.0, 60.0, 1000.0, 1060.0, "timer", 0),
        ("s2", 1, "strength", "side_plank", "left", 1, None, 0, 20.0, 20.0, 5005.0, 5025.0, "timer", 0),
    ]
    c.executemany(
        "INSERT INTO sets (session_id, step_index, kind, exercise, side, set_number, target_reps, "
        "achieved_reps, target_hold_s, achieved_hold_s, started_at, ended_at, source, skipped) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    c.commit()
    c.close()


def test_migration_from_v1_keeps_data_and_a_backup(tmp_path):
    path = tmp_path / "history.sqlite3"
    _v1_file(path)
    store, msg = HistoryStore.open(path)
    assert msg is None and store.migrated_from == 1
    s1, s2 = store.get_session("s1"), store.get_session("s2")
    assert (s1.routine_title, s1.pain_before, s1.pain_after, s1.notes, s1.status) == (
        "Quick reset",
        3,
        2,
        "old notes",
        "completed",
    )
    assert s1.camera_used and not s2.camera_used  # derived from camera-counted sets
    assert [(s.exercise, s.side, s.achieved_reps, s.partial_reps, s.skipped, s.pelvic_drops) for s in s1.sets] == [
        ("tfl", None, 0, 0, False, ()),
        ("step_down", "left", 8, 0, False, ()),  # in the routine's order
        ("step_down", "right", 6, 0, True, ()),
    ]
    assert s1.sets_planned == 0 and s1.completion == 1.0  # unknown before v4: counted in steps (5 of 5)
    assert s2.status == "interrupted" and s2.ended_at == 5025.0
    assert [r.id for r in store.list_sessions()] == ["s2", "s1"]
    run_session(store, FakeClock())  # new sets with drops go into the migrated file
    assert store.conn.execute("SELECT count(*) FROM pelvic_drops").fetchone()[0] == 2
    store.close()
    backups = [p for p in tmp_path.iterdir() if p.name.startswith("history.sqlite3.bak-v1-")]
    assert len(backups) == 1
    b = sqlite3.connect(backups[0])
    assert b.execute("SELECT version FROM schema_version").fetchone() == (1,)
    assert b.execute("SELECT count(*) FROM sets").fetchone() == (4,)
    assert "pelvic_drops" not in {r[0] for r in b.execute("SELECT name FROM sqlite_master")}
    b.close()
    store, _ = HistoryStore.open(path)  # current now: no further backup
    store.close()
    assert len([p for p in tmp_path.iterdir() if ".bak-" in p.name]) == 1


CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from coach.core.session import Phase
    from coach.store import HistoryStore
    from support.session_fakes import FakeClock, engine, routine, strength

    store, _ = HistoryStore.open(Path(sys.argv[1]))
    clock = FakeClock()
    eng = engine(routine(strength(sets=3, reps=4, rest=20)), clock)
    eng._on_set = lambda s: store.add_set(eng.record.id, s)
    eng.start(pain_before=5)
    store.begin_session(eng.record)
    while len(eng.record.sets) < int(sys.argv[2]):
        clock.advance(0.5)
        eng.tick()
        while eng.phase == Phase.WORK:
            eng.add_rep("camera")
    while eng.phase != Phase.WORK:  # into the next set (a + during the rest would correct the last one)
        clock.advance(0.5)
        eng.tick()
    eng.add_rep()  # the set in progress has a rep that is not yet saved
    print("READY", eng.record.id, flush=True)
    time.sleep(120)
""")


def test_killed_mid_session_keeps_completed_sets(tmp_path):
    path = tmp_path / "history.sqlite3"
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")])}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(path), "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("READY"), proc.stderr.read() if proc.poll() is not None else line
        session_id = line.split()[1]
        live, _ = HistoryStore.open(path)  # a reader while the writer runs (WAL)
        assert len(live.get_session(session_id).sets) == 4
        live.close()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    store, msg = HistoryStore.open(path)
    assert msg is None
    rec = store.get_session(session_id)
    assert rec.status == "interrupted" and rec.pain_before == 5 and rec.camera_used is False
    assert [(s.side, s.set_number, s.achieved_reps, s.source) for s in rec.sets] == [
        ("left", 1, 4, "camera"),
        ("left", 2, 4, "camera"),
        ("left", 3, 4, "camera"),
        ("right", 1, 4, "camera"),
    ]
    assert rec.ended_at == rec.sets[-1].ended_at
    assert [r.status for r in store.list_sessions()] == ["interrupted"]
    store.close()


def test_migration_from_v2_derives_the_set_peak_from_its_flags(tmp_path):
    from coach.store.migrations import V2_SQL

    path = tmp_path / "history.sqlite3"
    c = sqlite3.connect(path)
    c.executescript(
        V1_SQL + V2_SQL + "CREATE TABLE schema_version (version INTEGER NOT NULL);"
        "INSERT INTO schema_version VALUES (2);"
        "INSERT INTO sessions (id, routine_id, routine_title, started_at, status) "
        "VALUES ('s', 'r', 'R', 1.0, 'completed');"
        "INSERT INTO sets (id, session_id, step_index, kind, exercise, side, set_number, started_at, ended_at, "
        "source) VALUES (1, 's', 0, 'strength', 'step_down', 'left', 1, 2.0, 3.0, 'camera'),"
        "(2, 's', 0, 'strength', 'step_down', 'right', 1, 4.0, 5.0, 'camera');"
        "INSERT INTO pelvic_drops (set_id, side, peak_deg, t_s) VALUES (1, 'left', 6.5, 1.0), (1, 'left', 8.25, 2.0);"
    )
    c.close()
    store, msg = HistoryStore.open(path)
    assert msg is None and store.migrated_from == 2
    sets = store.get_session("s").sets
    assert [(s.side, s.peak_drop_deg) for s in sets] == [("left", 8.25), ("right", None)]
    store.close()
    assert len([p for p in tmp_path.iterdir() if ".bak-v2-" in p.name]) == 1
