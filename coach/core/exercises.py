"""Catalogue of strength exercises the app knows: one entry per exercise key.

This is the single list shared by routine validation, the session engine, the camera
pipeline and movement analysis. Analysis-specific thresholds live in ``coach.core.analysis``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

View = Literal["front", "side", "any"]
Mode = Literal["reps", "hold", "steps"]


@dataclass(frozen=True)
class ExerciseInfo:
    key: str
    name: str
    view: View  # camera view the tracker needs: "front" (or back), "side", or "any"
    mode: Mode  # reps are counted, holds are timed, steps (band walk) are counted per step
    unilateral: bool  # True: counts and sets are kept per side
    pelvic_drop: bool  # True: contralateral pelvic drop is judged (front/back view only)


EXERCISES: dict[str, ExerciseInfo] = {
    e.key: e
    for e in (
        ExerciseInfo("squat", "Squat", "any", "reps", False, False),
        ExerciseInfo("single_leg_squat", "Single-leg squat", "front", "reps", True, True),
        ExerciseInfo("step_down", "Step-down", "front", "reps", True, True),
        ExerciseInfo("split_squat", "Bulgarian split squat", "any", "reps", True, False),
        ExerciseInfo("lunge", "Reverse lunge", "any", "reps", True, False),
        ExerciseInfo("hip_abduction", "Standing hip abduction", "front", "reps", True, False),
        ExerciseInfo("glute_bridge", "Glute bridge", "side", "reps", False, False),
        ExerciseInfo("single_leg_deadlift", "Single-leg deadlift (hinge)", "front", "reps", True, True),
        ExerciseInfo("side_plank", "Side plank", "front", "hold", True, False),
        ExerciseInfo("single_leg_balance", "Single-leg balance", "front", "hold", True, True),
        ExerciseInfo("lateral_band_walk", "Lateral band walk", "front", "steps", False, False),
    )
}


def count_word(key: str | None, n: int | None = None) -> str:
    """The unit a counted exercise is dosed in, in words: "steps" for the band walk (one step to the side is
    one count), else "reps"; singular when ``n`` is 1. Unknown keys count reps."""
    info = EXERCISES.get(key or "")
    word = "step" if info is not None and info.mode == "steps" else "rep"
    return word if n == 1 else word + "s"
