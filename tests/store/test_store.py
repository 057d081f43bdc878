"""History store on real SQLite files: round trip, interrupted sessions, deletes, bad calls."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from coach.core.errors import CoachError
from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord
from coach.store import HistoryStore, StoreError
from coach.store.migrations import CURRENT_VERSION
from support.session_fakes import FakeClock, engine, routine, strength
from support.store_fakes import run_session


def test_round_trip_real_file(tmp_path):
    path = tmp_path / "history.sqlite3"
    store, msg = HistoryStore.open(path)
    assert msg is None
    eng = run_session(store, FakeClock(), camera=True)
    store.close()
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    store, msg = HistoryStore.open(path)
    assert msg is None and store.migrated_from == CURRENT_VERSION
    got = store.get_session(eng.record.id)
    assert got == eng.record  # every field, every set, every drop
    assert got.status == "completed" and got.camera_used and got.notes == "knee calm"
    assert got.drops_by_side() == {"left": 2, "right": 0}  # step-down left sets 1 and 2
    assert [s.pelvic_drops for s in got.sets if s.pelvic_drops][0] == (PelvicDropEvent("left", 6.25, 0.0),)
    assert store.list_sessions() == [got]
    store.close()


def test_list_newest_first_and_delete_cascades(tmp_path):
    store, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    clock = FakeClock()
    first = run_session(store, clock).record
    clock.advance(3600)
    second = run_session(store, clock).record
    assert [r.id for r in store.list_sessions()] == [second.id, first.id]
    store.delete_session(second.id)
    assert [r.id for r in store.list_sessions()] == [first.id]
    n_sets = store.conn.execute("SELECT count(*) FROM sets").fetchone()[0]
    n_drops = store.conn.execute("SELECT count(*) FROM pelvic_drops").fetchone()[0]
    assert (n_sets, n_drops) == (len(first.sets), 2)
    store.delete_session("no-such-id")  # no error
    with pytest.raises(StoreError) as err:
        store.get_session(second.id)
    assert isinstance(err.value, CoachError)
    store.close()


def test_unfinished_session_is_in_progress_for_its_run_and_interrupted_after(tmp_path):
    path = tmp_path / "h.sqlite3"
    store, _ = HistoryStore.open(path)
    clock = FakeClock()
    eng = engine(routine(strength(sets=2, reps=2, per_side=False, rest=10)), clock)
    eng._on_set = lambda s: store.add_set(eng.record.id, s)
    eng.start()
    store.begin_session(eng.record)
    clock.advance(5)
    eng.tick()
    eng.add_rep()
    eng.add_rep()  # set 1 committed
    assert store.list_sessions()[0].status == "in_progress"
    other, _ = HistoryStore.open(path)  # e.g. `coach history list` while the app runs
    assert other.list_sessions()[0].status == "in_progress"  # its run still holds it
    store.close()  # the run is gone (a crash drops the lock the same way: tests/store/test_store_live.py)
    seen = other.list_sessions()[0]
    assert seen.status == "interrupted" and len(seen.sets) == 1
    assert seen.ended_at == eng.record.sets[0].ended_at
    other.close()


def test_finish_session_adds_sets_the_store_missed(tmp_path):
    store, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    clock = FakeClock()
    eng = run_session(store, clock, finish=False)
    rec = eng.finish(pain_after=1)
    store.conn.execute("DELETE FROM sets WHERE id IN (SELECT id FROM sets ORDER BY id DESC LIMIT 3)")
    store.finish_session(rec)
    store.finish_session(rec)  # twice: still no duplicates
    assert store.get_session(rec.id) == rec
    store.close()


def test_add_set_for_unknown_session_is_a_clear_error(tmp_path):
    store, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    eng = run_session(store, FakeClock())
    with pytest.raises(StoreError, match="no-such-session"):
        store.add_set("no-such-session", eng.record.sets[0])
    assert len(store.get_session(eng.record.id).sets) == len(eng.record.sets)  # nothing lost or added
    store.close()


def test_injected_connection_and_bad_values_rejected(tmp_path):
    conn = sqlite3.connect(tmp_path / "injected.sqlite3")
    store = HistoryStore(conn)
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    eng = run_session(store, FakeClock(), drops=False)
    bad = replace(eng.record, id="x", pain_after=11, sets=())
    with pytest.raises(StoreError, match="CHECK"):
        store.finish_session(bad)  # the schema's CHECK keeps pain within 0-10
    assert [r.id for r in store.list_sessions()] == [eng.record.id]
    store.close()


def test_read_errors_become_store_errors(tmp_path):
    """A closed or unusable connection while reading gives the store's own error, not a raw sqlite3 one."""
    store, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    store.close()
    with pytest.raises(StoreError, match="Can't read the history"):
        store.list_sessions()
    with pytest.raises(StoreError, match="Can't read session abc"):
        store.get_session("abc")


def test_a_set_saved_again_replaces_the_old_one_with_its_flags(tmp_path):
    store, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    rec = SessionRecord(id="s", routine_id="r", routine_title="R", started_at=100.0, steps_total=3)
    store.begin_session(rec)
    first = SetRecord(
        1,
        "strength",
        "step_down",
        "left",
        1,
        target_reps=8,
        achieved_reps=5,
        started_at=110,
        ended_at=140,
        pelvic_drops=(PelvicDropEvent("left", 7.0, 3.0),),
    )
    store.add_set("s", first, steps_done=1)
    again = replace(
        first,
        achieved_reps=8,
        started_at=200,
        ended_at=230,
        peak_drop_deg=9.5,
        pelvic_drops=(PelvicDropEvent("left", 9.5, 4.0), PelvicDropEvent("left", 6.0, 9.0)),
    )
    store.add_set("s", again, steps_done=2)
    store.add_set("s", replace(first, side="right"))  # another side: a different set
    got = store.get_session("s")
    assert [(s.side, s.achieved_reps, s.peak_drop_deg, len(s.pelvic_drops)) for s in got.sets] == [
        ("left", 8, 9.5, 2),
        ("right", 5, None, 1),
    ]
    assert store.conn.execute("SELECT count(*) FROM pelvic_drops").fetchone()[0] == 3  # old flags went with it
    assert got.steps_done == 2  # progress saved with the set


def test_progress_of_a_run_that_died_is_kept(tmp_path):
    path = tmp_path / "h.sqlite3"
    store, _ = HistoryStore.open(path)
    store.begin_session(SessionRecord(id="s", routine_id="r", routine_title="R", started_at=100.0, steps_total=4))
    store.add_set("s", SetRecord(0, "roll", "tfl", "left", 1, started_at=100, ended_at=160), steps_done=1)
    store.close()  # the process dies here
    store, _ = HistoryStore.open(path)
    got = store.get_session("s")
    assert got.status == "interrupted" and got.completion == 0.25
