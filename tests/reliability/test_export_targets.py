"""`coach history export --out PATH` writes only a new path or (with --force) a regular file: never a device,
a FIFO or a symlink; `-` is standard output."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from coach.store import StoreError
from coach.store.export import export_to_file
from conftest import REPO
from reliability.race_worker import old_history


def coach(*args, home):
    return subprocess.run(
        [sys.executable, "-m", "coach", "history", "export", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "COACH_HOME": str(home)},
        timeout=60,
    )


@pytest.fixture
def home(coach_home):
    old_history(coach_home / "history.sqlite3", 3)
    return coach_home


def _one_line_refusal(out, words, code=2):
    assert out.returncode == code and "Traceback" not in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and words in out.stderr


def test_a_fifo_a_symlink_and_a_device_are_never_replaced(home, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    for path in (fifo, link):
        for force in ([], ["--force"]):
            _one_line_refusal(coach("--out", str(path), *force, home=home), "choose a new file name")
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink() and target.read_text() == "keep me"
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own (root only)
    except (PermissionError, AttributeError):
        return
    _one_line_refusal(coach("--out", str(null), "--force", home=home), "not a regular file")
    assert stat.S_ISCHR(null.lstat().st_mode)
    with pytest.raises(StoreError, match="not a regular file"):  # the GUI's path too
        export_to_file([], null, "csv")


def test_an_existing_file_needs_force_and_dash_is_stdout(home, tmp_path):
    out = tmp_path / "h.csv"
    out.write_text("old export")
    _one_line_refusal(coach("--out", str(out), home=home), "--force", code=1)  # a regular file: not bad input
    assert out.read_text() == "old export"
    r = coach("--out", str(out), "--force", home=home)
    assert r.returncode == 0 and out.read_text().startswith("session,")
    new = tmp_path / "new.json"
    r = coach("--format", "json", "--out", str(new), home=home)
    assert r.returncode == 0 and new.read_text().startswith("[")
    r = coach("--out", "-", home=home)
    assert r.returncode == 0 and r.stdout.startswith("session,") and not (REPO / "-").exists()
    export_to_file([], out, "json")  # the GUI's call (its file dialog asked): still replaces a regular file
    assert out.read_text() == "[]\n"


def test_the_runs_file_beside_is_checked_before_anything_is_written(home, tmp_path):
    """With runs logged, ``--out h.csv`` writes ``h-runs.csv`` too: a folder or FIFO there refuses the export
    before ``h.csv`` is written (exit 2), an existing runs file needs --force like the sessions' file."""
    from datetime import UTC, datetime

    from coach import paths
    from coach.core.runs import Run
    from coach.store import HistoryStore

    with HistoryStore.open(paths.db_path())[0] as store:
        store.add_run(Run(datetime(2025, 5, 4, 7, tzinfo=UTC), 5000, 1500))
    out = tmp_path / "h.csv"
    (tmp_path / "h-runs.csv").mkdir()
    _one_line_refusal(coach("--out", str(out), home=home), "h-runs.csv is a folder")
    assert not out.exists()
    (tmp_path / "h-runs.csv").rmdir()
    os.mkfifo(tmp_path / "h-runs.csv")
    _one_line_refusal(coach("--out", str(out), "--force", home=home), "FIFO")
    assert not out.exists()
    (tmp_path / "h-runs.csv").unlink()
    (tmp_path / "h-runs.csv").write_text("an older export")
    _one_line_refusal(coach("--out", str(out), home=home), "--force", code=1)
    assert not out.exists() and (tmp_path / "h-runs.csv").read_text() == "an older export"
    r = coach("--out", str(out), "--force", home=home)
    assert r.returncode == 0 and "1 run to" in r.stderr, r.stderr
    assert (tmp_path / "h-runs.csv").read_text().startswith("started_at,")
