"""Catching the programme up from the history: sessions wait for their next morning, are judged once and in
order, and the state survives a round trip through JSON."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.core.programme.model import Ladder, Programme, ProgrammePhase
from coach.core.programme.outcomes import ExerciseOutcome, MorningCheck, SessionOutcome
from coach.core.programme.progression import ProgrammeState
from coach.core.programme.tracker import Pending, catch_up, state_from_json, state_to_json, week_of

MON = date(2026, 3, 2)
PROG = Programme(
    "p",
    "P",
    "",
    (ProgrammePhase("a", "A", "", ("r",)), ProgrammePhase("b", "B", "", ("r",))),
    (Ladder("step_down", ("Step-down",), "reps", 10, 14, 3),),
)


def _pending(day, t, pain=2):
    ex = ExerciseOutcome("step_down", 3, 3, 30)
    return Pending(t, SessionOutcome(day, 2, pain, {"step_down": ex}))


def test_a_session_waits_for_its_next_morning_then_is_judged_once():
    state = ProgrammeState.begin(PROG, MON, baseline=1)
    sessions = [_pending(MON, 100.0)]
    s1, through, made, _ = catch_up(PROG, state, 0.0, sessions, {}, MON)
    assert (made, through) == ([], 0.0)  # the same day: tomorrow morning's check is still to come
    mornings = {MON + timedelta(days=1): MorningCheck(MON + timedelta(days=1), 1, "same")}
    s2, through, made, _ = catch_up(PROG, s1, through, sessions, mornings, MON + timedelta(days=1))
    assert [d.action for d in made] == ["progress"] and through == 100.0
    assert s2.doses["step_down"].amount == 11
    s3, _, again, _ = catch_up(PROG, s2, through, sessions, mornings, MON + timedelta(days=3))
    assert again == [] and s3 == s2  # judged once


def test_a_morning_that_passed_without_a_check_holds():
    state = ProgrammeState.begin(PROG, MON, baseline=1)
    _, through, made, _ = catch_up(PROG, state, 0.0, [_pending(MON, 100.0)], {}, MON + timedelta(days=2))
    assert [d.action for d in made] == ["hold"] and "no next-morning check" in made[0].reason
    assert through == 100.0


def test_sessions_are_judged_in_order_and_a_waiting_one_holds_back_later_ones():
    state = ProgrammeState.begin(PROG, MON, baseline=1)
    tue = MON + timedelta(days=1)
    sessions = [_pending(tue, 200.0), _pending(MON, 100.0, pain=6)]
    mornings = {tue: MorningCheck(tue, 4, "worse")}
    s, through, made, _ = catch_up(PROG, state, 0.0, sessions, mornings, tue)
    assert [(d.day, d.action) for d in made] == [(MON, "regress")] and through == 100.0  # Tuesday's waits


def test_week_and_json_round_trip_and_bad_json_is_a_plain_error():
    state = ProgrammeState.begin(PROG, MON, baseline=2)
    s, through, _, _ = catch_up(
        PROG,
        state,
        0.0,
        [_pending(MON, 100.0)],
        {MON + timedelta(days=1): MorningCheck(MON + timedelta(days=1), 2, "same")},
        MON + timedelta(days=9),
    )
    assert week_of(s, MON + timedelta(days=9)) == 2
    assert state_from_json(state_to_json(s, through)) == (s, through)
    for bad in (
        "{",
        '{"version": 9}',
        '{"version": 1}',
        state_to_json(s, through).replace('"baseline": 2', '"baseline": 42'),
    ):
        with pytest.raises(ValueError):
            state_from_json(bad)
