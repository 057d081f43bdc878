"""Framing checks and the guidance strings shown to the user.

``framing(frame, spec, view, aspect)`` returns ``(message, blocking)``: blocking problems stop
counting (nobody in view, needed landmarks hidden, wrong view for a view-dependent signal).
Body share of the frame = extent of the visible landmarks along the body's long axis, as a share
of the frame in that direction.
"""

from __future__ import annotations

from coach.core import landmarks as L
from coach.core.analysis.geometry import Frame
from coach.core.analysis.specs import ExerciseSpec

NO_PERSON = "No one in view: step into the frame"
TOO_CLOSE = "Too close: step back so your whole body fits in the frame"
TOO_FAR = "Too far: step closer to the camera"
FACE_CAMERA = "Face the camera (or turn your back to it) for this exercise"
TURN_SIDE = "Turn side-on to the camera for this exercise"
PELVIS_VIEW = "Can't judge pelvic drop from this angle — face the camera"
CALIBRATE = "Stand still on both feet for 2 s so the hip line can be measured"
GET_READY = "Get into the start position and hold still"
CAMERA_MOVED = "The camera moved: counting paused until it is still"
PLANK_SAG = "Lift your hips: keep shoulders, hips and ankles in one line"

VIS_MIN = 0.5
TOO_CLOSE_SHARE = 0.98
TOO_FAR_SHARE = 0.30
VIEW_DEPENDENT = {"abduction", "band_steps", "bridge", "plank"}  # balance: timed in any view

_GROUPS = (
    ("shoulders", (L.LEFT_SHOULDER, L.RIGHT_SHOULDER)),
    ("hips", (L.LEFT_HIP, L.RIGHT_HIP)),
    ("knees", (L.LEFT_KNEE, L.RIGHT_KNEE)),
    ("ankles", (L.LEFT_ANKLE, L.RIGHT_ANKLE)),
)


def _in_frame(f: Frame, i: int, aspect: float) -> bool:
    return -0.02 <= f.y[i] <= 1.02 and -0.02 * aspect <= f.x[i] <= 1.02 * aspect


def missing_parts(f: Frame, spec: ExerciseSpec, view: str, aspect: float) -> list[str]:
    """Names of needed landmark groups that are not visible (side views need only the near side)."""
    need = set(spec.landmarks)
    out = []
    for name, (a, b) in _GROUPS:
        if a not in need and b not in need:
            continue
        ok_a = f.v[a] >= VIS_MIN and _in_frame(f, a, aspect)
        ok_b = f.v[b] >= VIS_MIN and _in_frame(f, b, aspect)
        if not ((ok_a or ok_b) if view == "side" else (ok_a and ok_b)):
            out.append(name)
    return out


def body_share(f: Frame, aspect: float) -> float:
    xs = [x for x, v in zip(f.x, f.v) if v >= 0.3]
    ys = [y for y, v in zip(f.y, f.v) if v >= 0.3]
    if len(xs) < 2:
        return 0.0
    return max(max(ys) - min(ys), (max(xs) - min(xs)) / aspect)


def framing(f: Frame, spec: ExerciseSpec, view: str, aspect: float) -> tuple[str | None, bool]:
    missing = missing_parts(f, spec, view, aspect)
    share = body_share(f, aspect)
    if missing:
        if share >= TOO_CLOSE_SHARE * 0.9 or any(not _in_frame(f, i, aspect) for i in spec.landmarks):
            parts = ", ".join(missing)
            return f"Step back: {parts} must be in view", True
        return f"Adjust the camera or light: {', '.join(missing)} must be in view", True
    wrong = (spec.view == "front" and view == "side") or (spec.view == "side" and view == "front")
    if wrong:
        if spec.pelvic_drop:
            return PELVIS_VIEW, spec.signal in VIEW_DEPENDENT
        return (FACE_CAMERA if spec.view == "front" else TURN_SIDE), spec.signal in VIEW_DEPENDENT
    if share > TOO_CLOSE_SHARE:
        return TOO_CLOSE, False
    if share < TOO_FAR_SHARE:
        return TOO_FAR, False
    return None, False
