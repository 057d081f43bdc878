"""Process-wide state of the pose worker threads: the GIL switch interval and a one-time ``gc.freeze()``.

``_count_running(+1 / -1)`` as a worker thread starts and ends: the switch interval is lowered to
``SWITCH_INTERVAL_S`` (seconds) while any worker runs and restored when the last one stops.
``_freeze_gc_once`` runs ``gc.freeze()`` once per process, after the first model load.
"""

from __future__ import annotations

import gc
import sys
import threading
from typing import Any

SWITCH_INTERVAL_S = 0.001

# Process-wide state, touched by worker threads: the GIL switch interval is lowered while any worker
# runs and restored when the last one stops; gc.freeze() runs once per process (after the first model
# load), not at every camera start (that would freeze whatever garbage exists then, e.g. old widgets).
_state_lock = threading.Lock()
_state: dict[str, Any] = {"running": 0, "saved_interval": None, "gc_frozen": False}


def _count_running(delta: int) -> None:
    """+1 when a worker thread starts, -1 when it ends: 1 ms switch interval while any runs."""
    with _state_lock:
        _state["running"] += delta
        n = _state["running"]
        if delta > 0 and n == 1:
            _state["saved_interval"] = sys.getswitchinterval()
            sys.setswitchinterval(min(_state["saved_interval"], SWITCH_INTERVAL_S))
        elif delta < 0 and n == 0 and _state["saved_interval"] is not None:
            sys.setswitchinterval(_state["saved_interval"])
            _state["saved_interval"] = None


def _freeze_gc_once() -> None:
    with _state_lock:
        if not _state["gc_frozen"]:
            _state["gc_frozen"] = True
            gc.freeze()
