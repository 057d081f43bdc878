"""A camera tilted from the start (``coach.core.analysis.level``): its roll is read from the body while
it stands on both feet and undone, so the stance side and the pelvic drop hold; a person leaning is not
taken for a tilted camera; the ankles' standing offset is not learnt from a person already on one leg."""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_analysis_general import one_leg

from coach.core.analysis import MovementAnalyzer
from coach.core.analysis.geometry import Frame
from coach.core.analysis.level import LEVEL_S, MAX_ROLL_DEG, CameraLevel, FeetLevel, body_roll
from support import synthetic as sy


def _run(frames, times):
    an = MovementAnalyzer("single_leg_squat", aspect=4 / 3)
    for f, t in zip(frames, times):
        an.update(f, float(t))
    return an, an.summary()


@pytest.mark.parametrize("view", ["front", "back"])
@pytest.mark.parametrize("stance", ["left", "right"])
@pytest.mark.parametrize("deg", [-12.0, -8.0, 5.0, 12.0])
def test_a_camera_tilted_from_the_start_keeps_sides_and_drop(deg, stance, view):
    """Three seconds on both feet, then three single-leg squats with a 6 degree drop, the picture
    turned by ``deg`` from the first frame, facing the camera or turned away (before the fix: the
    leg on the roll's downhill side was taken for the stance leg, and drops read 0-5 degrees)."""
    cam = sy.Camera(view=view, rotate_deg=deg)
    frames, times = one_leg(stance, 3, drop=6.0, rest_s=3.0, camera=cam, noise=0.001, seed=1)
    an, s = _run(frames, times)
    assert s.reps == 3 and list(s.rep_sides) == [stance] * 3
    assert abs(abs(an.roll) - abs(deg)) < 1.0  # the camera's roll, measured
    assert all(abs(r.peak_drop_deg - 6.0) < 1.0 for r in an.reps), [r.peak_drop_deg for r in an.reps]


def test_the_roll_undone_makes_the_standing_body_upright():
    frames, times = one_leg("left", 1, rest_s=3.0, camera=sy.Camera(rotate_deg=9.0), noise=0.0, seed=0)
    an, _ = _run(frames, times)
    from coach.core.analysis.camera_motion import turned

    f = Frame(turned(frames[10], -an.roll, 4 / 3), 4 / 3)  # a standing frame, turned back
    axis, ankles = body_roll(f, f.scale())
    assert abs(axis) < 0.5 and abs(ankles) < 0.5


def _leaning(frames: np.ndarray, deg: float) -> np.ndarray:
    """The upper body (everything above the knees) shifted sideways so the body axis tilts by ``deg``
    while the feet stay level: a person leaning on two feet, not a tilted camera."""
    out = frames.copy()
    for f in out:
        ankle_y = 0.5 * (f[27, 1] + f[28, 1])
        height = ankle_y - 0.5 * (f[11, 1] + f[12, 1])
        f[:25, 0] += math.tan(math.radians(deg)) * height * (ankle_y - f[:25, 1]) / height / (4 / 3)
    return out


def test_a_person_leaning_is_not_a_camera_roll():
    frames, times = one_leg("right", 1, rest_s=3.0, noise=0.0005, seed=2)
    an, _ = _run(_leaning(frames, 6.0), times)
    assert an.roll == 0.0 and an.level.estimates == 0


def test_a_tilt_past_the_bound_is_not_taken():
    lvl = CameraLevel()
    frames, times = one_leg("right", 1, rest_s=3.0, camera=sy.Camera(rotate_deg=MAX_ROLL_DEG + 5.0), noise=0.0)
    out = []
    for f, t in zip(frames[:60], times[:60]):
        fr = Frame(f, 4 / 3)
        out.append(lvl.update(fr, fr.scale(), float(t), True))
    assert all(o is None for o in out)


def test_feet_level_waits_for_an_unclear_offset_but_not_a_clear_one():
    lvl = FeetLevel()
    assert lvl.update(0.20, 0.0, True) is None  # maybe a free foot just off the floor
    assert lvl.update(0.20, 0.5 * LEVEL_S, True) is None
    assert lvl.update(0.20, LEVEL_S + 0.01, True) == pytest.approx(0.20)
    lvl = FeetLevel()
    assert lvl.update(0.05, 0.0, True) == pytest.approx(0.05)
    lvl = FeetLevel()
    lvl.update(0.20, 0.0, True)
    lvl.update(0.20, 0.3, False)  # the run of level frames broke: start again
    assert lvl.update(0.20, LEVEL_S + 0.01, True) is None


def test_feet_level_takes_no_jump_over_a_break():
    """Level again after seconds on one leg: the offset is followed from there, not jumped to (a
    synthetic 10 degree drop set lost two reps to that jump)."""
    lvl = FeetLevel()
    assert lvl.update(0.0, 0.0, True) == pytest.approx(0.0)
    lvl.update(-0.5, 1.0, False)  # on one leg for seconds
    assert lvl.update(0.07, 5.0, True) == pytest.approx(0.0)
    assert lvl.update(0.07, 5.033, True) == pytest.approx(0.07 * (1 - math.exp(-0.033 / 0.3)), abs=1e-3)


@pytest.mark.parametrize("fps", [30.0, 10.0])
def test_one_glitched_frame_moves_the_rest_level_by_at_most_its_tolerance(fps):
    """A frame 14 % 'taller' than standing (a landmark glitch) pulled the rest level up by 3 % at
    10 fps, so the standing between reps no longer fell below the rep's exit level."""
    from coach.core.analysis.reps import RestBaseline

    rest = RestBaseline(0.15, 0.08, True)
    t = 0.0
    while rest.value is None:
        rest.feed(1.70, t, True, True)
        t += 1.0 / fps
    rest.feed(1.70 * 1.14, t, True, True)  # d = -0.14: past rest, followed fast
    span = 0.08 * 1.70
    assert 1.70 < rest.value <= 1.70 + span * (1 - math.exp(-1.0 / fps / 0.4)) + 1e-9
