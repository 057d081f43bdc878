"""``SearchThread``: the occasional look for a second person (``coach.pose.people``), on its own thread.

Live, the worker thread must finish each frame within the camera's frame time (33 ms at 30 fps). A search runs
the IMAGE-mode landmarker up to twice on the whole frame (about 40-120 ms on this 2-core machine), so done in
line it made the worker drop frames (bench/live_latency.py: 11 of 600). MediaPipe runs its graph through
ctypes, which lets go of the GIL, so a second thread searches while the worker goes on with the main
landmarker. ``SearchThread(find)`` is called like ``find``: it starts a search on a copy of the frame and
answers None ("no news yet") until that search is done, then hands its answer over once. A search that
raised re-raises on that call, where ``PersonFollower`` turns the searches off. ``coach analyze`` keeps the
plain, in-line ``find``: offline, waiting costs nothing and the answer belongs to the frame it looked at.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

Finder = Callable[[np.ndarray], list[np.ndarray]]


class SearchThread:
    def __init__(self, find: Finder) -> None:
        self._find = find
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coach-people")
        self._job: Future[list[np.ndarray]] | None = None

    def __call__(self, rgb: np.ndarray) -> list[np.ndarray] | None:
        """The people found by the search started earlier (once), else None; starts a search when none runs."""
        job = self._job
        if job is not None:
            if not job.done():
                return None
            self._job = None
            return job.result()
        self._job = self._pool.submit(self._find, np.array(rgb, copy=True))  # the caller reuses its buffer
        return None

    @property
    def busy(self) -> bool:
        return self._job is not None and not self._job.done()

    def close(self) -> None:
        """Wait for a search under way (the landmarker must not be closed under it), then stop the thread."""
        self._pool.shutdown(wait=True, cancel_futures=True)
