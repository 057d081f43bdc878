"""``PoseEstimator``: the MediaPipe Tasks PoseLandmarker (VIDEO mode) behind a two-method interface.

``detect(bgr, t_ms)`` takes a BGR uint8 image (h, w, 3) and a timestamp in milliseconds on a
monotonic clock, and returns the first person's landmarks as a read-only float32 (33, 4) array
(x, y normalised to the image, y down; z relative depth; visibility 0..1) or None. Timestamps
must increase; an equal or older one is bumped to the last + 1 ms (MediaPipe would refuse it).
Create, use and close an estimator in one thread. mediapipe/cv2 are imported on construction.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from coach.pose.model import ModelLoadError, ModelUnavailable, where_to_put
from coach.pose.privacy import block_mediapipe_telemetry


class PoseEstimator:
    def __init__(self, model_path: str | Path, *, min_detection: float = 0.5, min_tracking: float = 0.5):
        p = Path(model_path)
        if not p.is_file():
            raise ModelUnavailable(f"Pose model file not found: {p}. {where_to_put()}")
        block_mediapipe_telemetry()  # before MediaPipe starts its usage-logging client (see privacy.py)
        try:
            import mediapipe as mp
            from mediapipe.tasks.python import BaseOptions, vision
        except Exception as e:  # a broken install must not crash the app
            raise ModelLoadError(
                f"MediaPipe can't be loaded ({type(e).__name__}: {e}); camera tracking is off"
            ) from None
        self._mp = mp
        opts = vision.PoseLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(p)),
            running_mode=vision.RunningMode.VIDEO,
            num_poses=1,
            min_pose_detection_confidence=min_detection,
            min_tracking_confidence=min_tracking,
        )
        try:
            self._lmk = vision.PoseLandmarker.create_from_options(opts)
        except Exception as e:  # MediaPipe raises RuntimeError/ValueError/OSError for a bad bundle
            detail = str(e).strip().splitlines()[0][:160] if str(e).strip() else type(e).__name__
            raise ModelLoadError(
                f"{p.name} is not a pose model MediaPipe can load ({detail}). "
                f"Use an official pose_landmarker_*.task file. {where_to_put()}"
            ) from None
        self.model_path = p
        self._last_ms = -1
        self._failed = False

    def detect(self, bgr: np.ndarray, t_ms: int) -> np.ndarray | None:
        """Landmarks (33, 4) of the person in a BGR frame at ``t_ms`` (monotonic ms), or None."""
        import cv2

        return self.detect_rgb(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), t_ms)

    def detect_rgb(self, rgb: np.ndarray, t_ms: int) -> np.ndarray | None:
        """As ``detect`` for an image already converted to RGB (saves a conversion when decoding ahead)."""
        if self._lmk is None:
            raise RuntimeError("PoseEstimator is closed")
        t = max(int(t_ms), self._last_ms + 1)
        self._last_ms = t
        image = self._mp.Image(image_format=self._mp.ImageFormat.SRGB, data=rgb)
        try:
            res = self._lmk.detect_for_video(image, t)
        except Exception as e:  # e.g. a bundle whose inner models are swapped loads, then fails on a frame
            self._failed = True
            text = str(e).strip()
            detail = text.splitlines()[-1].rpartition("failed: ")[2].strip()[:160] if text else type(e).__name__
            raise ModelLoadError(
                f"{self.model_path.name} loaded but fails on a frame; it is not a working pose "
                f"model (MediaPipe: {detail}). Use an official pose_landmarker_*.task file. "
                f"{where_to_put()}"
            ) from None
        if not res.pose_landmarks:
            return None
        out = np.array(
            [(p.x, p.y, p.z, p.visibility if p.visibility is not None else 0.0) for p in res.pose_landmarks[0]],
            dtype=np.float32,
        )
        out.flags.writeable = False
        return out

    def close(self) -> None:
        lmk, self._lmk = getattr(self, "_lmk", None), None
        if lmk is not None:
            try:
                lmk.close()
            except Exception:
                if not getattr(self, "_failed", False):
                    raise  # after a failed frame MediaPipe re-raises that failure here: already reported

    def __enter__(self) -> PoseEstimator:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
