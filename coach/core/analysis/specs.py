"""Per-exercise analysis specs: which signal is read, from which landmarks, in which camera view,
and what counts as a rep.

Signals (0 at the start position, growing with the movement; all scale-invariant):
- ``hip_drop``: fall of hip height above the stance ankle, as a share of the standing hip height
  (hip height is measured in shin lengths of the same frame). 0.3 ~ thighs 60 deg from vertical.
- ``hinge``: fall of the vertical torso extent (shoulders above hips), share of standing; 1 - cos(lean).
- ``abduction``: angle between the two legs (hip->ankle), degrees above the standing angle.
- ``bridge``: hip extension (shoulder-hip-knee angle), degrees above the lying rest angle.
- ``band_steps``: ankle separation in shin lengths above the standing separation; one widen-and-close = 1 step.
- ``plank`` / ``balance``: holds; no reps.

``stance_rule`` picks the stance (supporting) leg: "lower" = the ankle that is lower in the image
relative to its standing position (the other foot is lifted or stepped back), "upper" = the ankle
on the step (step-downs lower the free foot). ``side_means`` says what a rep's side is: the stance
leg (as in PelvicDropEvent) or, for standing hip abduction, the moving leg (as routines say "left
leg out"); side planks use the supporting (lower) side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from coach.core import landmarks as L
from coach.core.exercises import EXERCISES

LEGS = (L.LEFT_HIP, L.RIGHT_HIP, L.LEFT_KNEE, L.RIGHT_KNEE, L.LEFT_ANKLE, L.RIGHT_ANKLE)
TRUNK = (L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_HIP, L.RIGHT_HIP)


@dataclass(frozen=True)
class ExerciseSpec:
    key: str
    view: Literal["front", "side", "any"]
    mode: Literal["reps", "hold", "steps"]
    unilateral: bool
    pelvic_drop: bool  # judged only if the catalogue says so AND it is shown reliable here
    signal: str
    landmarks: tuple[int, ...]
    posture: Literal["standing", "lying"]
    enter: float = 0.0  # signal level that starts a rep
    exit: float = 0.0  # level below which the rep ends (enter > exit: the gap is the dead zone)
    full: float = 0.0  # peak level for a full (counted) rep; below it a rep is partial
    min_rep_s: float = 0.4  # shorter excursions are noise
    stance_rule: Literal["lower", "upper"] | None = None
    side_means: Literal["stance", "moving"] | None = None
    unit: str = ""


def _spec(key: str, **kw: Any) -> ExerciseSpec:
    info = EXERCISES[key]
    pelvic = kw.pop("pelvic_drop", info.pelvic_drop) and info.pelvic_drop
    return ExerciseSpec(key=key, view=info.view, mode=info.mode, unilateral=info.unilateral, pelvic_drop=pelvic, **kw)


HIP = dict(signal="hip_drop", landmarks=TRUNK + LEGS, posture="standing", unit="share of standing hip height")

SPECS: dict[str, ExerciseSpec] = {
    s.key: s
    for s in (
        _spec("squat", **HIP, enter=0.12, exit=0.06, full=0.30),
        _spec("single_leg_squat", **HIP, enter=0.07, exit=0.035, full=0.18, stance_rule="lower", side_means="stance"),
        _spec("step_down", **HIP, enter=0.05, exit=0.025, full=0.12, stance_rule="upper", side_means="stance"),
        # Lunges and split squats are not judged for pelvic drop: the back leg carries load and
        # rotates the pelvis, so a hip-line tilt there is not a contralateral drop.
        _spec("split_squat", **HIP, enter=0.10, exit=0.05, full=0.24, stance_rule="lower", side_means="stance"),
        _spec("lunge", **HIP, enter=0.10, exit=0.05, full=0.24, stance_rule="lower", side_means="stance"),
        _spec(
            "hip_abduction",
            signal="abduction",
            landmarks=TRUNK + LEGS,
            posture="standing",
            enter=10.0,
            exit=5.0,
            full=20.0,
            min_rep_s=0.3,
            stance_rule="lower",
            side_means="moving",
            unit="deg",
        ),
        _spec(
            "glute_bridge",
            signal="bridge",
            landmarks=(L.LEFT_SHOULDER, L.RIGHT_SHOULDER) + LEGS[:4],
            posture="lying",
            enter=10.0,
            exit=5.0,
            full=22.0,
            min_rep_s=0.4,
            unit="deg",
        ),
        _spec(
            "single_leg_deadlift",
            signal="hinge",
            landmarks=TRUNK + LEGS,
            posture="standing",
            enter=0.12,
            exit=0.06,
            full=0.35,
            min_rep_s=0.5,
            stance_rule="lower",
            side_means="stance",
            unit="share of standing torso height",
        ),
        _spec(
            "lateral_band_walk",
            signal="band_steps",
            landmarks=LEGS,
            posture="standing",
            enter=0.18,
            exit=0.09,
            full=0.30,
            min_rep_s=0.25,
            unit="shin lengths",
        ),
        _spec("side_plank", signal="plank", landmarks=TRUNK + LEGS, posture="lying", side_means="stance"),
        _spec(
            "single_leg_balance",
            signal="balance",
            landmarks=TRUNK + LEGS,
            posture="standing",
            stance_rule="lower",
            side_means="stance",
        ),
    )
}
