"""Fakes for the fast pose-pipeline tests (imported by test_worker.py and test_camera_panel.py), and
tests of the fakes themselves.

- ``numbered_frames(n)``: small BGR frames (160x120, aspect 4:3 like ``synthetic.Camera``) whose
  first pixels encode the frame number, so a fake estimator knows which frame it was given even
  when a live source drops frames;
- ``ScriptedEstimator(poses)``: stands in for PoseEstimator: returns ``poses[frame number]``;
- ``squat_poses`` / ``single_leg_poses``: synthetic landmark sequences with known counts/flags.
The real MediaPipe model and real clips are used alongside these in the other test files.
"""

from __future__ import annotations

import numpy as np

from support import synthetic as sy
from support.analysis_helpers import duration, single_leg

W, H = 160, 120


def numbered_frames(n: int, w: int = W, h: int = H) -> list[np.ndarray]:
    out = []
    for i in range(n):
        img = np.full((h, w, 3), 90, np.uint8)
        img[0, 0] = (i & 255, (i >> 8) & 255, 201)  # B, G = frame number; R = marker
        img[h // 2 :, : w // 4] = (0, 0, 255)  # a red block on the image's left: shows mirroring
        out.append(img)
    return out


def frame_number(bgr: np.ndarray) -> int:
    b, g, r = (int(v) for v in bgr[0, 0])
    assert r == 201, "not a numbered frame"
    return b + (g << 8)


class ScriptedEstimator:
    """Duck-types PoseEstimator: ``detect(bgr, t_ms)`` -> the scripted pose for that frame number."""

    def __init__(self, poses, *, fail_at: int | None = None):
        self.poses = list(poses)
        self.fail_at = fail_at
        self.calls: list[tuple[int, int]] = []  # (frame number, t_ms)
        self.closed = False

    def detect(self, bgr: np.ndarray, t_ms: int):
        n = frame_number(bgr)
        if self.fail_at is not None and len(self.calls) >= self.fail_at:
            raise RuntimeError("scripted failure")
        self.calls.append((n, t_ms))
        lm = self.poses[n % len(self.poses)]
        if lm is None:
            return None
        out = np.array(lm, dtype=np.float32)
        out.flags.writeable = False
        return out

    def close(self) -> None:
        self.closed = True


def squat_poses(n_reps: int = 3, fps: float = 30.0):
    ph = sy.reps_profile(n_reps)
    return sy.sequence(lambda t: sy.standing_points(sy.Pose(knee=110.0 * ph(t))), duration(n_reps, rest_s=1.5), fps=fps)


def single_leg_poses(stance: str = "left", drop: float = 9.0, reps: int = 3, fps: float = 30.0):
    return sy.sequence(single_leg(stance, drop=drop, reps=reps), duration(reps), fps=fps)
