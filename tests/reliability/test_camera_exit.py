"""Quitting while the camera thread is stuck loading the model: the app exits cleanly instead of Qt aborting
("QThread: Destroyed while thread is still running", exit code 134). Seen in a stress run where a model load
outlived both the stop wait and the exit wait (rc 134 at the end of 200 panel cycles). Run in a child
process: the abort kills the process."""

from __future__ import annotations

import textwrap

from support.qt_child import run_qt_child

CHILD = textwrap.dedent(
    """
    import threading
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    import coach.ui.camera.panel as cp
    import coach.ui.camera.retire as retire
    from coach.pose.sources import MemorySource

    retire.STOP_WAIT_S, retire.EXIT_WAIT_S = 0.05, 0.2  # the waits live where the threads are retired
    stuck = threading.Event()
    app = QApplication([])

    def load_forever(_path):
        stuck.set()
        threading.Event().wait(60)  # a model load that does not come back before the app quits

    panel = cp.CameraPanel(lambda: MemorySource([]), Path("stuck.task"), estimator_factory=load_forever)
    panel.start()
    assert stuck.wait(10)
    panel.stop()  # detached: still running
    assert len(cp._detached) == 1
    del panel
    print("QUITTING", flush=True)
    """
)


def test_quitting_with_a_camera_thread_stuck_in_the_model_load_exits_cleanly(tmp_path):
    r = run_qt_child(CHILD, tmp_path, timeout=60)
    assert "QUITTING" in r.stdout, r.stderr[-3000:]
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Destroyed while thread" not in r.stderr
    assert "still busy at exit" in r.stderr
