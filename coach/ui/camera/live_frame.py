"""What ``PoseWorker`` hands to the GUI thread: ``LiveFrame``, the worker's ``WorkerStats``, and the image helpers.

Units: times are monotonic seconds (``time.monotonic()``), latencies milliseconds, sizes (width, height) in
pixels (``display_image`` boxes in device pixels). Landmarks are a read-only float32 (33, 4) array of the
*unmirrored* camera frame: x, y normalised to its width / height (y down), z relative depth, visibility 0..1,
even when the image itself was already mirrored for display. Every QImage made here owns its pixels, so it
may cross threads.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtGui import QImage

from coach.core.analysis import AnalysisUpdate


@dataclass(frozen=True)
class LiveFrame:
    """One processed frame, safe to hand to the GUI thread (nothing in it is shared with the worker)."""

    image: QImage  # deep copy of the BGR frame (unmirrored)
    landmarks: np.ndarray | None  # read-only float32 (33, 4), normalised to the unmirrored image; None = nobody
    t_capture: float  # monotonic s, when the source got the frame
    t_processed: float  # monotonic s, when the worker posted it
    index: int  # source frame number
    fps: float  # frames processed per second, recent average
    size: tuple[int, int]  # image (width, height) in pixels
    update: AnalysisUpdate | None = None  # None while no exercise is set (preview only)
    exercise: str | None = None
    mirrored: bool = False  # the image is already flipped left-right for a mirrored preview
    display: bool = False  # the image is already scaled to the view (device pixels; drawn 1:1)


@dataclass
class WorkerStats:
    processed: int = 0  # frames run through the estimator
    with_pose: int = 0
    posted_dropped: int = 0  # frames replaced in the mailbox before the GUI took them
    captured: int = 0  # from the source: frames it produced ...
    source_dropped: int = 0  # ... and frames overwritten before the worker read them
    latencies_ms: deque = field(default_factory=lambda: deque(maxlen=2000))  # capture -> posted, recent frames


def qimage_from_bgr(bgr: np.ndarray) -> QImage:
    """A QImage that owns a copy of the pixels (a QImage over a numpy buffer must never cross threads)."""
    h, w = bgr.shape[:2]
    if not bgr.flags.c_contiguous:
        bgr = np.ascontiguousarray(bgr)
    return QImage(bgr.data, w, h, bgr.strides[0], QImage.Format.Format_BGR888).copy()


def fit_size(image_wh: tuple[int, int], box_wh: tuple[int, int]) -> tuple[int, int]:
    """The largest (w, h) with the image's aspect that fits in the box (pixels, rounded, >= 1)."""
    (w, h), (bw, bh) = image_wh, box_wh
    s = min(bw / w, bh / h)
    return max(1, int(round(w * s))), max(1, int(round(h * s)))


def display_image(bgr: np.ndarray, box: tuple[int, int] | None, mirror: bool, dpr: float = 1.0) -> QImage:
    """The frame ready to blit: scaled to fit ``box`` (device pixels), flipped if ``mirror``, in
    Format_RGB32 (the raster engine's native format, so painting is a plain copy), pixels owned."""
    import cv2

    img = bgr
    if box is not None:
        size = fit_size((bgr.shape[1], bgr.shape[0]), box)
        if size != (bgr.shape[1], bgr.shape[0]):
            img = cv2.resize(img, size, interpolation=cv2.INTER_LINEAR)  # INTER_AREA costs ~6x more
    if mirror:
        img = cv2.flip(img, 1)
    bgra = cv2.cvtColor(img, cv2.COLOR_BGR2BGRA)  # memory order B, G, R, A = QImage RGB32 on little-endian
    h, w = bgra.shape[:2]
    out = QImage(bgra.data, w, h, bgra.strides[0], QImage.Format.Format_RGB32).copy()
    out.setDevicePixelRatio(dpr)
    return out
