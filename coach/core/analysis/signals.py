"""Raw per-frame measurements for each spec signal, posture checks and stance-leg tracking.

All lengths are in body units of the same frame (``Frame.scale``, about a shin length), so distance to
the camera does not matter;
angles are degrees in the aspect-corrected image plane. See ``specs`` for what each signal means.
"""

from __future__ import annotations

import math

from coach.core import landmarks as L
from coach.core.analysis.geometry import Frame, angle_between

SIDE_IDX = {
    "left": (L.LEFT_SHOULDER, L.LEFT_HIP, L.LEFT_KNEE, L.LEFT_ANKLE),
    "right": (L.RIGHT_SHOULDER, L.RIGHT_HIP, L.RIGHT_KNEE, L.RIGHT_ANKLE),
}
OTHER = {"left": "right", "right": "left"}
STANDING_HIP_HEIGHT = 1.6  # body units (``Frame.scale``)


def visible_side(f: Frame) -> str:
    """The leg the camera sees better (side views: the near leg)."""
    vl = f.v[L.LEFT_HIP] + f.v[L.LEFT_KNEE] + f.v[L.LEFT_ANKLE]
    vr = f.v[L.RIGHT_HIP] + f.v[L.RIGHT_KNEE] + f.v[L.RIGHT_ANKLE]
    return "left" if vl >= vr else "right"


def hip_height(f: Frame, pick: str | None, scale: float) -> float:
    """Hip height above the floor ankle, in body units (``Frame.scale``).

    ``pick``: "left"/"right" = that (stance) ankle, "lower" = the lower ankle (larger y), "upper" =
    the higher one (standing on a step), None = the mean of both (bilateral).
    """
    hy = 0.5 * (f.y[L.LEFT_HIP] + f.y[L.RIGHT_HIP])
    yl, yr = f.y[L.LEFT_ANKLE], f.y[L.RIGHT_ANKLE]
    if pick in ("left", "right"):
        ay = yl if pick == "left" else yr
    else:
        ay = max(yl, yr) if pick == "lower" else min(yl, yr) if pick == "upper" else 0.5 * (yl + yr)
    return (ay - hy) / scale


def torso_height(f: Frame, unit: float) -> float:
    """Vertical extent of the torso (shoulders above hips), in body units."""
    return (0.5 * (f.y[L.LEFT_HIP] + f.y[L.RIGHT_HIP]) - 0.5 * (f.y[L.LEFT_SHOULDER] + f.y[L.RIGHT_SHOULDER])) / unit


def leg_from_vertical(f: Frame, side: str) -> float:
    """Angle of the hip->ankle line from straight down, degrees."""
    _, h, _, a = SIDE_IDX[side]
    return math.degrees(math.atan2(abs(f.x[a] - f.x[h]), max(f.y[a] - f.y[h], 1e-9)))


def legs_angle(f: Frame) -> float:
    """Angle between the two hip->ankle lines, degrees (hip abduction)."""
    return angle_between(
        f.x[L.LEFT_ANKLE] - f.x[L.LEFT_HIP],
        f.y[L.LEFT_ANKLE] - f.y[L.LEFT_HIP],
        f.x[L.RIGHT_ANKLE] - f.x[L.RIGHT_HIP],
        f.y[L.RIGHT_ANKLE] - f.y[L.RIGHT_HIP],
    )


def bridge_angle(f: Frame) -> float:
    """Hip extension angle shoulder-hip-knee on the better-seen side, degrees (180 = straight)."""
    s, h, k, _ = SIDE_IDX[visible_side(f)]
    return f.angle_at(s, h, k)


def ankle_separation(f: Frame, unit: float) -> float:
    return abs(f.x[L.LEFT_ANKLE] - f.x[L.RIGHT_ANKLE]) / unit


def plank_sag(f: Frame) -> float:
    """How far the hips sag below the shoulder-ankle line: 180 - (shoulder-hip-ankle angle), degrees,
    positive when the hips are below the line (toward the floor), negative when piked up."""
    sx, sy = f.mid(L.LEFT_SHOULDER, L.RIGHT_SHOULDER)
    hx, hy = f.mid(L.LEFT_HIP, L.RIGHT_HIP)
    ax, ay = f.mid(L.LEFT_ANKLE, L.RIGHT_ANKLE)
    bend = 180.0 - angle_between(sx - hx, sy - hy, ax - hx, ay - hy)
    # which side of the shoulder->ankle line the hip lies on; +y is down (toward the floor)
    cross = (ax - sx) * (hy - sy) - (ay - sy) * (hx - sx)
    below = cross > 0 if ax >= sx else cross < 0
    return bend if below else -bend


def standing(f: Frame, knee_min: float = 150.0, both: bool = True) -> bool:
    """Upright with straight knees (both, or at least one with ``both=False``) and hips above ankles."""
    kl = f.angle_at(L.LEFT_HIP, L.LEFT_KNEE, L.LEFT_ANKLE)
    kr = f.angle_at(L.RIGHT_HIP, L.RIGHT_KNEE, L.RIGHT_ANKLE)
    knees = (kl >= knee_min and kr >= knee_min) if both else max(kl, kr) >= knee_min
    if not knees:
        return False
    torso = f.torso()
    hip_y = 0.5 * (f.y[L.LEFT_HIP] + f.y[L.RIGHT_HIP])
    sh_y = 0.5 * (f.y[L.LEFT_SHOULDER] + f.y[L.RIGHT_SHOULDER])
    ankle_y = max(f.y[L.LEFT_ANKLE], f.y[L.RIGHT_ANKLE])
    # front views hide knee bend (the thigh foreshortens), so also ask for tall hips: standing
    # hip height is about 2 body units (1.8-2.3 across builds), a quarter squat already < 1.7
    tall = (ankle_y - hip_y) / f.scale() >= STANDING_HIP_HEIGHT
    return hip_y - sh_y > 0.6 * torso and tall


def upright(f: Frame) -> bool:
    """Trunk upright (shoulders well above the hips) and hips well above the lower ankle; knees free."""
    hip_y = 0.5 * (f.y[L.LEFT_HIP] + f.y[L.RIGHT_HIP])
    sh_y = 0.5 * (f.y[L.LEFT_SHOULDER] + f.y[L.RIGHT_SHOULDER])
    ankle_y = max(f.y[L.LEFT_ANKLE], f.y[L.RIGHT_ANKLE])
    return hip_y - sh_y > 0.6 * f.torso() and (ankle_y - hip_y) / f.scale() >= 1.0


def free_leg_heights(f: Frame, stance: str) -> tuple[float, float]:
    """Heights of the free leg's knee and ankle above the stance ankle, as shares of the hip height.
    A lunge's back knee and foot are both near the floor; a single-leg squat keeps the free foot
    up (knee bent back: knee low, foot high) or the free knee up (a straight leg reaching back)."""
    st_ankle = f.y[L.LEFT_ANKLE] if stance == "left" else f.y[L.RIGHT_ANKLE]
    knee = f.y[L.RIGHT_KNEE] if stance == "left" else f.y[L.LEFT_KNEE]
    ankle = f.y[L.RIGHT_ANKLE] if stance == "left" else f.y[L.LEFT_ANKLE]
    hip = max(st_ankle - 0.5 * (f.y[L.LEFT_HIP] + f.y[L.RIGHT_HIP]), 1e-6)
    return (st_ankle - knee) / hip, (st_ankle - ankle) / hip


def lying(f: Frame) -> bool:
    """Body roughly horizontal: shoulders-to-hips more across than up-down."""
    sx, sy = f.mid(L.LEFT_SHOULDER, L.RIGHT_SHOULDER)
    hx, hy = f.mid(L.LEFT_HIP, L.RIGHT_HIP)
    return abs(hx - sx) > abs(hy - sy)
