"""The run log in the history file: schema v7, add (no duplicates), read by range, edit, delete."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from coach.core.runs import Run
from coach.store import HistoryStore, StoreError
from coach.store.migrations import MIGRATIONS, statements

T = datetime(2025, 5, 4, 6, 30, tzinfo=UTC)


def mem() -> HistoryStore:
    return HistoryStore(sqlite3.connect(":memory:"))


def test_add_read_and_no_duplicates():
    s = mem()
    r = Run(T, 5012.5, 1805, effort=3, pain_during=2, pain_after=1, source="gpx", name="Morning Run")
    assert s.add_run(r) is True
    assert s.add_run(r) is False  # same key
    assert s.add_run(Run(T + timedelta(seconds=40), 5100, 1800, source="strava", external_id="77")) is False
    assert s.add_run(Run(T + timedelta(seconds=40), 5100, 1800)) is True  # typed in by hand: only by key
    got = s.runs()
    assert len(got) == 2
    back = got[0]
    assert back.id is not None and back.started_at == T and back.distance_m == 5012.5
    assert (back.effort, back.pain_during, back.pain_after, back.source, back.name) == (3, 2, 1, "gpx", "Morning Run")
    assert s.add_runs([Run(T + timedelta(days=1), 3000, 900, source="fit"), r]) == 1


def test_runs_since_until_is_half_open_and_ordered():
    s = mem()
    for d in (3, 1, 2):
        s.add_run(Run(T + timedelta(days=d), 1000 * d, 600))
    assert [r.distance_m for r in s.runs()] == [1000, 2000, 3000]
    assert [r.distance_m for r in s.runs(T + timedelta(days=2))] == [2000, 3000]
    assert [r.distance_m for r in s.runs(None, T + timedelta(days=2))] == [1000]
    assert s.runs(T + timedelta(days=5), None) == []


def test_edit_and_delete():
    s = mem()
    s.add_run(Run(T, 4000, 1500))
    r = s.runs()[0]
    s.update_run(Run(r.started_at, 4200, 1500, pain_during=5, id=r.id))
    (e,) = s.runs()
    assert (e.distance_m, e.pain_during) == (4200, 5)
    with pytest.raises(StoreError):
        s.update_run(Run(T, 1, 1, id=999))
    with pytest.raises(StoreError):
        s.update_run(Run(T, 1, 1))
    s.delete_run(e.id)
    s.delete_run(e.id)  # gone already: no error
    assert s.runs() == []


def test_the_table_refuses_impossible_values():
    s = mem()
    for bad in (
        "(key, started_at, distance_m, duration_s, source, added_at) VALUES ('a', 1, 0, 1, 'gpx', 1)",
        "(key, started_at, distance_m, duration_s, source, added_at) VALUES ('b', 1, 5, 1, 'csv', 1)",
        "(key, started_at, distance_m, duration_s, source, added_at) VALUES ('c', 'x', 5, 1, 'gpx', 1)",
        "(key, started_at, distance_m, duration_s, pain_during, source, added_at) VALUES ('d', 1, 5, 1, 11, 'gpx', 1)",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            s.conn.execute(f"INSERT INTO runs {bad}")


def test_damaged_rows_are_left_out_and_counted():
    s = mem()
    s.add_run(Run(T, 4000, 1500))
    s.conn.execute("PRAGMA ignore_check_constraints = ON")
    s.conn.execute(
        "INSERT INTO runs (key, started_at, distance_m, duration_s, source, added_at) "
        "VALUES ('x', 1e6, -4, 1, 'gpx', 1)"
    )
    assert len(s.runs()) == 1 and s.skipped == 1


def test_a_v6_file_migrates_to_v7_with_a_backup_and_keeps_its_data(tmp_path):
    path = tmp_path / "history.sqlite3"
    c = sqlite3.connect(path)
    c.isolation_level = None
    for i, script in enumerate(MIGRATIONS[:6]):
        if i == 0:
            script += (
                "CREATE TABLE schema_version (version INTEGER NOT NULL);\nINSERT INTO schema_version VALUES (0);\n"
            )
        for stmt in statements(script):
            c.execute(stmt)
    c.execute("UPDATE schema_version SET version = 6")
    c.execute("INSERT INTO morning_checks (day, pain, compared, at) VALUES ('2025-05-05', 2, 'same', 1)")
    c.close()
    store, msg = HistoryStore.open(path)
    assert msg is None and store.migrated_from == 6
    assert store.add_run(Run(T, 5000, 1500)) and len(store.runs()) == 1
    assert len(store.morning_checks()) == 1
    store.close()
    assert len(list(tmp_path.glob("history.sqlite3.bak-v6-*"))) == 1
    again, _ = HistoryStore.open(path)
    assert again.migrated_from == 7 and len(again.runs()) == 1
    again.close()


def test_runs_are_exported_beside_the_history_export(tmp_path):
    import csv
    import json

    from coach.store.runs_export import beside, export_runs_beside

    s = mem()
    assert export_runs_beside(s, tmp_path / "h.csv", "csv") == ""  # no runs: no file
    assert not beside(tmp_path / "h.csv").exists()
    s.add_run(Run(T, 5000, 1500, pain_during=2, source="gpx", name="Easy, with a comma"))
    s.add_run(Run(T + timedelta(days=1), 6000, 1800))
    note = export_runs_beside(s, tmp_path / "h.csv", "csv")
    assert note == f"2 runs to {tmp_path / 'h-runs.csv'}"
    rows = list(csv.DictReader((tmp_path / "h-runs.csv").open()))
    assert [r["distance_m"] for r in rows] == ["5000.0", "6000.0"] and rows[0]["name"] == "Easy, with a comma"
    assert (
        [r["spike"] for r in rows] == ["first", "small"] and rows[0]["pain_during"] == "2" and rows[1]["effort"] == ""
    )
    export_runs_beside(s, tmp_path / "h.json", "json")
    data = json.loads((tmp_path / "h-runs.json").read_text())
    assert data[1]["longest_30d_m"] == 5000.0 and data[0]["started_at"] == "2025-05-04T06:30:00+00:00"
    (tmp_path / "d-runs.csv").mkdir()
    with pytest.raises(StoreError, match="d-runs.csv is a folder"):
        export_runs_beside(s, tmp_path / "d.csv", "csv")
