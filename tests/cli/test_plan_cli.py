"""`coach plan` and `coach checkin morning` on a real history file: the morning check after yesterday's session
moves the doses on, and the plan says why."""

from __future__ import annotations

import json
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


def _seed(home) -> None:
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


def test_the_morning_check_moves_the_dose_and_the_plan_says_why(coach_home):
    _seed(coach_home)
    before = json.loads(coach("plan", "--json", home=coach_home).stdout)
    assert before["phase"] == 1 and before["week"] == 1
    out = coach("checkin", "morning", "--pain", "1", "--compared", "same", home=coach_home)
    assert out.returncode == 0, out.stderr
    assert "Saved this morning's check: pain 1/10, about the same as usual." in out.stdout
    assert "11 reps next time (was 10)" in out.stdout
    after = json.loads(coach("plan", "--json", home=coach_home).stdout)
    assert after["today"]["routine"] == "lateral-hip-reset"  # the phase's routines are played in turn
    assert [d["dose"] for d in after["doses"]] == ["Side plank from the knees: 2 × 15 s hold"]
    text = coach("plan", home=coach_home).stdout
    assert text.startswith("Week 1 · phase 1 of 4: Calm and learn")
    with HistoryStore.open(paths.db_path())[0] as store:
        assert [(d.exercise, d.action, d.dose.amount) for d in store.decisions()] == [("glute_bridge", "progress", 11)]


def test_bad_input_is_one_line_and_exit_2(coach_home):
    out = coach("checkin", "morning", home=coach_home)
    assert out.returncode == 2 and out.stderr.strip().count("\n") == 0 and "--pain" in out.stderr
    assert coach("checkin", "morning", "--pain", "12", home=coach_home).returncode == 2
