"""The session engine and what it hands out: play a routine phase by phase from an injected clock (no Qt).

``SessionEngine`` (engine.py) drives ``plan.py``'s phases, records sets through ``sets.py`` and reports
``state.py``'s ``SessionState`` snapshots and ``Cue``s.
"""

from coach.core.session.engine import AMEND_S, BACK_GRACE_S, SessionEngine
from coach.core.session.plan import Phase, Segment, build_plan
from coach.core.session.sets import LATE_DROP_S, SetProgress
from coach.core.session.state import CUE_KINDS, Cue, SessionError, SessionState

__all__ = [
    "AMEND_S",
    "BACK_GRACE_S",
    "CUE_KINDS",
    "LATE_DROP_S",
    "Cue",
    "Phase",
    "Segment",
    "SessionEngine",
    "SessionError",
    "SessionState",
    "SetProgress",
    "build_plan",
]
