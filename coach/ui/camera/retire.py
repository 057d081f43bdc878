"""Ending pose-worker threads without freezing the GUI: stop, wait at most ``STOP_WAIT_S``, else detach.

``_retire(worker)`` stops the thread and waits up to ``STOP_WAIT_S`` (seconds); a thread still busy then
(loading the model, opening the camera: it can't be interrupted) is detached: kept in ``_detached`` until
it finishes, when the GUI-thread ``_Reaper`` joins and drops it. At exit, detached threads get up to 10 s
to end. Used by ``CameraPanel``; logs under the panel's logger name.
"""

from __future__ import annotations

import atexit
import logging
import time

from PySide6.QtCore import QCoreApplication, QObject, Slot

from coach.ui.camera.worker import PoseWorker

log = logging.getLogger("coach.ui.camera.panel")  # the panel's logger: its records keep their name
STOP_WAIT_S = 2.0
EXIT_WAIT_S = 10.0  # at exit, how long detached camera threads get to finish, in all
_detached: set[PoseWorker] = set()  # workers still running after stop(): referenced until they finish


class _Reaper(QObject):
    """Lives in the GUI thread; drops the reference to a detached worker once its thread has finished."""

    @Slot()
    def reap(self) -> None:
        w = self.sender()
        if isinstance(w, PoseWorker):
            _reap(w)


_reaper: _Reaper | None = None


def _reap(w: PoseWorker) -> None:
    if w in _detached and w.wait(1000):  # finished is emitted just before the thread exits: join it
        _detached.discard(w)


def _retire(worker: PoseWorker, *_) -> bool:
    """Stop ``worker`` and wait for it at most STOP_WAIT_S. True if it finished; else it is detached."""
    global _reaper
    try:
        worker.stop()
        if worker.wait(int(STOP_WAIT_S * 1000)):
            return True
    except RuntimeError:  # the worker object is already gone (interpreter shutdown): nothing runs
        return True
    log.warning(
        "the camera thread is still busy (loading the model or opening the camera) after %g s; "
        "it is left to finish on its own",
        STOP_WAIT_S,
    )
    _detached.add(worker)
    if _reaper is None:
        _reaper = _Reaper()
    worker.finished.connect(_reaper.reap)
    if worker.isFinished():  # finished between the wait and the connect
        _reap(worker)
    return False


@atexit.register
def _join_detached() -> None:
    """At exit, give detached threads a last chance to end (``EXIT_WAIT_S`` in all). One still running then
    (a model load stuck at shutdown) is handed to Qt (parented to the main thread's QThread object, which is
    never deleted), so PySide's exit cleanup does not destroy it while it runs: Qt aborts the whole process
    for that ("QThread: Destroyed while thread is still running"). It ends with the process."""
    deadline = time.monotonic() + EXIT_WAIT_S
    for w in list(_detached):
        try:
            if not w.wait(max(0, int((deadline - time.monotonic()) * 1000))):
                app = QCoreApplication.instance()
                if app is not None:
                    log.warning("the camera thread is still busy at exit; it ends with the app")
                    w.setParent(app.thread())
        except RuntimeError:
            pass
