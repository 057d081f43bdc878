"""Load OpenCV's and MediaPipe's native code in a background thread before a camera session needs it.

Importing them runs C-extension start-up that holds Python's GIL for 25-35 ms at a stretch, which would
stall the GUI thread just as the live view starts. The app calls ``prewarm()`` while a session that may
use the camera is being set up (the pain check-in is on screen), so the cost is paid while the user reads.
Nothing here opens a camera or loads a model. The new module objects are moved out of the cyclic GC's reach
(``gc.freeze``), so no later full collection has to walk them (30-50 ms with the GIL held).
"""

from __future__ import annotations

import gc
import logging
import threading

log = logging.getLogger(__name__)
_lock = threading.Lock()
_thread: threading.Thread | None = None


def _imports() -> None:
    was_enabled = gc.isenabled()
    gc.disable()  # no collection mid-import: it would walk every new object while holding the GIL
    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
        from mediapipe.tasks.python import vision  # noqa: F401
    except Exception as err:  # the worker reports a real problem when it needs these; here it is only a head start
        log.info("prewarm: %s", err)
    finally:
        gc.freeze()  # the modules live as long as the app: keep later collections from walking them
        if was_enabled:
            gc.enable()


def prewarm() -> threading.Thread:
    """Start importing cv2 and MediaPipe in a daemon thread (once per process); returns that thread."""
    global _thread
    from coach.pose.privacy import block_mediapipe_telemetry

    block_mediapipe_telemetry()  # here, in the caller's thread: setenv is not safe while other threads run
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_imports, name="coach-prewarm", daemon=True)
            _thread.start()
        return _thread
