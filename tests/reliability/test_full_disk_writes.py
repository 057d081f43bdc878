"""The newer writes on a full disk: the physio's PDF, the runs beside a history export, the settings file.

"Saved" must mean on disk, and a failure is one line that loses nothing already there. A full disk is made with
``RLIMIT_FSIZE`` in a child process (no mount needed, works for any user): a write past the limit fails with
EFBIG (SIGXFSZ ignored), exactly where a full disk fails with ENOSPC. The history is made first, without the
limit, so the child only reads it.
"""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta

import pytest

from coach.core.runs import Run
from coach.store import HistoryStore
from conftest import REPO
from support.report_history import seed


def _limited(limit: int):
    def setup() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    return setup


def coach(*args, home, limit: int | None = None, code: str | None = None):
    cmd = [sys.executable, "-c", textwrap.dedent(code)] if code else [sys.executable, "-m", "coach", *args]
    return subprocess.run(
        cmd,
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "COACH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        preexec_fn=None if limit is None else _limited(limit),
    )


LIMIT = 40_000  # bytes a file may grow to: above SQLite's 32 KB shared-memory file, below the files written


def _with_runs(home, n: int = 1000) -> None:
    store, _ = HistoryStore.open(home / "history.sqlite3")
    t0 = datetime(2025, 3, 3, 7, tzinfo=UTC)
    store.add_runs([Run(t0 + timedelta(days=i), 5000.0 + i, 1800.0, source="gpx") for i in range(n)])
    store.close()


def _one_line(r, words: str, code: int = 1) -> None:
    """One 'coach: error' line holding ``words``; exit ``code`` (1: couldn't write; 2: a name that can't be a file)."""
    assert r.returncode == code and "Traceback" not in r.stderr, r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("coach")]
    assert len(errors) == 1 and words in errors[0], r.stderr


def test_a_report_that_doesnt_fit_is_one_line_and_the_old_pdf_stays(coach_home, tmp_path):
    store, _ = HistoryStore.open(coach_home / "history.sqlite3")
    seed(store, date.today() - timedelta(days=41), 42)  # six weeks of sessions: a report of about 50 KB
    store.close()
    (tmp_path / "out").mkdir()
    old = tmp_path / "out" / "physio.pdf"
    old.write_bytes(b"%PDF- the report from last month")
    r = coach("report", "--out", str(old), "--force", home=coach_home, limit=LIMIT)
    # before: Qt wrote the first 40 KB, ignored the error, and the cut-off PDF replaced the old one ("Wrote ...")
    _one_line(r, "Can't write the report to")
    assert old.read_bytes() == b"%PDF- the report from last month"
    assert [p.name for p in old.parent.iterdir()] == ["physio.pdf"]  # no temporary file left behind
    r = coach("report", "--out", str(old), "--force", home=coach_home)
    data = old.read_bytes()
    assert r.returncode == 0 and data.startswith(b"%PDF-") and b"%%EOF" in data[-64:], r.stderr
    assert stat.S_IMODE(old.stat().st_mode) == 0o644


def test_a_report_is_never_written_to_a_device_a_folder_or_over_a_file_without_force(coach_home, tmp_path):
    (tmp_path / "folder").mkdir()
    _one_line(coach("report", "--out", str(tmp_path / "folder"), home=coach_home), "folder", code=2)
    existing = tmp_path / "r.pdf"
    existing.write_bytes(b"mine")
    _one_line(coach("report", "--out", str(existing), home=coach_home), "--force")
    pipe = tmp_path / "pipe"  # a FIFO stands in for /dev/null (which, as root, got a /dev/null.pdf beside it)
    os.mkfifo(pipe)
    _one_line(coach("report", "--out", str(pipe), "--force", home=coach_home), "not a regular file", code=2)
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and not (tmp_path / "pipe.pdf").exists()
    assert existing.read_bytes() == b"mine"


def test_runs_that_dont_fit_beside_an_export_fail_the_command_and_keep_the_old_file(coach_home, tmp_path):
    _with_runs(coach_home)
    out = tmp_path / "h.csv"
    runs = tmp_path / "h-runs.csv"
    runs.write_text("last month's runs")
    r = coach("history", "export", "--out", str(out), "--force", home=coach_home, limit=LIMIT)
    # before: the runs' error was printed but the command said 0, as if all was exported
    _one_line(r, "Can't export the runs to")
    assert runs.read_text() == "last month's runs"


def test_an_existing_runs_file_beside_an_export_needs_force_too(coach_home, tmp_path):
    _with_runs(coach_home, 3)
    out = tmp_path / "h.csv"
    runs = tmp_path / "h-runs.csv"
    runs.write_text("someone's runs")
    r = coach("history", "export", "--out", str(out), home=coach_home)
    # before: h.csv was written and h-runs.csv replaced without --force
    _one_line(r, "--force")
    assert runs.read_text() == "someone's runs" and not out.exists()  # refused before anything was written
    r = coach("history", "export", "--out", str(out), "--force", home=coach_home)
    assert r.returncode == 0 and runs.read_text().startswith("started_at,") and len(runs.read_text().splitlines()) == 4


SETTINGS_CHILD = """
    import resource
    from coach import paths
    from coach.ui.settings import Settings

    s = Settings()
    s.set("ui/theme", "dark")
    print("first", repr(s.problem))
    resource.setrlimit(resource.RLIMIT_FSIZE, (60, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    s.set("pose/model_path", "/a/long/path/to/a/model/" * 4)
    print("full", repr(s.problem))
    print("in use", s.get("pose/model_path").startswith("/a/long"))
    print("on disk", "/a/long" in paths.settings_file().read_text())
    hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
    s.set("audio/speak", False)
    print("freed", repr(s.problem))
    print("on disk", "/a/long" in paths.settings_file().read_text())
"""


def test_settings_that_cant_be_written_say_so_and_are_saved_once_there_is_room(coach_home):
    r = coach(home=coach_home, code=SETTINGS_CHILD, limit=resource.RLIM_INFINITY)
    lines = r.stdout.splitlines()
    assert r.returncode == 0, r.stderr
    assert lines[0] == "first ''"
    # before: QSettings' AccessError was never looked at, so the dialog closed as if all was saved
    assert lines[1].startswith("full ") and "couldn't be saved" in lines[1]
    assert lines[2:4] == ["in use True", "on disk False"]
    assert lines[4:6] == ["freed ''", "on disk True"]


@pytest.mark.usefixtures("qapp")
def test_the_settings_dialog_says_when_its_values_didnt_reach_the_disk(coach_home, monkeypatch):
    from coach.ui.settings import Settings
    from coach.ui.settings_dialog import SettingsDialog

    s = Settings()
    dlg = SettingsDialog(s)
    monkeypatch.setattr(Settings, "sync", _failed)  # every write fails, as on a full disk
    dlg.accept()
    assert "couldn't be saved" in dlg.note


def _failed(settings) -> bool:
    settings.problem = "Your settings couldn't be saved to x (is the disk full, or the folder read-only?)"
    return False


def test_a_written_file_is_synced_before_it_takes_its_name_and_its_folder_after(tmp_path, monkeypatch):
    from coach.store import safe_write

    synced: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        mode = os.fstat(fd).st_mode
        synced.append("folder" if stat.S_ISDIR(mode) else "file")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    out = tmp_path / "plan.ics"
    safe_write.write_file(out, lambda fp: fp.write(b"BEGIN:VCALENDAR"), what="save the calendar")
    # before: no fsync at all, so "Saved" could be an empty file after a power cut
    assert synced == ["file", "folder"] and out.read_bytes() == b"BEGIN:VCALENDAR"
