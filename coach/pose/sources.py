"""Frame sources behind one interface: webcam, video file, in-memory frames.

Every source has ``open()``, ``read(timeout) -> Frame | None``, ``close()``, ``fps``, ``size`` (w, h),
``live``, ``ended`` and the counters ``captured`` / ``dropped``.

- *Live* sources (a webcam, or a video or memory source with ``paced=True``) are fed by a grab
  thread at the source's own rate; ``read`` returns the newest frame not yet read, and frames that
  were overwritten before anyone read them are dropped (counted in ``dropped``). ``read`` returns
  None when nothing new arrived within ``timeout`` seconds; the worker decides when that means
  "camera lost".
- *Ordered* sources (``paced=False``) return every frame in order, as fast as the caller reads.
``read`` returns None with ``ended`` True at the end of a finite source.
Frame images are BGR uint8 arrays (h, w, 3) owned by the frame (never reused by the source).
cv2 is imported lazily (memory sources don't need it).
"""

from __future__ import annotations

import os
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Literal, Sequence

import numpy as np

from coach.core.errors import CoachError


class SourceError(CoachError):
    """The camera or video can't be used (missing, unreadable, no frames); one-line message."""


@dataclass(frozen=True)
class Frame:
    image: np.ndarray  # BGR uint8 (h, w, 3)
    t: float  # capture time, time.monotonic() seconds (when the grab thread got it / when it was decoded)
    index: int  # 0-based frame number (video: position in the file, counting on across loops)


@dataclass(frozen=True)
class CameraSourceSpec:
    """What the app asks for; the worker opens it in its own thread (``open_source``)."""

    kind: Literal["camera", "video", "memory"]
    index: int = 0  # camera index
    path: Path | None = None  # video file
    width: int = 640  # requested camera resolution (the camera may pick another)
    height: int = 480
    paced: bool = True  # video/memory: delivered at its frame rate, latest frame wins (stands in for a camera)
    loop: bool = False  # video/memory: start again at the end instead of ending
    frames: Sequence[np.ndarray] | None = field(default=None, compare=False, repr=False)  # memory only
    fps: float = 30.0  # memory only
    then: Literal["end", "stall"] = "end"  # memory: after the last frame, end or go silent (an unplugged camera)


def open_source(spec: CameraSourceSpec):
    """A new, unopened source for ``spec`` (call ``open()`` on it in the thread that will read it)."""
    if spec.kind == "camera":
        return CameraSource(spec.index, spec.width, spec.height)
    if spec.kind == "video":
        if spec.path is None:
            raise SourceError("No video file given")
        return VideoSource(spec.path, paced=spec.paced, loop=spec.loop)
    if spec.kind == "memory":
        return MemorySource(spec.frames or (), fps=spec.fps, paced=spec.paced, loop=spec.loop, then=spec.then)
    raise SourceError(f"Unknown camera source kind {spec.kind!r}")


def _cv2():
    """cv2, with OpenCV's and FFmpeg's own console chatter off (our errors say what went wrong);
    set OPENCV_LOG_LEVEL / OPENCV_FFMPEG_LOGLEVEL to see it again."""
    os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
    quiet = "OPENCV_LOG_LEVEL" not in os.environ
    import cv2

    if quiet:
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    return cv2


class _End(Exception):
    pass


class _Source:
    live = False
    fps = 30.0
    size = (0, 0)

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

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # subclasses: _next() -> BGR image, None (nothing this time), or raise _End; _wait(i) paces frame i
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
        except _End:
            with self._cond:
                self._eof = True
                self._cond.notify_all()
        except Exception as e:  # reported by read() in the reading thread
            with self._cond:
                self._error = e
                self._cond.notify_all()

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
            self._cond.wait_for(lambda: self._seq > self._read_seq or self._eof or self._error is not None
                                or self._stop.is_set(), timeout)
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
        except _End:
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
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(2.0)
        self._release()


class MemorySource(_Source):
    """Frames from a list, in order (``paced=False``) or at ``fps`` like a camera (``paced=True``).
    ``then="stall"``: after the last frame the source goes silent instead of ending (a lost camera).
    ``times`` (unpaced, for tests): capture time of frame i = open time + times[i] instead of the real clock."""

    def __init__(self, frames: Sequence[np.ndarray], *, fps: float = 30.0, paced: bool = False, loop: bool = False,
                 then: str = "end", times: Sequence[float] | None = None):
        super().__init__()
        self.frames = list(frames)
        self.times = None if times is None else [float(t) for t in times]  # unpaced only: a fake clock (s)
        self.fps = float(fps)
        self.paced, self.loop, self.then = paced, loop, then
        self.size = (self.frames[0].shape[1], self.frames[0].shape[0]) if self.frames else (0, 0)
        self._i = 0
        self._t0 = 0.0

    def open(self) -> None:
        self._t0 = time.monotonic()
        if self.paced:
            self._start_grabbing("memory-source")

    def _next(self) -> np.ndarray | None:
        if self._i >= len(self.frames):
            if self.loop and self.frames:
                self._i = 0
            elif self.then == "stall":
                return None
            else:
                raise _End
        img = self.frames[self._i]
        self._i += 1
        return img.copy()  # every frame owns its pixels, like a decoder's

    def _wait(self, i: int) -> None:
        _sleep_until(self._stop, self._t0 + i / self.fps)

    def _read_next(self) -> Frame | None:
        f = super()._read_next()
        if f is not None and self.times is not None:
            f = Frame(f.image, self._t0 + self.times[f.index % len(self.times)], f.index)
        return f


class VideoSource(_Source):
    """A video file: every frame in order, or paced at its frame rate standing in for a camera."""

    def __init__(self, path: str | Path, *, paced: bool = False, loop: bool = False):
        super().__init__()
        self.path = Path(path)
        self.paced, self.loop = paced, loop
        self.frame_count = 0  # as the container reports it (may be approximate; 0 if unknown)
        self._cap: Any = None
        self._first: np.ndarray | None = None
        self._t0 = 0.0

    def open(self) -> None:
        cv2 = _cv2()
        if not self.path.is_file():
            raise SourceError(f"{self.path}: no such video file")
        cap = cv2.VideoCapture(str(self.path))
        ok, first = cap.read() if cap.isOpened() else (False, None)
        if not ok:
            cap.release()
            raise SourceError(f"{self.path}: can't read this video (not a video file, or no frames OpenCV can decode)")
        self._cap, self._first = cap, first
        fps = cap.get(cv2.CAP_PROP_FPS)
        self.fps = float(fps) if fps and 1.0 <= fps <= 480.0 else 30.0
        self.size = (first.shape[1], first.shape[0])
        self.frame_count = max(int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0), 0)
        self._t0 = time.monotonic()
        if self.paced:
            self._start_grabbing("video-source")

    def _next(self) -> np.ndarray | None:
        if self._first is not None:
            img, self._first = self._first, None
            return img
        ok, img = self._cap.read()
        if ok:
            return img
        if self.loop and self.captured > 0:
            import cv2

            self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, img = self._cap.read()
            if ok:
                return img
        raise _End

    def _wait(self, i: int) -> None:
        due = self._t0 + i / self.fps
        if time.monotonic() - due > 0.5:  # decoding fell far behind: restart the schedule, no burst
            self._t0 = time.monotonic() - i / self.fps
        _sleep_until(self._stop, due)

    def _release(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class CameraSource(_Source):
    """A webcam by index (``cv2.VideoCapture``); a grab thread keeps only the newest frame."""

    def __init__(self, index: int = 0, width: int = 640, height: int = 480):
        super().__init__()
        self.index, self.width, self.height = index, width, height
        self._cap: Any = None

    def open(self) -> None:
        cv2 = _cv2()
        cap = cv2.VideoCapture(self.index)
        if not cap.isOpened():
            cap.release()
            raise SourceError(f"No camera found at index {self.index}: check that it is plugged in and not in use "
                              f"by another app, or choose another camera in Settings")
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        fps = cap.get(cv2.CAP_PROP_FPS)
        self.fps = float(fps) if fps and 1.0 <= fps <= 240.0 else 30.0
        self.size = (int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)) or self.width, int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)) or self.height)
        self._cap = cap
        self._start_grabbing(f"camera-{self.index}")

    def _next(self) -> np.ndarray | None:
        ok, img = self._cap.read()  # blocks until the camera delivers; failures = unplugged or busy
        if not ok or img is None:
            self._stop.wait(0.05)
            return None
        return img

    def _release(self) -> None:
        if self._cap is not None and (self._thread is None or not self._thread.is_alive()):
            self._cap.release()
            self._cap = None


def prefetch(source, transform: Callable[[np.ndarray], Any] | None = None, depth: int = 4
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
