"""Opening the history on a disk with no room left: SQLite can't make its shared-memory file and says only
"disk I/O error"; the one line says why, and the file is left as it is (not moved aside as damaged)."""

from __future__ import annotations

import shutil
import sqlite3
from collections import namedtuple

import pytest

from coach.store import HistoryStore, StoreError
from coach.store import files as store_files

Usage = namedtuple("Usage", "total used free")


def test_a_full_disk_is_named_when_the_history_cant_open(tmp_path, monkeypatch):
    path = tmp_path / "data" / "history.sqlite3"
    store, _ = HistoryStore.open(path)
    store.close()
    before = path.read_bytes()

    def no_room(p, busy_ms):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store_files, "connect", no_room)
    monkeypatch.setattr(shutil, "disk_usage", lambda p: Usage(10**9, 10**9 - 4096, 4096))
    with pytest.raises(StoreError) as err:
        HistoryStore.open(path)
    # before: "Can't open the history file …: disk I/O error", which doesn't say what to do
    assert str(err.value).endswith("disk I/O error (the disk holding it is full)")
    assert path.read_bytes() == before and [p.name for p in path.parent.iterdir()] == ["history.sqlite3"]


def test_no_hint_when_there_is_room(tmp_path):
    assert store_files.full_disk_hint(tmp_path / "history.sqlite3") == ""
