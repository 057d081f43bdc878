"""A session played into a store as the app does (for the store, export and CLI tests)."""

from __future__ import annotations

from coach.core.record import PelvicDropEvent
from coach.core.session import Phase
from support.session_fakes import bundled_style, engine


def run_session(store, clock, r=None, *, finish=True, camera=False, drops=True):
    """Play a routine with the store recording as the app does; returns the engine."""
    eng = engine(r or bundled_style(), clock)
    eng._on_set = lambda s: store.add_set(eng.record.id, s)
    eng.start(pain_before=4)
    store.begin_session(eng.record)
    while eng.phase != Phase.FINISHED:
        clock.advance(0.5)
        eng.tick()
        while eng.phase == Phase.WORK:
            if drops and eng.state().side == "left" and eng.state().reps_done == 1:
                eng.add_pelvic_drop(PelvicDropEvent("left", 6.25, 0.0))
            eng.add_rep("camera" if camera else "manual")
    if finish:
        store.finish_session(eng.finish(pain_after=2, notes="knee calm"))
    return eng
