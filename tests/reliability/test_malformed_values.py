"""Impossible values in the history (SQLite stores 'yesterday' in a REAL column) or in the recovery file:
skipped and counted on read, refused on write by the v4 triggers; `coach history list` never shows a traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from coach.core.record import SessionRecord, SetRecord
from coach.store import HistoryStore, StoreError
from coach.store.migrations import MIGRATIONS
from conftest import REPO
from reliability.race_worker import old_history

BAD = [
    ("sessions", "started_at", "'yesterday'"),
    ("sessions", "started_at", "1e300"),
    ("sessions", "ended_at", "-1e300"),
    ("sessions", "steps_done", "'lots'"),
    ("sets", "started_at", "'yesterday'"),
    ("sets", "ended_at", "1e300"),
    ("sets", "achieved_reps", "2.5"),
    ("pelvic_drops", "peak_deg", "'big'"),
]


def _v3_with_bad_row(path, table, col, value):
    old_history(path, 3)  # sessions old-0..2, one set each
    c = sqlite3.connect(path)
    c.execute("INSERT INTO pelvic_drops (set_id, side, peak_deg, t_s) VALUES (1, 'left', 6.0, 1.0)")
    where = {"sessions": "id = 'old-0'", "sets": "session_id = 'old-0'", "pelvic_drops": "set_id = 1"}[table]
    c.execute(f"UPDATE {table} SET {col} = {value} WHERE {where}")
    c.commit()
    c.close()


@pytest.mark.parametrize("table,col,value", BAD)
def test_a_damaged_row_is_skipped_and_counted(tmp_path, table, col, value):
    path = tmp_path / "history.sqlite3"
    _v3_with_bad_row(path, table, col, value)
    store, msg = HistoryStore.open(path)
    assert msg is None
    got = {r.id: r for r in store.list_sessions()}
    assert store.skipped >= 1 and "left out" in store.skipped_note()
    if table == "sessions":
        assert sorted(got) == ["old-1", "old-2"]
        with pytest.raises(StoreError, match="damaged"):
            store.get_session("old-0")
    else:
        assert sorted(got) == ["old-0", "old-1", "old-2"]
        want = 0 if table == "sets" else 1  # the bad set left out; a bad flag leaves its set
        assert len(got["old-0"].sets) == want and got["old-0"].sets[0].pelvic_drops == () if want else True
    for r in got.values():  # what the views do with every record
        r.duration_s, r.completion, r.total_reps, r.drops_by_side()
    store.close()


def test_cli_list_says_one_line_about_damaged_rows(tmp_path, coach_home):
    _v3_with_bad_row(coach_home / "history.sqlite3", "sessions", "started_at", "'yesterday'")
    out = subprocess.run(
        [sys.executable, "-m", "coach", "history", "list"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "COACH_HOME": str(coach_home)},
        timeout=60,
    )
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert len(out.stdout.splitlines()) == 4  # header, rule, old-1, old-2
    assert out.stderr.count("\n") == 1 and "1 damaged entry" in out.stderr


@pytest.mark.parametrize("table,col,value", BAD)
def test_the_v4_schema_refuses_impossible_values(tmp_path, table, col, value):
    assert len(MIGRATIONS) >= 4
    path = tmp_path / "history.sqlite3"
    old_history(path, 3)
    store, _ = HistoryStore.open(path)
    store.conn.execute("INSERT INTO pelvic_drops (set_id, side, peak_deg, t_s) VALUES (1, 'left', 6.0, 1.0)")
    where = {"sessions": "id = 'old-1'", "sets": "session_id = 'old-1'", "pelvic_drops": "set_id = 1"}[table]
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.conn.execute(f"UPDATE {table} SET {col} = {value} WHERE {where}")
    rec = SessionRecord(id="new", routine_id="r", routine_title="R", started_at=1e300)
    with pytest.raises(StoreError, match="CHECK"):
        store.begin_session(rec)
    bad_set = SetRecord(0, "roll", "tfl", "left", 1, started_at=float("inf"), ended_at=10.0)
    with pytest.raises(StoreError, match="CHECK"):
        store.add_set("old-1", bad_set)
    assert store.list_sessions() and store.skipped == 0
    store.close()
