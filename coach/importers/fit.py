"""Garmin FIT activity files (``fitdecode``): one run per running ``session`` message.

Distance: the session's ``total_distance`` (the file's own total), else the last record's ``distance``, else
the track (haversine over the records' positions, in semicircles). Time: ``total_timer_time`` (pauses left
out), else ``total_elapsed_time``, else moving time from the records. The id is the file_id's serial number
and creation time, so the same file imported twice is one run.
"""

from __future__ import annotations

import io
import warnings
from datetime import UTC, datetime
from typing import Any

import fitdecode

from coach.core.runs import Run, RunError
from coach.importers.common import ImportProblem, is_run_type
from coach.importers.geo import Point, moving_time_s, track_distance_m

SEMICIRCLE = 180 / 2**31


def _fields(frame: Any) -> dict[str, Any]:
    return {f.name: f.value for f in frame.fields}


def _aware(t: object) -> datetime | None:
    if not isinstance(t, datetime):
        return None
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def _degrees(v: object) -> float | None:
    if not isinstance(v, int | float):
        return None
    deg = v * SEMICIRCLE if abs(v) > 360 else float(v)  # fitdecode gives raw semicircles
    return deg if -180 <= deg <= 180 else None


def read_fit(data: bytes, name: str = "") -> tuple[list[Run], list[str]]:
    """The file's runs and a note for each session left out; ImportProblem when none is a run."""
    sessions: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    file_id: dict[str, Any] = {}
    sport: str | None = None
    try:
        with (
            warnings.catch_warnings(),
            fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as fit,
        ):
            # fitdecode reads past odd fields (a real device's quirks) with a warning each: hundreds of lines on
            # stderr for a damaged file. They are silenced; a file it can't read still fails (the CRC) in one line.
            warnings.simplefilter("ignore")
            for frame in fit:
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                if frame.name == "session":
                    sessions.append(_fields(frame))
                elif frame.name == "record":
                    records.append(_fields(frame))
                elif frame.name == "file_id":
                    file_id = _fields(frame)
                elif frame.name == "sport":
                    sport = str(_fields(frame).get("sport") or "") or None
    except Exception as err:  # noqa: BLE001  a third-party decoder on hostile bytes: any failure is "unreadable"
        raise ImportProblem(f"is not a readable FIT file ({type(err).__name__}: {str(err)[:120]})") from err
    if not sessions and not records:
        raise ImportProblem("is not a readable FIT file (empty, or no activity in it)")
    if file_id and str(file_id.get("type", "activity")) not in ("activity", "4"):
        raise ImportProblem(f"is a FIT {file_id.get('type')} file, not an activity")
    ident = f"{file_id.get('serial_number', '')}-{file_id.get('time_created', '')}" if file_id else ""
    points: list[Point] = []
    for r in records:
        la, lo = _degrees(r.get("position_lat")), _degrees(r.get("position_long"))
        if la is not None and lo is not None:
            points.append((_aware(r.get("timestamp")), la, lo))
    if not sessions:  # a file with records only: one activity
        sessions = [{"sport": sport}]
    runs, notes = [], []
    for i, s in enumerate(sessions):
        which = f"session {i + 1}" if len(sessions) > 1 else "its activity"
        kind = str(s.get("sport") or sport or "")
        if not is_run_type(kind):
            notes.append(f"{which} is {kind!r}, not a run")
            continue
        times = [t for t in (_aware(r.get("timestamp")) for r in records) if t is not None]
        start = _aware(s.get("start_time")) or (times[0] if times else None)
        if start is None:
            notes.append(f"{which} has no start time")
            continue
        dists = [r["distance"] for r in records if isinstance(r.get("distance"), int | float)]
        distance = s.get("total_distance") or (max(dists) if dists else None) or track_distance_m([points])
        duration = s.get("total_timer_time") or s.get("total_elapsed_time") or moving_time_s([points]) or 0.0
        try:
            runs.append(
                Run(
                    start,
                    float(distance),
                    float(duration),
                    source="fit",
                    external_id=f"{ident}-{i}" if ident else "",
                    name=name,
                )
            )
        except (RunError, TypeError, ValueError) as err:
            notes.append(f"{which}: {err}")
    if not runs:
        raise ImportProblem("; ".join(notes) or "has no activity")
    return runs, notes
