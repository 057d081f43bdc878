"""Sets done again or amended: back-and-redo replaces a set (no double counting), a pelvic-drop flag that
arrives just after its set ended still lands in that set, skipped work is not "completed", and a manual
correction undoes a camera rep first."""

from __future__ import annotations

from coach.core.record import PelvicDropEvent
from coach.core.routines.model import READY_SECONDS
from coach.core.session import LATE_DROP_S, Phase
from support.session_fakes import FakeClock, education, engine, routine, strength


def kinds(cues):
    return [c.kind for c in cues]


def _to_work(eng, clock):
    while eng.phase != Phase.WORK:
        clock.advance((eng.state().remaining_s or 0) + 0.01)
        eng.tick()


def test_a_set_done_again_after_back_replaces_the_first_one():
    clock, offered = FakeClock(), []
    eng = engine(routine(strength(sets=2, reps=2, rest=10)), clock, offered)
    eng.start()
    _to_work(eng, clock)
    clock.advance(4)
    eng.add_rep()
    eng.add_rep()  # left set 1: 2 reps
    eng.back()  # restart the step (> 3 s in)
    _to_work(eng, clock)
    eng.add_rep()
    eng.add_rep()
    rec = eng.record
    left1 = [s for s in rec.sets if (s.side, s.set_number) == ("left", 1)]
    assert len(left1) == 1 and left1[0].started_at > offered[0].started_at  # the redo, not both
    assert len(offered) == 2  # the store was offered the redo under the same key (it replaces)
    assert rec.total_reps == 2


def test_a_late_pelvic_drop_lands_in_the_set_that_just_ended():
    clock, offered = FakeClock(), []
    eng = engine(routine(strength(sets=2, reps=2, rest=30)), clock, offered)
    eng.start()
    _to_work(eng, clock)
    clock.advance(3)
    eng.add_rep()
    clock.advance(3)
    eng.add_rep()  # the last rep ends the set; its drop is reported a moment later
    assert eng.phase == Phase.REST
    clock.advance(0.7)
    cues = eng.add_pelvic_drop(PelvicDropEvent("left", 9.0, 2.0))
    assert kinds(cues) == ["pelvic_drop"]
    s = eng.record.sets[-1]
    assert [(e.side, e.peak_deg) for e in s.pelvic_drops] == [("left", 9.0)]
    assert 0 <= s.pelvic_drops[0].t_s <= round(s.ended_at - s.started_at, 3)
    assert offered[-1] == s and len(offered) == 2  # offered again, amended
    assert eng.state().drops_left == 1
    clock.advance(LATE_DROP_S + 1)  # too late for that set: ignored
    eng.tick()
    assert eng.add_pelvic_drop(PelvicDropEvent("left", 9.0, 2.0)) == []
    assert len(eng.record.sets[-1].pelvic_drops) == 1


def test_a_late_drop_from_the_other_leg_is_not_pinned_on_this_set():
    clock = FakeClock()
    eng = engine(routine(strength(sets=1, reps=1, rest=30)), clock)
    eng.start()
    _to_work(eng, clock)
    eng.add_rep()  # left set done
    assert eng.add_pelvic_drop(PelvicDropEvent("right", 9.0, 1.0)) == []
    assert eng.record.sets[-1].pelvic_drops == ()


def test_skipping_work_is_not_a_completed_session_but_redoing_it_is():
    clock = FakeClock()
    eng = engine(routine(education(10), strength(sets=1, reps=1, per_side=False, rest=0)), clock)
    eng.start()
    eng.skip()  # skipping the reading is fine
    _to_work(eng, clock)
    eng.skip()  # the set, with nothing done
    assert eng.phase == Phase.FINISHED
    rec = eng.finish()
    assert rec.status == "interrupted" and rec.steps_done == 1  # the reading counts, the skipped set doesn't
    eng3 = engine(routine(strength(sets=1, reps=1, per_side=False, rest=0), education(10)), clock)
    eng3.start()
    _to_work(eng3, clock)
    clock.advance(4)
    eng3.skip()  # skipped, then done properly after "back"
    eng3.back()
    _to_work(eng3, clock)
    eng3.add_rep()
    clock.advance(10)
    eng3.tick()
    rec = eng3.finish()
    assert rec.status == "completed" and rec.steps_done == 2 and not any(s.skipped for s in rec.sets)


def test_minus_undoes_a_camera_rep_first():
    clock = FakeClock()
    eng = engine(routine(strength(sets=1, reps=2, per_side=False, rest=0)), clock)
    eng.start()
    clock.advance(READY_SECONDS)
    eng.tick()
    eng.add_rep("camera")  # a false count
    eng.remove_rep()
    eng.add_rep("manual")
    eng.add_rep("manual")
    assert eng.record.sets[-1].source == "manual"
