"""The physio report's numbers, without Qt: weekly pelvic-drop peaks per side and changes beyond the measured
error, asymmetry, adherence against the programme's plan, pain series and the per-session tables."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from coach.core.programme.model import Dose, Ladder, MoveOn, Programme, ProgrammePhase
from coach.core.programme.outcomes import MorningCheck
from coach.core.programme.progression import Decision, ProgrammeState
from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord
from coach.core.report import DROP_ERROR_DEG, build_report, default_range
from coach.core.report.drops import asymmetry_text, change_text, trend_text

MON = date(2026, 11, 2)  # a Monday
NOW = datetime(2026, 12, 6, 9, 0)


def at(day: date, hour: int = 18) -> float:
    return datetime(day.year, day.month, day.day, hour).timestamp()


def step_down(side: str, peak: float | None, flags: int = 0, source: str = "camera") -> SetRecord:
    return SetRecord(
        1,
        "strength",
        "step_down",
        side,  # type: ignore[arg-type]
        1,
        target_reps=10,
        achieved_reps=10,
        source=source,  # type: ignore[arg-type]
        peak_drop_deg=peak,
        pelvic_drops=tuple(PelvicDropEvent(side, (peak or 6.0), 1.0) for _ in range(flags)),  # type: ignore[arg-type]
    )


def session(day: date, *sets: SetRecord, sid: str = "", camera: bool = True, **kw) -> SessionRecord:
    return SessionRecord(
        sid or f"s{day.isoformat()}",
        "r",
        "Build the glute med",
        at(day),
        at(day) + 1200,
        status="completed",
        camera_used=camera,
        sets_planned=len(sets),
        sets=sets,
        **kw,
    )


def programme(per_week: int = 3) -> Programme:
    phases = (
        ProgrammePhase("a", "Calm", "", ("r",), sessions_per_week=per_week, move_on=MoveOn()),
        ProgrammePhase("b", "Build", "", ("r",), sessions_per_week=2, move_on=MoveOn()),
    )
    ladders = (Ladder("step_down", ("Step-down",), "reps", 8, 15, 3),)
    return Programme("p", "Return", "", phases, ladders)


def test_default_range_is_the_last_six_weeks_inclusive():
    first, last = default_range(date(2026, 12, 6))
    assert last == date(2026, 12, 6) and (last - first).days + 1 == 42


def test_weekly_peaks_per_side_and_changes_only_beyond_the_error():
    records = [
        session(MON, step_down("left", 7.0, flags=1), step_down("right", 3.0)),
        session(MON + timedelta(days=2), step_down("left", 7.4), step_down("right", 2.5)),  # same week: max
        session(MON + timedelta(days=7), step_down("left", 7.4 - DROP_ERROR_DEG + 0.05), step_down("right", 3.1)),
        session(MON + timedelta(days=14), step_down("left", 4.0), step_down("right", None, source="manual")),
    ]
    r = build_report(records, MON, MON + timedelta(days=20), now=NOW)
    w1, w2, w3 = r.drops
    assert (w1.week, w1.left.peak, w1.right.peak, w1.left.flags, w1.right.flags) == (MON, 7.4, 3.0, 1, 0)
    assert change_text(w1.left) == "first measured"
    assert w2.left.change == pytest.approx(-DROP_ERROR_DEG + 0.05) and not w2.left.real
    assert change_text(w2.left) == f"within ±{DROP_ERROR_DEG:g}°"
    assert w3.left.real and change_text(w3.left) == f"down {7.4 - DROP_ERROR_DEG + 0.05 - 4.0:.1f}°"
    assert w3.right.peak is None and change_text(w3.right) == "not measured"
    assert w3.asymmetry is None and w2.asymmetry == pytest.approx(w2.left.peak - 3.1)
    assert "left leg the hip drops" in asymmetry_text(r.drops) and "week of 9 Nov" in asymmetry_text(r.drops)
    assert trend_text(r.drops, "left").endswith("down 3.4°.")
    assert "no change beyond" in trend_text(r.drops, "right")


def test_camera_off_history_is_not_measured_anywhere():
    records = [session(MON + timedelta(days=d), step_down("left", None, source="manual"), camera=False) for d in (0, 2)]
    r = build_report(records, MON, MON + timedelta(days=6), now=NOW)
    assert all(w.left.peak is None and w.right.peak is None for w in r.drops)
    assert asymmetry_text(r.drops).startswith("Left/right asymmetry: not measured")
    assert trend_text(r.drops, "left") == "Standing on the left leg: not measured."
    assert r.sessions[0].lines[0].flags == "not measured (camera off)"


def test_a_level_hip_is_no_drop_not_not_measured():
    r = build_report([session(MON, step_down("left", 2.1))], MON, MON, now=NOW)
    assert r.sessions[0].lines[0].flags == "peak 2.1°, no drop flagged"
    r = build_report([session(MON, step_down("left", 6.5, flags=2))], MON, MON, now=NOW)
    assert r.sessions[0].lines[0].flags == "peak 6.5°, 2 drops flagged"


def test_adherence_counts_whole_weeks_against_the_plan():
    prog = programme(per_week=3)
    state = ProgrammeState("p", MON, 0, MON, {"step_down": Dose("step_down", 0, 8, 3)})
    days = [MON, MON + timedelta(days=2), MON + timedelta(days=7), MON + timedelta(days=15)]
    records = [session(d, step_down("left", 3.0)) for d in days]
    records.append(session(MON + timedelta(days=9), sid="empty"))  # no set done: not a training day
    now = datetime.combine(MON + timedelta(days=16), datetime.min.time())  # Wednesday of week 3
    r = build_report(records, MON - timedelta(days=3), MON + timedelta(days=16), now=now, programme=(prog, state))
    a = r.adherence
    assert (a.done, a.planned, a.weeks, a.percent) == (3, 6, 2, 50)  # week 3 is still running: apart
    assert (a.this_week_done, a.this_week_planned) == (1, 3)
    assert "3 in the current phase" in a.meaning and "2 whole Monday–Sunday weeks" in a.meaning


def test_adherence_without_a_programme_plans_nothing():
    r = build_report([session(MON, step_down("left", 3.0))], MON, MON + timedelta(days=13), now=NOW)
    assert r.adherence.planned is None and r.adherence.done == 1 and r.adherence.percent is None
    assert r.programme == "" and r.doses == [] and r.decisions == []


def test_pain_series_with_the_next_morning():
    records = [session(MON, step_down("left", 3.0), pain_before=3, pain_after=4)]
    mornings = {MON + timedelta(days=1): MorningCheck(MON + timedelta(days=1), 2, "same")}
    r = build_report(records, MON, MON + timedelta(days=6), now=NOW, mornings=mornings)
    assert r.pain.sessions == [(at(MON), 3, 4)] and r.pain.mornings == [(MON + timedelta(days=1), 2)]
    assert r.sessions[0].pain == "before 3, after 4 (0–10); next morning 2, same as usual"
    only_words = {MON + timedelta(days=1): MorningCheck(MON + timedelta(days=1), None, "worse")}
    r = build_report(records, MON, MON + timedelta(days=6), now=NOW, mornings=only_words)
    assert r.pain.mornings == [] and r.sessions[0].pain.endswith("next morning worse than usual")
    r = build_report(records, MON, MON + timedelta(days=6), now=NOW)
    assert r.sessions[0].pain.endswith("next morning —")


def test_doses_and_the_last_decision_per_exercise():
    prog = programme()
    dose = Dose("step_down", 0, 10, 3)
    state = ProgrammeState("p", MON, 1, MON + timedelta(days=14), {"step_down": dose})
    decisions = [
        Decision("step_down", "progress", Dose("step_down", 0, 9, 3), Dose("step_down", 0, 8, 3), "first", MON),
        Decision("step_down", "progress", dose, Dose("step_down", 0, 9, 3), "second", MON + timedelta(days=2)),
        Decision("step_down", "regress", dose, dose, "later than the report", MON + timedelta(days=30)),
    ]
    r = build_report([], MON, MON + timedelta(days=20), now=NOW, programme=(prog, state), decisions=decisions)
    assert r.doses == [("Step-down", "Step-down: 3 × 10 reps", "later than the report")] and r.not_started == ()
    r2 = build_report([], MON, MON + timedelta(days=20), now=NOW, programme=(prog, state))
    assert r2.doses == [] and r2.not_started == ("Step-down",)  # no decision, not done: not started yet
    r3 = build_report([session(MON, step_down("left", 2.0))], MON, MON, now=NOW, programme=(prog, state))
    assert r3.doses == [("Step-down", "Step-down: 3 × 10 reps", "")] and r3.not_started == ()
    assert [(d.exercise, d.action, d.reason) for d in r.decisions] == [("Step-down", "progress", "second")]
    assert r.programme.startswith("Return — phase 2 of 2: Build, week")


def test_session_tables_group_sets_and_say_where_numbers_came_from():
    rec = session(
        MON,
        step_down("left", 3.0),
        SetRecord(1, "strength", "step_down", "left", 2, target_reps=10, achieved_reps=8, source="manual"),
        SetRecord(2, "strength", "side_plank", "left", 1, target_hold_s=20, achieved_hold_s=18.4, source="timer"),
        SetRecord(0, "roll", "tfl", None, 1, target_hold_s=60, achieved_hold_s=60, source="timer", skipped=True),
        notes="stairs hurt",
    )
    t = build_report([rec], MON, MON, now=NOW).sessions[0]
    by = {x.exercise: x for x in t.lines}
    sd = by["Step-down (left leg)"]
    assert (sd.sets, sd.per_set, sd.source) == ("2/2", "10, 8 reps (target 10)", "camera, manual")
    assert by["Side plank (left leg)"].per_set == "18 s (target 20 s)" and by["Side plank (left leg)"].flags == ""
    assert by["Roll: TFL (tensor fasciae latae)"].sets == "0/1, 1 skipped"
    assert t.notes == "stairs hurt" and t.when.startswith("Mon 2 Nov 2026")


def test_in_progress_and_out_of_range_sessions_are_left_out_and_bad_ranges_refused():
    done = session(MON, step_down("left", 3.0))
    live = SessionRecord("live", "r", "R", at(MON + timedelta(days=1)), status="in_progress")
    later = session(MON + timedelta(days=40), step_down("left", 3.0))
    r = build_report([done, live, later], MON, MON + timedelta(days=6), now=NOW)
    assert r.sessions_count == 1
    with pytest.raises(ValueError, match="after its end"):
        build_report([], MON, MON - timedelta(days=1), now=NOW)


def test_runs_are_plain_weekly_data():
    runs = [(MON, 12.0), (MON + timedelta(days=7), 14.5), (MON + timedelta(days=70), 3.0)]
    r = build_report([], MON, MON + timedelta(days=13), now=NOW, runs=runs, run_cap_km=15.0)
    assert r.runs == runs[:2] and r.run_cap_km == 15.0


def test_weekly_pain_means_for_long_ranges():
    records = [
        session(MON, pain_before=2, pain_after=4),
        session(MON + timedelta(days=2), pain_before=4, pain_after=None),
        session(MON + timedelta(days=7), pain_before=1, pain_after=1),
    ]
    mornings = {MON + timedelta(days=1): MorningCheck(MON + timedelta(days=1), 3)}
    w = build_report(records, MON, MON + timedelta(days=13), now=NOW, mornings=mornings).pain.weekly()
    assert w["before"] == [(MON, 3.0), (MON + timedelta(days=7), 1.0)]
    assert w["after"] == [(MON, 4.0), (MON + timedelta(days=7), 1.0)] and w["morning"] == [(MON, 3.0)]


def test_weeks_start_at_the_first_session_of_a_long_range():
    r = build_report([session(MON, step_down("left", 3.0))], date(1990, 1, 1), MON + timedelta(days=13), now=NOW)
    assert r.since == MON and [w.week for w in r.drops] == [MON, MON + timedelta(days=7)]
    empty = build_report([], MON, MON + timedelta(days=13), now=NOW)
    assert empty.since is None and [w.week for w in empty.drops] == [MON, MON + timedelta(days=7)]
