"""A second `coach` on the same data folder brings the first window to the front and exits, instead of a
second window saving into the same history."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import REPO


def test_the_second_instance_reaches_the_first(coach_home, qtbot):
    from coach.ui.single_instance import SingleInstance

    first = SingleInstance(coach_home)
    assert first.acquire()
    second = SingleInstance(coach_home)
    assert not second.acquire()
    with qtbot.waitSignal(first.activated, timeout=3000):
        assert second.notify()
    first.release()
    third = SingleInstance(coach_home)
    assert third.acquire()  # the first one closed: the next start is the app again
    third.release()


def _launch(home, probe=None, quit_after=False):
    env = {k: v for k, v in os.environ.items() if k != "COACH_ALLOW_SECOND"}
    env.update(COACH_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    if probe:
        env["COACH_LAUNCH_PROBE"] = str(probe)
    if quit_after:
        env["COACH_LAUNCH_PROBE_QUIT"] = "1"
    return subprocess.Popen(
        [sys.executable, "-m", "coach"], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for(path, proc, timeout=60):
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the app did not paint: {proc.poll()} {proc.stderr.read() if proc.poll() is not None else ''}")
        time.sleep(0.1)


def test_a_second_app_says_already_open_and_a_crashed_first_does_not_block(coach_home, tmp_path):
    first = _launch(coach_home, tmp_path / "painted")
    try:
        _wait_for(tmp_path / "painted", first)
        second = _launch(coach_home)
        _out, err = second.communicate(timeout=60)
        assert second.returncode == 0 and "already open" in err and "brought to the front" in err, err
        assert first.poll() is None  # the first window is still there
    finally:
        first.send_signal(signal.SIGKILL)  # a crash: its lock must not block the next start
        first.wait(10)
    third = _launch(coach_home, tmp_path / "painted-again", quit_after=True)
    _out, err = third.communicate(timeout=90)
    assert third.returncode == 0 and "already open" not in err, err
    assert (tmp_path / "painted-again").exists()
