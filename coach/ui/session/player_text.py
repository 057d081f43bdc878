"""Words and numbers the player shows for a step or a state (no widgets here, so they test quickly)."""

from __future__ import annotations

import re
from html import escape

from coach.core.exercises import EXERCISES, count_word
from coach.core.routines import ROLL_TARGETS
from coach.core.routines.model import EducationStep, RestStep, RollStep, Step, StrengthStep
from coach.core.session import Phase, SessionState
from coach.ui.session.player_widgets import clock_text

PHASE_TITLES = {
    Phase.READY: "Get into position",
    Phase.ROLL: "Roll",
    Phase.WORK: "Reps",
    Phase.HOLD: "Hold",
    Phase.REST: "Rest",
    Phase.EDUCATION: "Read",
    Phase.FINISHED: "Done",
    Phase.IDLE: "",
}
VIEW_HINT = {
    "front": "Camera: face the camera (or turn your back to it).",
    "side": "Camera: stand side-on to the camera.",
}


def _items(title: str, items: tuple[str, ...]) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{escape(i)}</li>" for i in items)
    return f"<p style='margin-bottom:2px'><b>{escape(title)}</b></p><ul style='margin-top:0'>{lis}</ul>"


def tempo_text(tempo: str) -> str:
    """ " · tempo 3-1-1" for a count pattern, " · steady" for a word; nothing for "hold" (the dose says it)."""
    t = tempo.strip()
    if not t or t.lower() == "hold":
        return ""
    return f" · tempo {escape(t)}" if re.fullmatch(r"[\d\s\-–/]+", t) else f" · {escape(t)}"


def instructions_html(step: Step) -> str:
    """Rich text: what to do, cues and what to avoid / common faults."""
    if isinstance(step, RollStep):
        where = ROLL_TARGETS.get(step.target, step.target)
        per = f"{step.seconds_per_side} s per side" if step.per_side else f"{step.seconds_per_side} s"
        return (
            f"<p>Roll the <b>{escape(where)}</b> — {per}. Never the IT band.</p>"
            + _items("How", step.cues)
            + _items("Avoid", step.avoid)
        )
    if isinstance(step, StrengthStep):
        info = EXERCISES.get(step.exercise)
        dose = f"{step.reps} {count_word(step.exercise)}" if step.reps is not None else f"{step.hold_seconds} s hold"
        sides = " per side" if step.per_side else ""
        head = f"<p><b>{step.sets} × {dose}{sides}</b>"
        head += tempo_text(step.tempo)
        if step.rest_seconds:
            head += f" · rest {step.rest_seconds} s"
        head += "</p>"
        hint = VIEW_HINT.get(step.view) or VIEW_HINT.get(info.view if info else "", "")
        return (
            head
            + _items("Cues", step.cues)
            + _items("Common faults", step.faults)
            + (f"<p><i>{escape(hint)}</i></p>" if hint else "")
        )
    if isinstance(step, (RestStep, EducationStep)):
        return f"<p>{escape(step.text)}</p>" if step.text else "<p>Breathe easy and get ready for what's next.</p>"
    return ""


def ring_values(s: SessionState) -> tuple[float, str, str]:
    """(ring fraction 0..1, big text, caption) for a state: time left in timed phases, reps in a rep set."""
    if s.phase == Phase.WORK:
        target = s.reps_target or 0
        unit = count_word(s.step.exercise if isinstance(s.step, StrengthStep) else None)
        return (s.reps_done / target if target else 0.0), f"{s.reps_done}/{target}", unit
    if s.phase_total_s and s.remaining_s is not None:
        total = s.phase_total_s
        if s.phase == Phase.ROLL and s.sides_total == 2:
            half = total / 2
            left = s.remaining_s - half if s.remaining_s > half else s.remaining_s
            return 1.0 - left / half, clock_text(left), "left on this side"
        return 1.0 - s.remaining_s / total, clock_text(s.remaining_s), "seconds left"
    if s.phase == Phase.FINISHED:
        return 1.0, "✓", "session done"
    return 0.0, "", ""


def just_done_text(s: SessionState) -> str:
    """During a rest or get-ready: the set just finished, then what comes next is in ``next_label``.
    E.g. "Set 1 of 2 done · 10 / 10 reps" or "Set 2 of 3 done · held 20 s"."""
    last = s.last_set
    assert last is not None
    text = f"Set {last.set_number} of {s.sets_total} {'cut short' if last.skipped else 'done'}"
    if last.target_reps is not None:
        text += f"  ·  {last.achieved_reps} / {last.target_reps} {count_word(last.exercise)}"
        if s.amendable:
            text += "  (+ / − to correct)"
    elif last.target_hold_s is not None:
        text += f"  ·  held {int(round(last.achieved_hold_s))} s"
    return text


SIDE_WORDS = {  # what LEFT / RIGHT means for each per-side exercise: which leg stands, which moves
    "side_plank": "{Side} side down: on your {side} forearm",
    "hip_abduction": "Lift your {side} leg; stand on the {other}",
    "split_squat": "{Side} leg in front",
    "lunge": "Step back with your {other} leg; the {side} leg works",
}


def side_caption(step: Step | None, side: str | None) -> str:
    """Plain words for the side pills: which leg stands and which moves ("" when both sides work)."""
    if side not in ("left", "right") or step is None:
        return ""
    other = "right" if side == "left" else "left"
    if isinstance(step, RollStep):
        return f"Roll your {side} side"
    if isinstance(step, StrengthStep):
        words = SIDE_WORDS.get(step.exercise, "Stand on your {side} leg; the {other} leg moves")
        return words.format(side=side, other=other, Side=side.capitalize())
    return ""
