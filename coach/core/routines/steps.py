"""One ``[[steps]]`` table -> a step dataclass, with every field checked; plus the roll-then-load rule.

Durations are whole seconds with sane caps (``LIMITS``); the caps keep hand-typed mistakes
(600 instead of 60) from reaching the player.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach.core.exercises import EXERCISES
from coach.core.routines.equipment import EQUIPMENT, default_equipment
from coach.core.routines.fields import MISSING, FieldReader, type_name
from coach.core.routines.issues import RoutineIssue
from coach.core.routines.model import EducationStep, RestStep, RollStep, StrengthStep
from coach.core.routines.targets import IT_BAND_REASON, ROLL_TARGETS, mentions_it_band, tells_to_roll_it_band

LIMITS = {  # (lowest, highest)
    "roll_seconds_per_side": (10, 180),
    "hold_seconds": (5, 300),
    "reps": (1, 100),
    "sets": (1, 10),
    "rest_seconds": (0, 600),  # between sets of a strength step
    "rest_step_seconds": (5, 600),
    "education_seconds": (5, 300),
}
KINDS = ("roll", "strength", "rest", "education")
_TITLE_LEN = 80
_TEXT_LEN = 1200

_KEYS = {
    "roll": ("kind", "title", "target", "seconds_per_side", "per_side", "illustration", "cues", "avoid"),
    "strength": (
        "kind",
        "title",
        "exercise",
        "sets",
        "reps",
        "hold_seconds",
        "per_side",
        "tempo",
        "rest_seconds",
        "view",
        "illustration",
        "cues",
        "faults",
        "equipment",
    ),
    "rest": ("kind", "seconds", "title", "text", "illustration"),
    "education": ("kind", "title", "text", "seconds", "illustration"),
}


def _roll(r: FieldReader, assets: Path | None) -> Any:
    title = r.text("title", max_len=_TITLE_LEN)
    if title is not MISSING and mentions_it_band(title):
        r.add("title", f"{title!r} names the IT band: {IT_BAND_REASON}")
    target = r.data.get("target")
    if isinstance(target, str) and mentions_it_band(target):
        r.add("target", f"{target!r} is not allowed: {IT_BAND_REASON}")
    else:
        target = r.choice("target", ROLL_TARGETS)
    lo, hi = LIMITS["roll_seconds_per_side"]
    seconds = r.integer("seconds_per_side", lo, hi, unit="s")
    per_side = r.boolean("per_side", True)
    illustration = r.illustration(assets)
    cues, avoid = r.texts("cues"), r.texts("avoid")
    if not r.ok:
        return MISSING
    return RollStep(
        title=title,
        target=target,
        seconds_per_side=seconds,
        per_side=per_side,
        illustration=illustration,
        cues=cues,
        avoid=avoid,
    )


def _strength(r: FieldReader, assets: Path | None) -> Any:
    title = r.text("title", max_len=_TITLE_LEN)
    key = r.choice("exercise", EXERCISES)
    sets = r.integer("sets", *LIMITS["sets"])
    reps = r.integer("reps", *LIMITS["reps"], required=False)
    hold = r.integer("hold_seconds", *LIMITS["hold_seconds"], unit="s", required=False)
    rest = r.integer("rest_seconds", *LIMITS["rest_seconds"], unit="s", required=False, default=30)
    tempo = r.text("tempo", required=False, max_len=20, allow_empty=True)
    per_side = r.boolean("per_side", False)
    view = r.choice("view", ("front", "side", "any"), required=False, default=None)
    illustration = r.illustration(assets)
    cues, faults = r.texts("cues"), r.texts("faults")
    kit = _equipment(r, key)
    if key is not MISSING:
        info = EXERCISES[key]
        if info.mode == "hold":
            if "reps" in r.data:
                r.add("reps", f"{info.name} is a timed hold: use hold_seconds, not reps")
            elif "hold_seconds" not in r.data:
                r.add("hold_seconds", f"missing (required: {info.name} is a timed hold)")
        else:
            what = "steps each way" if info.mode == "steps" else "repetitions"
            if "hold_seconds" in r.data:
                r.add("hold_seconds", f"{info.name} is counted in {what}: use reps, not hold_seconds")
            elif "reps" not in r.data:
                r.add("reps", f"missing (required: {info.name} is counted in {what})")
        if "per_side" in r.data and per_side is not MISSING and per_side != info.unilateral:
            r.add(
                "per_side",
                f"must be {str(info.unilateral).lower()} for {info.name} "
                f"({'one side at a time' if info.unilateral else 'both sides work together'})",
            )
        per_side = info.unilateral
        if view is None:
            view = info.view
        elif view is not MISSING and info.view != "any" and view != info.view:
            r.add("view", f"{view!r} disagrees with the catalogue: {info.name} is tracked from the {info.view}")
    if not r.ok:
        return MISSING
    return StrengthStep(
        title=title,
        exercise=key,
        sets=sets,
        reps=reps,
        hold_seconds=hold,
        per_side=per_side,
        rest_seconds=rest,
        view=view,
        illustration=illustration,
        tempo=tempo,
        cues=cues,
        faults=faults,
        equipment=kit,
    )


def _equipment(r: FieldReader, exercise: Any) -> Any:
    """The step's ``equipment`` list (keys of EQUIPMENT), or the exercise's usual kit when it names none."""
    if "equipment" not in r.data:
        return default_equipment(exercise) if isinstance(exercise, str) else ()
    names = r.texts("equipment", max_items=len(EQUIPMENT), max_len=40)
    if names is MISSING:
        return MISSING
    unknown = [n for n in names if n not in EQUIPMENT]
    if unknown:
        r.add("equipment", f"{unknown[0]!r} is not known; use any of: {', '.join(EQUIPMENT)}")
        return MISSING
    return tuple(dict.fromkeys(names))


def _rest(r: FieldReader, assets: Path | None) -> Any:
    seconds = r.integer("seconds", *LIMITS["rest_step_seconds"], unit="s")
    title = r.text("title", required=False, default="Rest", max_len=_TITLE_LEN)
    text = r.text("text", required=False, default="", max_len=_TEXT_LEN, allow_empty=True)
    illustration = r.illustration(assets, required=False, default="illustrations/rest.svg")
    if not r.ok:
        return MISSING
    return RestStep(seconds=seconds, title=title, text=text, illustration=illustration)


def _education(r: FieldReader, assets: Path | None) -> Any:
    title = r.text("title", max_len=_TITLE_LEN)
    text = r.text("text", max_len=_TEXT_LEN)
    seconds = r.integer("seconds", *LIMITS["education_seconds"], unit="s", required=False, default=20)
    illustration = r.illustration(assets)
    if not r.ok:
        return MISSING
    return EducationStep(title=title, text=text, illustration=illustration, seconds=seconds)


_PARSERS = {"roll": _roll, "strength": _strength, "rest": _rest, "education": _education}


def parse_step(raw: object, *, number: int, file: str, issues: list[RoutineIssue], assets: Path | None) -> Any:
    """Step ``number`` (1-based) -> a step dataclass, or MISSING after recording its problems in ``issues``."""
    if not isinstance(raw, dict):
        issues.append(RoutineIssue(file, number, None, f"must be a table ([[steps]]), got {type_name(raw)}"))
        return MISSING
    kind = raw.get("kind")
    if kind not in KINDS:
        r = FieldReader(raw, file=file, step=number, issues=issues, allowed=raw.keys(), what="a step")
        r.choice("kind", KINDS)
        return MISSING
    r = FieldReader(raw, file=file, step=number, issues=issues, allowed=_KEYS[kind], what=f"{kind} steps")
    _no_band_rolling(r, skip=("title",) if kind == "roll" else ())
    step = _PARSERS[kind](r, assets)
    return step if r.ok else MISSING


_PROSE = ("title", "text", "cues", "avoid", "faults")


def _no_band_rolling(r: FieldReader, skip: tuple[str, ...] = ()) -> None:
    """No cue, text or title may tell people to roll the IT band (saying not to is fine, and encouraged)."""
    for key in _PROSE:
        value = r.data.get(key)
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        for i, item in enumerate(items, 1):
            if key not in skip and isinstance(item, str) and tells_to_roll_it_band(item):
                where = f"entry {i} " if isinstance(value, list) else ""
                r.add(key, f"{where}tells people to roll the IT band: {IT_BAND_REASON}")


def check_roll_then_load(raw_steps: list[object], *, file: str, issues: list[RoutineIssue]) -> None:
    """Every block of roll steps must be followed by a strength step: roll, then load.

    A block runs from a roll step to the next strength step (rest and education steps may sit between).
    Judged on each step's declared ``kind``, so a strength step with a typo elsewhere still counts.
    """
    first_roll: int | None = None
    last_roll = 0
    for number, raw in enumerate(raw_steps, 1):
        kind = raw.get("kind") if isinstance(raw, dict) else None
        if kind == "roll":
            first_roll = number if first_roll is None else first_roll
            last_roll = number
        elif kind == "strength":
            first_roll = None
    if first_roll is not None:
        span = f"step {first_roll}" if first_roll == last_roll else f"steps {first_roll}-{last_roll}"
        issues.append(
            RoutineIssue(
                file,
                last_roll,
                "kind",
                f"rolling ({span}) is not followed by a strength step: roll, then load; "
                "add a strength exercise after it (e.g. side_plank)",
            )
        )
