"""What the camera panel opens and how it judges, from the app's Settings (or ``--video FILE``)."""

from __future__ import annotations

from pathlib import Path

from coach.core.analysis import AnalysisConfig
from coach.pose.sources import CameraSourceSpec


def source_from_settings(settings, *, video: str | Path | None = None, camera: int | None = None) -> CameraSourceSpec:
    """The source the app should open: ``--video FILE`` (paced like a camera) or the webcam from Settings."""
    if video:
        return CameraSourceSpec("video", path=Path(video), paced=True)
    return CameraSourceSpec(
        "camera",
        index=settings.get("camera/index") if camera is None else camera,
        width=settings.get("camera/width"),
        height=settings.get("camera/height"),
    )


def config_from_settings(settings) -> AnalysisConfig:
    drop, marked = settings.drop_thresholds
    return AnalysisConfig(drop_deg=drop, marked_deg=marked)
