"""A history file moved aside or replaced while an instance holds it open: that instance must not keep writing
into the renamed copy, where the sessions would never show in History."""

from __future__ import annotations

import sqlite3

import pytest

from coach.core.record import SessionRecord, SetRecord
from coach.store import HistoryStore, StoreError

REC = SessionRecord(id="s", routine_id="r", routine_title="R", started_at=100.0, steps_total=2)
SET = SetRecord(0, "roll", "tfl", "left", 1, started_at=100.0, ended_at=160.0, source="timer")


@pytest.mark.parametrize("how", ["moved", "replaced", "deleted"])
def test_a_store_refuses_to_write_once_its_file_was_moved_aside(tmp_path, how):
    path = tmp_path / "history.sqlite3"
    store, _ = HistoryStore.open(path)
    store.begin_session(REC)
    aside = tmp_path / "history.sqlite3.corrupt-x"
    if how == "deleted":
        path.unlink()
    else:
        path.rename(aside)
        if how == "replaced":
            HistoryStore.open(path)[0].close()  # another instance started a fresh file
    with pytest.raises(StoreError, match="moved or replaced"):
        store.add_set("s", SET)
    store.close()
    if how != "deleted":
        n = sqlite3.connect(aside).execute("SELECT count(*) FROM sets").fetchone()[0]
        assert n == 0  # nothing went into the renamed copy
    fresh, _ = HistoryStore.open(path)  # what the app does next: open the file at its path again
    fresh.begin_session(REC)
    fresh.add_set("s", SET)
    assert len(fresh.get_session("s").sets) == 1
    fresh.close()
