"""Files the app can't write: a read-only old history (no backup spam), a damaged history in a read-only
folder, a data folder that can't be created (one message each, no traceback); and private modes (0700/0600)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from coach import paths
from coach.store import HistoryReadOnly, HistoryStore, StoreError, migrations, recovery
from conftest import REPO
from reliability.race_worker import old_history


def _backups(folder):
    return sorted(p.name for p in folder.iterdir() if ".bak-" in p.name)


def test_a_migration_that_keeps_failing_leaves_one_backup(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite3"
    old_history(path, 2)
    steps = list(migrations.MIGRATIONS)
    steps[2] = "PRAGMA query_only = ON;\n" + steps[2]  # v2->v3 fails ("readonly database"), after the backup
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    for _ in range(12):  # the saver retries every 5 s: a minute of retries
        with pytest.raises(StoreError):
            HistoryStore.open(path)
    assert len(_backups(tmp_path)) == 1
    monkeypatch.undo()
    store, _ = HistoryStore.open(path)  # fixed: migrates, no second backup of the same v2 file
    assert store.migrated_from == 2 and len(store.list_sessions()) == 3
    store.close()
    assert len(_backups(tmp_path)) == 1


def test_a_read_only_old_history_is_not_backed_up_again_and_again(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite3"
    old_history(path, 2)
    before = path.read_bytes()
    if os.geteuid() == 0:  # root writes anything: make this file look read-only, as it is for its user
        real = os.access
        monkeypatch.setattr(
            os,
            "access",
            lambda p, mode, **kw: (
                False if (mode & os.W_OK and str(p) in (str(path), str(tmp_path))) else real(p, mode, **kw)
            ),
        )
    else:
        path.chmod(0o444)
        tmp_path.chmod(0o555)
    try:
        for _ in range(12):
            with pytest.raises(HistoryReadOnly, match="read-only"):
                HistoryStore.open(path)
    finally:
        tmp_path.chmod(0o755)
    assert _backups(tmp_path) == [] and path.read_bytes() == before
    assert not any("corrupt" in p.name for p in tmp_path.iterdir())


def _run(code: str, home, extra_env=None):
    env = {**os.environ, "COACH_HOME": str(home), **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True, text=True, env=env, timeout=60
    )


def test_a_damaged_history_in_a_read_only_folder_is_one_message(tmp_path, coach_home):
    (coach_home / "history.sqlite3").write_bytes(b"\x00garbage" * 500)
    out = _run(
        """
        import errno, pathlib, sys
        def refuse(self, target):  # the folder is read-only (root ignores modes, so refuse the rename)
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        pathlib.Path.rename = refuse
        from coach.cli import main
        sys.exit(main(["history", "list"]))
    """,
        coach_home,
    )
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "could not be moved aside" in out.stderr
    assert "Permission denied" in out.stderr
    assert (coach_home / "history.sqlite3").read_bytes() == b"\x00garbage" * 500


@pytest.mark.parametrize("cmd", [["history", "list"], ["history", "export"], ["routines", "list"]])
def test_a_data_folder_that_cant_be_created_is_one_message(tmp_path, cmd):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    out = _run(f"import sys; from coach.cli import main; sys.exit(main({cmd!r}))", blocker / "coach")
    assert "Traceback" not in out.stderr, out.stderr
    if cmd[0] == "history":
        assert out.returncode == 1 and "Can't open the history file" in out.stderr
        assert len([ln for ln in out.stderr.splitlines() if ln.startswith("coach:")]) == 1
    else:
        assert out.returncode == 0 and "routines" in out.stdout


def test_the_gui_starts_when_the_data_folder_cant_be_created(tmp_path, monkeypatch, qtbot):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("COACH_HOME", str(blocker / "coach"))
    from coach.ui.app import build

    _app, controller, window = build()
    qtbot.addWidget(window)
    window._confirm_quit = lambda: True
    problem = controller.open_store()
    assert problem and "Can't open the history file" in problem
    assert controller.library().routines  # the bundled routines still show


def test_data_folder_and_files_are_private(coach_home, qapp):
    root = coach_home / "fresh"
    os.environ["COACH_HOME"] = str(root)  # restored by the coach_home fixture's monkeypatch
    (root / "old").mkdir(parents=True)
    root.chmod(0o755)
    assert paths.data_dir() == root and root.stat().st_mode & 0o777 == 0o700
    store, _ = HistoryStore.open(paths.db_path())
    store.begin_session(recovery.load_json_one({"id": "s", "routine_id": "r", "routine_title": "R", "started_at": 1.0}))
    from coach.ui.settings import Settings

    Settings().set("audio/muted", True)
    recovery.merge(root / "unsaved-sessions.json", [store.get_session("s")])
    names = ["history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm", "settings.ini", "unsaved-sessions.json"]
    modes = {n: oct((root / n).stat().st_mode & 0o777) for n in names}
    assert set(modes.values()) == {"0o600"}, modes
    store.close()
    old = root / "old.sqlite3"
    old_history(old, 2)
    old.chmod(0o644)
    HistoryStore.open(old)[0].close()  # an existing file is tightened; its backup is private too
    assert old.stat().st_mode & 0o777 == 0o600
    assert {oct(p.stat().st_mode & 0o777) for p in root.glob("old.sqlite3.bak-*")} == {"0o600"}
    sqlite3.connect(old).close()
