"""Distance and moving time from a track of (time, latitude, longitude) points.

Latitude and longitude in degrees (WGS84), distance in metres on a sphere of the mean Earth radius (haversine:
within 0.5 % of the ellipsoid, which is under the 1 % the import promises). A step counts as moving when the
gap is at most ``PAUSE_GAP_S`` and the speed at least ``MOVING_MPS``; the distance of a step across a pause
still counts (the runner got there), its time does not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import datetime

import numpy as np

EARTH_RADIUS_M = 6_371_008.8
PAUSE_GAP_S = 30.0
MOVING_MPS = 0.5

Point = tuple[datetime | None, float, float]


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def track_distance_m(segments: Iterable[Sequence[Point]]) -> float:
    """The length of each segment, added (the gap between segments, a paused watch, is not counted)."""
    total = 0.0
    for seg in segments:
        for (_, la1, lo1), (_, la2, lo2) in zip(seg, seg[1:]):
            total += haversine_m(la1, lo1, la2, lo2)
    return total


def times_s(texts: list[str | None]) -> np.ndarray:
    """ISO 8601 times as Unix seconds (NaN where missing or unreadable). Times all in UTC with "Z", as watches
    write them, are parsed by numpy in one call; anything else one by one."""
    if texts and all(t is not None and t.endswith("Z") and "+" not in t for t in texts):
        try:
            stamps = np.array([t[:-1] for t in texts if t is not None], dtype="datetime64[ms]")
            return stamps.astype("int64").astype(float) / 1000.0
        except ValueError:
            pass
    out = np.full(len(texts), np.nan)
    for i, text in enumerate(texts):
        t = _iso(text)
        if t is not None:
            out[i] = t.timestamp()
    return out


def _iso(text: str | None) -> datetime | None:
    from coach.importers.common import parse_time

    return parse_time(text)


def distance_and_moving(segments: Iterable[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> tuple[float, float | None]:
    """Distance and moving time of segments given as arrays (Unix seconds or NaN, latitude, longitude), in one
    vectorised pass: the GPX reader's hot path."""
    total, moving, timed = 0.0, 0.0, False
    for t, lat, lon in segments:
        if len(lat) < 2:
            continue
        p, l = np.radians(lat), np.radians(lon)
        a = np.sin(np.diff(p) / 2) ** 2 + np.cos(p[:-1]) * np.cos(p[1:]) * np.sin(np.diff(l) / 2) ** 2
        d = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
        total += float(d.sum())
        dt = np.diff(t)
        ok = np.isfinite(dt)
        if ok.any():
            timed = True
            safe = np.where(ok & (dt > 0), dt, 1.0)
            moves = ok & (dt > 0) & (dt <= PAUSE_GAP_S) & (d / safe >= MOVING_MPS)
            moving += float(dt[moves].sum())
    return total, moving if timed else None


def moving_time_s(segments: Iterable[Sequence[Point]]) -> float | None:
    """Seconds spent moving (None when the points carry no times)."""
    total, timed = 0.0, False
    for seg in segments:
        for (t1, la1, lo1), (t2, la2, lo2) in zip(seg, seg[1:]):
            if t1 is None or t2 is None:
                continue
            timed = True
            dt = (t2 - t1).total_seconds()
            if 0 < dt <= PAUSE_GAP_S and haversine_m(la1, lo1, la2, lo2) / dt >= MOVING_MPS:
                total += dt
    return total if timed else None
