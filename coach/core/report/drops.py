"""Pelvic-drop peaks per stance side per week, the change from the last measured week and the left/right
asymmetry, each shown only when it is larger than the measurement's error.

Angles are degrees of hip-line drop on the lifted-leg side (``SessionRecord.peak_drop_by_side``: the largest
0.3 s mean in any rep, flagged or not); the side is the standing leg. Weeks run Monday to Sunday (local dates).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coach.core.record import SessionRecord

SIDES = ("left", "right")
DROP_THRESHOLD_DEG = 5.0  # a drop beyond this (for 150 ms) is flagged: the default of the "analysis/drop_deg" setting
# How far two measurements of the same still hip line can differ: the largest spread (max - min) of the 0.3 s
# mean hip-line tilt on a still stance, real lite pose model on ../shared/videos (bench/pelvic_noise.py):
# 1.25° (squat_front_4reps; 1.02° and 0.43° on the other two clips). Synthetic known tilts stay within 0.93°.
DROP_ERROR_DEG = 1.25


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class SideWeek:
    """One side in one week. ``peak`` None: not measured that week (camera off, side view or no single-leg rep).
    ``change``: peak minus the last measured week's peak (deg), None for the first measured week; ``real``:
    the change is larger than ``DROP_ERROR_DEG``."""

    peak: float | None
    flags: int  # drops flagged (beyond the threshold) that week, on this standing leg
    change: float | None = None
    real: bool = False


@dataclass(frozen=True)
class WeekDrops:
    week: date  # Monday
    left: SideWeek
    right: SideWeek

    def side(self, side: str) -> SideWeek:
        return self.left if side == "left" else self.right

    @property
    def asymmetry(self) -> float | None:
        """Left peak minus right peak (deg); None unless both sides were measured this week."""
        if self.left.peak is None or self.right.peak is None:
            return None
        return self.left.peak - self.right.peak


def weekly_drops(records: list[SessionRecord], weeks: list[date], day_of: dict[str, date]) -> list[WeekDrops]:
    """One row per Monday in ``weeks``: each side's largest peak and flag count over the week's sessions.
    ``day_of``: session id -> local date of the session."""
    out: list[WeekDrops] = []
    last: dict[str, float] = {}
    for monday in weeks:
        inside = [r for r in records if monday <= day_of[r.id] < monday + timedelta(days=7)]
        sides: dict[str, SideWeek] = {}
        for side in SIDES:
            peaks = [p for r in inside if (p := r.peak_drop_by_side()[side]) is not None]
            flags = sum(1 for r in inside for s in r.sets for e in s.pelvic_drops if e.side == side)
            peak = max(peaks) if peaks else None
            change = None if peak is None or side not in last else peak - last[side]
            sides[side] = SideWeek(peak, flags, change, change is not None and abs(change) > DROP_ERROR_DEG)
            if peak is not None:
                last[side] = peak
        out.append(WeekDrops(monday, sides["left"], sides["right"]))
    return out


def change_text(w: SideWeek) -> str:
    """ "not measured", "first measured", "up 2.1°", "down 1.8°" or "within ±1.25°" (no change beyond the error)."""
    if w.peak is None:
        return "not measured"
    if w.change is None:
        return "first measured"
    if not w.real:
        return f"within ±{DROP_ERROR_DEG:g}°"
    return f"{'up' if w.change > 0 else 'down'} {abs(w.change):.1f}°"


def day_text(d: date) -> str:
    """ "2 Nov" """
    return f"{d.day} {d:%b}"


def trend_text(rows: list[WeekDrops], side: str) -> str:
    """From the first measured week to the last, for one standing leg, in words."""
    measured = [(w.week, p) for w in rows if (p := w.side(side).peak) is not None]
    if not measured:
        return f"Standing on the {side} leg: not measured."
    (w0, p0), (w1, p1) = measured[0], measured[-1]
    if len(measured) == 1:
        return f"Standing on the {side} leg: {p0:.1f}° (week of {day_text(w0)}), measured in one week only."
    diff = p1 - p0
    head = f"Standing on the {side} leg: {p0:.1f}° (week of {day_text(w0)}) → {p1:.1f}° (week of {day_text(w1)})"
    if abs(diff) <= DROP_ERROR_DEG:
        return f"{head}: no change beyond the ±{DROP_ERROR_DEG:g}° error."
    return f"{head}: {'up' if diff > 0 else 'down'} {abs(diff):.1f}°."


def asymmetry_text(rows: list[WeekDrops]) -> str:
    """The left/right difference in the latest week both sides were measured, in words."""
    both = [w for w in rows if w.asymmetry is not None]
    if not both:
        return "Left/right asymmetry: not measured (no week with both sides measured)."
    w = both[-1]
    diff = w.asymmetry or 0.0
    head = f"Left/right asymmetry (week of {day_text(w.week)}): left {w.left.peak:.1f}°, right {w.right.peak:.1f}°"
    if abs(diff) <= DROP_ERROR_DEG:
        return f"{head}: no difference beyond the ±{DROP_ERROR_DEG:g}° measurement error."
    worse = "left" if diff > 0 else "right"
    return f"{head}: standing on the {worse} leg the hip drops {abs(diff):.1f}° more."
