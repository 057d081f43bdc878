"""Trend-chart data without QtCharts: the points each chart draws and the shared date-axis range.

Points are ``{series name: [(x, y), ...]}`` oldest first, x = session start in Unix milliseconds: pain ratings
0–10 (before / after), achieved reps of each rep exercise per session, and the largest pelvic drop per session
per stance side in degrees. ``date_axis`` works in Unix ms and local-time days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from coach.core.record import SessionRecord
from coach.ui.history.table_model import exercise_label

Points = dict[str, list[tuple[float, float]]]


def _ms(t: float) -> float:
    return t * 1000.0


def pain_points(records: Iterable[SessionRecord]) -> Points:
    """Pain before / after (0–10) per session, oldest first."""
    out: Points = {"Pain before": [], "Pain after": []}
    for r in sorted(records, key=lambda r: r.started_at):
        if r.pain_before is not None:
            out["Pain before"].append((_ms(r.started_at), float(r.pain_before)))
        if r.pain_after is not None:
            out["Pain after"].append((_ms(r.started_at), float(r.pain_after)))
    return out


def reps_points(records: Iterable[SessionRecord]) -> Points:
    """Achieved reps (all sides and sets) per rep exercise per session; hold exercises and rolls are left out."""
    out: Points = defaultdict(list)
    for r in sorted(records, key=lambda r: r.started_at):
        total: dict[str, int] = {}
        for s in r.sets:
            if s.kind == "strength" and s.target_reps is not None:
                name = exercise_label(s)
                total[name] = total.get(name, 0) + s.achieved_reps
        for name, reps in total.items():
            out[name].append((_ms(r.started_at), float(reps)))
    return dict(sorted(out.items()))


def drop_points(records: Iterable[SessionRecord]) -> Points:
    """Peak pelvic drop (degrees) per session for each stance side, measured on every rep (flagged or not);
    sessions where it wasn't measured on that side have no point."""
    out: Points = {"Standing on left leg": [], "Standing on right leg": []}
    for r in sorted(records, key=lambda r: r.started_at):
        for side, peak in r.peak_drop_by_side().items():
            if peak is not None:
                out[f"Standing on {side} leg"].append((_ms(r.started_at), peak))
    return out


def date_axis(first_ms: float, last_ms: float) -> tuple[float, float, int, str]:
    """Date-axis range from local noon of the day before ``first_ms`` to local noon after ``last_ms`` (Unix ms),
    stretched so every tick falls on a noon: no two tick labels name the same day, even across a DST change.
    Returns (lo_ms, hi_ms, tick_count, Qt date format)."""
    d0 = datetime.fromtimestamp(first_ms / 1000).date() - timedelta(days=1)
    d1 = datetime.fromtimestamp(last_ms / 1000).date() + timedelta(days=1)
    days = (d1 - d0).days
    if days > 8:  # six intervals of whole days
        step = -(-days // 6)
        d1, days = d0 + timedelta(days=6 * step), 6 * step
    noon = lambda d: datetime(d.year, d.month, d.day, 12).timestamp() * 1000.0  # noqa: E731
    return noon(d0), noon(d1), (days + 1 if days <= 8 else 7), ("d MMM" if d0.year == d1.year else "d MMM yy")
