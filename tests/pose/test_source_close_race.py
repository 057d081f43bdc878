"""A paced source closed while its grab thread is still inside a read: the decoder is released only after that
read returns (releasing a cv2.VideoCapture under a running read() crashes inside FFmpeg), exactly once."""

from __future__ import annotations

import threading
import time

import numpy as np

from coach.pose.frames import FrameSource


class SlowDecoder(FrameSource):
    """A fake decoder whose second read blocks until ``go`` is set; records what runs while reading."""

    join_s = 0.05  # close() gives up waiting for the grab thread quickly

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()
        self.inside = threading.Event()
        self.reading = False
        self.released_while_reading = False
        self.releases = 0

    def open(self) -> None:
        self._start_grabbing("slow-decoder")

    def _next(self) -> np.ndarray:
        self.reading = True
        if self.captured >= 1:
            self.inside.set()
            self.go.wait(5.0)
        self.reading = False
        return np.zeros((4, 4, 3), np.uint8)

    def _release(self) -> None:
        self.released_while_reading |= self.reading
        self.releases += 1


def test_close_during_a_read_releases_after_it_once():
    src = SlowDecoder()
    src.open()
    assert src.inside.wait(5.0)  # the grab thread is decoding
    src.close()
    src.close()  # twice, as the worker and a teardown may
    assert src.releases == 0 and not src.released_while_reading
    src.go.set()
    deadline = time.monotonic() + 5.0
    while src.releases == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    src._thread.join(5.0)
    assert src.releases == 1 and not src.released_while_reading


def test_close_of_an_idle_source_releases_at_once():
    src = SlowDecoder()
    src.go.set()
    src.open()
    time.sleep(0.05)
    src.close()
    assert src.releases == 1 and not src._thread.is_alive()
