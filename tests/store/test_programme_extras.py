"""The thresholds and training days chosen in Settings live in the programme's state row: they survive the
programme's own saves and a stop, never pass for a programme, and a damaged value falls back to the default."""

from __future__ import annotations

import json
import sqlite3
from datetime import time

from coach.core.programme.rules import Rules
from coach.core.programme.schedule import TrainingTimes
from coach.store import HistoryStore


def _store() -> HistoryStore:
    return HistoryStore(sqlite3.connect(":memory:"))


STRICT = Rules(pain_limit=3, max_rise=0.1)
TUE_THU = TrainingTimes(frozenset({1, 3}), time(7, 15))


def test_choices_saved_before_a_programme_do_not_make_one():
    s = _store()
    assert s.programme_rules() == Rules() and s.programme_schedule() == TrainingTimes()
    s.save_programme_rules(STRICT, now=1.0)
    s.save_programme_schedule(TUE_THU, now=1.0)
    assert s.programme_state() is None  # still no programme
    assert s.programme_rules() == STRICT and s.programme_schedule() == TUE_THU


def test_choices_survive_the_programmes_saves_and_a_stop():
    s = _store()
    s.save_programme_rules(STRICT, now=1.0)
    s.save_programme(json.dumps({"version": 1, "programme_id": "p"}), [], now=2.0)
    state = json.loads(s.programme_state() or "{}")
    assert state["programme_id"] == "p" and s.programme_rules() == STRICT
    s.save_programme_schedule(TUE_THU, now=3.0)
    s.save_programme(json.dumps({"version": 1, "programme_id": "p", "phase": 2}), [], now=4.0)
    assert json.loads(s.programme_state() or "{}")["phase"] == 2
    assert s.programme_rules() == STRICT and s.programme_schedule() == TUE_THU
    s.clear_programme()
    assert s.programme_state() is None
    assert s.programme_rules() == STRICT and s.programme_schedule() == TUE_THU


def test_unsafe_values_are_clamped_on_the_way_in_and_out_and_none_restores_defaults():
    s = _store()
    s.save_programme_rules(Rules(pain_limit=10, max_rise=0.9), now=1.0)
    assert s.programme_rules() == Rules(pain_limit=6, max_rise=0.15)
    s.conn.execute("""UPDATE programme_state SET state = '{"rules": {"pain_limit": 99, "max_rise": "x"}}'""")
    assert s.programme_rules() == Rules(pain_limit=6)
    s.save_programme_rules(None, now=2.0)
    assert s.programme_rules() == Rules()
    s.conn.execute("UPDATE programme_state SET state = 'not json'")
    assert s.programme_rules() == Rules() and s.programme_schedule() == TrainingTimes()


def test_a_damaged_state_is_still_reported_not_taken_for_no_programme():
    s = _store()
    s.save_programme(json.dumps({"version": 1, "programme_id": "p"}), [], now=1.0)
    s.conn.execute("UPDATE programme_state SET state = 'not json'")
    assert s.programme_state() == "not json"  # tracker.state_from_json then says it can't be read


def test_the_programme_never_reads_the_whole_history(coach_home, monkeypatch):
    """Today and `coach plan` stay fast with years of sessions: the desk reads only recent sessions and start
    times, never every set (``list_sessions``)."""
    import time as clock

    from coach import paths
    from coach.core.programme.loader import load_programmes
    from coach.store.programme_desk import ProgrammeDesk
    from support.plan_cli import seed_yesterday

    seed_yesterday(coach_home)
    routines = paths.load_routines().routines
    progs, _ = load_programmes(paths.programme_folders(), routine_ids={r.id for r in routines})

    def whole_history(*_a, **_k):
        raise AssertionError("read the whole history")

    monkeypatch.setattr(HistoryStore, "list_sessions", whole_history)
    with HistoryStore.open(paths.db_path())[0] as store:
        desk = ProgrammeDesk(store, routines, progs, clock.time)
        assert desk.morning_due() is not None and not desk.trained_today()
        made, _phases = desk.save_morning(1, "same")
        assert [d.exercise for d in made] == ["glute_bridge"]
        plan = desk.plan()
        assert plan is not None and plan.week == 1 and plan.phase_number == 1
        assert desk.upcoming(2) is not None


def test_the_latest_decision_of_each_exercise_is_read_without_the_rest():
    from datetime import date

    from coach.core.programme.model import Dose
    from coach.core.programme.progression import Decision

    s = _store()
    d1, d2 = Dose("step_down", 0, 10, 3), Dose("step_down", 0, 11, 3)
    plank = Dose("side_plank", 0, 20, 2)
    made = [
        Decision("step_down", "progress", d2, d1, "up", date(2026, 1, 5)),
        Decision("side_plank", "hold", plank, plank, "held", date(2026, 1, 5)),
        Decision("step_down", "hold", d2, d2, "held again", date(2026, 1, 7)),
    ]
    s.save_programme(json.dumps({"version": 1, "programme_id": "p"}), made[:2], now=1.0)
    s.save_programme(json.dumps({"version": 1, "programme_id": "p"}), made[2:], now=2.0)
    assert [d.reason for d in s.decisions()] == ["up", "held", "held again"]
    assert [(d.exercise, d.reason) for d in s.decisions(latest=True)] == [
        ("side_plank", "held"),
        ("step_down", "held again"),
    ]


def test_a_new_baseline_keeps_the_programme_where_it_is_with_its_thresholds_and_decisions():
    from dataclasses import replace
    from datetime import date

    from coach.core.programme.model import Dose
    from coach.core.programme.progression import Decision, ProgrammeState
    from coach.core.programme.tracker import state_from_json, state_to_json
    from coach.store.programme_desk import ProgrammeDesk

    s = _store()
    desk = ProgrammeDesk(s, [], [], lambda: 1_767_600_000.0)
    assert desk.set_baseline(4) is False and s.programme_state() is None  # no programme: nothing made up
    dose, was = Dose("side_plank", 0, 20, 2), Dose("side_plank", 0, 15, 2)
    state = ProgrammeState("p", date(2026, 1, 5), 1, date(2026, 1, 19), {"side_plank": dose}, baseline=2)
    made = Decision("side_plank", "progress", dose, was, "Pain stayed at 1/10", date(2026, 1, 20))
    s.save_programme(state_to_json(state, 1234.5), [made], now=1.0)
    s.save_programme_rules(STRICT, now=2.0)
    assert desk.set_baseline(6) is True
    assert state_from_json(s.programme_state() or "") == (replace(state, baseline=6), 1234.5)
    assert s.programme_rules() == STRICT and len(s.decisions()) == 1  # nothing else moved
    assert desk.set_baseline(None) is True and state_from_json(s.programme_state() or "")[0].baseline is None
