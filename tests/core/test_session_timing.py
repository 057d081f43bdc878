"""Session engine timing: big clock jumps replay every transition in order; pauses inside jumps."""

from __future__ import annotations

import pytest

from coach.core.routines.model import CHANGEOVER_SECONDS, READY_SECONDS, RestStep
from coach.core.session import Phase
from support.session_fakes import WALL0, FakeClock, education, engine, kinds, roll, routine, strength


def holds_routine():
    return routine(
        education(10),
        roll(seconds=30),
        strength("Side plank", "side_plank", sets=2, hold=20, rest=15),
        RestStep(seconds=30),
        strength(sets=1, reps=5, per_side=False),
    )


def test_large_jump_processes_every_set_in_order():
    clock, sets = FakeClock(), []
    eng = engine(holds_routine(), clock, sets)
    eng.start()
    clock.advance(1000)
    cues = eng.tick()
    # education 10, roll 30 + changeover 5 + 30, plank: 5 + 20 + 15 + 5 + 20 + 15 + 5 + 20 + 15 + 5 + 20,
    # rest 30, ready 5
    assert eng.phase == Phase.WORK  # stops at the first untimed set
    assert [(s.exercise, s.side, s.set_number) for s in sets] == [
        ("tfl", "left", 1),
        ("tfl", "right", 1),
        ("side_plank", "left", 1),
        ("side_plank", "left", 2),
        ("side_plank", "right", 1),
        ("side_plank", "right", 2),
    ]
    assert [s.ended_at - WALL0 for s in sets] == [40, 75, 100, 140, 180, 220]
    assert [s.started_at - WALL0 for s in sets] == [10, 45, 80, 120, 160, 200]
    assert kinds(cues) == [
        "step",
        "switch_side",
        "set_done",
        "step",
        "set_done",
        "ready",
        "set_done",
        "switch_side",
        "set_done",
        "ready",
        "set_done",
        "step",
        "step",
    ]
    st = eng.state()
    assert st.elapsed_s == pytest.approx(1000 - 255)  # the untimed set has been waiting since t=240
    assert "countdown" not in kinds(cues)  # stale countdowns of phases already over are not announced


def test_jump_landing_mid_phase_gives_the_latest_countdown_only():
    clock = FakeClock()
    eng = engine(routine(education(10), RestStep(seconds=10)), clock)
    eng.start()
    clock.advance(11.5)  # education over, 8.5 s left of the rest
    assert kinds(eng.tick()) == ["step"]
    clock.advance(6.8)  # 1.7 s left: "3" and "2" were passed in one jump
    assert [(c.kind, c.value) for c in eng.tick()] == [("countdown", 2)]
    clock.advance(0.8)
    assert [(c.kind, c.value) for c in eng.tick()] == [("countdown", 1)]
    clock.advance(5)
    assert kinds(eng.tick()) == ["finished"]
    assert eng.finish().duration_s == pytest.approx(20.0)


def test_jump_to_the_end_of_a_timed_routine_completes_it():
    clock, sets = FakeClock(), []
    eng = engine(
        routine(roll(seconds=45, per_side=False), strength("Side plank", "side_plank", sets=3, hold=20, rest=10)),
        clock,
        sets,
    )
    eng.start()
    clock.advance(10_000)
    assert kinds(eng.tick())[-1] == "finished"
    rec = eng.finish()
    assert rec.status == "completed" and len(rec.sets) == 7
    assert rec.duration_s == pytest.approx(45 + 2 * READY_SECONDS + 4 * CHANGEOVER_SECONDS + 6 * 20 + 5 * 10)
    assert [s.achieved_hold_s for s in rec.sets] == [45.0] + [20.0] * 6


def test_pause_in_the_middle_of_a_hold_then_resume_and_jump():
    clock, sets = FakeClock(), []
    eng = engine(routine(strength("Side plank", "side_plank", sets=1, hold=20, per_side=False)), clock, sets)
    eng.start()
    clock.advance(READY_SECONDS + 8)
    eng.pause()
    clock.advance(500)
    eng.resume()
    clock.advance(11.9)
    eng.tick()
    assert eng.phase == Phase.HOLD and eng.state().remaining_s == pytest.approx(0.1)
    clock.advance(100)
    assert kinds(eng.tick()) == ["set_done", "finished"]
    s = sets[0]
    assert s.achieved_hold_s == 20.0
    assert s.ended_at - s.started_at == pytest.approx(520.0)  # wall time includes the pause
