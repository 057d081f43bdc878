"""The cameras this computer has, by name: ``list_cameras()`` and ``camera_label(index)``.

Names come from QtMultimedia (``QMediaDevices.videoInputs()`` descriptions, e.g. "Integrated Webcam"); the
OpenCV index the worker opens is the N of a Linux ``/dev/videoN`` id, else the camera's place in Qt's list.
Where QtMultimedia can't list cameras the result is empty and a camera is called "Camera 1", "Camera 2"…
(index + 1). QtMultimedia is imported here only when asked, never at launch.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CameraChoice:
    index: int  # what camera/index stores and the worker opens
    name: str  # what a person reads


def fallback_name(index: int) -> str:
    return f"Camera {index + 1}"


def index_from_id(ident: str, position: int) -> int:
    """The OpenCV index for a Qt camera id: N for "/dev/videoN", else ``position`` in Qt's list."""
    m = re.fullmatch(r"/dev/video(\d+)", ident.strip())
    return int(m.group(1)) if m else position


def list_cameras() -> list[CameraChoice]:
    """The connected cameras, in Qt's order; [] when there is none or QtMultimedia can't tell."""
    try:
        from PySide6.QtMultimedia import QMediaDevices

        inputs = QMediaDevices.videoInputs()
    except Exception as err:  # a missing multimedia backend: no names, the index still works
        log.info("cameras can't be listed: %s", err)
        return []
    out: list[CameraChoice] = []
    seen: set[int] = set()
    for pos, dev in enumerate(inputs):
        ident = bytes(dev.id().data()).decode("utf-8", "replace")
        index = index_from_id(ident, pos)
        if index in seen:
            continue
        seen.add(index)
        out.append(CameraChoice(index, dev.description().strip() or fallback_name(index)))
    return out


def camera_label(index: int, cameras: list[CameraChoice] | None = None) -> str:
    """The name of the camera at ``index`` ("Camera N" when it isn't listed)."""
    for c in list_cameras() if cameras is None else cameras:
        if c.index == index:
            return c.name
    return fallback_name(index)
