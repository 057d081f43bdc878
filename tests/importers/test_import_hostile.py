"""Files a hostile tester would feed the importer: each gives one line and is skipped; the rest still import."""

from __future__ import annotations

import gzip
import os
from datetime import timedelta

import pytest

from coach.importers import import_paths, read_file
from coach.importers.common import ImportProblem
from support.run_files import T0, fit_bytes, gpx_xml, strava_csv, track, write_gpx


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.gpx", b"", "not valid XML"),
        ("empty.fit", b"", "not a readable FIT file"),
        ("empty.tcx", b"", "not valid XML"),
        ("noise.gpx", os.urandom(2000), "not valid XML"),
        ("noise.fit", b"\x0e\x10" + os.urandom(2000), "not a readable FIT file"),
        ("html.gpx", b"<html><body>Not found</body></html>", "not a GPX file"),
        ("external.gpx", b'<?xml version="1.0"?><!DOCTYPE gpx SYSTEM "file:///etc/passwd"><gpx/>', "refused"),
        ("nan.gpx", b'<gpx><trk><trkseg><trkpt lat="nan" lon="inf"/></trkseg></trk></gpx>', "no points"),
        (
            "teleport.gpx",
            b'<gpx><trk><trkseg><trkpt lat="0" lon="0"><time>2025-01-01T00:00:00Z</time></trkpt>'
            b'<trkpt lat="60" lon="60"><time>2025-01-01T00:00:01Z</time></trkpt></trkseg></trk></gpx>',
            "at most 1000 km",
        ),
        (
            "old.gpx",
            b'<gpx><trk><trkseg><trkpt lat="1" lon="1"><time>1900-01-01T00:00:00Z</time></trkpt>'
            b'<trkpt lat="1.001" lon="1"><time>1900-01-01T00:00:09Z</time></trkpt></trkseg></trk></gpx>',
            "out of range",
        ),
        (
            "utf16.tcx",  # a DTD a byte search can't see: defusedxml refuses it
            '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE t [<!ENTITY a "x">]><TrainingCenterDatabase>&a;'
            "</TrainingCenterDatabase>".encode("utf-16"),
            "refused",
        ),
        ("bomb.gpx.gz", gzip.compress(b"<gpx>" + b" " * (70 * 1024 * 1024) + b"</gpx>"), "more than an activity"),
    ],
)
def test_a_bad_file_is_one_line(tmp_path, name, content, words):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ImportProblem, match=words):
        read_file(tmp_path / name)
    res = import_paths([tmp_path])
    assert res.runs == [] and len(res.problems) == 1 and "\n" not in res.problems[0]


def test_odd_but_valid_gpx_still_imports(tmp_path):
    segs = track(10)
    text = gpx_xml(segs).replace("Z</time>", "+00:00</time>", 3)  # a few times with an offset instead of Z
    (tmp_path / "mixed.gpx").write_text(text)
    runs, _ = read_file(tmp_path / "mixed.gpx")
    assert runs[0].started_at == T0 and runs[0].distance_m == pytest.approx(1800, rel=0.01)
    # a point without a time in the middle: the rest still count
    one = gpx_xml(segs).replace("<time>2025-05-05T06:35:00Z</time>", "", 1)
    (tmp_path / "gap.gpx").write_text(one)
    assert read_file(tmp_path / "gap.gpx")[0][0].duration_s == pytest.approx(600, abs=3)


def test_an_unreadable_file_and_a_huge_id_do_not_stop_the_others(tmp_path):
    write_gpx(tmp_path / "ok.gpx", track(10))
    locked = write_gpx(tmp_path / "locked.gpx", track(10, start=T0 + timedelta(days=1)))
    locked.chmod(0)
    (tmp_path / "activities.csv").write_text(
        strava_csv([("9" * 500, "May 9, 2025, 6:30:00 AM", "Long id", "Run", 1900, "5", 1850, "5000")])
    )
    (tmp_path / "a.fit").write_bytes(fit_bytes(track(10, start=T0 + timedelta(days=2))))
    res = import_paths([tmp_path])
    assert len(res.runs) == 2 + (1 if os.geteuid() == 0 else 0)  # root reads a 000 file anyway
    assert any("activity id must be text of at most 200" in p for p in res.problems)
    if os.geteuid() != 0:
        assert any(p.startswith("locked.gpx can't be read") for p in res.problems)
