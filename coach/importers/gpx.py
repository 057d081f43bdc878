"""GPX 1.0/1.1 tracks as runs: one run per track.

Read with one ElementTree pass (``common.parse_xml``: no DTDs) into numpy arrays: ``gpxpy.parse`` alone took
57 ms for a 40-minute track at one point a second on the project machine, about a minute for a folder of 1,000
such files, while ``bench/import_runs.py`` reads and saves 1,000 of them (2.4 M points) in 10.6 s. The distance
agrees with gpxpy's ``length_2d`` within 1 % (tests). GPX carries no total distance, so the distance is the
track's (haversine, segments added); the time is the moving time when points are timed. A track with no
times takes the file's ``<metadata><time>`` as its start; with neither it can't be dated and is skipped.
A track whose ``<type>`` says another sport (cycling, hiking...) is not a run.
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree.ElementTree import Element

import numpy as np

from coach.core.runs import Run, RunError
from coach.importers.common import ImportProblem, is_run_type, local, parse_time, parse_xml
from coach.importers.geo import distance_and_moving, times_s

MAX_POINTS = 1_000_000  # a run lasts at most 7 days; a 62 MB file of 2.6 M bare points took 1.2 GB and 16 s


def _coord(el: Element, name: str, limit: float) -> float | None:
    try:
        v = float(el.get(name))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return v if -limit <= v <= limit else None


def _segment(seg: Element, ns: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(Unix seconds or NaN, latitude, longitude) of a ``<trkseg>``'s points, as arrays. The common case (every
    point with readable coordinates) is converted by numpy in one go; otherwise point by point, leaving out the
    points without a position."""
    pts = list(seg.iterfind(ns + "trkpt"))
    tag = ns + "time"
    try:
        lat = np.array([p.get("lat") for p in pts], dtype=float)
        lon = np.array([p.get("lon") for p in pts], dtype=float)
        if not (np.all(np.abs(lat) <= 90) and np.all(np.abs(lon) <= 180)):
            raise ValueError("out of range")
    except (TypeError, ValueError):
        keep = [
            (p, la, lo)
            for p in pts
            if (la := _coord(p, "lat", 90)) is not None and (lo := _coord(p, "lon", 180)) is not None
        ]
        pts = [k[0] for k in keep]
        lat = np.array([k[1] for k in keep], dtype=float)
        lon = np.array([k[2] for k in keep], dtype=float)
    return times_s([p.findtext(tag) for p in pts]), lat, lon


def read_gpx(data: bytes, name: str = "") -> tuple[list[Run], list[str]]:
    """The file's runs and a note for each track left out; ImportProblem when none is a run."""
    if (
        len(data) > 24 * MAX_POINTS and data.count(b"lat=") > MAX_POINTS
    ):  # '<trkpt lat="1" lon="1"/>': 24 bytes  # counted before parsing: the parsed tree takes ~400 bytes a point
        raise ImportProblem(f"has more than {MAX_POINTS:,} track points (a week at one a second is 604,800)")
    root = parse_xml(data)
    if local(root.tag) != "gpx":
        raise ImportProblem("is not a GPX file (no <gpx> root)")
    ns = root.tag[: -len("gpx")]  # "{http://www.topografix.com/GPX/1/1}" or ""
    file_time: datetime | None = None
    for el in root:
        if local(el.tag) == "metadata":
            for m in el:
                if local(m.tag) == "time":
                    file_time = parse_time(m.text)
        elif local(el.tag) == "time":  # GPX 1.0
            file_time = parse_time(el.text)
    tracks = [el for el in root if local(el.tag) == "trk"]
    if not tracks:
        raise ImportProblem("has no track")
    runs: list[Run] = []
    problems: list[str] = []
    for i, trk in enumerate(tracks):
        kind = title = ""
        segments: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for el in trk:
            tag = local(el.tag)
            if tag == "type":
                kind = (el.text or "").strip()
            elif tag == "name":
                title = (el.text or "").strip()
            elif tag == "trkseg":
                seg = _segment(el, ns)
                if len(seg[1]):
                    segments.append(seg)
        which = f"track {i + 1} " if len(tracks) > 1 else ""  # a problem line follows the file's name
        if not is_run_type(kind):
            problems.append(f"{which}is {kind!r}, not a run")
            continue
        if not segments:
            problems.append(f"{which}has no points" if which else "has a track with no points")
            continue
        times = np.concatenate([s[0] for s in segments])
        times = times[np.isfinite(times)]
        start = datetime.fromtimestamp(float(times[0]), UTC) if len(times) else file_time
        if start is None:
            problems.append(f"{which}has no times, so it can't be dated")
            continue
        distance, moving = distance_and_moving(segments)
        if moving is None and len(times) >= 2:
            moving = float(times[-1] - times[0])
        try:
            runs.append(Run(start, distance, moving or 0.0, source="gpx", name=title or name))
        except RunError as err:
            problems.append(f"{which}can't be a run: {err}")
    if not runs:
        raise ImportProblem("; ".join(problems))
    return runs, problems
