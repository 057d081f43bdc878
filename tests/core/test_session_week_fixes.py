"""What a week of real use found in the session engine: going back never erases finished work, "Done" for a
whole rep set with + / − corrections after it, reps during the get-ready countdown, the set just finished
shown during its rest, announced changeovers, and completion counted in sets."""

from __future__ import annotations

import pytest

from coach.core.routines.model import RestStep
from coach.core.session import AMEND_S, Phase
from support.session_fakes import FakeClock, education, engine, kinds, roll, routine, strength


def _to(eng, clock, phase):
    while eng.phase != phase:
        assert eng.phase not in (Phase.FINISHED, Phase.WORK) or phase == Phase.WORK, eng.phase
        clock.advance((eng.state().remaining_s or 0) + 0.01)
        eng.tick()


def _bridge_routine():
    """Shaped like Gentle start: a roll, then glute bridges 2 x 10 (both legs), then a roll."""
    return routine(
        roll("Gentle glute roll", "glute_max", 45),
        strength("Glute bridge", "glute_bridge", sets=2, reps=10, per_side=False, rest=30),
        roll("Gentle TFL roll", "tfl", 45),
    )


def test_back_twice_then_end_keeps_the_finished_set():
    """The reported case: set 1 done 10/10 with +, set 2 four reps, skip, back twice to the bridge, end."""
    clock, offered = FakeClock(), []
    eng = engine(_bridge_routine(), clock, offered)
    eng.start()
    _to(eng, clock, Phase.WORK)
    for _ in range(10):
        eng.add_rep()
    _to(eng, clock, Phase.WORK)
    for _ in range(4):
        eng.add_rep()
    eng.skip()  # set 2 cut short at 4 reps: on to the TFL roll
    assert eng.state().step_index == 2
    eng.back()  # under 3 s into the roll: back to the bridge step
    assert eng.state().step_index == 1
    _to(eng, clock, Phase.WORK)  # the bridge's set 1 again, nothing done
    clock.advance(5)
    eng.end_early()
    rec = eng.finish()
    bridge = {s.set_number: s for s in rec.sets if s.exercise == "glute_bridge"}
    assert (bridge[1].achieved_reps, bridge[1].skipped) == (10, False)
    assert (bridge[2].achieved_reps, bridge[2].skipped) == (4, True)
    assert rec.status == "interrupted"
    assert offered[-1].achieved_reps != 0  # the store was never offered a 0-rep set 1 over the finished one


def test_a_set_passed_over_again_keeps_its_result_and_a_redo_replaces_it():
    clock = FakeClock()
    eng = engine(
        routine(strength("Glute bridge", "glute_bridge", sets=1, reps=3, per_side=False, rest=0), education(10)), clock
    )
    eng.start()
    _to(eng, clock, Phase.WORK)
    eng.add_rep()
    eng.skip()  # cut short at 1 rep
    eng.back()
    _to(eng, clock, Phase.WORK)
    eng.add_rep()
    eng.add_rep()
    eng.skip()  # cut short again, with more done: the better attempt is kept
    assert [s.achieved_reps for s in eng.record.sets] == [2]
    eng.back()
    _to(eng, clock, Phase.WORK)
    eng.skip()  # passed over with nothing done: keeps 2
    assert [(s.achieved_reps, s.skipped) for s in eng.record.sets] == [(2, True)]
    eng.back()
    _to(eng, clock, Phase.WORK)
    for _ in range(3):
        eng.add_rep()  # done in full: replaces it
    assert [(s.achieved_reps, s.skipped) for s in eng.record.sets] == [(3, False)]
    _to(eng, clock, Phase.FINISHED)
    assert eng.finish().status == "completed"  # skipped once, done again: nothing is left undone


def test_done_records_the_target_and_plus_minus_correct_it_during_the_rest():
    clock, offered = FakeClock(), []
    eng = engine(
        routine(strength("Glute bridge", "glute_bridge", sets=2, reps=10, per_side=False, rest=30)), clock, offered
    )
    eng.start()
    _to(eng, clock, Phase.WORK)
    eng.add_rep()
    eng.add_rep()
    assert kinds(eng.complete_set()) == ["set_done"]
    st = eng.state()
    assert st.phase == Phase.REST and st.amendable
    assert (st.last_set.set_number, st.last_set.achieved_reps, st.last_set.source) == (1, 10, "manual")
    eng.remove_rep()
    eng.remove_rep()
    eng.add_rep()
    assert eng.state().last_set.achieved_reps == 9
    assert [s.achieved_reps for s in eng.record.sets] == [9]
    assert offered[-1].achieved_reps == 9  # each correction goes to the store (same key: it replaces)
    _to(eng, clock, Phase.WORK)
    assert not eng.state().amendable
    eng.remove_rep()  # in set 2 with nothing counted: set 1 is not touched
    assert [s.achieved_reps for s in eng.record.sets] == [9]
    eng.complete_set()
    assert eng.phase == Phase.FINISHED
    rec = eng.finish()
    assert [s.achieved_reps for s in rec.sets] == [9, 10] and rec.status == "completed"


def test_done_only_in_a_rep_set_and_corrections_expire():
    clock = FakeClock()
    eng = engine(
        routine(
            strength("Side plank", "side_plank", sets=1, hold=20, per_side=False),
            strength("Glute bridge", "glute_bridge", sets=1, reps=5, per_side=False),
            education(60),
        ),
        clock,
    )
    eng.start()
    _to(eng, clock, Phase.HOLD)
    assert eng.complete_set() == [] and eng.phase == Phase.HOLD  # holds are timed
    _to(eng, clock, Phase.WORK)
    eng.complete_set()
    assert eng.phase == Phase.EDUCATION and eng.state().amendable  # just after the set: still correctable
    clock.advance(AMEND_S + 1)
    eng.tick()
    assert not eng.state().amendable
    eng.remove_rep()
    assert eng.record.sets[-1].achieved_reps == 5


def test_a_rep_during_the_get_ready_countdown_starts_the_set_and_counts():
    clock = FakeClock()
    eng = engine(routine(strength("Squat", "squat", sets=1, reps=4, per_side=False)), clock)
    eng.start()
    assert eng.phase == Phase.READY
    clock.advance(2)
    eng.tick()
    eng.add_rep("camera", peak_drop_deg=None)
    st = eng.state()
    assert (st.phase, st.reps_done) == (Phase.WORK, 1)
    for _ in range(3):
        eng.add_rep("camera")
    rec = eng.finish()
    assert [(s.achieved_reps, s.source, s.skipped) for s in rec.sets] == [(4, "camera", False)]


def test_a_rep_during_a_rest_or_a_hold_get_ready_is_not_counted():
    clock = FakeClock()
    eng = engine(
        routine(
            strength("Squat", "squat", sets=2, reps=2, per_side=False, rest=30),
            strength("Side plank", "side_plank", sets=1, hold=10, per_side=False),
        ),
        clock,
    )
    eng.start()
    _to(eng, clock, Phase.WORK)
    eng.add_rep("camera")
    eng.add_rep("camera")
    assert eng.phase == Phase.REST
    assert kinds(eng.add_rep("camera")) == []  # the camera saw a rep while resting: not counted, not a correction
    assert eng.state().last_set.achieved_reps == 2
    _to(eng, clock, Phase.WORK)
    eng.add_rep("camera")
    eng.add_rep("camera")
    assert eng.phase == Phase.READY  # the plank's get-ready
    assert kinds(eng.add_rep("camera")) == [] and eng.phase == Phase.READY


def test_rest_shows_the_set_just_done_and_what_comes_next():
    clock = FakeClock()
    eng = engine(routine(strength("Glute bridge", "glute_bridge", sets=2, reps=10, per_side=False, rest=30)), clock)
    eng.start()
    _to(eng, clock, Phase.WORK)
    for _ in range(10):
        eng.add_rep()
    st = eng.state()
    assert st.phase == Phase.REST and st.set_number == 1
    assert (st.last_set.set_number, st.last_set.achieved_reps, st.last_set.target_reps) == (1, 10, 10)
    assert st.next_label == "Next: set 2 of 2"


def test_hold_sets_and_roll_sides_get_an_announced_changeover():
    clock = FakeClock()
    eng = engine(
        routine(strength("Side plank", "side_plank", sets=2, hold=15, per_side=False, rest=30), roll(seconds=30)), clock
    )
    eng.start()
    _to(eng, clock, Phase.HOLD)
    _to(eng, clock, Phase.REST)
    clock.advance(30)
    assert kinds(eng.tick()) == ["ready"]  # the rest is over: 5 s to get back into position, announced
    st = eng.state()
    assert (st.phase, st.set_number, st.remaining_s) == (Phase.READY, 2, pytest.approx(5.0, abs=0.05))
    _to(eng, clock, Phase.HOLD)
    _to(eng, clock, Phase.ROLL)
    clock.advance(30)
    assert kinds(eng.tick()) == ["switch_side"]
    assert (eng.phase, eng.state().side) == (Phase.READY, "right")


def test_completion_counts_sets_done_out_of_sets_planned():
    clock = FakeClock()
    r = routine(roll(seconds=30), strength(sets=3, reps=2, rest=0), RestStep(seconds=10))  # 2 + 6 = 8 planned
    eng = engine(r, clock)
    eng.start()
    _to(eng, clock, Phase.WORK)
    for n in range(6):
        if n == 2:
            eng.skip()  # left set 3 cut short
        else:
            eng.complete_set()
        _to(eng, clock, Phase.WORK) if eng.phase != Phase.WORK and n < 5 else None
    _to(eng, clock, Phase.FINISHED)
    rec = eng.finish()
    assert (rec.sets_planned, rec.sets_done) == (8, 7)
    assert rec.completion == pytest.approx(7 / 8)
    assert rec.status == "interrupted"
    assert rec.steps_done == 2  # the roll and the rest; the strength step has a set cut short
