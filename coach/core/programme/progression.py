"""The progression engine (pure): from a session's outcome, progress, hold or regress each exercise's dose, with
one plain sentence of why; and move the programme's phase on, hold it, or step it back.

Rules (``Rules``): progress only when pain stayed within the limit, the next morning was back to usual, every set
was done and form held (or wasn't measured); regress on pain above the limit or a worse next morning; a dose
rises by at most ``max_rise`` once in ``rise_every_days``; a missing rating or morning check never counts as a
good one. Days are local ``date``s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from coach.core.programme.model import Dose, Ladder, Programme, dose_text
from coach.core.programme.outcomes import ExerciseOutcome, MorningCheck, SessionOutcome
from coach.core.programme.rules import Rules

Action = Literal["progress", "hold", "regress"]


@dataclass(frozen=True)
class Decision:
    exercise: str
    action: Action
    dose: Dose  # for next time
    was: Dose
    reason: str  # one plain sentence
    day: date


@dataclass(frozen=True)
class ProgrammeState:
    """Where a person is in a programme. ``last_raise``: the day each exercise's dose last went up."""

    programme_id: str
    started: date
    phase: int
    phase_started: date
    doses: dict[str, Dose]
    baseline: int | None = None  # usual pain, 0-10, asked once at the start
    last_raise: dict[str, date] = field(default_factory=dict)
    sessions_in_phase: int = 0
    good_in_phase: int = 0  # sessions that count toward moving on: rated within the limit, next morning back to
    #                         usual, every set done, form held
    flares: tuple[date, ...] = ()  # days a session went above the pain limit or the next morning was worse

    @classmethod
    def begin(cls, programme: Programme, day: date, baseline: int | None) -> ProgrammeState:
        return cls(programme.id, day, 0, day, programme.first_doses(), baseline)


def morning_state(m: MorningCheck | None, baseline: int | None, rules: Rules) -> str:
    """ "back" (as usual or better), "worse", or "unknown" (no check, or not enough to tell)."""
    if m is None or (m.pain is None and m.compared is None):
        return "unknown"
    if m.compared == "worse" or (m.pain is not None and baseline is not None and m.pain >= baseline + rules.worse_by):
        return "worse"
    if m.compared in ("same", "better") or (m.pain is not None and baseline is not None and m.pain <= baseline):
        return "back"
    return "unknown"


def _raise(ladder: Ladder, dose: Dose, rules: Rules) -> tuple[Dose, str] | None:
    """The next dose up (within ``max_rise``) and how to say it, or None when it can't go up."""
    if dose.amount < ladder.top:
        amount = min(ladder.top, math.floor(dose.amount * (1 + rules.max_rise) + 1e-9))
        if amount > dose.amount:
            unit = "reps" if ladder.unit == "reps" else "s"
            return replace(dose, amount=amount), f"{amount} {unit} next time (was {dose.amount})"
        return None
    if dose.variation + 1 < len(ladder.variations):
        # a harder variation starts lower: the load does not jump by more than the cap
        nxt = replace(dose, variation=dose.variation + 1, amount=ladder.start)
        return (
            nxt,
            f"on to {ladder.variations[nxt.variation].lower()} at {ladder.start}"
            f"{' reps' if ladder.unit == 'reps' else ' s'}",
        )
    return None


def _lower(ladder: Ladder, dose: Dose, rules: Rules) -> tuple[Dose, str]:
    if dose.amount <= ladder.start and dose.variation > 0:
        prev = dose.variation - 1
        amount = max(ladder.start, round(ladder.top * rules.regress_to))
        return replace(dose, variation=prev, amount=amount), f"back to {ladder.variations[prev].lower()}"
    amount = max(1, round(dose.amount * rules.regress_to))
    unit = "reps" if ladder.unit == "reps" else "s"
    return replace(dose, amount=amount), f"{amount} {unit} next time (was {dose.amount})"


def _form(ex: ExerciseOutcome, rules: Rules) -> tuple[bool, str]:
    if not ex.reps_measured or ex.reps_level is None:
        return True, ""
    level, n = ex.reps_level, ex.reps_measured
    held = level >= rules.form_share * n
    return held, f"your hips stayed level on {level} of {n} reps"


def decide(
    ladder: Ladder,
    dose: Dose,
    ex: ExerciseOutcome,
    session: SessionOutcome,
    *,
    baseline: int | None,
    last_raise: date | None,
    rules: Rules = Rules(),
) -> Decision:
    """Progress, hold or regress one exercise after ``session`` (judged with its next-morning check)."""

    def out(action: Action, new: Dose, why: str) -> Decision:
        return Decision(ex.exercise, action, new, dose, why[0].upper() + why[1:], session.day)

    pain = session.pain_after
    morning = morning_state(session.morning, baseline, rules)
    if pain is not None and pain > rules.pain_limit:
        new, how = _lower(ladder, dose, rules)
        return out("regress", new, f"pain reached {pain}/10, above {rules.pain_limit}/10: {how}.")
    if morning == "worse":
        new, how = _lower(ladder, dose, rules)
        return out("regress", new, f"the next morning was worse than usual: {how}.")
    now = dose_text(ladder, dose).split(": ", 1)[1]
    if pain is None:
        return out("hold", dose, f"no pain rating after the session, so no change: {now} again.")
    if morning == "unknown":
        return out("hold", dose, f"pain stayed at {pain}/10, but there was no next-morning check: {now} again.")
    if ex.sets_done < ex.sets_planned:
        return out(
            "hold", dose, f"you finished {ex.sets_done} of {ex.sets_planned} sets: {now} again until they are all done."
        )
    held, form = _form(ex, rules)
    if not held:
        return out("hold", dose, f"pain stayed at {pain}/10, but {form}: {now} again while form builds.")
    if last_raise is not None and (session.day - last_raise).days < rules.rise_every_days:
        wait = rules.rise_every_days - (session.day - last_raise).days
        return out(
            "hold",
            dose,
            f"all good, but this went up {(session.day - last_raise).days} days ago: "
            f"{now} again, the next rise in {wait} days at the earliest.",
        )
    up = _raise(ladder, dose, rules)
    if up is None:
        return out("hold", dose, f"all good and at the top of this ladder: {now} again.")
    good = f"pain stayed at {pain}/10, it was back to usual next morning"
    return out("progress", up[0], f"{good}{', and ' + form if form else ''}: {up[1]}.")


def apply_session(
    programme: Programme, state: ProgrammeState, session: SessionOutcome, rules: Rules = Rules()
) -> tuple[ProgrammeState, list[Decision]]:
    """The state after one session (with its next-morning check, if any), and a decision per laddered exercise."""
    doses, raised = dict(state.doses), dict(state.last_raise)
    decisions = []
    for ex in session.exercises.values():
        ladder = programme.ladder(ex.exercise)
        if ladder is None:
            continue
        d = decide(
            ladder,
            doses.get(ex.exercise, ladder.first()),
            ex,
            session,
            baseline=state.baseline,
            last_raise=raised.get(ex.exercise),
            rules=rules,
        )
        decisions.append(d)
        doses[ex.exercise] = d.dose
        if d.action == "progress":
            raised[ex.exercise] = session.day
    morning = morning_state(session.morning, state.baseline, rules)
    flare = (session.pain_after is not None and session.pain_after > rules.pain_limit) or morning == "worse"
    good = (
        session.pain_after is not None
        and session.pain_after <= rules.pain_limit
        and morning == "back"
        and all(ex.sets_done >= ex.sets_planned and _form(ex, rules)[0] for ex in session.exercises.values())
    )
    return replace(
        state,
        doses=doses,
        last_raise=raised,
        sessions_in_phase=state.sessions_in_phase + 1,
        good_in_phase=state.good_in_phase + good,
        flares=state.flares + ((session.day,) if flare else ()),
    ), decisions


@dataclass(frozen=True)
class PhaseDecision:
    action: Action
    phase: int
    reason: str


def check_phase(programme: Programme, state: ProgrammeState, today: date) -> tuple[ProgrammeState, PhaseDecision]:
    """Move on when the phase's criteria are met (weeks, and good sessions: a missing rating never counts); step
    back a phase after two flares within 14 days; else hold."""
    phase = programme.phases[state.phase]
    recent = [d for d in state.flares if 0 <= (today - d).days < 14 and d >= state.phase_started]
    if len(recent) >= 2 and state.phase > 0:
        back = state.phase - 1
        new = replace(state, phase=back, phase_started=today, sessions_in_phase=0, good_in_phase=0)
        return new, PhaseDecision(
            "regress", back, f"Two flares in two weeks: back to “{programme.phases[back].title}” for now."
        )
    weeks = (today - state.phase_started).days // 7
    last = state.phase + 1 >= len(programme.phases)
    if recent and (today - max(recent)).days < 7:
        return state, PhaseDecision(
            "hold", state.phase, "A flare in the last week: staying in this phase until a calm week has passed."
        )
    if not last and weeks >= phase.move_on.min_weeks and state.good_in_phase >= phase.move_on.min_sessions:
        nxt = state.phase + 1
        new = replace(state, phase=nxt, phase_started=today, sessions_in_phase=0, good_in_phase=0)
        return new, PhaseDecision(
            "progress",
            nxt,
            f"{weeks} weeks and {state.good_in_phase} good sessions in "
            f"“{phase.title}” with no flare: on to "
            f"“{programme.phases[nxt].title}”.",
        )
    if last:
        return state, PhaseDecision("hold", state.phase, "The last phase: keep it up.")
    need_w = max(0, phase.move_on.min_weeks - weeks)
    need_s = max(0, phase.move_on.min_sessions - state.good_in_phase)
    todo = " and ".join(
        x
        for x in (
            f"{need_w} more week{'s' if need_w != 1 else ''}" if need_w else "",
            f"{need_s} more good session{'s' if need_s != 1 else ''}" if need_s else "",
        )
        if x
    )
    if need_s and state.sessions_in_phase > state.good_in_phase:
        todo += (
            " (a session counts when pain stayed within the guide, was rated, the next morning was back to "
            "usual and every set was done)"
        )
    return state, PhaseDecision("hold", state.phase, f"{todo or 'A little more'} in this phase before moving on.")
