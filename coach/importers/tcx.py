"""Garmin TCX (Training Center XML): one run per ``<Activity Sport="Running">``.

Distance: the laps' ``DistanceMeters`` added (the file's own total) when present, else the track's
(haversine); time: the laps' ``TotalTimeSeconds`` (timer time, pauses left out), else moving time from the
track. The activity's ``<Id>`` (its start time) is its id. Parsed with defusedxml: no DTDs or entities.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from coach.core.runs import Run, RunError
from coach.importers.common import ImportProblem, is_run_type, local, parse_time, parse_xml
from coach.importers.geo import Point, moving_time_s, track_distance_m


def _child(el: Element, name: str) -> Element | None:
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def _float(el: Element | None) -> float | None:
    if el is None or el.text is None:
        return None
    try:
        return float(el.text)
    except ValueError:
        return None


def _activity(act: Element) -> Run:
    laps = [c for c in act if local(c.tag) == "Lap"]
    lap_distance = [d for d in (_float(_child(lap, "DistanceMeters")) for lap in laps) if d is not None]
    lap_time = [t for t in (_float(_child(lap, "TotalTimeSeconds")) for lap in laps) if t is not None]
    segments: list[list[Point]] = []
    for lap in laps:
        for trk in (c for c in lap if local(c.tag) == "Track"):
            seg: list[Point] = []
            for tp in (c for c in trk if local(c.tag) == "Trackpoint"):
                t = parse_time(getattr(_child(tp, "Time"), "text", None))
                pos = _child(tp, "Position")
                la = _float(_child(pos, "LatitudeDegrees")) if pos is not None else None
                lo = _float(_child(pos, "LongitudeDegrees")) if pos is not None else None
                if la is not None and lo is not None:
                    seg.append((t, la, lo))
            if seg:
                segments.append(seg)
    ident = (getattr(_child(act, "Id"), "text", None) or "").strip()
    start = parse_time(ident) or (parse_time(laps[0].get("StartTime")) if laps else None)
    if start is None:
        raise ImportProblem("has no start time (no <Id> or lap StartTime)")
    distance = sum(lap_distance) if lap_distance else track_distance_m(segments)
    if distance <= 0:
        raise ImportProblem("has no distance (no lap totals and no track)")
    duration = sum(lap_time) if lap_time else (moving_time_s(segments) or 0.0)
    try:
        return Run(start, distance, duration, source="tcx", external_id=ident if parse_time(ident) else "")
    except RunError as err:
        raise ImportProblem(str(err)) from err


def read_tcx(data: bytes, name: str = "") -> tuple[list[Run], list[str]]:
    """The file's runs and a note for each activity left out; ImportProblem when none is a run."""
    root = parse_xml(data)
    if local(root.tag) != "TrainingCenterDatabase":
        raise ImportProblem("is not a TCX file (no <TrainingCenterDatabase> root)")
    acts = [a for c in root if local(c.tag) == "Activities" for a in c if local(a.tag) == "Activity"]
    if not acts:
        raise ImportProblem("has no activity")
    runs, notes = [], []
    for i, act in enumerate(acts):
        which = f"activity {i + 1}" if len(acts) > 1 else "its activity"
        sport = act.get("Sport", "")
        if not is_run_type(sport) or sport.lower() == "other":
            notes.append(f"{which} is {sport!r}, not a run")
            continue
        try:
            r = _activity(act)
        except ImportProblem as err:
            notes.append(f"{which} {err}")
            continue
        runs.append(Run(r.started_at, r.distance_m, r.duration_s, source="tcx", external_id=r.external_id, name=name))
    if not runs:
        raise ImportProblem("; ".join(notes))
    return runs, notes
