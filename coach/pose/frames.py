"""Frames and the machinery every frame source shares (see ``coach.pose.sources`` for the sources).

``FrameSource`` implements ``read()`` for both kinds of source: *live* ones, fed by a grab thread
where the newest frame wins (older unread frames are dropped and counted), and *ordered* ones that
decode on demand. ``prefetch`` reads an ordered source ahead in a thread. No cv2 here.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from coach.core.errors import CoachError


class SourceError(CoachError):
    """The camera or video can't be used (missing, unreadable, no frames); one-line message."""


@dataclass(frozen=True)
class Frame:
    image: np.ndarray  # BGR uint8 (h, w, 3)
    t: float  # capture time, time.monotonic() seconds (when the grab thread got it / when it was decoded)
    index: int  # 0-based frame number (video: position in the file, counting on across loops)


class EndOfStream(Exception):
    """Raised by a source's ``_next()`` after its last frame."""


class FrameSource:
    """Base of the sources: subclasses give ``_next()`` (an image, None = nothing now, or raise ``EndOfStream``),
    optionally ``_wait(i)`` (pace frame i) and ``_release()``; live ones call ``_start_grabbing``."""

    live = False
    fps = 30.0
    size = (0, 0)
    join_s = 2.0  # close(): how long to wait for the grab thread
    release_under_reader = False  # close() may release while the grab thread still reads (a webcam: it unblocks it)

    def __init__(self) -> None:
        self.ended = False
        self.captured = 0  # frames the source produced
        self.dropped = 0  # live sources: frames replaced by a newer one before anyone read them
        self._thread: threading.Thread | None = None
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._latest: Frame | None = None
        self._seq = self._read_seq = 0
        self._eof = False
        self._error: BaseException | None = None
        self._grab_done = False  # the grab thread has left its loop (it no longer touches the decoder)
        self._release_late = False  # close() timed out: the grab thread releases when it leaves its loop

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # subclasses: _next() -> BGR image, None (nothing this time), or raise EndOfStream; _wait(i) paces frame i
    def _next(self) -> np.ndarray | None:
        raise NotImplementedError

    def _wait(self, i: int) -> None:
        pass

    def _release(self) -> None:
        pass

    def _start_grabbing(self, name: str) -> None:
        self.live = True
        self._thread = threading.Thread(target=self._grab_loop, name=name, daemon=True)
        self._thread.start()

    def _grab_loop(self) -> None:
        i = 0
        try:
            while not self._stop.is_set():
                img = self._next()
                if img is None:
                    self._stop.wait(0.01)
                    continue
                self._wait(i)
                self._publish(img, i)
                i += 1
        except EndOfStream:
            with self._cond:
                self._eof = True
                self._cond.notify_all()
        except Exception as e:  # reported by read() in the reading thread
            with self._cond:
                self._error = e
                self._cond.notify_all()
        finally:
            with self._cond:
                self._grab_done = True
                late = self._release_late
            if late:  # close() gave up waiting: release the decoder now that nothing reads it
                self._release()

    def _publish(self, img: np.ndarray, i: int) -> None:
        f = Frame(img, time.monotonic(), i)
        with self._cond:
            if self._seq > self._read_seq:
                self.dropped += 1
            self._latest = f
            self._seq += 1
            self.captured += 1
            self._cond.notify_all()

    def read(self, timeout: float = 0.5) -> Frame | None:
        if not self.live:
            return self._read_next()
        with self._cond:
            self._cond.wait_for(
                lambda: self._seq > self._read_seq or self._eof or self._error is not None or self._stop.is_set(),
                timeout,
            )
            if self._seq > self._read_seq:
                self._read_seq = self._seq
                return self._latest
            if self._error is not None:
                raise SourceError(f"Reading frames failed: {self._error}")
            self.ended = self._eof
            return None

    def _read_next(self) -> Frame | None:
        try:
            img = self._next()
        except EndOfStream:
            self.ended = True
            return None
        if img is None:
            return None
        f = Frame(img, time.monotonic(), self.captured)
        self.captured += 1
        return f

    def close(self) -> None:
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        t = self._thread
        if t is not None and t is not threading.current_thread():
            t.join(self.join_s)
            if not self.release_under_reader:
                with self._cond:
                    if self._release_late:  # closed twice while it still decodes: it releases, once
                        return
                    if not self._grab_done:  # still decoding a frame: releasing under it would crash FFmpeg
                        self._release_late = True
                        return
        self._release()


def prefetch(
    source, transform: Callable[[np.ndarray], Any] | None = None, depth: int = 4
) -> Iterator[tuple[Frame, Any]]:
    """Read an ordered source in a background thread: yields (frame, transform(frame.image)) in order,
    so decoding overlaps with the caller's work. Source errors are re-raised in the caller."""
    q: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            while not stop.is_set():
                f = source.read()
                if f is None:
                    if source.ended:
                        break
                    continue
                if not put((f, transform(f.image) if transform else None)):
                    return
            put(done)
        except BaseException as e:  # handed to the consumer
            put(e)

    t = threading.Thread(target=run, name="prefetch", daemon=True)
    t.start()
    try:
        while True:
            item = q.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        t.join(2.0)


def _sleep_until(stop: threading.Event, due: float) -> None:
    delay = due - time.monotonic()
    if delay > 0:
        stop.wait(delay)
