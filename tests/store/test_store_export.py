"""CSV and JSON export of real stored sessions, parsed back."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from coach.core.session import Phase
from coach.store import HistoryStore
from coach.store.export import CSV_COLUMNS, export_csv, export_json, load_json
from support.session_fakes import FakeClock, engine, routine, strength
from support.store_fakes import run_session


def _history(tmp_path):
    store, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    clock = FakeClock()
    run_session(store, clock, camera=True)
    clock.advance(86400)
    eng = engine(routine(strength(sets=1, reps=3, per_side=False)), clock)  # begun, no set finished
    eng.start()
    store.begin_session(eng.record)
    records = store.list_sessions()
    store.close()
    return records


def test_json_export_reads_back_to_the_same_records(tmp_path):
    records = _history(tmp_path)
    buf = io.StringIO()
    assert export_json(records, buf) == 2
    back = load_json(io.StringIO(buf.getvalue()))
    assert back == records
    assert back[1].sets[7].pelvic_drops[0].peak_deg == 6.25
    assert back[0].status == "in_progress" and back[0].sets == ()  # listed by the store that began it


def test_csv_export_one_row_per_set(tmp_path):
    records = _history(tmp_path)
    buf = io.StringIO()
    n = export_csv(records, buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    full = records[1]
    assert n == len(rows) == 1 + len(full.sets)  # the set-less session still gets a row
    assert list(rows[0]) == CSV_COLUMNS
    empty, first = rows[0], rows[1]
    assert empty["session_id"] == records[0].id and empty["exercise"] == "" and empty["status"] == "in_progress"
    assert first["session_id"] == full.id and first["routine_title"] == full.routine_title
    assert (first["kind"], first["exercise"], first["side"], first["achieved_hold_s"]) == (
        "roll",
        "tfl",
        "left",
        "45.0",
    )
    assert datetime.fromisoformat(first["session_started"]).timestamp() == full.started_at
    assert datetime.fromisoformat(first["set_ended"]).timestamp() == full.sets[0].ended_at
    assert (first["pain_before"], first["pain_after"], first["completion_pct"]) == ("4", "2", "100")
    reps = [
        (r["exercise"], r["side"], int(r["achieved_reps"]), r["source"], int(r["pelvic_drops"]), r["peak_drop_deg"])
        for r in rows
        if r["exercise"] == "step_down"
    ]
    assert reps == [
        ("step_down", "left", 6, "camera", 1, "6.2"),
        ("step_down", "left", 6, "camera", 1, "6.2"),
        ("step_down", "right", 6, "camera", 0, ""),
        ("step_down", "right", 6, "camera", 0, ""),
    ]
    assert sum(int(r["achieved_reps"] or 0) for r in rows) == full.total_reps
    assert all(r["camera_used"] == "1" for r in rows[1:])


def test_csv_keeps_awkward_text_intact(tmp_path):
    store, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    eng = engine(routine(strength(sets=1, reps=1, per_side=False), title='Hips, "knees" & more'), FakeClock())
    eng._on_set = lambda s: store.add_set(eng.record.id, s)
    eng.start()
    store.begin_session(eng.record)
    eng.skip()
    assert eng.phase == Phase.WORK
    eng.add_rep()
    store.finish_session(eng.finish(notes="line one\nline, two"))
    buf = io.StringIO()
    export_csv(store.list_sessions(), buf)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["routine_title"] == 'Hips, "knees" & more' and row["notes"] == "line one\nline, two"
    store.close()
