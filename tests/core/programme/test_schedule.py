"""Training days and reminders (when one is due, once a day, not after a session) and the sessions planned over
the next weeks; the thresholds' safe ranges, their explanations and their saved form."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

import pytest

from coach.core.programme.loader import load_programme
from coach.core.programme.progression import ProgrammeState
from coach.core.programme.rules import LIMITS, Rules, rules_from_dict, rules_to_dict
from coach.core.programme.schedule import (
    TrainingTimes,
    days_words,
    parse_days,
    parse_time,
    times_from_dict,
    times_to_dict,
    upcoming,
)
from conftest import REPO

MON = date(2026, 3, 2)
MWF = TrainingTimes(frozenset({0, 2, 4}), time(18, 0))


@pytest.fixture(scope="module")
def setup():
    from coach import paths

    lib = {r.id: r for r in paths.load_routines().routines}
    prog = load_programme(REPO / "routines" / "programmes" / "itband-return.toml", routine_ids=set(lib))
    return prog, lib


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm))


def test_a_reminder_is_due_on_a_chosen_day_from_its_time_once_and_not_after_a_session():
    assert not MWF.reminder_due(at(MON, 17, 59), None, False)
    assert MWF.reminder_due(at(MON, 18, 0), None, False)
    assert MWF.reminder_due(at(MON, 21, 30), None, False)  # the app started late: still today
    assert not MWF.reminder_due(at(MON, 22, 0), None, False)  # too late to nag
    assert not MWF.reminder_due(at(MON, 18, 5), MON, False)  # shown already today
    assert MWF.reminder_due(at(MON + timedelta(days=2), 18, 5), MON, False)  # Wednesday: again
    assert not MWF.reminder_due(at(MON + timedelta(days=1), 18, 5), None, False)  # Tuesday isn't chosen
    assert not MWF.reminder_due(at(MON, 18, 5), None, True)  # trained today already


def test_the_next_reminder_is_the_next_chosen_day_at_the_time():
    assert MWF.next_reminder(at(MON, 18, 0)) == at(MON + timedelta(days=2), 18)
    assert MWF.next_reminder(at(MON, 9, 0)) == at(MON, 18)
    sunday_only = TrainingTimes(frozenset({6}), time(7, 30))
    assert sunday_only.next_reminder(at(MON + timedelta(days=6), 8)) == at(MON + timedelta(days=13), 7, 30)
    assert TrainingTimes(frozenset(), time(8)).next_reminder(at(MON, 8)) is None


def test_days_and_times_parse_strictly_and_read_plainly():
    assert parse_days("0, 2,4,9,x,-1") == frozenset({0, 2, 4})
    assert parse_time("07:05") == time(7, 5) and parse_time("25:00") is None and parse_time("7pm") is None
    assert days_words(frozenset({4, 0, 2})) == "Monday, Wednesday and Friday"
    assert days_words(frozenset({6})) == "Sunday" and days_words(frozenset()) == "no days"
    assert times_from_dict(times_to_dict(MWF)) == MWF
    assert times_from_dict({"days": [1, "2", True, 8], "at": "9:61"}) == TrainingTimes(frozenset({1}), time(18))
    assert times_from_dict("junk") == TrainingTimes()


def test_upcoming_sessions_fill_the_chosen_days_up_to_the_phase_count_in_turn(setup):
    prog, lib = setup
    state = ProgrammeState.begin(prog, MON, baseline=1)
    every_day = TrainingTimes(frozenset(range(7)), time(7, 0))
    got = upcoming(prog, state, lib, every_day, MON + timedelta(days=2), 2)  # from a Wednesday, two weeks
    per_week = prog.phases[0].sessions_per_week
    first_week = [s for s in got if s.day < MON + timedelta(days=7)]
    assert len(first_week) == per_week and [s.day.weekday() for s in first_week] == [2, 3, 4]
    assert len(got) == 8 and all(s.start.time() == time(7, 0) for s in got)  # 3 + 3 + Mon and Tue of week 3
    ids = [s.routine.id for s in got]
    assert ids[:4] == ["gentle-start", "lateral-hip-reset", "gentle-start", "lateral-hip-reset"]
    assert any("Side plank from the knees: 2 × 15 s hold" in d for s in got for d in s.doses)
    mwf = upcoming(prog, state, lib, MWF, MON, 8)
    assert len(mwf) == 24 and {s.day.weekday() for s in mwf} == {0, 2, 4}
    assert upcoming(prog, state, lib, TrainingTimes(frozenset(), time(8)), MON, 8) == []


def test_thresholds_are_clamped_to_safe_values_and_each_clamp_says_why():
    risky = Rules(pain_limit=9, max_rise=0.5, rise_every_days=1, regress_to=0.2, form_share=0.1, worse_by=0)
    safe = risky.checked()
    assert safe == Rules(pain_limit=6, max_rise=0.15, rise_every_days=7, regress_to=0.5, form_share=0.5, worse_by=1)
    notes = risky.clamp_notes()
    assert len(notes) == 6
    assert (
        "The pain limit 9/10 is outside the safe range, so 6/10 will be used" in notes[0]
        and LIMITS["pain_limit"].why in notes[0]
    )
    assert "The largest rise 50% is outside the safe range, so 15% will be used" in notes[1]
    assert Rules().clamp_notes() == [] and Rules(pain_limit=3).clamp_notes() == []
    assert Rules(max_rise=math.nan).checked().max_rise == 0.15


def test_saved_thresholds_read_back_and_bad_values_keep_the_default():
    mine = Rules(pain_limit=3, max_rise=0.1, rise_every_days=10, regress_to=0.6, form_share=0.9, worse_by=3)
    assert rules_from_dict(rules_to_dict(mine)) == mine
    odd = rules_from_dict({"pain_limit": "7", "max_rise": math.inf, "worse_by": True, "form_share": 5, "x": 1})
    assert odd == Rules(form_share=1.0)
    assert rules_from_dict({"pain_limit": 10}) == Rules(pain_limit=6)
    assert rules_from_dict(None) == Rules() and rules_from_dict([1, 2]) == Rules()
