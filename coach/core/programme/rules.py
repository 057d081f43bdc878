"""The progression thresholds, in one place: what the engine applies, what the app shows, what Settings edits.

``LIMITS`` gives each threshold the range that keeps the programme safe and, in plain words, why; ``checked()``
clamps to it and ``clamp_notes()`` says what was clamped. ``rules_to_dict`` / ``rules_from_dict`` are the saved
form (the store keeps it beside the programme state, so the app and the CLI use the same values).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from coach.core.pain import PAIN_LIMIT


@dataclass(frozen=True)
class Limit:
    low: float
    high: float
    why: str  # why the range stops there, in plain words


LIMITS: dict[str, Limit] = {
    "pain_limit": Limit(1, 6, "above 6/10 is no longer pain the graded return allows; below 1 nothing could progress"),
    "max_rise": Limit(0.0, 0.15, "a rise of more than 15 % at a time is the load spike that brings flares back"),
    "rise_every_days": Limit(7, 28, "tissues need about a week to adapt to a new load before the next rise"),
    "regress_to": Limit(0.5, 0.9, "a step back of 10–50 % eases a flare without throwing away the progress"),
    "form_share": Limit(0.5, 1.0, "below half the reps with level hips the form can't count as held"),
    "worse_by": Limit(1, 5, "a morning 1–5 points above your usual is the range where “worse” means something"),
}
INTEGERS = frozenset({"pain_limit", "rise_every_days", "worse_by"})


@dataclass(frozen=True)
class Rules:
    pain_limit: int = PAIN_LIMIT  # pain during/after above this (0-10) regresses the dose
    max_rise: float = 0.15  # a dose rises by at most this share ...
    rise_every_days: int = 7  # ... once in this many days
    regress_to: float = 0.75  # a regress cuts the dose to this share (or steps back a variation)
    form_share: float = 0.8  # share of camera-measured reps with level hips for form to count as held
    worse_by: int = 2  # a next-morning pain this far above the usual level counts as worse

    def describe(self) -> list[str]:
        """The rules as a person reads them (shown beside the programme and in Settings)."""
        return [
            f"Progress only when pain stayed at or below {self.pain_limit}/10, the next morning was back to usual, "
            f"every set was done and your hips stayed level on at least {self.form_share:.0%} of measured reps.",
            f"Each exercise goes up by at most {self.max_rise:.0%}, once in {self.rise_every_days} days.",
            f"Pain above {self.pain_limit}/10, or a worse next morning, steps back (about "
            f"{1 - self.regress_to:.0%} less, or an easier variation).",
            f"A morning {self.worse_by} or more points above your usual pain counts as worse.",
            "A missing pain rating or morning check never counts as a good one: the dose holds.",
        ]

    def checked(self) -> Rules:
        """Self, with each value clamped to a range that keeps the programme safe (``LIMITS``)."""
        out: dict[str, float] = {}
        for name, lim in LIMITS.items():
            value = getattr(self, name)
            value = value if value == value else lim.high  # NaN: the safe end
            out[name] = min(lim.high, max(lim.low, value))
        return _build(out)

    def clamp_notes(self) -> list[str]:
        """One plain sentence for each value ``checked()`` changes (empty when all are within range)."""
        safe = self.checked()
        notes = []
        for name, lim in LIMITS.items():
            typed, kept = getattr(self, name), getattr(safe, name)
            if kept != typed:
                shown = _show(name, typed) if typed == typed else "that value"  # NaN
                notes.append(
                    f"{LABELS[name]} {shown} is outside the safe range, so {_show(name, kept)} will be used: {lim.why}."
                )
        return notes


LABELS = {
    "pain_limit": "The pain limit",
    "max_rise": "The largest rise",
    "rise_every_days": "The days between rises",
    "regress_to": "The step back",
    "form_share": "The share of level-hip reps",
    "worse_by": "A worse morning",
}


def _show(name: str, value: float) -> str:
    if name == "pain_limit":
        return f"{int(value)}/10"
    if name in ("max_rise", "form_share"):
        return f"{value:.0%}"
    if name == "regress_to":
        return f"{1 - value:.0%} less"
    if name == "rise_every_days":
        return f"{int(value)} days"
    return f"{int(value)} points above usual"


def rules_to_dict(rules: Rules) -> dict[str, float]:
    return {f.name: getattr(rules, f.name) for f in fields(Rules)}


def rules_from_dict(data: object) -> Rules:
    """Rules from their saved form: a missing, unknown or unreadable value keeps its default; the result is
    clamped to ``LIMITS``."""
    if not isinstance(data, dict):
        return Rules()
    values: dict[str, float] = {}
    for name in LIMITS:
        raw = data.get(name)
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
            continue
        values[name] = raw
    return _build(values).checked()


def _build(values: dict[str, float]) -> Rules:
    """Rules from ``values`` (missing names keep their defaults; whole numbers where the field is one)."""
    d = rules_to_dict(Rules()) | values
    return Rules(
        pain_limit=int(d["pain_limit"]),
        max_rise=float(d["max_rise"]),
        rise_every_days=int(d["rise_every_days"]),
        regress_to=float(d["regress_to"]),
        form_share=float(d["form_share"]),
        worse_by=int(d["worse_by"]),
    )
