"""A parametric stick figure that produces BlazePose-style landmark sequences with known truth.

Used by the tests and benchmarks: squat depth, single-leg stance, pelvic drop, hip abduction,
hinge, lunge, band walk, floor drills, walking; rendered front, back or side-on at any scale,
position and image rotation, with noise, dropouts and left/right label swaps.

Body frame (metres): X = the person's left, Y = up, Z = forward (the way the person faces).
Render: front view = facing the camera (person's left on image right); side view = facing image
right. Output landmarks are normalised image coords (x, y), depth z and visibility, float32 (33, 4).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from coach.core import landmarks as L

SHIN, THIGH, TORSO, HIP_W, SHOULDER_W, HEIGHT = 0.43, 0.45, 0.50, 0.10, 0.19, 1.75


def _v(x, y, z):
    return np.array([x, y, z], dtype=np.float64)


def _planted_leg(ankle: np.ndarray, flex: float) -> tuple[np.ndarray, np.ndarray]:
    """Knee and hip above a planted ankle; ``flex`` = knee flexion, degrees (0 = straight)."""
    ts = math.radians(0.45 * flex)
    tt = math.radians(0.55 * flex)
    knee = ankle + SHIN * _v(0, math.cos(ts), math.sin(ts))
    return knee, knee + THIGH * _v(0, math.cos(tt), -math.sin(tt))


def _free_leg(
    hip: np.ndarray, side_x: float, hip_flex: float, knee_flex: float, abd: float
) -> tuple[np.ndarray, np.ndarray]:
    a, f, s = math.radians(abd), math.radians(hip_flex), math.radians(hip_flex - knee_flex)
    knee = hip + THIGH * _v(side_x * math.sin(a), -math.cos(f) * math.cos(a), math.sin(f) * math.cos(a))
    return knee, knee + SHIN * _v(side_x * math.sin(a), -math.cos(s) * math.cos(a), math.sin(s) * math.cos(a))


def _ik_leg(hip: np.ndarray, ankle: np.ndarray) -> np.ndarray:
    """Knee for a hip and ankle (two-bone IK in the sagittal plane, knee pointing forward/down)."""
    d = ankle - hip
    n = float(np.linalg.norm(d))
    if n >= THIGH + SHIN - 1e-9:
        return hip + d * THIGH / (THIGH + SHIN)
    a = math.acos((THIGH**2 + n**2 - SHIN**2) / (2 * THIGH * n))
    u = d / n
    fwd = _v(0, u[2], -u[1]) if abs(u[0]) < 0.99 else _v(0, 0, 1)  # in-plane normal, toward +Z
    if fwd[2] < 0:
        fwd = -fwd
    return hip + THIGH * (math.cos(a) * u + math.sin(a) * fwd)


@dataclass
class Pose:
    """Standing-drill parameters (degrees / metres); defaults = standing tall on both feet."""

    knee: float = 0.0  # stance knee flexion (both knees if bilateral)
    stance: str | None = None  # "left"/"right": single-leg (or lunge front leg); None: both feet
    drop: float = 0.0  # contralateral pelvic drop, degrees (free-side hip lower)
    free_hip: float = 0.0  # free leg hip flexion (+ forward, - back)
    free_knee: float = 0.0  # free leg knee flexion
    free_abd: float = 0.0  # free leg abduction
    lunge_back: float = 0.0  # lunge: free foot this far behind (metres), on its toes
    lean: float = 0.0  # trunk forward lean (hinge)
    width: float = 0.2  # distance between the ankles (both feet down)
    step: float = 0.0  # stance foot on a step this high
    x: float = 0.0  # body position (metres, +X)
    z: float = 0.0
    stride: float = 0.0  # walking: leg swing, degrees (+ = left forward)


def standing_points(p: Pose) -> np.ndarray:
    pts = np.zeros((L.NUM_LANDMARKS, 3))
    if p.stance is None:
        s = math.radians(p.stride)
        la, ra = _v(p.width / 2, p.step, 0.4 * math.sin(s)), _v(-p.width / 2, p.step, -0.4 * math.sin(s))
        lk, lh = _planted_leg(la, p.knee + max(0.0, -p.stride))
        rk, rh = _planted_leg(ra, p.knee + max(0.0, p.stride))
        mid = 0.5 * (lh + rh) + _v(0, 0.02 * abs(math.sin(s)), 0)
        lh, rh = mid + _v(HIP_W, 0, 0), mid + _v(-HIP_W, 0, 0)
        lk[0], rk[0] = 0.5 * (lh[0] + la[0]), 0.5 * (rh[0] + ra[0])
    else:
        sx = 1.0 if p.stance == "left" else -1.0  # +X side of the stance leg
        sa = _v(sx * p.width / 2, p.step, 0)
        sk, sh = _planted_leg(sa, p.knee)
        sh[0] = sx * HIP_W
        sk[0] = 0.5 * (sh[0] + sa[0])
        tau = math.radians(p.drop)
        fh = sh + 2 * HIP_W * _v(-sx * math.cos(tau), -math.sin(tau), 0)
        if p.lunge_back > 0:
            fa = _v(fh[0], 0.06, -p.lunge_back)
            fk = _ik_leg(fh, fa)
        else:
            hip_flex = p.free_hip
            fk, fa = _free_leg(fh, -sx, hip_flex, p.free_knee, p.free_abd)
            while fa[1] < 0.06 and hip_flex < 90:  # keep the free foot off the floor
                hip_flex += 2.0
                fk, fa = _free_leg(fh, -sx, hip_flex, p.free_knee, p.free_abd)
        (la, lk, lh), (ra, rk, rh) = (
            ((sa, sk, sh), (fa, fk, fh)) if p.stance == "left" else ((fa, fk, fh), (sa, sk, sh))
        )
    mid = 0.5 * (lh + rh)
    lean = math.radians(p.lean)
    up = _v(0, math.cos(lean), math.sin(lean))
    sm = mid + TORSO * up
    _upper_body(pts, sm, up, _v(1, 0, 0), lh, rh)
    for i, v in (
        (L.LEFT_HIP, lh),
        (L.RIGHT_HIP, rh),
        (L.LEFT_KNEE, lk),
        (L.RIGHT_KNEE, rk),
        (L.LEFT_ANKLE, la),
        (L.RIGHT_ANKLE, ra),
    ):
        pts[i] = v
    for a, h, t in ((la, L.LEFT_HEEL, L.LEFT_FOOT_INDEX), (ra, L.RIGHT_HEEL, L.RIGHT_FOOT_INDEX)):
        pts[h] = a + _v(0, -0.05, -0.05)
        pts[t] = a + _v(0, -0.07, 0.15)
    return pts + _v(p.x, 0, p.z)


def _upper_body(
    pts: np.ndarray, sm: np.ndarray, up: np.ndarray, across: np.ndarray, lh: np.ndarray, rh: np.ndarray
) -> None:
    fwd = np.cross(across, up)
    ls, rs = sm + SHOULDER_W * across, sm - SHOULDER_W * across
    nose = sm + 0.25 * up + 0.08 * fwd
    pts[L.LEFT_SHOULDER], pts[L.RIGHT_SHOULDER], pts[L.NOSE] = ls, rs, nose
    for i, (dx, du, df) in enumerate(((0.02, 0.03, -0.01), (0.03, 0.03, -0.01), (0.045, 0.03, -0.02)), start=1):
        pts[i] = nose + dx * across + du * up + df * fwd
        pts[i + 3] = nose - dx * across + du * up + df * fwd
    pts[L.LEFT_EAR], pts[L.RIGHT_EAR] = nose + 0.07 * across - 0.08 * fwd, nose - 0.07 * across - 0.08 * fwd
    pts[9], pts[10] = nose + 0.025 * across - 0.04 * up, nose - 0.025 * across - 0.04 * up
    for s, h, e, w, sign in ((ls, lh, L.LEFT_ELBOW, L.LEFT_WRIST, 1), (rs, rh, L.RIGHT_ELBOW, L.RIGHT_WRIST, -1)):
        pts[e] = s + sign * 0.12 * across - 0.2 * up - 0.05 * fwd
        pts[w] = h + sign * 0.05 * across + 0.05 * fwd
        for k, off in enumerate((0.03, 0.04, 0.02)):
            pts[w + 2 + 2 * k] = pts[w] - off * up + 0.01 * k * fwd
    return None


def bridge_points(lift: float) -> np.ndarray:
    """Glute bridge lying on the back, head toward -Z; ``lift`` = hip height above the floor (m)."""
    pts = np.zeros((L.NUM_LANDMARKS, 3))
    ankle = _v(0, 0.08, 0.95)
    hip = _v(0, 0.1 + lift, 0.45)
    sm = _v(0, 0.08, -0.05)
    knee = _ik_leg(hip, ankle)
    if knee[1] < hip[1]:
        knee[1] = 2 * hip[1] - knee[1]
    up = (sm - hip) / np.linalg.norm(sm - hip)
    _upper_body(pts, sm, up, _v(1, 0, 0), hip + _v(HIP_W, 0, 0), hip - _v(HIP_W, 0, 0))
    for sx, (h, k, a) in (
        (1, (L.LEFT_HIP, L.LEFT_KNEE, L.LEFT_ANKLE)),
        (-1, (L.RIGHT_HIP, L.RIGHT_KNEE, L.RIGHT_ANKLE)),
    ):
        pts[h], pts[k], pts[a] = hip + _v(sx * HIP_W, 0, 0), knee + _v(sx * 0.12, 0, 0), ankle + _v(sx * 0.12, 0, 0)
    return pts


def plank_points(support: str = "left", sag: float = 0.0) -> np.ndarray:
    """Side plank facing the camera (body along +Z of the *image*: x), ``sag`` = hip drop (m)."""
    pts = np.zeros((L.NUM_LANDMARKS, 3))
    down = 1.0 if support == "left" else -1.0
    ankle = _v(0, 0.05, -0.7)  # in body frame the long axis is Z; rendered as front view -> image x uses X
    sm = _v(0, 0.45, 0.8)
    hip = 0.5 * (ankle + sm) + _v(0, -sag, 0) + _v(0, -0.02, 0)
    along = (sm - hip) / np.linalg.norm(sm - hip)
    across = _v(0, down, 0)  # the supporting side is lower: its landmarks sit at smaller Y
    _upper_body(pts, sm, along, -across, hip - HIP_W * across, hip + HIP_W * across)
    knee = 0.5 * (hip + ankle)
    for sx, (h, k, a) in (
        (-1, (L.LEFT_HIP, L.LEFT_KNEE, L.LEFT_ANKLE)),
        (1, (L.RIGHT_HIP, L.RIGHT_KNEE, L.RIGHT_ANKLE)),
    ):
        off = sx * HIP_W * across
        pts[h], pts[k], pts[a] = hip + off, knee + off, ankle + 0.6 * off
    # lay the long axis (Z) along the camera's x: swap X and Z
    return pts[:, [2, 1, 0]]


@dataclass
class Camera:
    view: str = "front"  # front | back | side
    aspect: float = 4 / 3
    share: float = 0.75  # standing body height as a share of the image height
    cx: float = 0.5  # where body X=0 appears (share of width)
    floor: float = 0.92  # image y of the floor
    rotate_deg: float = 0.0  # image rotation about the centre, in pixel space (clockwise on screen)
    distance: float | None = 3.0  # camera distance (m) for perspective; None = orthographic
    height: float = 1.0  # camera height above the floor (m), looking horizontally
    yaw_deg: float = 0.0  # the person turned this much about the vertical (oblique views)

    def project(self, pts: np.ndarray, far_vis: float = 0.35) -> np.ndarray:
        k = self.share / HEIGHT
        if self.yaw_deg:
            c, s = math.cos(math.radians(self.yaw_deg)), math.sin(math.radians(self.yaw_deg))
            pts = np.column_stack([c * pts[:, 0] + s * pts[:, 2], pts[:, 1], -s * pts[:, 0] + c * pts[:, 2]])
        if self.view == "side":
            h, depth = pts[:, 2], -pts[:, 0]
        elif self.view == "back":
            h, depth = -pts[:, 0], -pts[:, 2]
        else:
            h, depth = pts[:, 0], -pts[:, 2]
        if self.distance:
            f = self.distance / np.maximum(self.distance + depth, 0.2)  # nearer = bigger
            xh = self.cx * self.aspect + k * h * f
            y = self.floor - k * self.height - k * (pts[:, 1] - self.height) * f
        else:
            xh = self.cx * self.aspect + k * h
            y = self.floor - k * pts[:, 1]
        if self.rotate_deg:
            xh, y = rotate_xy(xh, y, self.rotate_deg, self.aspect)
        out = np.empty((L.NUM_LANDMARKS, 4), dtype=np.float32)
        out[:, 0], out[:, 1], out[:, 2] = xh / self.aspect, y, k * depth
        vis = np.full(L.NUM_LANDMARKS, 0.95)
        if self.view == "side":
            vis[[i for pair in _PAIRS for i in pair[1:]]] = far_vis  # the person's right is the far side
        inside = (out[:, 0] >= 0) & (out[:, 0] <= 1) & (out[:, 1] >= 0) & (out[:, 1] <= 1)
        out[:, 3] = np.where(inside, vis, 0.05)
        return out


_PAIRS = tuple(
    (a, b)
    for a, b in (
        (1, 4),
        (2, 5),
        (3, 6),
        (7, 8),
        (9, 10),
        (11, 12),
        (13, 14),
        (15, 16),
        (17, 18),
        (19, 20),
        (21, 22),
        (23, 24),
        (25, 26),
        (27, 28),
        (29, 30),
        (31, 32),
    )
)


def rotate_xy(xh, y, deg: float, aspect: float):
    """Rotate points (x in image heights, y) about the image centre; clockwise on screen for deg > 0."""
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    dx, dy = xh - 0.5 * aspect, y - 0.5
    return 0.5 * aspect + c * dx - s * dy, 0.5 + s * dx + c * dy


def rotate_landmarks(lm: np.ndarray, deg: float, aspect: float) -> np.ndarray:
    """A (33, 4) pose rotated about the image centre in pixel space (clockwise on screen for deg > 0)."""
    out = lm.copy()
    xh, y = rotate_xy(lm[:, 0].astype(np.float64) * aspect, lm[:, 1].astype(np.float64), deg, aspect)
    out[:, 0], out[:, 1] = xh / aspect, y
    return out


def sequence(
    points_at: Callable[[float], np.ndarray | None],
    duration_s: float,
    *,
    fps: float = 30.0,
    camera: Camera | None = None,
    noise: float = 0.0,
    dropout: float = 0.0,
    swaps: float = 0.0,
    seed: int = 0,
) -> tuple[list[np.ndarray | None], np.ndarray]:
    """Render ``points_at(t)`` (3-D points or None = nobody) to landmark frames and times (s).

    ``noise``: Gaussian sd in normalised image units; ``dropout``: chance per frame of starting a
    1-5 frame gap with no pose; ``swaps``: chance per frame of a 1-4 frame left/right label swap.
    """
    cam = camera or Camera()
    rng = np.random.default_rng(seed)
    times = np.arange(int(round(duration_s * fps))) / fps
    frames: list[np.ndarray | None] = []
    gap = swap = 0
    from coach.core.analysis.geometry import swapped

    for t in times:
        pts = points_at(float(t))
        if gap == 0 and dropout and rng.random() < dropout:
            gap = int(rng.integers(1, 6))
        if swap == 0 and swaps and rng.random() < swaps:
            swap = int(rng.integers(1, 5))
        if pts is None or gap > 0:
            frames.append(None)
            gap = max(0, gap - 1)
            continue
        lm = cam.project(pts)
        if noise:
            lm[:, :2] += rng.normal(0.0, noise, size=(L.NUM_LANDMARKS, 2)).astype(np.float32)
        if swap > 0:
            lm = swapped(lm)
            swap -= 1
        frames.append(lm)
    return frames, times


def reps_profile(n: int, *, rest_s: float = 1.5, rep_s: float = 2.0, pause_s: float = 0.8) -> Callable[[float], float]:
    """0..1..0 movement phase over time: ``rest_s`` still, then ``n`` smooth reps with pauses."""
    period = rep_s + pause_s

    def phase(t: float) -> float:
        u = t - rest_s
        if u < 0 or u >= n * period:
            return 0.0
        w = u % period
        return 0.5 - 0.5 * math.cos(2 * math.pi * w / rep_s) if w < rep_s else 0.0

    return phase
