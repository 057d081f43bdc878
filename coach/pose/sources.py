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
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from coach.pose.frames import EndOfStream, Frame, FrameSource, SourceError, _sleep_until, prefetch

__all__ = [
    "CameraSource",
    "CameraSourceSpec",
    "Frame",
    "FrameSource",
    "MemorySource",
    "SourceError",
    "VideoSource",
    "open_source",
    "prefetch",
]


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


class MemorySource(FrameSource):
    """Frames from a list, in order (``paced=False``) or at ``fps`` like a camera (``paced=True``).
    ``then="stall"``: after the last frame the source goes silent instead of ending (a lost camera).
    ``times`` (unpaced, for tests): capture time of frame i = open time + times[i] instead of the real clock."""

    def __init__(
        self,
        frames: Sequence[np.ndarray],
        *,
        fps: float = 30.0,
        paced: bool = False,
        loop: bool = False,
        then: str = "end",
        times: Sequence[float] | None = None,
    ):
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
                raise EndOfStream
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


class VideoSource(FrameSource):
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
        raise EndOfStream

    def _wait(self, i: int) -> None:
        due = self._t0 + i / self.fps
        if time.monotonic() - due > 0.5:  # decoding fell far behind: restart the schedule, no burst
            self._t0 = time.monotonic() - i / self.fps
        _sleep_until(self._stop, due)

    def _release(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class CameraSource(FrameSource):
    """A webcam by index (``cv2.VideoCapture``); a grab thread keeps only the newest frame."""

    release_under_reader = True  # releasing is what unblocks a read() stuck on V4L (see _release)

    def __init__(self, index: int = 0, width: int = 640, height: int = 480):
        super().__init__()
        self.index, self.width, self.height = index, width, height
        self._cap: Any = None

    def open(self) -> None:
        cv2 = _cv2()
        cap = cv2.VideoCapture(self.index)
        if not cap.isOpened():
            cap.release()
            raise SourceError(
                f"No camera found at index {self.index}: check that it is plugged in and not in use "
                f"by another app, or choose another camera in Settings"
            )
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        fps = cap.get(cv2.CAP_PROP_FPS)
        self.fps = float(fps) if fps and 1.0 <= fps <= 240.0 else 30.0
        self.size = (
            int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)) or self.width,
            int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)) or self.height,
        )
        self._cap = cap
        self._start_grabbing(f"camera-{self.index}")

    def _next(self) -> np.ndarray | None:
        cap = self._cap
        if cap is None:  # released by close()
            raise EndOfStream
        ok, img = cap.read()  # blocks until the camera delivers; failures = unplugged or busy
        if not ok or img is None:
            self._stop.wait(0.05)
            return None
        return img

    def _release(self) -> None:
        """Release the capture even if the grab thread is still blocked in ``read()`` (releasing is what
        unblocks it on V4L), then give that thread another chance to end."""
        cap = self._cap
        if cap is None:
            return
        cap.release()
        t = self._thread
        if t is not None and t.is_alive() and t is not threading.current_thread():
            t.join(self.join_s)
        self._cap = None
