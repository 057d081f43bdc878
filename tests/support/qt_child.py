"""Run a Qt script in a child process (offscreen, this repo on the path, a fresh data folder) for tests whose
failure mode is a crash or an abort at exit: the child's exit code and output are what the test judges."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_qt_child(code: str, home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -X faulthandler -c code args...`` with QT_QPA_PLATFORM=offscreen and COACH_HOME=``home``; a crash
    prints the Python stack on stderr."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO), COACH_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", code, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
