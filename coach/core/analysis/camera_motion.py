"""Camera motion: the whole body turning, growing or sliding in the image without bending.

A camera that rolls, zooms, shakes or is knocked moves every landmark by one similarity transform
(rotation, scale, shift) while the body's joint angles and segment lengths stay as they were. A
person who moves bends: the hips drop while the feet stay, a leg swings while the trunk stays.

Per frame, ``CameraMotion.update`` fits one 2D similarity (least squares, closed form) from the pose
about ``REF_S`` seconds earlier to this one, and another from ``FAST_S`` earlier, over the trunk
and leg landmarks seen in both (x aspect-corrected, y down, image heights). Lengths are in body
units: the root-mean-square distance of those points from their centroid. The frame shows camera motion when
- the fit leaves little unexplained: the 75th-percentile point misfit is under ``RIGID`` body units
  (the body did not bend; over ``FAST_S`` also under ``FAST_SHARE`` of the motion it explains: a
  knock mid-rep), and
- the picture turned more than ``TURN_DEG`` or was scaled by more than ``SCALE`` (a shift alone is
  not enough: a person stepping or sliding sideways looks the same as a pan, and no signal the
  counters read changes under a shift), and
- both feet moved (each ankle more than ``FEET`` body units): a person who leans, sways or squats
  pivots on a planted foot, which stays put in the image; a camera moves the floor under both feet.
The caller may also pass the background's own motion since the previous frame (``step``: turn in
degrees and scale, from the scenery around the person; see ``coach.pose.background_motion``): the
frame also shows camera motion when the background turned more than ``TURN_DEG`` or scaled by more
than ``SCALE`` over the last ``REF_S``, whatever the body did, and the background's turn over an
episode is the camera's turn (``episode_turn``). ``settled_turn`` gives the turn after an episode,
from the scenery or (the person kept still) the body; the analyzer undoes it on every later frame.
``moving`` turns on at the first such frame and off once no such frame has been seen for
``SETTLE_S`` seconds. ``episodes`` counts the times it turned on. Cost: a few small numpy calls.
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np

POINTS = (0, 11, 12, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32)  # nose, shoulders, hips, knees, ankles, feet
VIS = 0.5  # a point counts when the model saw it at least this well in both frames
MIN_POINTS = 7
REF_S = 0.4  # compare with the pose this long ago ...
FAST_S = 0.1  # ... and this long ago: a knock is a big turn in a time the body barely bends in,
FAST_SHARE = 0.3  # so there the misfit may reach this share of the motion the turn and scale explain
RIGID = 0.02  # body units: 75th-percentile misfit after the best similarity (warped real clips: 90 % under 0.015)
TURN_DEG = 2.5  # rotation over REF_S that is camera roll, not jitter
SCALE = 0.05  # relative size change over REF_S (a zoom, or the camera pushed closer)
FEET = 0.12  # body units over REF_S: both ankles moved this much
ANKLES = (7, 8)  # rows of the left / right ankle in POINTS
SETTLE_S = 0.6  # still this long after the last moving frame: the camera has settled


def similarity(p: np.ndarray, q: np.ndarray) -> tuple[float, float, float, float, float]:
    """Best q ~ s R p + t for two (n, 2) point sets: (turn in degrees, scale, shift in body units of p,
    75th-percentile misfit in body units of p, body unit of p)."""
    pc = p - p.mean(axis=0)
    qc = q - q.mean(axis=0)
    unit = math.sqrt(float((pc**2).sum()) / len(p)) or 1e-9
    zp = pc[:, 0] + 1j * pc[:, 1]
    zq = qc[:, 0] + 1j * qc[:, 1]
    a = complex((np.conj(zp) * zq).sum() / (np.abs(zp) ** 2).sum()) if unit > 1e-9 else 1.0 + 0j
    misfit = np.abs(zq - a * zp)
    shift = float(np.hypot(*(q.mean(axis=0) - p.mean(axis=0)))) / unit
    return math.degrees(math.atan2(a.imag, a.real)), abs(a), shift, float(np.percentile(misfit, 75)) / unit, unit


class CameraMotion:
    def __init__(self) -> None:
        self.history: deque[tuple[float, np.ndarray]] = deque()  # (t, (13, 3) x, y, visibility)
        self.moving = False
        self.episodes = 0
        self.last_motion_t: float | None = None
        self.frames_moving = 0
        self.started_s: list[float] = []  # when each episode began (seconds, the caller's clock)
        self.before: np.ndarray | None = None  # the pose just before the current / last episode
        self.steps: deque[tuple[float, float, float]] = deque()  # (t, turn, scale) of the background
        self.episode_steps: list[float] = []  # background turns from REF_S before the episode to its end
        self.episode_frames = 0  # frames in the episode (and its lead-in), to judge the steps' coverage

    def reset(self) -> None:
        self.history.clear()
        self.moving = False
        self.last_motion_t = None

    def update(self, lm: np.ndarray, aspect: float, t: float, step: tuple[float, float] | None = None) -> bool:
        """Feed one pose ((33, 4) normalised landmarks) at ``t`` seconds, and the background's turn
        and scale since the previous frame if known; True while the camera moves."""
        pts = lm[POINTS, :].astype(np.float64)
        pts = np.stack([pts[:, 0] * aspect, pts[:, 1], pts[:, 3]], axis=1)
        while self.history and t - self.history[0][0] > 2 * REF_S:
            self.history.popleft()
        ref = self._ago(t, REF_S)
        self.history.append((t, pts))
        moved = self._rigid_move(ref, pts) or self._rigid_move(self._ago(t, FAST_S), pts, FAST_SHARE)
        moved = self._background(step, t) or moved
        if self.moving:  # an episode goes on: its frames and background turns, up to the frame it ends
            self.episode_frames += 1
            if step is not None:
                self.episode_steps.append(step[0])
        if moved:
            if not self.moving:  # a new episode, with the lead-in the motion was first seen over
                self.episodes += 1
                self.started_s.append(t)
                self.before = ref
                self.episode_steps = [s[1] for s in self.steps]
                self.episode_frames = sum(1 for tr, _ in self.history if t - tr <= REF_S + 1e-6)
            self.moving = True
            self.last_motion_t = t
        elif self.moving and self.last_motion_t is not None and t - self.last_motion_t >= SETTLE_S:
            self.moving = False
        self.frames_moving += self.moving
        return self.moving

    def _ago(self, t: float, ago: float) -> np.ndarray | None:
        """The newest kept pose at least ``ago`` s before ``t`` (or the oldest, if half that old)."""
        ref = None
        for tr, pr in self.history:
            if t - tr >= ago - 1e-6:
                ref = pr
            else:
                break
        if ref is None and self.history and t - self.history[0][0] >= 0.5 * ago:
            ref = self.history[0][1]  # frames far apart (a slow source): the oldest kept
        return ref

    def _rigid_move(self, ref: np.ndarray | None, pts: np.ndarray, share: float = 0.0) -> bool:
        """From ``ref`` to ``pts`` the body turned or scaled without bending (misfit under ``RIGID``, or
        under ``share`` of the motion the turn and scale explain), and both feet moved."""
        if ref is None:
            return False
        seen = (ref[:, 2] >= VIS) & (pts[:, 2] >= VIS)
        if int(seen.sum()) < MIN_POINTS or not seen[list(ANKLES)].all():
            return False
        turn, scale, _shift, misfit, unit = similarity(ref[seen, :2], pts[seen, :2])
        explained = math.hypot(math.radians(turn), math.log(max(scale, 1e-6)))
        if misfit >= max(RIGID, share * explained) or (abs(turn) <= TURN_DEG and abs(scale - 1.0) <= SCALE):
            return False
        feet = np.hypot(*(pts[ANKLES, :2] - ref[ANKLES, :2]).T) / unit
        return float(feet.min()) > FEET

    def _background(self, step: tuple[float, float] | None, t: float) -> bool:
        """The scenery turned or scaled over the last ``REF_S`` (False when not known)."""
        if step is not None:
            self.steps.append((t, step[0], step[1]))
        while self.steps and t - self.steps[0][0] > REF_S + 1e-6:
            self.steps.popleft()
        if step is None or not self.steps:
            return False
        turn = sum(s[1] for s in self.steps)
        scale = math.prod(s[2] for s in self.steps)
        return abs(turn) > TURN_DEG or abs(scale - 1.0) > SCALE

    def episode_turn(self) -> float | None:
        """The background's turn over the last episode, lead-in included (degrees), or None when the
        background was followed on under 80 % of its frames."""
        if not self.episode_steps or len(self.episode_steps) < 0.8 * max(self.episode_frames, 1):
            return None
        return float(sum(self.episode_steps))

    def settled_turn(self, lm: np.ndarray, aspect: float) -> float | None:
        """After an episode: how far the camera turned the picture (degrees, + = anticlockwise on
        screen in y-down coordinates): the background's turn when it was followed; else the body's own
        turn from the pose just before the episode to ``lm`` when it is in the same posture (a rigid
        fit: the person kept still, so the turn was the camera's); else None (the person moved too)."""
        turn = self.episode_turn()
        if turn is not None or self.before is None:
            return turn
        pts = lm[POINTS, :].astype(np.float64)
        now = np.stack([pts[:, 0] * aspect, pts[:, 1], pts[:, 3]], axis=1)
        seen = (self.before[:, 2] >= VIS) & (now[:, 2] >= VIS)
        if int(seen.sum()) < MIN_POINTS:
            return None
        turn, _scale, _shift, misfit, _unit = similarity(self.before[seen, :2], now[seen, :2])
        return turn if misfit < RIGID else None


def turned(lm: np.ndarray, deg: float, aspect: float) -> np.ndarray:
    """A (33, 4) pose turned by ``deg`` (+ = anticlockwise on screen, y down) about the image centre."""
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    out = lm.copy()
    dx, dy = lm[:, 0] * aspect - 0.5 * aspect, lm[:, 1] - 0.5
    out[:, 0] = (0.5 * aspect + c * dx - s * dy) / aspect
    out[:, 1] = 0.5 + s * dx + c * dy
    return out
