"""`coach` as a subprocess on a test's data folder, and a history with a programme and yesterday's session."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from coach import paths
from coach.core.record import SessionRecord, SetRecord
from coach.store import HistoryStore
from coach.store.programme_desk import ProgrammeDesk
from conftest import REPO

DAY = 86400.0


def coach(*args, home):
    env = {**os.environ, "COACH_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "coach", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )


def seed_yesterday(home) -> None:
    """A programme started two days ago, and yesterday's Gentle start done in full with pain 2/10."""
    from coach.core.programme.loader import load_programmes

    routines = paths.load_routines().routines
    progs, _ = load_programmes(paths.programme_folders(), routine_ids={r.id for r in routines})
    yesterday = time.time() - DAY
    with HistoryStore.open(paths.db_path())[0] as store:
        desk = ProgrammeDesk(store, routines, progs, lambda: time.time() - 2 * DAY)
        assert desk.start("itband-return", baseline=1)
        sets = tuple(
            SetRecord(
                2,
                "strength",
                "glute_bridge",
                None,
                n,
                target_reps=10,
                achieved_reps=10,
                started_at=yesterday + 60 * n,
                ended_at=yesterday + 60 * n + 40,
            )
            for n in (1, 2)
        )
        rec = SessionRecord(
            id="s1",
            routine_id="gentle-start",
            routine_title="Gentle start",
            started_at=yesterday,
            ended_at=yesterday + 900,
            pain_before=2,
            pain_after=2,
            status="completed",
            sets=sets,
        )
        store.begin_session(rec)
        store.finish_session(rec)
