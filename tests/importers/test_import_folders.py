"""Folders a hostile tester would point the importer at: one it can't list, links that loop, files whose names
hold spaces. Each problem is named in one line; nothing is passed over in silence."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from coach.cli import main
from coach.importers import import_paths
from coach.importers.files import import_line
from support.run_files import T0, track, write_gpx


def _cant_list(monkeypatch, folder: Path) -> None:
    """``folder`` can't be listed, as a mode-000 folder is for a normal user (root lists it anyway)."""
    folder.chmod(0)
    if os.geteuid() != 0:
        return
    real = os.scandir

    def scandir(path="."):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


@pytest.fixture
def locked_folder(tmp_path, monkeypatch):
    write_gpx(tmp_path / "ok.gpx", track(10))
    sub = tmp_path / "2024"
    sub.mkdir()
    write_gpx(sub / "old.gpx", track(10, start=T0 - timedelta(days=300)))
    _cant_list(monkeypatch, sub)
    yield tmp_path
    sub.chmod(0o755)


def test_a_folder_that_cant_be_listed_is_one_line_not_silence(locked_folder):
    res = import_paths([locked_folder])
    # before: os.walk dropped the folder without a word: "Imported 1 run", old.gpx never mentioned
    assert len(res.runs) == 1
    assert res.problems == ["2024 (a folder) can't be read (permission denied); its files were left out"]
    assert res.skip_lines == res.problems
    assert import_line(1, 0, res.skip_lines).startswith("Imported 1 run; 1 skipped: 2024 (a folder)")


def test_the_cli_names_a_folder_it_cant_list(locked_folder, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    assert main(["runs", "import", str(locked_folder / "2024")]) == 2
    err = capsys.readouterr().err
    # before: "no GPX, TCX, FIT or activities.csv files there", which is not why
    assert err.strip() == "coach: 2024 (a folder) can't be read (permission denied); its files were left out"


def test_links_that_loop_are_not_followed_and_names_with_spaces_are_counted(tmp_path):
    write_gpx(tmp_path / "Morning Run.gpx", track(10))
    (tmp_path / "Evening Run.gpx").write_text("<gpx><trk>")  # broken
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "up").symlink_to(tmp_path)  # a folder link back up: followed, it never ends
    (tmp_path / "self.gpx").symlink_to(tmp_path / "self.gpx")
    res = import_paths([tmp_path])
    assert len(res.runs) == 1 and res.files == 3
    assert sorted(p.split(" can't")[0].split(" is ")[0] for p in res.skip_lines) == ["Evening Run.gpx", "self.gpx"]
    # before: a name with a space was not matched to its file, so the summary said nothing was skipped
    assert import_line(1, 0, res.skip_lines).startswith("Imported 1 run; 2 skipped:")


def test_a_track_that_cant_be_a_run_reads_as_a_sentence(tmp_path):
    points = "".join(f'<trkpt lat="{i * 0.01:.2f}" lon="1"/>' for i in range(20_000))  # 2,200 km: no run
    (tmp_path / "far.gpx").write_text(
        f"<gpx><metadata><time>2025-01-01T00:00:00Z</time></metadata><trk><trkseg>{points}</trkseg></trk></gpx>"
    )
    res = import_paths([tmp_path])
    # before: "far.gpx : distance must be ..." (a stray space, no verb)
    assert res.problems[0].startswith("far.gpx can't be a run: distance must be")
    assert "  " not in res.problems[0] and " :" not in res.problems[0]


def test_control_characters_in_a_strava_name_are_not_kept(tmp_path):
    head = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Moving Time,Distance\r\n"
    row = '1,"Jan 5, 2025, 7:03:12 AM",Hill\x1b[2J\x00 reps,Run,1800,5.0,1700,5000.0\r\n'
    (tmp_path / "activities.csv").write_bytes(b"\xef\xbb\xbf" + (head + row).encode())  # a BOM and CRLF too
    res = import_paths([tmp_path])
    # before: the NUL and the terminal-clearing ESC sequence were saved in the run's name (and exported)
    assert [r.name for r in res.runs] == ["Hill [2J reps"] and res.problems == []


def test_a_gpx_with_more_points_than_a_week_of_running_is_refused_before_parsing(tmp_path):
    bare = b'<trkpt lat="1" lon="1"/>' * 1_000_001  # 24 MB, under the size cap; parsed it took ~500 MB
    (tmp_path / "dense.gpx").write_bytes(b"<gpx><trk><trkseg>" + bare + b"</trkseg></trk></gpx>")
    res = import_paths([tmp_path])
    assert res.problems == ["dense.gpx has more than 1,000,000 track points (a week at one a second is 604,800)"]


def test_a_file_over_the_size_cap_says_how_big_it_is(tmp_path):
    with open(tmp_path / "huge.gpx", "wb") as fp:
        fp.truncate(200 * 2**20)  # 200 MB (sparse: no disk used)
    res = import_paths([tmp_path])
    # before: "huge.gpx is too big for an activity file", without the sizes
    assert res.problems == ["huge.gpx is too big for an activity file (200 MB; at most 64 MB)"]


def test_an_xml_file_with_millions_of_elements_is_refused_before_parsing(tmp_path):
    # 12 MB of empty elements: parsed, 15 M of them (60 MB) took ~4.5 GB; any activity file under the size cap
    # holds fewer than 2 M
    (tmp_path / "flat.gpx").write_bytes(b"<gpx><trk><trkseg>" + b"<e/>" * 3_000_000 + b"</trkseg></trk></gpx>")
    res = import_paths([tmp_path])
    assert res.problems == [
        "flat.gpx has more XML elements than an activity file can hold (3,000,003; at most 3,000,000)"
    ]


def test_a_damaged_fit_is_one_line_and_no_warnings(tmp_path):
    import warnings

    from support.run_files import fit_bytes

    data = bytearray(fit_bytes(track(10)))
    first = data[0]  # the header's length; the first record is a definition message
    assert data[first] & 0x40
    fields = first + 6  # (number, size, base type) per field; the file_id's 4th is the uint32z serial number
    assert data[fields + 3 * 3 + 2] == 0x8C
    data[fields + 3 * 3 + 1] = 3  # its size: 3 bytes, not a whole uint32
    (tmp_path / "damaged.fit").write_bytes(bytes(data))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = import_paths([tmp_path])
    # before: fitdecode warned once per damaged field (hundreds of lines on the command line's stderr)
    assert [str(w.message) for w in caught] == []
    assert len(res.problems) == 1 and res.problems[0].startswith("damaged.fit is not a readable FIT file (")
