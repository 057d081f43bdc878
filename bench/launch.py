"""Launch time: from starting ``python -m coach`` to the main window's first painted frame, on a real X
server (Xvfb, xcb plugin). Median of N runs, next to a bare PySide6 window measured the same way in the
same run (the floor: interpreter + Qt start-up), because this machine is noisy.

Run: .venv/bin/python bench/launch.py [--runs 7]        (target: median <= 1.5 s)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE = """
import os, time, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Paint and not getattr(self, "done", False):
            self.done = True
            probe = Path(os.environ["COACH_LAUNCH_PROBE"])
            QTimer.singleShot(0, lambda: (probe.write_text(f"{time.time():.6f}"), app.quit()))
        return False
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("bare")); w.resize(1280, 820)
f = F(); w.installEventFilter(f); w.show(); app.exec()
"""


def start_xvfb() -> tuple[subprocess.Popen | None, str]:
    if os.environ.get("DISPLAY"):
        return None, os.environ["DISPLAY"]
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        sys.exit("Xvfb not found (apt-get install xvfb), and no DISPLAY set")
    n = next(i for i in range(150, 200) if not Path(f"/tmp/.X{i}-lock").exists())
    proc = subprocess.Popen(
        [xvfb, f":{n}", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        if time.monotonic() > deadline:
            sys.exit("Xvfb did not start")
        time.sleep(0.05)
    return proc, f":{n}"


def one(cmd: list[str], display: str, home: Path) -> float:
    probe = home / "painted"
    probe.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        COACH_HOME=str(home),
        COACH_LAUNCH_PROBE=str(probe),
        COACH_LAUNCH_PROBE_QUIT="1",
    )
    t0 = time.time()
    out = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    if out.returncode != 0 or not probe.exists():
        sys.exit(f"{cmd} failed:\n{out.stderr[-2000:]}")
    return float(probe.read_text()) - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    xvfb, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            coach = [sys.executable, "-m", "coach"]
            bare = [sys.executable, "-c", BARE]
            one(coach, display, home)  # warm the OS file cache once, like a second launch
            ours, floor = [], []
            for _ in range(args.runs):  # interleaved, so both see the same machine load
                ours.append(one(coach, display, home))
                floor.append(one(bare, display, home))
    finally:
        if xvfb is not None:
            xvfb.terminate()
    med, base = statistics.median(ours), statistics.median(floor)
    print(
        f"coach  launch to first paint: median {med:.3f} s  (min {min(ours):.3f}, max {max(ours):.3f}, n={len(ours)})"
    )
    print(f"bare PySide6 window         : median {base:.3f} s  (min {min(floor):.3f}, max {max(floor):.3f})")
    print(f"ratio coach / bare: {med / base:.2f}   target median <= 1.5 s: {'PASS' if med <= 1.5 else 'FAIL'}")


if __name__ == "__main__":
    main()
