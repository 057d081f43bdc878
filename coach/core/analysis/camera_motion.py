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
frame also shows camera motion when the background turned more than ``SCENE_TURN_DEG`` or scaled by
more than ``SCENE_SCALE`` over the last ``REF_S`` and the body axis turned or scaled too (by half that; a
person moving at the edge of their box can sway the scenery's fit), however the body bent, and the
background's turn over an
episode is the camera's turn (``episode_turn``). ``settled_turn`` gives the turn after an episode,
from the scenery or (the person kept still) the body; the analyzer undoes it on every later frame.
``moving`` turns on at the first such frame and off once no such frame has been seen for
``SETTLE_S`` seconds. ``episodes`` counts the times it turned on. Cost: a few small numpy calls.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence

import numpy as np

POINTS = (0, 11, 12, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32)  # nose, shoulders, hips, knees, ankles, feet
POINTS_INDEX = list(POINTS)
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
SHOULDERS = (1, 2)
SCENE_TURN_DEG = 4.0  # the scenery's turn over REF_S that is the camera's (a person at the edge of
SCENE_SCALE = 0.08  # their box sways the scenery's fit by up to ~3 degrees in the real clips)
SETTLE_S = 0.6  # still this long after the last moving frame: the camera has settled


Points = list[tuple[float, float, float]]  # (x aspect-corrected, y, visibility) of POINTS


def similarity(p: Sequence[Sequence[float]], q: Sequence[Sequence[float]]) -> tuple[float, float, float, float, float]:
    """Best q ~ s R p + t for two point sets ((n, 2) arrays or sequences of (x, y)), in plain floats
    (for 13 points several times faster than numpy): (turn in degrees, scale, shift in body units of
    p, 75th-percentile misfit in body units of p, body unit of p)."""
    n = len(p)
    px = [float(v[0]) for v in p]
    py = [float(v[1]) for v in p]
    qx = [float(v[0]) for v in q]
    qy = [float(v[1]) for v in q]
    mpx, mpy, mqx, mqy = sum(px) / n, sum(py) / n, sum(qx) / n, sum(qy) / n
    px = [x - mpx for x in px]
    py = [y - mpy for y in py]
    qx = [x - mqx for x in qx]
    qy = [y - mqy for y in qy]
    norm = sum(x * x + y * y for x, y in zip(px, py))
    unit = math.sqrt(norm / n)
    if unit <= 1e-9:
        return 0.0, 1.0, 0.0, 0.0, 1e-9
    # a = sum(conj(zp) * zq) / sum(|zp|^2), zp = px + i py
    ar = sum(x1 * x2 + y1 * y2 for x1, y1, x2, y2 in zip(px, py, qx, qy)) / norm
    ai = sum(x1 * y2 - y1 * x2 for x1, y1, x2, y2 in zip(px, py, qx, qy)) / norm
    misfit = sorted(
        math.hypot(x2 - (ar * x1 - ai * y1), y2 - (ai * x1 + ar * y1)) for x1, y1, x2, y2 in zip(px, py, qx, qy)
    )
    k = 0.75 * (n - 1)  # the 75th percentile, interpolated as numpy does
    lo = int(k)
    p75 = misfit[lo] + (k - lo) * (misfit[min(lo + 1, n - 1)] - misfit[lo])
    shift = math.hypot(mqx - mpx, mqy - mpy) / unit
    return math.degrees(math.atan2(ai, ar)), math.hypot(ar, ai), shift, p75 / unit, unit


def _points(lm: np.ndarray, aspect: float) -> Points:
    rows = lm[POINTS_INDEX].tolist()
    return [(r[0] * aspect, r[1], r[3]) for r in rows]


class CameraMotion:
    def __init__(self) -> None:
        self.history: deque[tuple[float, Points]] = deque()  # (t, 13 x (x, y, visibility))
        self.moving = False
        self.episodes = 0
        self.last_motion_t: float | None = None
        self.frames_moving = 0
        self.started_s: list[float] = []  # when each episode began (seconds, the caller's clock)
        self.before: Points | None = None  # the pose just before the current / last episode
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
        pts = _points(lm, aspect)
        while self.history and t - self.history[0][0] > 2 * REF_S:
            self.history.popleft()
        ref = self._ago(t, REF_S)
        self.history.append((t, pts))
        moved = self._rigid_move(ref, pts) or self._rigid_move(self._ago(t, FAST_S), pts, FAST_SHARE)
        if self._background(step, t) and ref is not None and _axis_changed(ref, pts):
            moved = True  # the scenery moved, and the body in the picture turned or scaled with it
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

    def _ago(self, t: float, ago: float) -> Points | None:
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

    def _rigid_move(self, ref: Points | None, pts: Points, share: float = 0.0) -> bool:
        """From ``ref`` to ``pts`` the body turned or scaled without bending (misfit under ``RIGID``, or
        under ``share`` of the motion the turn and scale explain), and both feet moved."""
        if ref is None:
            return False
        if any(ref[i][2] < VIS or pts[i][2] < VIS for i in ANKLES):
            return False
        if not _axis_changed(ref, pts):
            return False  # a similarity turns and scales every line alike: this one stayed, so no fit needed
        pairs = [(a, b) for a, b in zip(ref, pts) if a[2] >= VIS and b[2] >= VIS]
        if len(pairs) < MIN_POINTS:
            return False
        turn, scale, _shift, misfit, unit = similarity([a for a, _ in pairs], [b for _, b in pairs])
        explained = math.hypot(math.radians(turn), math.log(max(scale, 1e-6)))
        if misfit >= max(RIGID, share * explained) or (abs(turn) <= TURN_DEG and abs(scale - 1.0) <= SCALE):
            return False
        feet = min(math.hypot(pts[i][0] - ref[i][0], pts[i][1] - ref[i][1]) for i in ANKLES) / unit
        return feet > FEET

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
        return abs(turn) > SCENE_TURN_DEG or abs(scale - 1.0) > SCENE_SCALE

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
        now = _points(lm, aspect)
        pairs = [(a, b) for a, b in zip(self.before, now) if a[2] >= VIS and b[2] >= VIS]
        if len(pairs) < MIN_POINTS:
            return None
        turn, _scale, _shift, misfit, _unit = similarity([a for a, _ in pairs], [b for _, b in pairs])
        return turn if misfit < RIGID else None


def _axis_changed(ref: Points, pts: Points) -> bool:
    """The body axis (mid-ankles to mid-shoulders) turned by over half ``TURN_DEG`` or changed length
    by over half ``SCALE`` (True too when a shoulder is not seen: the full fit decides)."""
    if any(ref[i][2] < VIS or pts[i][2] < VIS for i in SHOULDERS):
        return True
    (ax, ay), (bx, by) = (_axis(ref), _axis(pts))
    la, lb = math.hypot(ax, ay), math.hypot(bx, by)
    if la < 1e-9 or lb < 1e-9:
        return True
    turn = math.degrees(math.atan2(ax * by - ay * bx, ax * bx + ay * by))
    return abs(turn) > 0.5 * TURN_DEG or abs(lb / la - 1.0) > 0.5 * SCALE


def _axis(p: Points) -> tuple[float, float]:
    (s1, s2), (a1, a2) = (p[i] for i in SHOULDERS), (p[i] for i in ANKLES)
    return 0.5 * (s1[0] + s2[0] - a1[0] - a2[0]), 0.5 * (s1[1] + s2[1] - a1[1] - a2[1])


def turned(lm: np.ndarray, deg: float, aspect: float) -> np.ndarray:
    """A (33, 4) pose turned by ``deg`` (+ = anticlockwise on screen, y down) about the image centre."""
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    out = lm.copy()
    dx, dy = lm[:, 0] * aspect - 0.5 * aspect, lm[:, 1] - 0.5
    out[:, 0] = (0.5 * aspect + c * dx - s * dy) / aspect
    out[:, 1] = 0.5 + s * dx + c * dy
    return out
