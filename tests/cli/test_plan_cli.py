"""`coach plan` and `coach checkin morning` on a real history file: the morning check after yesterday's session
moves the doses on, and the plan says why."""

from __future__ import annotations

import json

from coach import paths
from coach.store import HistoryStore
from support.plan_cli import coach, seed_yesterday

_seed = seed_yesterday


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
