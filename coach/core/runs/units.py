"""Kilometres or miles, for display only: runs are stored and computed in metres."""

from __future__ import annotations

import math
from typing import Literal

Unit = Literal["km", "mi"]
METRES: dict[Unit, float] = {"km": 1000.0, "mi": 1609.344}


def unit_or_km(value: object) -> Unit:
    """A saved setting as a unit ("mi" for miles, anything else km)."""
    return "mi" if value in ("mi", "miles") else "km"


def to_unit(metres: float, unit: Unit) -> float:
    return metres / METRES[unit]


def from_unit(value: float, unit: Unit) -> float:
    return value * METRES[unit]


def number(metres: float, unit: Unit, *, down: bool = False) -> str:
    """``metres`` in ``unit`` to 0.1, without a trailing ".0" ("6", "6.6"); ``down`` rounds down (for a most)."""
    v = to_unit(metres, unit)
    v = math.floor(v * 10 + 1e-6) / 10 if down else round(v, 1)
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def distance(metres: float, unit: Unit, *, down: bool = False) -> str:
    """ "6.6 km", "4.1 mi"."""
    return f"{number(metres, unit, down=down)} {unit}"


def pace(seconds_per_km: float | None, unit: Unit) -> str:
    """ "5:42 /km" or "9:10 /mi" ("" when unknown)."""
    if seconds_per_km is None or not math.isfinite(seconds_per_km) or seconds_per_km <= 0:
        return ""
    s = round(seconds_per_km * METRES[unit] / 1000)
    return f"{s // 60}:{s % 60:02d} /{unit}"


def duration(seconds: float) -> str:
    """ "42:05" or "1:02:05"."""
    s = max(0, round(seconds))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"
