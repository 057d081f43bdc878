"""A session held by a running app reads as "in progress" from another process; once that process is gone
(even by kill -9) it reads as "interrupted"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from coach.core.record import SessionRecord
from coach.store import HistoryStore
from conftest import REPO

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from coach.core.record import SessionRecord
    from coach.store import HistoryStore

    store, _ = HistoryStore.open(Path(sys.argv[1]))
    store.begin_session(SessionRecord(id="live1", routine_id="r", routine_title="R", started_at=time.time()))
    print("READY", flush=True)
    sys.stdin.readline()
    if sys.argv[2] == "finish":
        store.finish_session(SessionRecord(id="live1", routine_id="r", routine_title="R", started_at=time.time(),
                                           ended_at=time.time(), status="completed"))
        print("FINISHED", flush=True)
        sys.stdin.readline()
""")


def _child(path, mode):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout.readline().strip() == "READY", proc.stderr.read()
    return proc


def _status(path):
    with HistoryStore.open(path)[0] as store:
        return [r.status for r in store.list_sessions()]


def test_a_running_session_reads_as_in_progress_then_interrupted_after_kill(tmp_path):
    path = tmp_path / "history.sqlite3"
    proc = _child(path, "wait")
    try:
        assert _status(path) == ["in_progress"]
        assert _status(path) == ["in_progress"]  # reading it twice doesn't take the lock
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert _status(path) == ["interrupted"]


def test_a_finished_session_leaves_no_lock_file(tmp_path):
    path = tmp_path / "history.sqlite3"
    proc = _child(path, "finish")
    try:
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "FINISHED"
        assert _status(path) == ["completed"]
        assert list((tmp_path / "history.sqlite3.live").iterdir()) == []
    finally:
        proc.kill()
        proc.wait(10)


def test_in_memory_store_still_reports_its_own_session_in_progress():
    store = HistoryStore.__new__(HistoryStore)
    import sqlite3

    HistoryStore.__init__(store, sqlite3.connect(":memory:"))
    store.begin_session(SessionRecord(id="m1", routine_id="r", routine_title="R", started_at=1.0))
    assert [r.status for r in store.list_sessions()] == ["in_progress"]
    assert store.running is None
