"""Checks on values read from the history or a recovery file, before they become records.

SQLite accepts any value in any column (``started_at = 'yesterday'``, ``1e300``), and a recovery file is
plain JSON, so every row is checked: a bad one is skipped (and counted), never handed to the views, where it
crashed sorting and date formatting. Times are Unix seconds within years 1970-9999; pain is 0-10;
durations are seconds (0 to ``MAX_SECONDS``); angles are degrees (-180 to 180: any angle a tilt measurement can give).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from coach.core.record import SessionRecord

MAX_TIME = 253_402_300_799.0  # 9999-12-31 23:59:59 UTC: the last second datetime can show
MAX_SECONDS = 1_000_000.0  # a set or hold longer than ~11 days is not a real value
MAX_COUNT = 1_000_000
MAX_TEXT = 100_000  # characters
STATUSES = ("in_progress", "completed", "interrupted")

Check = Callable[[Any], bool]


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def time_(v: Any) -> bool:
    return _number(v) and 0 <= v <= MAX_TIME


def seconds(v: Any) -> bool:
    return _number(v) and 0 <= v <= MAX_SECONDS


def offset(v: Any) -> bool:  # seconds since a set began (may be slightly negative for late flags)
    return _number(v) and -MAX_SECONDS <= v <= MAX_SECONDS


def degrees(v: Any) -> bool:
    return _number(v) and -180 <= v <= 180


def count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_COUNT


def pain(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 10


def flag(v: Any) -> bool:
    return v in (0, 1) and isinstance(v, (int, bool))


def text(v: Any) -> bool:
    return isinstance(v, str) and len(v) <= MAX_TEXT


def side(v: Any) -> bool:
    return v in ("left", "right")


def optional(check: Check) -> Check:
    return lambda v: v is None or check(v)


SESSION: dict[str, Check] = {
    "id": text,
    "routine_id": text,
    "routine_title": text,
    "started_at": time_,
    "ended_at": optional(time_),
    "pain_before": optional(pain),
    "pain_after": optional(pain),
    "notes": optional(text),
    "status": lambda v: v in STATUSES,
    "steps_total": count,
    "steps_done": count,
    "camera_used": flag,
}
SET: dict[str, Check] = {
    "step_index": count,
    "kind": text,
    "exercise": text,
    "side": optional(side),
    "set_number": count,
    "target_reps": optional(count),
    "achieved_reps": count,
    "partial_reps": count,
    "target_hold_s": optional(seconds),
    "achieved_hold_s": seconds,
    "started_at": time_,
    "ended_at": time_,
    "source": text,
    "skipped": flag,
    "peak_drop_deg": optional(degrees),
}
DROP: dict[str, Check] = {"side": side, "peak_deg": degrees, "t_s": offset}


def problem(values: dict[str, Any], spec: dict[str, Check]) -> str | None:
    """The first field of ``values`` that fails its check, as "field=value" (None when all are fine)."""
    for name, check in spec.items():
        v = values.get(name)
        if not check(v):
            shown = repr(v)
            return f"{name}={shown[:40]}"
    return None


def record_problem(r: SessionRecord) -> str | None:
    """Why a whole record (header, sets and flags; e.g. from a recovery file) can't go into the history."""
    try:
        d = asdict(r)
    except TypeError as err:
        return str(err)
    p = problem(d, SESSION)
    if p:
        return p
    for i, s in enumerate(d["sets"]):
        if not isinstance(s, dict):
            return f"set {i + 1} is not a set"
        p = problem(s, SET) or next((problem(e, DROP) for e in s.get("pelvic_drops", ()) if problem(e, DROP)), None)
        if p:
            return f"set {i + 1}: {p}"
    return None
