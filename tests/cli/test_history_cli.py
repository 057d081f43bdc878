"""`python -m coach history list|export` in a subprocess against a real history file under COACH_HOME."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

from coach import paths
from coach.cli.history import COLUMNS
from coach.store import HistoryStore
from conftest import REPO
from support.session_fakes import FakeClock, engine, routine, strength
from support.store_fakes import run_session


def coach(*args, home):
    env = {**os.environ, "COACH_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "coach", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )


def _fill(home):
    store, _ = HistoryStore.open(paths.db_path())
    clock = FakeClock()
    done = run_session(store, clock, camera=True).record
    clock.advance(86400)
    eng = engine(routine(strength(sets=2, reps=3, per_side=False), title="Quick lateral-hip reset"), clock)
    eng._on_set = lambda s: store.add_set(eng.record.id, s)
    eng.start(pain_before=6)
    store.begin_session(eng.record)
    eng.skip()
    for _ in range(3):
        eng.add_rep()
    store.close()  # the app "died" here: one set saved, session never finished
    return done


def test_list_shows_sessions_newest_first(coach_home):
    done = _fill(coach_home)
    out = coach("history", "list", home=coach_home)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == " ".join(COLUMNS).split()
    newest, older = lines[2], lines[3]
    assert len(lines) == 4
    assert "interrupted" in newest and "6→-" in newest and " 50 %" in newest  # set 1 of 2 done (3 reps)
    assert newest.split()[-4:-1] == ["6→-", "3", "—"]  # counted by hand: pelvic drop not measured, not "0/0"
    assert "completed" in older and "4→2" in older and "100 %" in older and "8:" in older
    assert older.split()[-3:-1] == [str(done.total_reps), "2/0"]


def test_empty_history(coach_home):
    out = coach("history", home=coach_home)
    assert out.returncode == 0 and out.stdout.strip() == "No sessions yet."


def test_export_csv_to_stdout_and_json_to_file(coach_home, tmp_path):
    done = _fill(coach_home)
    out = coach("history", "export", "--format", "csv", home=coach_home)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == len(done.sets) + 1
    assert {r["status"] for r in rows} == {"completed", "interrupted"}
    target = tmp_path / "history.json"
    out = coach("history", "export", "--format", "json", "--out", str(target), home=coach_home)
    assert out.returncode == 0 and out.stdout == "" and str(target) in out.stderr
    data = json.loads(target.read_text())
    assert [d["status"] for d in data] == ["interrupted", "completed"]
    assert len(data[1]["sets"]) == len(done.sets) and data[1]["sets"][7]["pelvic_drops"][0]["side"] == "left"
    out = coach("history", "export", "--format", "json", "--out", str(tmp_path / "nope" / "x.json"), home=coach_home)
    assert out.returncode == 2 and "does not exist" in out.stderr and out.stderr.count("\n") == 1


def test_corrupt_history_reported_and_kept(coach_home):
    (coach_home / "history.sqlite3").write_bytes(b"\x00garbage" * 500)
    out = coach("history", "list", home=coach_home)
    assert out.returncode == 0 and "No sessions yet." in out.stdout
    assert "could not be read" in out.stderr and "corrupt-" in out.stderr
    assert any(p.name.startswith("history.sqlite3.corrupt-") for p in coach_home.iterdir())


def test_history_cli_imports_stay_light():
    code = (
        "import sys, coach.cli.history, coach.store, coach.store.export\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'cv2', 'mediapipe', 'numpy'))\n"
        "assert not bad, bad\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_export_to_a_folder_or_a_missing_folder_is_a_one_line_error(coach_home, tmp_path):
    _fill(coach_home)
    for out, words in ((tmp_path, "is a folder"), (tmp_path / "nope" / "x.csv", "does not exist")):
        r = coach("history", "export", "--format", "csv", "--out", str(out), home=coach_home)
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert words in r.stderr and len(r.stderr.strip().splitlines()) == 1
