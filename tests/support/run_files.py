"""Real-format run files for tests, benches and the e2e: GPX written by gpxpy, FIT by fit-tool, TCX as XML,
a Strava activities.csv. A track runs due north-east from (52.5, 13.4) at ``speed`` m/s, one point every ``step``
seconds; ``pause_at``/``pause_s`` stop the watch (a new segment) for a while."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import gpxpy
import gpxpy.gpx

from coach.importers.geo import EARTH_RADIUS_M

T0 = datetime(2025, 5, 5, 6, 30, tzinfo=UTC)  # a Monday


def track(minutes: float, speed: float = 3.0, step: float = 1.0, start=T0, pause_at=None, pause_s=0.0):
    """Segments of (time, lat, lon); the pause splits the track in two segments."""
    deg_per_m = 180 / (math.pi * EARTH_RADIUS_M)
    segs, seg = [], []
    lat, lon, t = 52.5, 13.4, start
    for i in range(int(minutes * 60 / step) + 1):
        if pause_at is not None and i == int(pause_at * 60 / step):
            segs.append(seg)
            seg = []
            t += timedelta(seconds=pause_s)
        seg.append((t, lat, lon))
        d = speed * step / math.sqrt(2)
        lat += d * deg_per_m
        lon += d * deg_per_m / math.cos(math.radians(lat))
        t += timedelta(seconds=step)
    segs.append(seg)
    return segs


def gpx_xml(segments, kind="running", name="Morning Run", times=True, metadata_time=None) -> str:
    g = gpxpy.gpx.GPX()
    if metadata_time is not None:
        g.time = metadata_time
    trk = gpxpy.gpx.GPXTrack(name=name)
    trk.type = kind
    g.tracks.append(trk)
    for seg in segments:
        s = gpxpy.gpx.GPXTrackSegment()
        s.points = [gpxpy.gpx.GPXTrackPoint(la, lo, elevation=35.0, time=t if times else None) for t, la, lo in seg]
        trk.segments.append(s)
    return g.to_xml()


def write_gpx(path: Path, segments, **kw) -> Path:
    path.write_text(gpx_xml(segments, **kw), encoding="utf-8")
    return path


def tcx_xml(activities) -> str:
    """``activities``: (sport, segments, lap_distance_m or None, lap_seconds or None)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>',
    ]
    for sport, segs, dist, secs in activities:
        start = segs[0][0][0].strftime("%Y-%m-%dT%H:%M:%SZ")
        out.append(f'<Activity Sport="{sport}"><Id>{start}</Id><Lap StartTime="{start}">')
        if secs is not None:
            out.append(f"<TotalTimeSeconds>{secs}</TotalTimeSeconds>")
        if dist is not None:
            out.append(f"<DistanceMeters>{dist}</DistanceMeters>")
        for seg in segs:
            out.append("<Track>")
            for t, la, lo in seg:
                out.append(
                    f"<Trackpoint><Time>{t:%Y-%m-%dT%H:%M:%SZ}</Time><Position><LatitudeDegrees>{la}"
                    f"</LatitudeDegrees><LongitudeDegrees>{lo}</LongitudeDegrees></Position></Trackpoint>"
                )
            out.append("</Track>")
        out.append("</Lap></Activity>")
    out.append("</Activities></TrainingCenterDatabase>")
    return "\n".join(out)


def fit_bytes(segments, sport="running", total_distance=None, timer_s=None, session=True, serial=0x1234) -> bytes:
    """A FIT activity written by fit-tool: file_id, records with positions and a running distance, a session."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

    from coach.importers.geo import haversine_m

    points = [p for s in segments for p in s]
    ms = lambda t: round(t.timestamp() * 1000)  # noqa: E731
    b = FitFileBuilder(auto_define=True, min_string_size=50)
    fid = FileIdMessage()
    fid.type = FileType.ACTIVITY
    fid.manufacturer = Manufacturer.DEVELOPMENT.value
    fid.product = 0
    fid.time_created = ms(points[0][0])
    fid.serial_number = serial
    b.add(fid)
    dist, prev = 0.0, None
    for seg in segments:
        prev = None
        for t, la, lo in seg:
            if prev is not None:
                dist += haversine_m(prev[0], prev[1], la, lo)
            prev = (la, lo)
            r = RecordMessage()
            r.timestamp = ms(t)
            r.position_lat = la
            r.position_long = lo
            r.distance = dist
            b.add(r)
    if session:
        s = SessionMessage()
        s.timestamp = ms(points[-1][0])
        s.start_time = ms(points[0][0])
        s.sport = {"running": Sport.RUNNING, "cycling": Sport.CYCLING}[sport]
        s.total_distance = dist if total_distance is None else total_distance
        s.total_elapsed_time = (points[-1][0] - points[0][0]).total_seconds()
        s.total_timer_time = s.total_elapsed_time if timer_s is None else timer_s
        b.add(s)
    return b.build().to_bytes()


STRAVA_HEAD = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,"
    "Bike Weight,Elapsed Time,Moving Time,Distance"
)


def strava_csv(rows) -> str:
    """``rows``: (id, date text, name, type, elapsed s, km, moving s, metres)."""
    lines = [STRAVA_HEAD]
    for aid, when, name, kind, elapsed, km, moving, metres in rows:
        lines.append(
            f'{aid},"{when}",{name},{kind},,{elapsed},{km},,,false,,,activities/{aid}.gpx,,,{elapsed},{moving},{metres}'
        )
    return "\n".join(lines) + "\n"
