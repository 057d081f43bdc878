"""Real-window tests: the app on a real X server (Xvfb) through Qt's xcb plugin, not offscreen.

1. ``python -m coach`` itself starts, paints its main window on xcb and quits cleanly (the opencv wheel's
   Qt plugin path and missing xcb libraries have aborted this before).
2. A tour drives the app (built as ``coach`` builds it) through library, check-in, player, summary and
   history, and saves screenshots to ``artifacts/screenshots/`` for people to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord
from coach.store import HistoryStore
from conftest import REPO, find_model, shared_dir

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
ARTIFACTS = REPO / "artifacts" / "screenshots"


def _env(display: str, home: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", COACH_HOME=str(home), PYTHONPATH=str(REPO), **extra)
    # PYTHONPATH: this checkout's coach, not whichever one the venv has installed
    return env


def test_coach_launches_a_real_xcb_window(xvfb_display, coach_home, tmp_path):
    probe = tmp_path / "painted"
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "coach"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(xvfb_display, coach_home, COACH_LAUNCH_PROBE=str(probe), COACH_LAUNCH_PROBE_QUIT="1"),
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Could not load the Qt platform plugin" not in out.stderr
    painted = float(probe.read_text())
    assert t0 < painted < time.time()
    assert (coach_home / "settings.ini").is_file()  # window geometry saved on the way out


def _seed(home: Path) -> None:
    """Three weeks of past sessions so the history and its charts have something to show."""
    day = 86400.0
    t = time.time() - 21 * day
    with HistoryStore.open(home / "history.sqlite3")[0] as store:
        for i, (before, after, reps, drops) in enumerate([(4, 3, 8, 3), (3, 3, 10, 2), (3, 2, 12, 1), (2, 2, 12, 0)]):
            start = t + i * 6 * day
            sets = [
                SetRecord(
                    0,
                    "roll",
                    "vastus_lateralis",
                    side,
                    1,
                    target_hold_s=60,
                    achieved_hold_s=60,
                    started_at=start,
                    ended_at=start + 60,
                    source="timer",
                )
                for side in ("left", "right")
            ]
            for n in (1, 2, 3):
                ev = tuple(PelvicDropEvent("left", 5.5 + k + drops, 2.0 + k) for k in range(drops if n == 1 else 0))
                sets.append(
                    SetRecord(
                        1,
                        "strength",
                        "step_down",
                        "left",
                        n,
                        target_reps=12,
                        achieved_reps=reps,
                        pelvic_drops=ev,
                        started_at=start + 100 * n,
                        ended_at=start + 100 * n + 40,
                        source="camera",
                    )
                )
            rec = SessionRecord(
                id=f"seed{i}",
                routine_id="lateral-thigh",
                routine_title="Lateral thigh: roll and step down",
                started_at=start,
                ended_at=start + 1100,
                pain_before=before,
                pain_after=after,
                status="completed" if i != 1 else "interrupted",
                steps_total=5,
                steps_done=5 if i != 1 else 3,
                camera_used=True,
                sets=tuple(sets),
            )
            store.begin_session(rec)
            store.finish_session(rec)


def _check_png(path: Path) -> None:
    img = QImage(str(path))
    assert not img.isNull() and img.width() >= 800 and img.height() >= 500, path
    small = img.scaled(64, 40)
    colours = {small.pixel(x, y) for x in range(64) for y in range(40)}
    assert len(colours) > 20, f"{path.name} looks blank"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_tour_saves_screenshots_of_every_screen(xvfb_display, coach_home, theme, qapp):
    _seed(coach_home)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, str(Path(__file__).with_name("real_window_tour.py")), str(ARTIFACTS), "--tag", f"{theme}_"]
    env = _env(xvfb_display, coach_home, COACH_THEME=theme)
    model, clip = find_model("lite"), shared_dir() / "videos" / "squat_front_4reps.mp4"
    if model is not None and clip.is_file():  # the player's camera panel on a real clip, when we have one
        args += ["--video", str(clip)]
        env["COACH_POSE_MODEL"] = str(model)
    out = subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=150, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    names = out.stdout.split()
    assert [n.split("_", 2)[-1] for n in names] == [
        "library.png",
        "checkin.png",
        "player_roll.png",
        "player_strength.png",
        "pain_after.png",
        "summary.png",
        "history_sessions.png",
        "history_trends.png",
    ]
    for n in names:
        _check_png(ARTIFACTS / n)
    with HistoryStore.open(coach_home / "history.sqlite3")[0] as store:
        sessions = store.list_sessions()
    assert len(sessions) == 5 and sessions[0].routine_id == "lateral-thigh"  # the toured session was saved
    assert sessions[0].notes == "Left knee felt fine on the step-downs." and sessions[0].pain_after == 3
