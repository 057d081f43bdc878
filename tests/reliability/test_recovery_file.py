"""The recovery file: bad records are set aside one by one (the good ones still go in, no alert at every
launch), and kept copies of unreadable files are never overwritten."""

from __future__ import annotations

import json
from dataclasses import asdict, replace

from coach.core.record import SessionRecord, SetRecord
from coach.store import HistoryStore, recovery


def _rec(i: int, **kw) -> SessionRecord:
    s = SetRecord(0, "roll", "tfl", "left", 1, started_at=1000.0 + i, ended_at=1060.0 + i, source="timer")
    return replace(SessionRecord(id=f"s{i}", routine_id="r", routine_title="R", started_at=1000.0 + i, sets=(s,)), **kw)


def test_bad_records_are_set_aside_one_by_one(tmp_path):
    path = tmp_path / "unsaved-sessions.json"
    good = [_rec(1), _rec(3)]
    bad = [
        asdict(_rec(2, pain_before=42)),
        {"id": "s4", "started_at": "yesterday"},
        asdict(_rec(5, started_at=1e300)),
        "not a session",
    ]
    bad = json.loads(json.dumps(bad))
    path.write_text(json.dumps([asdict(good[0]), bad[0], bad[1], asdict(good[1]), bad[2], bad[3]]))
    store, _ = HistoryStore.open(tmp_path / "history.sqlite3")
    assert recovery.replay(path, store) == (2, 4)
    assert sorted(r.id for r in store.list_sessions()) == ["s1", "s3"]
    assert not path.exists()  # nothing left to alert about at the next launch
    aside = list(tmp_path.glob("unsaved-sessions.rejected*.json"))
    assert len(aside) == 1 and json.loads(aside[0].read_text()) == bad
    path.write_text(json.dumps([bad[0]]))  # another bad one later: a new file, the first one kept
    assert recovery.replay(path, store) == (0, 1)
    assert sorted(p.name for p in tmp_path.glob("unsaved-sessions.rejected*.json")) == [
        "unsaved-sessions.rejected-1.json",
        "unsaved-sessions.rejected.json",
    ]
    assert json.loads((tmp_path / "unsaved-sessions.rejected.json").read_text()) == bad
    store.close()


def test_an_unreadable_copy_is_never_overwritten(tmp_path):
    path = tmp_path / "unsaved-sessions.json"
    store, _ = HistoryStore.open(tmp_path / "history.sqlite3")
    for text in ("{first", "{second"):
        path.write_text(text)
        assert recovery.replay(path, store) == (0, 1)
    path.write_text("{third")
    recovery.merge(path, [_rec(1)])  # a save failing later meets an unreadable file too
    kept = sorted(p.read_text() for p in tmp_path.glob("unsaved-sessions.json.unreadable*"))
    assert kept == ["{first", "{second", "{third"]
    assert [r.id for r in recovery.read(path)] == ["s1"]
    store.close()


def test_the_apps_replay_keeps_every_unreadable_copy(qapp, tmp_path):
    from coach.ui.session.saver import replay  # what the app's launch calls

    path = tmp_path / "unsaved-sessions.json"
    store, _ = HistoryStore.open(tmp_path / "history.sqlite3")
    for text in ("{first", "{second"):
        path.write_text(text)
        assert replay(path, store) == 0
    assert sorted(p.read_text() for p in tmp_path.glob("unsaved-sessions.json.unreadable*")) == ["{first", "{second"]
    store.close()


def test_written_atomically_and_private(tmp_path):
    path = tmp_path / "unsaved-sessions.json"
    recovery.merge(path, [_rec(1)])
    recovery.merge(path, [_rec(2)])
    assert [r.id for r in recovery.read(path)] == ["s1", "s2"]
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.glob("*unsaved*")] == ["unsaved-sessions.json"]  # no temporary file left
    recovery.forget(path, {"s1", "s2"})
    assert not path.exists()
