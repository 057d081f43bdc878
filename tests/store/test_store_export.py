"""CSV and JSON export of real stored sessions, parsed back."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from coach.core.record import SessionRecord, SetRecord
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
    assert list(rows[0]) == CSV_COLUMNS and len(CSV_COLUMNS) <= 18
    first, empty = rows[0], rows[-1]  # oldest session first, numbered 1, 2...
    assert empty["session"] == "2" and empty["exercise"] == "" and empty["status"] == "in progress"
    assert {r["session"] for r in rows[:-1]} == {"1"} and first["routine"] == full.routine_title
    assert (first["exercise"], first["side"], first["done"], first["unit"]) == (
        "Roll: TFL (tensor fasciae latae)",
        "left",
        "45.0",
        "s",
    )
    assert datetime.fromisoformat(first["started"]).timestamp() == full.started_at
    assert datetime.fromisoformat(first["started"]).utcoffset() is not None  # local time, offset given
    assert (first["pain_before"], first["pain_after"], first["pelvic_drop_measured"]) == ("4", "2", "")
    reps = [
        (r["side"], int(r["done"]), r["source"], r["pelvic_drop_measured"], r["pelvic_drops_flagged"])
        for r in rows
        if r["exercise"] == "Step-down"
    ]
    assert reps == [
        ("left", 6, "camera", "yes", "1"),
        ("left", 6, "camera", "yes", "1"),
        ("right", 6, "camera", "no", ""),  # the camera saw no single-leg rep on the right: not measured, not 0
        ("right", 6, "camera", "no", ""),
    ]
    assert [r["pelvic_drop_peak_deg"] for r in rows if r["exercise"] == "Step-down"][:2] == ["6.2", "6.2"]
    assert sum(int(r["done"]) for r in rows if r["unit"] == "reps") == full.total_reps


def test_not_measured_is_not_no_drop_in_csv_and_json():
    base = dict(step_index=1, kind="strength", exercise="step_down", set_number=1, target_reps=8, achieved_reps=8)
    level = SetRecord(side="left", peak_drop_deg=2.0, source="camera", **base)  # measured, no drop flagged
    unseen = SetRecord(side="right", source="manual", **base)  # camera off
    rec = SessionRecord("x" * 32, "r", "R", 1_760_000_000.0, status="completed", sets=(level, unseen))
    rows = list(csv.DictReader(io.StringIO(_csv([rec]))))
    assert [(r["pelvic_drop_measured"], r["pelvic_drop_peak_deg"], r["pelvic_drops_flagged"]) for r in rows] == [
        ("yes", "2.0", "0"),
        ("no", "", ""),
    ]
    buf = io.StringIO()
    export_json([rec], buf)
    data = json.loads(buf.getvalue())[0]
    assert data["drop_measured"] is True
    assert [(s["pelvic_measured"], s["peak_drop_deg"]) for s in data["sets"]] == [(True, 2.0), (False, None)]
    assert load_json(io.StringIO(buf.getvalue())) == [rec]  # the flags are extra: still lossless
    off = SessionRecord("y" * 32, "r", "R", 1.0, sets=(unseen,))
    buf = io.StringIO()
    export_json([off], buf)
    assert json.loads(buf.getvalue())[0]["drop_measured"] is False


def _csv(records) -> str:
    buf = io.StringIO()
    export_csv(records, buf)
    return buf.getvalue()


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
    assert row["routine"] == 'Hips, "knees" & more' and row["notes"] == "line one\nline, two"
    store.close()
