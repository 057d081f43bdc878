"""`python -m coach report` in a subprocess with no display at all (Qt's offscreen platform is chosen for it)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from coach import paths
from coach.store import HistoryStore
from conftest import REPO
from support.file_targets import snapshot
from support.report_history import seed


def coach(*args, home):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["COACH_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "coach", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def text(pdf) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_report_headless_with_a_range_and_a_name(coach_home, tmp_path):
    store, _ = HistoryStore.open(paths.db_path())
    seed(store, date(2026, 9, 7), 28)
    store.close()
    out = tmp_path / "physio"
    r = coach(
        "report", "--out", str(out), "--from", "2026-09-14", "--to", "2026-09-27", "--name", "Sam", home=coach_home
    )
    assert r.returncode == 0, r.stderr
    pdf = tmp_path / "physio.pdf"  # the suffix is added
    assert pdf.read_bytes().startswith(b"%PDF") and "Wrote" in r.stderr and "from 2026-09-14 to 2026-09-27" in r.stderr
    t = text(pdf)
    assert "Name: Sam" in t and "14 Sep 2026 – 27 Sep 2026 (14 days)" in t and "Mon 14 Sep 2026" in t
    assert "Mon 7 Sep" not in t  # before the range


def test_default_range_existing_file_and_bad_input(coach_home, tmp_path):
    out = tmp_path / "r.pdf"
    r = coach("report", "--out", str(out), home=coach_home)
    today = date.today()
    first = today - timedelta(days=41)
    assert r.returncode == 0, r.stderr
    assert f"{first.day} {first:%b %Y} – {today.day} {today:%b %Y} (42 days)" in text(out)
    before = out.read_bytes()
    r = coach("report", "--out", str(out), home=coach_home)
    assert r.returncode == 1 and "--force" in r.stderr and r.stderr.count("\n") == 1 and out.read_bytes() == before
    assert coach("report", "--out", str(out), "--force", home=coach_home).returncode == 0
    r = coach("report", "--out", str(tmp_path / "x.pdf"), "--from", "2026-10-02", "--to", "2026-10-01", home=coach_home)
    assert r.returncode == 2 and "after --to" in r.stderr and not (tmp_path / "x.pdf").exists()
    r = coach("report", "--out", "-", home=coach_home)
    assert r.returncode == 2 and "--out FILE.pdf" in r.stderr and r.stdout == ""
    r = coach("report", "--out", str(tmp_path / "x.pdf"), "--from", "yesterday", home=coach_home)
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr
    for target, words in ((tmp_path, "is a folder"), (tmp_path / "no" / "x.pdf", "does not exist")):
        r = coach("report", "--out", str(target), home=coach_home)
        assert r.returncode == 2 and words in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert not list(tmp_path.glob(".*.pdf"))  # no temporary file left behind


def test_the_flag_threshold_is_the_users_setting(coach_home, tmp_path):
    (coach_home / "settings.ini").write_text("[analysis]\ndrop_deg=7\n")
    r = coach("report", "--out", str(tmp_path / "r.pdf"), home=coach_home)
    assert r.returncode == 0, r.stderr
    assert "beyond 7° for 150 ms is flagged" in text(tmp_path / "r.pdf")


def test_a_device_or_fifo_is_refused_as_given_never_given_a_pdf_suffix(coach_home, tmp_path):
    """``--out /dev/null`` once wrote /dev/null.pdf: a name that exists and isn't a regular file is refused as it
    is (exit 2, one line); a new or regular file without .pdf still gets it."""
    import stat

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    targets = [(fifo, "FIFO"), (Path("/dev/null"), "a device")]
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own (root only)
        targets.append((null, "a device"))
    except (PermissionError, AttributeError):
        pass
    for target, words in targets:
        beside = snapshot(Path(f"{target}.pdf"))  # None, unless another program left one in a shared /dev
        for force in ([], ["--force"]):
            r = coach("report", "--out", str(target), *force, home=coach_home)
            assert r.returncode == 2 and words in r.stderr and r.stderr.count("\n") == 1, r.stderr
            assert "Traceback" not in r.stderr and snapshot(Path(f"{target}.pdf")) == beside
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and not Path("/dev/null").is_file()
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    r = coach("report", "--out", str(notes), home=coach_home)  # a regular file's name: the suffix is added
    assert (
        r.returncode == 0
        and (tmp_path / "notes.txt.pdf").read_bytes().startswith(b"%PDF")
        and notes.read_text() == "mine"
    )
