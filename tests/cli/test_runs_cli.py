"""`coach runs import|add|list|load|delete` on a real history file and real-format files."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from coach.cli import main
from support.run_files import fit_bytes, gpx_xml, track, write_gpx


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    return tmp_path


def run(capsys, *args):
    try:
        code = main(list(args))
    except SystemExit as e:
        code = e.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_a_folder_twice_then_load(home, capsys):
    now = datetime.now().astimezone()
    files = home / "files"
    files.mkdir()
    for i, km in enumerate([5, 5, 7]):  # the last one is 40 % over the longest in the 30 days before it
        start = now - timedelta(days=6 - 2 * i)
        write_gpx(files / f"r{i}.gpx", track(km * 1000 / 3 / 60, start=start))
    (files / "ride.gpx").write_text(gpx_xml(track(20, speed=8), kind="cycling"))
    (files / "w.fit").write_bytes(fit_bytes(track(10, start=now - timedelta(days=9)))[:100])
    code, out, _ = run(capsys, "runs", "import", str(files))
    assert code == 0
    assert out.splitlines()[0] == "Imported 3 runs; 2 skipped: ride.gpx is 'cycling', not a run (and 1 more)"
    assert "w.fit is not a readable FIT file" in out
    code, out, _ = run(capsys, "runs", "import", str(files), "--json")
    got = json.loads(out)
    assert (got["added"], got["duplicates"], got["files"]) == (0, 3, 5)
    code, out, _ = run(capsys, "runs", "load", "--json")
    load = json.loads(out)
    assert [s["level"] for s in load["spikes"]] == ["moderate"] and load["spikes"][0]["hazard"] == 1.52
    assert sum(w["distance_m"] for w in load["weeks"]) == pytest.approx(17000, rel=0.01)
    assert load["longest_30d_m"] == pytest.approx(7000, rel=0.01)
    code, out, _ = run(capsys, "runs", "load", "--unit", "mi")
    assert code == 0 and "moderate spike (1.52× the injury rate)" in out and "Next week: up to" in out and " mi" in out


def test_add_list_delete(home, capsys):
    code, out, _ = run(
        capsys,
        "runs",
        "add",
        "--km",
        "4.2",
        "--minutes",
        "26",
        "--pain-during",
        "3",
        "--effort",
        "4",
        "--date",
        "2025-05-04T07:30",
    )
    assert code == 0 and out.startswith("Saved: 4.2 km in 26:00 on Sun 04 May 2025 07:30")
    code, out, _ = run(capsys, "runs", "add", "--miles", "2", "--minutes", "20", "--date", "2025-05-06", "--json")
    assert json.loads(out)["distance_m"] == pytest.approx(3218.7, abs=0.1)
    code, out, _ = run(capsys, "runs", "list", "--json")
    runs = json.loads(out)["runs"]
    assert [(r["pain_during"], r["effort"]) for r in runs] == [(3, 4), (None, None)]
    code, out, _ = run(capsys, "runs", "list")
    assert "4.2 km" in out and "6:11 /km" in out
    code, out, _ = run(capsys, "runs", "delete", str(runs[0]["id"]))
    assert code == 0
    assert len(json.loads(run(capsys, "runs", "list", "--json")[1])["runs"]) == 1


@pytest.mark.parametrize(
    "args",
    [
        ("runs", "add", "--km", "-3", "--minutes", "20"),
        ("runs", "add", "--km", "3", "--minutes", "0"),
        ("runs", "add", "--km", "3", "--minutes", "20", "--pain-during", "11"),
        ("runs", "add", "--km", "nan", "--minutes", "20"),
        ("runs", "add", "--km", "3", "--minutes", "20", "--date", "yesterday"),
        ("runs", "add", "--minutes", "20"),
        ("runs", "import", "/no/such/place"),
        ("runs", "delete", "12345"),
        ("runs", "frobnicate"),
    ],
)
def test_bad_input_is_exit_2_and_one_line(home, capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, err


def test_a_strava_export_with_its_own_gpx_files_gives_each_run_once(home, capsys):
    from support.run_files import T0, strava_csv

    export = home / "export"
    (export / "activities").mkdir(parents=True)
    write_gpx(export / "activities" / "111.gpx", track(30, start=T0))
    (export / "activities.csv").write_text(
        strava_csv([(111, "May 5, 2025, 6:30:01 AM", "Easy", "Run", 1810, "5.4", 1800, "5401.2")])
    )
    code, out, _ = run(capsys, "runs", "import", str(export))
    assert code == 0 and out.splitlines()[0] == "Imported 1 run; 1 already there"
    runs = json.loads(run(capsys, "runs", "list", "--json")[1])["runs"]
    assert len(runs) == 1 and runs[0]["distance_m"] == pytest.approx(5400, rel=0.01)


def test_a_pipe_among_the_files_is_skipped_not_waited_on_and_nothing_but_bad_files_is_exit_2(home, capsys):
    import os

    files = home / "bad"
    files.mkdir()
    os.mkfifo(files / "stuck.gpx")  # reading it would wait for a writer forever
    (files / "empty.gpx").write_text('<gpx version="1.1"><trk><trkseg></trkseg></trk></gpx>')
    code, out, _ = run(capsys, "runs", "import", str(files))
    assert code == 2
    assert "stuck.gpx is not a regular file (a pipe or a device)" in out
    assert "empty.gpx has a track with no points" in out
    code, out, err = run(capsys, "runs", "add", "--km", "-3", "--minutes", "20")
    assert code == 2 and err.strip() == "coach: --km must be more than 0 and at most 1000, not -3"
