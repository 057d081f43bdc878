"""What Today shows: the session with its doses and reasons, rest days, and a streak that pauses in a flare."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.core.programme.loader import load_programme
from coach.core.programme.progression import Decision, ProgrammeState
from coach.core.programme.today import plan_today, streak
from conftest import REPO

MON = date(2026, 3, 2)


@pytest.fixture(scope="module")
def setup():
    lib = {r.id: r for r in paths_library()}
    prog = load_programme(REPO / "routines" / "programmes" / "itband-return.toml", routine_ids=set(lib))
    return prog, lib


def paths_library():
    from coach import paths

    return paths.load_routines().routines


def test_a_training_day_shows_the_session_with_doses_and_reasons(setup):
    prog, lib = setup
    state = ProgrammeState.begin(prog, MON, baseline=1)
    plank = state.doses["side_plank"]
    why = Decision("side_plank", "hold", plank, plank, "No pain rating after the session, so no change.", MON)
    plan = plan_today(prog, state, lib, [], [why], MON)
    assert plan.rest_reason == "" and plan.routine is not None and plan.routine.id == "gentle-start"
    assert (plan.phase_number, plan.phases_total, plan.week, plan.phase_title) == (1, 4, 1, "Calm and learn")
    lines = {d.exercise: d for d in plan.doses}
    assert lines["side_plank"].text == "Side plank from the knees: 2 × 15 s hold"
    assert lines["side_plank"].reason.startswith("No pain rating")
    assert lines["glute_bridge"].reason == ""  # no decision yet
    step = next(s for s in plan.routine.steps if getattr(s, "exercise", "") == "side_plank")
    assert (step.title, step.hold_seconds) == ("Side plank from the knees", 15)


@pytest.mark.parametrize(
    "trained, today, words",
    [
        ([MON], MON, "You trained today"),
        ([MON, MON + timedelta(days=2), MON + timedelta(days=4)], MON + timedelta(days=5), "sessions are done"),
        ([MON], MON + timedelta(days=1), "You trained yesterday"),
    ],
)
def test_rest_days_say_why_and_what_comes_next(setup, trained, today, words):
    prog, lib = setup
    plan = plan_today(prog, ProgrammeState.begin(prog, MON, 1), lib, trained, [], today)
    assert plan.routine is None and words in plan.rest_reason and plan.next_text.startswith("Next:")


def test_streak_counts_weeks_on_plan_and_pauses_in_a_flare():
    weeks = [MON + timedelta(days=7 * w + d) for w in range(4) for d in (0, 2, 4)]
    today = MON + timedelta(days=28)
    assert streak(weeks, [], 3, today, MON) == 4
    flare_week = [d for d in weeks if not (MON + timedelta(days=14) <= d < MON + timedelta(days=21))]
    assert streak(flare_week, [MON + timedelta(days=15)], 3, today, MON) == 3  # paused, not reset
    assert streak(flare_week, [], 3, today, MON) == 1  # a week missed without a flare ends it
