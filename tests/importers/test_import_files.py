"""Importing real-format files made with the libraries' own writers: GPX (gpxpy), FIT (fit-tool), TCX (XML), and
a Strava activities.csv. Pauses, no timestamps, zero points, mixed sports, broken and hostile files."""

from __future__ import annotations

import gzip
from datetime import timedelta

import gpxpy
import pytest

from coach.importers import import_paths, read_file
from coach.importers.common import ImportProblem
from support.run_files import T0, fit_bytes, gpx_xml, strava_csv, tcx_xml, track, write_gpx


def one(path):
    runs, notes = read_file(path)
    assert len(runs) == 1, notes
    return runs[0]


def test_gpx_distance_agrees_with_gpxpy_and_pauses_are_not_moving_time(tmp_path):
    segs = track(40, speed=3.2, pause_at=20, pause_s=300)
    p = write_gpx(tmp_path / "a.gpx", segs)
    r = one(p)
    ref = gpxpy.parse(p.read_text()).length_2d()
    assert r.distance_m == pytest.approx(ref, rel=0.01)
    assert r.distance_m == pytest.approx(40 * 60 * 3.2, rel=0.01)
    assert r.duration_s == pytest.approx(40 * 60, abs=2)  # the 5-minute pause is left out
    assert r.started_at == T0 and r.source == "gpx" and r.name == "Morning Run"


def test_gpx_standing_still_is_not_moving(tmp_path):
    moving = track(10, speed=3.0)
    still = track(5, speed=0.0, start=moving[0][-1][0] + timedelta(seconds=1))
    r = one(write_gpx(tmp_path / "s.gpx", [moving[0] + still[0]]))
    assert r.duration_s == pytest.approx(600, abs=2)


def test_gpx_without_times_uses_the_file_time_or_is_skipped(tmp_path):
    segs = track(10)
    dated = one(write_gpx(tmp_path / "d.gpx", segs, times=False, metadata_time=T0))
    assert dated.started_at == T0 and dated.duration_s == 0 and dated.distance_m == pytest.approx(1800, rel=0.01)
    with pytest.raises(ImportProblem, match="no times, so it can't be dated"):
        read_file(write_gpx(tmp_path / "u.gpx", segs, times=False))


def test_gpx_with_zero_points_or_no_track(tmp_path):
    with pytest.raises(ImportProblem, match="no points"):
        read_file(write_gpx(tmp_path / "z.gpx", [[]]))
    (tmp_path / "n.gpx").write_text(gpxpy.gpx.GPX().to_xml())
    with pytest.raises(ImportProblem, match="no track"):
        read_file(tmp_path / "n.gpx")


def test_gpx_mixed_sports_keeps_the_run(tmp_path):
    ride = gpx_xml(track(30, speed=8), kind="cycling")
    run = gpx_xml(track(20, start=T0 + timedelta(hours=3)))
    # one file with both tracks
    g = gpxpy.parse(ride)
    g.tracks.extend(gpxpy.parse(run).tracks)
    (tmp_path / "m.gpx").write_text(g.to_xml())
    runs, notes = read_file(tmp_path / "m.gpx")
    assert len(runs) == 1 and runs[0].started_at == T0 + timedelta(hours=3)
    assert notes == ["track 1 is 'cycling', not a run"]
    (tmp_path / "r.gpx").write_text(ride)
    with pytest.raises(ImportProblem, match="'cycling', not a run"):
        read_file(tmp_path / "r.gpx")


def test_tcx_uses_the_lap_totals_else_the_track(tmp_path):
    segs = track(30, pause_at=15, pause_s=60)
    (tmp_path / "a.tcx").write_text(tcx_xml([("Running", segs, 5432.1, 1750.0)]))
    r = one(tmp_path / "a.tcx")
    assert (r.distance_m, r.duration_s, r.source) == (5432.1, 1750.0, "tcx")
    assert r.external_id == "2025-05-05T06:30:00Z"
    (tmp_path / "b.tcx").write_text(tcx_xml([("Running", segs, None, None)]))
    r2 = one(tmp_path / "b.tcx")
    assert r2.distance_m == pytest.approx(30 * 60 * 3, rel=0.01) and r2.duration_s == pytest.approx(1800, abs=2)


def test_tcx_mixed_sports_and_hostile_xml(tmp_path):
    (tmp_path / "m.tcx").write_text(
        tcx_xml(
            [
                ("Biking", track(60, speed=7), 25000, 3600),
                ("Running", track(20, start=T0 + timedelta(hours=2)), 3600, 1200),
            ]
        )
    )
    runs, notes = read_file(tmp_path / "m.tcx")
    assert [r.distance_m for r in runs] == [3600] and notes == ["activity 1 is 'Biking', not a run"]
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY a{i} "{"&a;" * 10 if i == 0 else f"&a{i - 1};" * 10}">' for i in range(9))
        + "]><TrainingCenterDatabase>&a8;</TrainingCenterDatabase>"
    )
    (tmp_path / "bomb.tcx").write_text(bomb)
    with pytest.raises(ImportProblem, match="refused"):
        read_file(tmp_path / "bomb.tcx")
    (tmp_path / "cut.tcx").write_text(tcx_xml([("Running", track(5), 900, 300)])[:300])
    with pytest.raises(ImportProblem, match="not valid XML"):
        read_file(tmp_path / "cut.tcx")


def test_fit_session_totals_records_only_and_other_sports(tmp_path):
    segs = track(30, pause_at=10, pause_s=120)
    (tmp_path / "a.fit").write_bytes(fit_bytes(segs, total_distance=5350.0, timer_s=1790.0))
    r = one(tmp_path / "a.fit")
    assert r.distance_m == pytest.approx(5350.0, abs=0.01) and r.duration_s == pytest.approx(1790, abs=0.01)
    assert r.started_at == T0 and r.source == "fit" and r.external_id
    (tmp_path / "b.fit").write_bytes(fit_bytes(segs, session=False))
    r2 = one(tmp_path / "b.fit")
    assert r2.distance_m == pytest.approx(30 * 60 * 3, rel=0.01)
    assert r2.duration_s == pytest.approx(1800, abs=2)  # the 2-minute pause is left out
    (tmp_path / "ride.fit").write_bytes(fit_bytes(track(30, speed=8), sport="cycling"))
    with pytest.raises(ImportProblem, match="'cycling', not a run"):
        read_file(tmp_path / "ride.fit")
    data = fit_bytes(segs)
    (tmp_path / "cut.fit").write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportProblem, match="not a readable FIT file"):
        read_file(tmp_path / "cut.fit")


def test_strava_csv_runs_only(tmp_path):
    (tmp_path / "activities.csv").write_text(
        strava_csv(
            [
                (111, "May 5, 2025, 6:30:00 AM", "Easy", "Run", 1900, "5.02", 1850, "5023.4"),
                (112, "May 6, 2025, 5:00:00 PM", "Commute", "Ride", 1200, "8.1", 1100, "8100.0"),
                (113, "May 7, 2025, 6:30:00 AM", "Trail", "Trail Run", 3000, "7.5", 2900, ""),
                (114, "not a date", "Broken", "Run", 10, "1", 10, "1000"),
            ]
        )
    )
    runs, notes = read_file(tmp_path / "activities.csv")
    assert [(r.external_id, r.distance_m, r.duration_s) for r in runs] == [("111", 5023.4, 1850), ("113", 7500, 2900)]
    assert runs[0].started_at == T0
    assert notes == ["row 5: can't read its date", "1 other activity (not runs) left out"]
    (tmp_path / "other.csv").write_text("a,b\n1,2\n")
    with pytest.raises(ImportProblem, match="not a Strava"):
        read_file(tmp_path / "other.csv")


def test_a_folder_recursively_with_gz_broken_and_non_run_files(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    write_gpx(tmp_path / "a.gpx", track(20))
    (tmp_path / "sub" / "b.gpx.gz").write_bytes(
        gzip.compress(gpx_xml(track(25, start=T0 + timedelta(days=1))).encode())
    )
    (tmp_path / "sub" / "deeper" / "c.fit").write_bytes(fit_bytes(track(30, start=T0 + timedelta(days=2))))
    (tmp_path / "sub" / "ride.gpx").write_text(gpx_xml(track(30, speed=8), kind="cycling"))
    (tmp_path / "sub" / "junk.gpx").write_text("<gpx><trk><trkseg><trkpt lat=")
    (tmp_path / "sub" / "bad.gpx.gz").write_bytes(b"not gzip at all")
    (tmp_path / "notes.txt").write_text("ignored: not a run file")
    res = import_paths([tmp_path])
    assert res.files == 6
    assert sorted(r.started_at for r in res.runs) == [T0, T0 + timedelta(days=1), T0 + timedelta(days=2)]
    assert len(res.problems) == 3 and {p.split(" ")[0] for p in res.problems} == {"ride.gpx", "junk.gpx", "bad.gpx.gz"}
    assert all("\n" not in p for p in res.problems)
    missing = import_paths([tmp_path / "nope.gpx"])
    assert missing.problems == ["nope.gpx was not found"] and not missing.runs


def test_a_file_named_wrong_is_read_by_its_content(tmp_path):
    (tmp_path / "export").write_bytes(fit_bytes(track(10)))
    assert one(tmp_path / "export").source == "fit"
    (tmp_path / "x.dat").write_bytes(b"\x00\x01hello")
    with pytest.raises(ImportProblem, match="not a GPX, TCX, FIT"):
        read_file(tmp_path / "x.dat")


def test_progress_and_stopping_part_way(tmp_path):
    from coach.importers.files import count_files

    for i in range(5):
        write_gpx(tmp_path / f"r{i}.gpx", track(5, start=T0 + timedelta(days=i)))
    assert count_files([tmp_path]) == 5
    seen = []
    res = import_paths([tmp_path], lambda n: seen.append(n) or n < 2)
    assert seen == [1, 2] and res.stopped and len(res.runs) == 2 and res.files == 2
