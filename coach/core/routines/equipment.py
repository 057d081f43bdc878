"""What a routine needs at hand: the equipment names, and each exercise's usual kit.

A roll step always needs a foam roller. A strength step needs its exercise's kit (``DEFAULT_FOR``) unless its
routine file names its own with ``equipment = [...]`` (keys of ``EQUIPMENT``; an empty list means none).
"""

from __future__ import annotations

EQUIPMENT: dict[str, str] = {  # key -> what the preview shows
    "foam_roller": "Foam roller",
    "mini_band": "Mini band (a loop band)",
    "chair": "Chair",
    "step": "Step (a stair or a sturdy box)",
    "bench": "Bench or chair",
    "wall": "Wall (to touch for balance)",
}
ROLLER = "foam_roller"

DEFAULT_FOR: dict[str, tuple[str, ...]] = {  # exercise key -> kit, when the step names none
    "single_leg_squat": ("chair",),
    "step_down": ("step",),
    "split_squat": ("bench",),
    "hip_abduction": ("wall",),
    "single_leg_balance": ("wall",),
    "lateral_band_walk": ("mini_band",),
}


def default_equipment(exercise: str) -> tuple[str, ...]:
    """The usual kit for an exercise key (``()`` for none, or for a key this catalogue doesn't know)."""
    return DEFAULT_FOR.get(exercise, ())


def equipment_names(keys: tuple[str, ...]) -> list[str]:
    """Keys -> the words the user reads, in the same order."""
    return [EQUIPMENT.get(k, k) for k in keys]
