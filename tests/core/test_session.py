"""Session engine with a fake clock: a whole routine, sets, reps, holds, rolls, labels, bad input."""

from __future__ import annotations

import pytest

from coach.core.errors import CoachError
from coach.core.record import PelvicDropEvent
from coach.core.routines.model import READY_SECONDS, RestStep
from coach.core.session import Phase, SessionError
from coach.core.session.plan import build_plan
from support.session_fakes import WALL0, FakeClock, bundled_style, education, engine, kinds, roll, routine, strength


def play(eng, clock, dt=0.1, limit_s=5000.0):
    """Tick through a routine, doing every rep by hand as soon as a set starts; returns all cues."""
    cues = eng.start(pain_before=3)
    while eng.phase != Phase.FINISHED and clock.t < limit_s:
        clock.advance(dt)
        cues += eng.tick()
        while eng.phase == Phase.WORK:
            cues += eng.add_rep()
    return cues


def test_bundled_style_routine_played_through():
    clock, sets = FakeClock(), []
    r = bundled_style()
    eng = engine(r, clock, sets)
    cues = play(eng, clock)
    rec = eng.finish(pain_after=2, notes="  felt fine ")
    assert eng.phase == Phase.FINISHED
    assert rec.status == "completed" and rec.steps_done == rec.steps_total == 7
    assert (rec.pain_before, rec.pain_after, rec.notes) == (3, 2, "felt fine")
    assert [(s.exercise, s.side, s.set_number) for s in rec.sets] == [
        ("tfl", "left", 1),
        ("tfl", "right", 1),
        ("glute_max", None, 1),
        ("side_plank", "left", 1),
        ("side_plank", "left", 2),
        ("side_plank", "right", 1),
        ("side_plank", "right", 2),
        ("step_down", "left", 1),
        ("step_down", "left", 2),
        ("step_down", "right", 1),
        ("step_down", "right", 2),
        ("squat", None, 1),
        ("squat", None, 2),
    ]
    assert list(rec.sets) == sets  # on_set saw every set as it completed
    assert not any(s.skipped for s in rec.sets)
    assert [s.achieved_hold_s for s in rec.sets[:7]] == [45.0, 45.0, 60.0, 20.0, 20.0, 20.0, 20.0]
    assert all(s.source == "timer" for s in rec.sets[:7])
    assert [s.achieved_reps for s in rec.sets[7:]] == [6, 6, 6, 6, 10, 10]
    assert all(s.source == "manual" for s in rec.sets[7:])
    assert rec.total_reps == 44
    # active time = every timed phase; reps were instant (at most one 0.1 s tick late per rep set)
    # (+ 5 s changeovers: between the TFL roll's sides, and before each side plank's second set)
    timed = 20 + (90 + 5) + 60 + (2 * 5 + 2 * 5 + 4 * 20 + 3 * 20) + 30 + (2 * 5 + 3 * 30) + (5 + 45)
    assert timed <= rec.duration_s < timed + 6 * 0.1 + 1e-6
    k = kinds(cues)
    assert k[0] == "start" and k[-1] == "finished" and k.count("finished") == 1
    assert k.count("step") == 7 and k.count("switch_side") == 3  # the roll, the plank's and the step-down's sides
    assert k.count("ready") == 2  # the plank's second sets
    assert k.count("set_done") == 12  # 12 sets + 2 rolls, minus the roll's first side (switch_side instead)
    assert k.count("countdown") == 3 * 24  # 24 timed phases (20 + 4 changeovers), 3-2-1 each
    assert k.count("rep") == 44


def test_strength_plan_order_no_rest_after_last_set():
    plan = build_plan(routine(strength(sets=3, reps=8, rest=30)))
    assert [(s.phase.value, s.side, s.set_number) for s in plan] == [
        ("ready", "left", 1),
        ("work", "left", 1),
        ("rest", "left", 1),
        ("work", "left", 2),
        ("rest", "left", 2),
        ("work", "left", 3),
        ("rest", "left", 3),
        ("ready", "right", 1),
        ("work", "right", 1),
        ("rest", "right", 1),
        ("work", "right", 2),
        ("rest", "right", 2),
        ("work", "right", 3),
    ]
    assert plan[0].duration_s == READY_SECONDS and plan[1].duration_s is None
    assert [s.last_of_step for s in plan].count(True) == 1 and plan[-1].last_of_step


def test_pause_freezes_all_timers():
    clock = FakeClock()
    eng = engine(routine(education(20), RestStep(seconds=10)), clock)
    eng.start()
    clock.advance(5)
    eng.tick()
    eng.pause()
    assert eng.state().paused
    clock.advance(1000)
    assert eng.tick() == []
    st = eng.state()
    assert (st.phase, st.elapsed_s, st.remaining_s) == (Phase.EDUCATION, 5.0, 15.0)
    eng.toggle_pause()
    assert not eng.paused
    clock.advance(14.9)
    eng.tick()
    assert eng.phase == Phase.EDUCATION
    clock.advance(0.2)
    assert "step" in kinds(eng.tick())
    assert eng.phase == Phase.REST and eng.state().elapsed_s == pytest.approx(0.1)


def test_add_rep_while_paused_is_ignored():
    clock = FakeClock()
    eng = engine(routine(strength(per_side=False, sets=1, reps=2)), clock)
    eng.start()
    clock.advance(READY_SECONDS)
    eng.tick()
    eng.pause()
    assert eng.add_rep() == [] and eng.state().reps_done == 0
    eng.resume()
    assert kinds(eng.add_rep()) == ["rep"] and eng.state().reps_done == 1


def test_manual_reps_complete_a_set_then_rest():
    clock, sets = FakeClock(), []
    eng = engine(routine(strength(sets=2, reps=3, rest=30)), clock, sets)
    eng.start()
    clock.advance(READY_SECONDS)
    eng.tick()
    assert eng.state().phase == Phase.WORK and eng.state().reps_target == 3
    eng.add_rep()
    eng.add_partial()
    eng.add_rep()
    eng.remove_rep()  # a miscount corrected
    eng.add_rep()
    cues = eng.add_rep()
    assert [(c.kind, c.value) for c in cues] == [("rep", 3), ("set_done", None)]
    assert len(sets) == 1
    s = sets[0]
    assert (s.side, s.set_number, s.target_reps, s.achieved_reps, s.partial_reps, s.source, s.skipped) == (
        "left",
        1,
        3,
        3,
        1,
        "manual",
        False,
    )
    assert (s.started_at, s.ended_at) == (WALL0 + READY_SECONDS, clock.wall())
    st = eng.state()
    assert (st.phase, st.remaining_s, st.set_number, st.reps_done) == (Phase.REST, 30.0, 1, 0)


def test_camera_reps_mark_source_and_session():
    clock, sets = FakeClock(), []
    eng = engine(routine(strength(per_side=False, sets=1, reps=2)), clock, sets)
    eng.start()
    clock.advance(READY_SECONDS)
    eng.tick()
    eng.add_rep("manual")
    eng.add_rep("camera")
    assert sets[0].source == "camera" and eng.record.camera_used


def test_hold_set_timed_with_countdown():
    clock, sets = FakeClock(), []
    eng = engine(routine(strength("Side plank", "side_plank", sets=1, hold=20, per_side=False)), clock, sets)
    eng.start()
    clock.advance(READY_SECONDS)
    eng.tick()
    st = eng.state()
    assert (st.phase, st.hold_target_s, st.phase_total_s) == (Phase.HOLD, 20.0, 20.0)
    seen = []
    while eng.phase == Phase.HOLD:
        clock.advance(0.05)
        seen += [(round(clock.t - READY_SECONDS, 2), c.kind, c.value) for c in eng.tick()]
    assert seen == [
        (17.0, "countdown", 3),
        (18.0, "countdown", 2),
        (19.0, "countdown", 1),
        (20.0, "set_done", None),
        (20.0, "finished", None),
    ]
    assert sets[0].achieved_hold_s == 20.0 and sets[0].target_hold_s == 20.0 and sets[0].source == "timer"
    assert sets[0].ended_at - sets[0].started_at == pytest.approx(20.0)


def test_countdown_skips_values_not_below_duration_and_fires_once():
    clock = FakeClock()
    eng = engine(routine(RestStep(seconds=2), RestStep(seconds=2)), clock)
    eng.start()
    values = []
    for _ in range(30):
        clock.advance(0.1)
        values += [c.value for c in eng.tick() if c.kind == "countdown"]
    assert values == [1, 1]  # a 2 s phase has no "3" or "2" (it starts at 2 s remaining)


def test_roll_changes_side_after_an_announced_changeover():
    clock, sets = FakeClock(), []
    eng = engine(routine(roll(seconds=60), education(10)), clock, sets)
    eng.start()
    st = eng.state()
    assert (st.phase, st.side, st.phase_total_s, st.next_label) == (Phase.ROLL, "left", 60.0, "Next: right side")
    clock.advance(59.9)
    assert "switch_side" not in kinds(eng.tick())
    clock.advance(0.1)
    assert kinds(eng.tick()) == ["switch_side"]  # the left side is done: 5 s to turn over
    st = eng.state()
    assert (st.phase, st.side, st.side_index, st.remaining_s) == (Phase.READY, "right", 1, pytest.approx(5.0))
    assert st.next_label == "Next: right side"
    assert [(s.side, s.achieved_hold_s, s.kind, s.exercise) for s in sets] == [("left", 60.0, "roll", "tfl")]
    clock.advance(5)
    eng.tick()
    st = eng.state()
    assert (st.phase, st.side, st.remaining_s) == (Phase.ROLL, "right", pytest.approx(60.0))
    clock.advance(60)
    assert kinds(eng.tick()) == ["set_done", "step"]
    assert [(s.side, s.achieved_hold_s) for s in sets] == [("left", 60.0), ("right", 60.0)]
    assert sets[1].started_at == pytest.approx(sets[0].ended_at + 5)


def test_skip_records_what_was_achieved():
    clock, sets = FakeClock(), []
    r = routine(
        roll(seconds=30),
        strength(sets=2, reps=8, rest=30, per_side=False),
        strength("Side plank", "side_plank", sets=1, hold=30, per_side=False),
    )
    eng = engine(r, clock, sets)
    eng.start()
    clock.advance(10)
    assert kinds(eng.skip()) == ["switch_side"]  # the first side of a roll: on to the changeover
    assert eng.phase == Phase.READY and eng.skip() == [] and eng.phase == Phase.ROLL  # skip the changeover too
    clock.advance(5)
    assert kinds(eng.skip()) == ["step"]  # the second side: roll over
    assert [(s.side, s.achieved_hold_s, s.skipped) for s in sets] == [("left", 10.0, True), ("right", 5.0, True)]
    assert eng.phase == Phase.READY
    assert eng.skip() == [] and eng.phase == Phase.WORK  # skipping the lead-in records nothing
    assert len(sets) == 2
    eng.add_rep()
    eng.add_rep()
    eng.skip()
    assert (sets[-1].achieved_reps, sets[-1].target_reps, sets[-1].skipped) == (2, 8, True)
    assert eng.phase == Phase.REST
    eng.skip()
    eng.skip()  # set 2 skipped with nothing done: still recorded
    assert (sets[-1].set_number, sets[-1].achieved_reps, sets[-1].skipped) == (2, 0, True)
    eng.skip()  # READY of the plank
    clock.advance(12.5)
    eng.tick()
    eng.skip()
    assert (sets[-1].exercise, sets[-1].achieved_hold_s, sets[-1].skipped) == ("side_plank", 12.5, True)
    assert eng.phase == Phase.FINISHED
    rec = eng.finish()
    assert rec.status == "interrupted" and rec.steps_done == 0  # skipped sets: not a completed session


def test_back_restarts_step_or_goes_to_previous():
    clock, sets = FakeClock(), []
    eng = engine(routine(education(20), strength(sets=2, reps=2, rest=10)), clock, sets)
    eng.start()
    eng.skip()
    clock.advance(READY_SECONDS)
    eng.tick()
    eng.add_rep()
    eng.add_rep()  # left set 1 done, now resting
    assert len(sets) == 1 and eng.phase == Phase.REST
    cues = eng.back()  # > 3 s into the step: restart it
    st = eng.state()
    assert kinds(cues) == ["step"] and (st.step_index, st.phase, st.side, st.set_number) == (1, Phase.READY, "left", 1)
    assert len(sets) == 1  # a completed set stays recorded
    clock.advance(2)
    eng.tick()
    eng.back()  # < 3 s into the step: previous step
    st = eng.state()
    assert (st.step_index, st.phase, st.elapsed_s) == (0, Phase.EDUCATION, 0.0)
    clock.advance(1)
    eng.back()  # first step: restarts it
    assert eng.state().step_index == 0 and eng.state().elapsed_s == 0.0


def test_end_early_is_interrupted_and_keeps_the_set_in_progress():
    clock, sets = FakeClock(), []
    eng = engine(routine(strength(sets=2, reps=8), RestStep(seconds=60)), clock, sets)
    eng.start(pain_before=4)
    clock.advance(READY_SECONDS + 3)
    eng.tick()
    eng.add_rep("camera")
    eng.add_rep("camera")
    assert eng.record.status == "in_progress" and eng.record.ended_at is None
    assert kinds(eng.end_early()) == ["finished"]
    assert eng.phase == Phase.FINISHED
    assert [(s.achieved_reps, s.skipped, s.source) for s in sets] == [(2, True, "camera")]
    rec = eng.finish(pain_after=5, notes="knee grumbled")
    assert rec.status == "interrupted" and rec.steps_done == 0 and rec.steps_total == 2
    assert rec.ended_at == clock.wall() and rec.pain_after == 5 and rec.camera_used
    assert eng.add_rep() == [] and eng.skip() == [] and eng.back() == [] and eng.end_early() == []


def test_finish_without_end_early_mid_session_is_interrupted_nothing_achieved_not_recorded():
    clock, sets = FakeClock(), []
    eng = engine(routine(education(10), strength(sets=1, reps=5, per_side=False)), clock, sets)
    eng.start()
    clock.advance(10.5)
    eng.tick()  # into READY of step 2: step 1 done
    rec = eng.finish()
    assert rec.status == "interrupted" and rec.steps_done == 1 and sets == [] and rec.sets == ()


def test_pelvic_drops_are_kept_per_set_and_counted_per_step():
    clock, sets = FakeClock(), []
    eng = engine(routine(strength(sets=1, reps=2)), clock, sets)
    eng.start()
    drop = PelvicDropEvent(side="left", peak_deg=7.6, t_s=123.0)
    assert eng.add_pelvic_drop(drop) == []  # READY: not in a set
    clock.advance(READY_SECONDS + 1.5)
    eng.tick()
    cues = eng.add_pelvic_drop(drop)
    assert [(c.kind, c.value) for c in cues] == [("pelvic_drop", 8)]
    st = eng.state()
    assert (st.drops_left, st.drops_right) == (1, 0)
    eng.add_rep()
    eng.add_rep()
    assert sets[0].pelvic_drops == (PelvicDropEvent("left", 7.6, 1.5),)  # t_s: since the set began
    assert eng.record.drops_by_side() == {"left": 1, "right": 0} and eng.record.camera_used


def test_next_label_previews_plainly():
    clock = FakeClock()
    eng = engine(
        routine(
            strength(sets=2, reps=1, rest=10), strength("Side plank", "side_plank", sets=1, hold=20, per_side=False)
        ),
        clock,
    )
    assert eng.state().next_label == "Next: Single-leg squat"
    eng.start()
    labels = []
    while eng.phase != Phase.FINISHED:
        labels.append((eng.phase.value, eng.state().next_label))
        eng.skip() if eng.phase != Phase.WORK else eng.add_rep()
    assert labels == [
        ("ready", "Next: left side, set 1 of 2"),
        ("work", "Next: left side, set 2 of 2"),
        ("rest", "Next: left side, set 2 of 2"),
        ("work", "Next: right side, set 1 of 2"),
        ("rest", "Next: right side, set 1 of 2"),
        ("ready", "Next: right side, set 1 of 2"),
        ("work", "Next: right side, set 2 of 2"),
        ("rest", "Next: right side, set 2 of 2"),
        ("work", "Next: Side plank"),
        ("ready", "Next: set 1 of 1"),
        ("hold", "Next: done"),
    ]


def test_invalid_actions_are_ignored_not_crashes():
    clock, sets = FakeClock(), []
    eng = engine(routine(strength("Side plank", "side_plank", sets=1, hold=20), RestStep(seconds=5)), clock, sets)
    for act in (eng.add_rep, eng.skip, eng.back, eng.tick):  # IDLE
        assert act() == []
    eng.remove_rep()
    eng.add_partial()
    eng.pause()
    assert not eng.paused and eng.phase == Phase.IDLE
    eng.start()
    assert eng.start() == []  # a second start does nothing
    clock.advance(READY_SECONDS)
    eng.tick()
    assert eng.phase == Phase.HOLD
    assert eng.add_rep() == [] and eng.state().reps_done == 0  # no reps in a hold
    eng.remove_rep()
    eng.add_partial()
    assert eng.state().reps_done == 0 and eng.state().partial_reps == 0
    assert sets == []


@pytest.mark.parametrize("bad", [-1, 11, 3.5, "4", True])
def test_pain_scores_validated(bad):
    eng = engine(routine(education(5)), FakeClock())
    with pytest.raises(SessionError) as err:
        eng.start(pain_before=bad)
    assert isinstance(err.value, CoachError) and "0 to 10" in str(err.value)
    assert eng.phase == Phase.IDLE  # nothing started
    eng.start(pain_before=0)
    with pytest.raises(SessionError):
        eng.finish(pain_after=bad)
    assert eng.finish(pain_after=10).pain_after == 10


def test_empty_routine_finishes_at_once():
    eng = engine(routine(), FakeClock())
    assert kinds(eng.start()) == ["start", "finished"]
    assert eng.finish().status == "completed"


def test_failing_on_set_does_not_derail_the_engine():
    clock, seen = FakeClock(), []

    def on_set(rec):
        seen.append(rec)
        if len(seen) == 1:
            raise OSError("disk full")

    eng = engine(routine(strength("Side plank", "side_plank", sets=3, hold=10, rest=5, per_side=False)), clock)
    eng._on_set = on_set
    eng.start()
    clock.advance(READY_SECONDS + 10)
    with pytest.raises(OSError):
        eng.tick()
    assert eng.phase == Phase.REST and len(eng.record.sets) == 1
    clock.advance(100)
    cues = eng.tick()
    assert "countdown" not in kinds(cues) and kinds(cues)[-1] == "finished"  # cues kept for the next call
    assert [s.set_number for s in seen] == [1, 2, 3] and [s.set_number for s in eng.record.sets] == [1, 2, 3]


def test_finish_on_a_session_never_started():
    clock = FakeClock()
    clock.advance(50)
    rec = engine(routine(education(5)), clock).finish()
    assert rec.status == "interrupted" and rec.started_at == rec.ended_at == clock.wall() and rec.sets == ()
