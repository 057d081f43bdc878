"""Saving while the history can't be written: another process holds the write lock (no GUI freeze), the file
is from a newer app (never "saved" into memory), the process is killed while saving fails (the recovery file
already holds the work)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from coach.core.record import SessionRecord, SetRecord
from coach.store import HistoryStore, HistoryTooNew, recovery
from coach.store.migrations import CURRENT_VERSION
from conftest import REPO

pytestmark = pytest.mark.usefixtures("qapp")

REC = SessionRecord(id="s1", routine_id="r", routine_title="R", started_at=1_760_000_000.0, steps_total=6)


def sets(n: int) -> list[SetRecord]:
    return [
        SetRecord(
            i,
            "roll",
            "tfl",
            "left",
            1,
            started_at=REC.started_at + 60 * i,
            ended_at=REC.started_at + 60 * i + 50,
            source="timer",
        )
        for i in range(n)
    ]


def _controller(coach_home):
    from coach.ui.app_controller import AppController
    from coach.ui.settings import Settings

    return AppController(Settings())


def test_a_held_write_lock_does_not_freeze_saving_and_nothing_is_lost(qtbot, coach_home):
    c = _controller(coach_home)
    c.saver._timer.setInterval(100)
    assert c.open_store() is None
    c.saver.begin(REC)
    other = sqlite3.connect(c.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # e.g. another app instance in the middle of a long write
    t0 = time.perf_counter()
    for s in sets(3):
        c.saver.add_set(REC.id, s, steps_done=s.step_index + 1)
    stalled = time.perf_counter() - t0
    print(f"GUI thread blocked {stalled:.2f} s for 3 sets while the write lock was held")
    assert stalled < 1.0  # was 5 s per write (the busy timeout) before
    assert c.saver.failing and c.saver.pending >= 3
    assert [len(r.sets) for r in recovery.read(c.recovery_path)] == [3]  # already safe from a crash
    qtbot.wait(300)
    assert c.saver.failing  # still locked: retried, not dropped
    other.execute("COMMIT")
    other.close()
    qtbot.waitUntil(lambda: c.saver.pending == 0 and not c.saver.failing, timeout=5000)
    assert not c.recovery_path.exists()  # everything is in the history: the copy is gone
    assert len(c.store().get_session(REC.id).sets) == 3
    c.close()


def test_a_history_from_a_newer_version_is_never_saved_to_memory(qtbot, coach_home):
    path = coach_home / "history.sqlite3"
    HistoryStore.open(path)[0].close()
    db = sqlite3.connect(path)
    db.execute("UPDATE schema_version SET version = ?", (CURRENT_VERSION + 1,))
    db.commit()
    db.close()
    c = _controller(coach_home)
    problem = c.open_store()
    assert problem and "newer version" in problem
    with pytest.raises(HistoryTooNew):
        c.store()
    c.saver.begin(REC)
    for s in sets(2):
        c.saver.add_set(REC.id, s)
    assert c.saver.failing and c.saver.pending > 0  # what the summary reads: "Not saved yet", never "Saved"
    assert [len(r.sets) for r in recovery.read(c.recovery_path)] == [2]
    note = c.close()
    assert note and "will be added the next time" in note
    assert not c.saver._timer.isActive()  # quitting: nothing retried later, and never "Saved: up to date"
    with qtbot.assertNotEmitted(c.saver.recovered):
        c.saver.flush()
    assert [len(r.sets) for r in recovery.read(c.recovery_path)] == [2]  # kept for a version that can read it


CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from coach.core.record import SessionRecord, SetRecord
    from coach.store import HistoryStore
    from coach.ui.session.saver import SessionSaver

    app = QCoreApplication([])
    db, rec_path, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    store = lambda: HistoryStore.open(db, strict=True, busy_ms=250)[0]
    saver = SessionSaver(store, retry_ms=60000, recovery_path=rec_path)
    rec = SessionRecord(id="s1", routine_id="r", routine_title="R", started_at=1_760_000_000.0, steps_total=n)
    saver.begin(rec)
    for i in range(n):
        saver.add_set("s1", SetRecord(i, "roll", "tfl", "left", 1, started_at=rec.started_at + 60 * i,
                                      ended_at=rec.started_at + 60 * i + 50, source="timer"), steps_done=i + 1)
    print("READY", saver.pending, flush=True)
    import time; time.sleep(120)
""")


def test_killed_while_saving_fails_keeps_every_finished_set(tmp_path):
    db = tmp_path / "history.sqlite3"
    db.mkdir()  # the history can't be opened (as in the report: a folder where the file should be)
    rec_path = tmp_path / "unsaved-sessions.json"
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db), str(rec_path), "6"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("READY"), proc.stderr.read() if proc.poll() is not None else line
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    db.rmdir()  # fixed, and the app starts again
    store, _ = HistoryStore.open(db)
    assert recovery.replay(rec_path, store) == (1, 0)
    got = store.get_session("s1")
    assert len(got.sets) == 6 and got.status == "interrupted"
    store.close()
