"""Camera motion (issue 10, item 14), on synthetic landmark sequences: a camera that rolls, zooms,
shakes or is knocked moves the whole body in the picture without bending it. Nothing is counted or
flagged while it moves, the analyzer says so, and the pelvic baseline follows the camera's turn."""

from __future__ import annotations

import math

import numpy as np
import pytest

from coach.core.analysis import MovementAnalyzer
from coach.core.analysis import framing as fr
from coach.core.analysis.camera_motion import CameraMotion, similarity
from support import synthetic as sy
from support.analysis_helpers import duration, run, single_leg

ASPECT = 4 / 3


def warp(frames, times, at, aspect=ASPECT):
    """Each frame moved as a camera would: ``at(t) -> (deg, scale, dx, dy)``, rotation (clockwise on
    screen) and scale about the image centre, then a shift in image heights."""
    out = []
    for f, t in zip(frames, times):
        if f is None:
            out.append(None)
            continue
        deg, scale, dx, dy = at(float(t))
        g = sy.rotate_landmarks(f, deg, aspect) if deg else f.copy()
        xh = (g[:, 0].astype(np.float64) * aspect - 0.5 * aspect) * scale + 0.5 * aspect + dx
        g[:, 0] = xh / aspect
        g[:, 1] = (g[:, 1] - 0.5) * scale + 0.5 + dy
        out.append(g)
    return out


def roll(t):
    return 10.0 * math.sin(2 * math.pi * t / 3.0), 1.0, 0.0, 0.0


def zoom(t):
    return 0.0, 1.0 + 0.25 * math.sin(2 * math.pi * t / 2.5), 0.0, 0.0


KNOTS = np.random.default_rng(3).uniform(-1, 1, size=(200, 3))


def shake(t, knots=KNOTS):
    k = t * 4.0  # a new random pose of the camera every 0.25 s, blended
    i, a = int(k) % 199, k - int(k)
    v = (1 - a) * knots[i] + a * knots[i + 1]
    return 2.0 * v[2], 1.0, 0.04 * v[0], 0.03 * v[1]


def bump_at(t0, deg=7.0):
    return lambda t: (deg * min(max((t - t0) / 0.1, 0.0), 1.0), 1.0, 0.0, 0.0)


WARPS = {"roll": roll, "zoom": zoom, "shake": shake, "bump": bump_at(4.0)}


def standing_still(seconds=12.0, seed=1):
    cam = sy.Camera(share=0.6, floor=0.82)
    return sy.sequence(lambda t: sy.standing_points(sy.Pose(width=0.2)), seconds, camera=cam, noise=0.001, seed=seed)


def test_similarity_recovers_a_known_turn_scale_and_shift():
    rng = np.random.default_rng(0)
    p = rng.uniform(0, 1, size=(13, 2))
    a = math.radians(8.0)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    q = 1.2 * p @ rot.T + np.array([0.05, -0.02])
    turn, scale, _shift, misfit, _unit = similarity(p, q)
    assert turn == pytest.approx(8.0, abs=1e-6) and scale == pytest.approx(1.2, abs=1e-9)
    assert misfit < 1e-9
    q[0] += 0.3  # one point moved on its own: the body bent
    assert similarity(p, q)[3] > 0.01


@pytest.mark.parametrize("name", sorted(WARPS))
@pytest.mark.parametrize("exercise", ["step_down", "squat", "single_leg_squat"])
def test_a_moving_camera_counts_no_reps_and_says_so(name, exercise):
    frames, times = standing_still()
    moved = warp(frames, times, WARPS[name])
    s, ups = run(exercise, moved, times)
    assert (s.reps, s.partial_reps, len(s.pelvic_drop_events)) == (0, 0, 0)
    assert not any(u.pelvis_flag in ("drop", "marked") for u in ups)
    assert len(s.camera_moved_s) >= 1
    assert any(u.guidance == fr.CAMERA_MOVED for u in ups)
    if name in ("roll", "zoom"):  # turning or scaling the whole time: flagged on most frames
        assert s.camera_moving_frames >= 0.8 * len(times)


def test_a_still_camera_is_never_called_moving():
    frames, times = standing_still()
    s, ups = run("squat", frames, times)
    assert s.camera_moved_s == () and s.camera_moving_frames == 0
    assert not any(u.guidance == fr.CAMERA_MOVED for u in ups)


@pytest.mark.parametrize("seed", range(3))
def test_real_movement_is_not_camera_motion(seed):
    """Squats, single-leg squats (one foot planted, the body leaning over it) and step-downs,
    from the front, the side and the back: the body bends or pivots on a planted foot."""
    cases = [
        (
            "squat",
            *sy.sequence(
                lambda t, ph=sy.reps_profile(5): sy.standing_points(sy.Pose(knee=110 * ph(t))),
                duration(5, 1.5),
                camera=sy.Camera(view=("front", "side", "back")[seed]),
                noise=0.0015,
                seed=seed,
            ),
            5,
        ),
        (
            "single_leg_squat",
            *sy.sequence(
                single_leg("left" if seed % 2 else "right", knee=90, drop=6.0), duration(4), noise=0.0015, seed=seed
            ),
            4,
        ),
        (
            "step_down",
            *sy.sequence(
                single_leg("left", knee=75, step=0.2, free_knee=0, free_hip=10), duration(4), noise=0.0015, seed=seed
            ),
            4,
        ),
    ]
    for exercise, frames, times, reps in cases:
        s, _ = run(exercise, frames, times)
        assert s.camera_moved_s == (), (exercise, s.camera_moved_s)
        assert s.reps == reps, (exercise, s.reps)


def test_reps_before_and_after_a_bump_still_count():
    ph = sy.reps_profile(4, rest_s=1.5)
    frames, times = sy.sequence(
        lambda t: sy.standing_points(sy.Pose(knee=110 * ph(t))), duration(4, 1.5) + 3.0, noise=0.001, seed=4
    )
    # rep 2 ends near 1.5 + 2 * 2.8 - 0.8 = 6.3 s; knock the camera in the pause after it
    t_bump = 6.45
    s, ups = run("squat", warp(frames, times, bump_at(t_bump)), times)
    assert s.reps == 4, s.rep_times_s
    assert s.camera_moved_s and abs(s.camera_moved_s[0] - t_bump) < 0.6


@pytest.mark.parametrize("deg", [7.0, -7.0])
def test_a_camera_bumped_after_calibration_raises_no_pelvic_flag(deg):
    """Calibrated on both feet, then the camera is knocked 7 degrees while the person stands still,
    then level single-leg squats: the hip line is still measured (the baseline turned with the
    camera) and no drop is flagged."""
    frames, times = sy.sequence(single_leg("left", knee=90, drop=0.0, rest_s=4.0), duration(3, 4.0), noise=0.0008)
    s0, _ = run("single_leg_squat", frames, times)
    assert s0.reps == 3 and not s0.pelvic_drop_events
    s, ups = run("single_leg_squat", warp(frames, times, bump_at(2.6, deg)), times)
    assert s.reps == 3 and s.rep_sides == ("left",) * 3  # the turn is undone: the stance cues hold
    assert s.pelvic_drop_events == () and not any(u.pelvis_flag in ("drop", "marked") for u in ups)
    assert s.pelvic_measured_frames >= 0.9 * s0.pelvic_measured_frames > 0
    assert abs(s.peak_by_side["left"] - s0.peak_by_side["left"]) < 1.0


def background_steps(times, at):
    """What the scenery tracker reports for a warp: (turn, scale) since the previous frame (the
    warp's clockwise-on-screen degrees are + turns in y-down image coordinates)."""
    steps, prev = [None], at(float(times[0]))
    for t in times[1:]:
        now = at(float(t))
        steps.append((now[0] - prev[0], now[1] / prev[1]))
        prev = now
    return steps


@pytest.mark.parametrize("deg", [7.0, -7.0])
def test_a_camera_knocked_mid_rep_is_seen_from_the_background(deg):
    """Knocked while the person squats on one leg: the body alone can't tell that from the person
    moving, the scenery can. The rep under way is dropped, nothing is flagged, the pelvic baseline
    turns by the scenery's turn, and the next reps are measured against it."""
    frames, times = sy.sequence(single_leg("right", knee=90, drop=0.0, rest_s=3.0), duration(4, 3.0), noise=0.0008)
    s0, _ = run("single_leg_squat", frames, times)
    knock = bump_at(4.2, deg)  # in the first rep
    moved = warp(frames, times, knock)
    an = MovementAnalyzer("single_leg_squat", aspect=ASPECT)
    ups = [an.update(f, float(t), st) for f, t, st in zip(moved, times, background_steps(times, knock))]
    s = an.summary()
    assert s.camera_moved_s and abs(s.camera_moved_s[0] - 4.2) < 0.2
    assert s.pelvic_drop_events == () and not any(u.pelvis_flag in ("drop", "marked") for u in ups)
    assert s.reps == 3 and s.rep_sides == ("right",) * 3  # the knocked rep is not counted
    assert s.peak_by_side["right"] == pytest.approx(s0.peak_by_side["right"], abs=1.0)
    assert s.pelvic_measured_frames >= 0.6 * s0.pelvic_measured_frames


@pytest.mark.parametrize("deg", [7.0, -7.0])
def test_without_the_background_a_knock_mid_rep_is_seen_and_stops_the_pelvic_angle(deg):
    """Body only: a knock is a big turn in 0.1 s, in which the body barely bends. Its angle can't be
    told from the person's own motion, so the pelvis is not measured again until recalibrated."""
    frames, times = sy.sequence(single_leg("right", knee=90, drop=0.0, rest_s=3.0), duration(4, 3.0), noise=0.0008)
    s, ups = run("single_leg_squat", warp(frames, times, bump_at(4.2, deg)), times)
    assert s.camera_moved_s and abs(s.camera_moved_s[0] - 4.2) < 0.2
    assert s.pelvic_drop_events == () and not any(u.pelvis_flag in ("drop", "marked") for u in ups)
    assert not any(u.pelvis_tilt_deg is not None for u in ups if u.t_s > s.camera_moved_s[0])


def test_the_detector_settles_and_counts_episodes():
    frames, times = standing_still(8.0)
    det = CameraMotion()
    moving = [det.update(f, ASPECT, float(t)) for f, t in zip(warp(frames, times, bump_at(3.0)), times)]
    first = moving.index(True)
    assert 3.0 <= times[first] <= 3.5
    assert not moving[-1] and det.episodes == 1
    assert sum(moving) / 30.0 < 1.5  # settled within about a second
