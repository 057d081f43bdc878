"""Keeping a programme's state up to date from the history (pure): which sessions are ready to be judged, the
catch-up that judges them in order, what today holds, and the state as JSON for the store.

A session is judged once its next-morning check is in, or once that morning has passed without one (then the
doses hold: a missing check never counts as a good one). Each session is judged once: the state remembers the
start time (Unix seconds) of the last one it took in. Days are local ``date``s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, timedelta

from coach.core.programme.model import Dose, Programme
from coach.core.programme.outcomes import MorningCheck, SessionOutcome
from coach.core.programme.progression import Decision, PhaseDecision, ProgrammeState, apply_session, check_phase
from coach.core.programme.rules import Rules

STATE_VERSION = 1


@dataclass(frozen=True)
class Pending:
    """A session (its start, Unix seconds) with its outcome, waiting for its next morning."""

    started_at: float
    outcome: SessionOutcome


def ready(p: Pending, mornings: dict[date, MorningCheck], today: date) -> SessionOutcome | None:
    """The outcome with its next-morning check, once it can be judged; None while that morning is still to come."""
    check = mornings.get(p.outcome.day + timedelta(days=1))
    if check is not None:
        return replace(p.outcome, morning=check)
    if today > p.outcome.day + timedelta(days=1):  # that morning passed without a check: judged without one
        return replace(p.outcome, morning=None)
    return None


def catch_up(
    programme: Programme,
    state: ProgrammeState,
    applied_through: float,
    sessions: list[Pending],
    mornings: dict[date, MorningCheck],
    today: date,
    rules: Rules = Rules(),
) -> tuple[ProgrammeState, float, list[Decision], list[PhaseDecision]]:
    """Judge, in order, every session after ``applied_through`` that is ready; then check the phase for today.
    Returns the new state, the new ``applied_through``, the dose decisions and the phase decisions made."""
    decisions: list[Decision] = []
    phases: list[PhaseDecision] = []
    for p in sorted(sessions, key=lambda p: p.started_at):
        if p.started_at <= applied_through:
            continue
        outcome = ready(p, mornings, today)
        if outcome is None:
            break  # later sessions wait too: they are judged in order
        state, pd = check_phase(programme, state, outcome.day)
        if pd.action != "hold":
            phases.append(pd)
        state, made = apply_session(programme, state, outcome, rules)
        decisions.extend(made)
        applied_through = p.started_at
    state, pd = check_phase(programme, state, today)
    if pd.action != "hold":
        phases.append(pd)
    return state, applied_through, decisions, phases


def week_of(state: ProgrammeState, today: date) -> int:
    """1-based week of the programme."""
    return (today - state.started).days // 7 + 1


def state_to_json(state: ProgrammeState, applied_through: float) -> str:
    d = {
        "version": STATE_VERSION,
        "programme_id": state.programme_id,
        "started": state.started.isoformat(),
        "phase": state.phase,
        "phase_started": state.phase_started.isoformat(),
        "baseline": state.baseline,
        "doses": {k: [v.variation, v.amount, v.sets] for k, v in state.doses.items()},
        "last_raise": {k: v.isoformat() for k, v in state.last_raise.items()},
        "sessions_in_phase": state.sessions_in_phase,
        "good_in_phase": state.good_in_phase,
        "flares": [d.isoformat() for d in state.flares],
        "applied_through": applied_through,
    }
    return json.dumps(d, sort_keys=True)


def state_from_json(text: str) -> tuple[ProgrammeState, float]:
    """Raises ValueError (with a plain message) for anything that isn't a state this version wrote."""
    try:
        d = json.loads(text)
        if d.get("version") != STATE_VERSION:
            raise ValueError(f"programme state version {d.get('version')!r} is not {STATE_VERSION}")
        baseline = d["baseline"]
        if baseline is not None and not (isinstance(baseline, int) and 0 <= baseline <= 10):
            raise ValueError("the usual-pain baseline must be 0-10")
        doses = {str(k): Dose(str(k), int(v[0]), int(v[1]), int(v[2])) for k, v in d["doses"].items()}
        if any(x.amount < 1 or x.sets < 1 or x.variation < 0 for x in doses.values()):
            raise ValueError("a dose is out of range")
        state = ProgrammeState(
            programme_id=str(d["programme_id"]),
            started=date.fromisoformat(d["started"]),
            phase=int(d["phase"]),
            phase_started=date.fromisoformat(d["phase_started"]),
            doses=doses,
            baseline=baseline,
            last_raise={str(k): date.fromisoformat(v) for k, v in d["last_raise"].items()},
            sessions_in_phase=int(d["sessions_in_phase"]),
            good_in_phase=int(d["good_in_phase"]),
            flares=tuple(date.fromisoformat(x) for x in d["flares"]),
        )
        return state, float(d["applied_through"])
    except (KeyError, TypeError, AttributeError, IndexError, json.JSONDecodeError) as err:
        raise ValueError(f"the programme state can't be read ({err})") from None
