"""Guards for people the analysis was not tuned on (synthetic stick figures with known truth):
counting from the first frame, one short rep, hidden legs, back and oblique views, the stance leg
when the free foot is lower (reach back) or forward (pistol), no two-footed squats in a single-leg
squat step, the wrong leg,
pelvic drop with no two-foot calibration, holds timed from the hold itself."""

from __future__ import annotations

import numpy as np
import pytest

from support import synthetic as sy
from support.analysis_helpers import run

KNEE = 110.0  # thighs about 60 deg from vertical: shallower than the real clips' squats


def squats(n, *, rest_s=1.5, rep_s=2.0, pause_s=0.8, start=0.0, end_rest=1.0, fps=30.0, camera=None, knee=KNEE, **kw):
    """n squats; the clip starts ``start`` s into the timeline (> rest_s: mid-rep)."""
    ph = sy.reps_profile(n, rest_s=rest_s, rep_s=rep_s, pause_s=pause_s)
    total = rest_s + n * (rep_s + pause_s) - pause_s + end_rest - start
    return sy.sequence(
        lambda t: sy.standing_points(sy.Pose(knee=knee * ph(t + start))), total, fps=fps, camera=camera, **kw
    )


def one_leg(stance, n=3, *, knee=90.0, drop=0.0, free=None, rest_s=0.0, rep_s=2.0, pause_s=0.8, camera=None, **kw):
    """n single-leg squats on ``stance``, on one leg from the first frame (no two-foot stance) unless
    rest_s > 0. ``free``: Pose fields of the free leg."""
    ph = sy.reps_profile(n, rest_s=rest_s, rep_s=rep_s, pause_s=pause_s)
    free = free or dict(free_knee=70.0, free_hip=20.0)

    def at(t):
        if t < rest_s - 0.3:
            return sy.standing_points(sy.Pose())
        p = ph(t)
        return sy.standing_points(sy.Pose(stance=stance, knee=knee * p, drop=drop * min(1.0, 2 * p), **free))

    return sy.sequence(at, rest_s + n * (rep_s + pause_s) + 0.5, camera=camera, **kw)


@pytest.mark.parametrize("start", [0.0, 1.5, 1.9, 2.2])  # standing, at the descent, a quarter and a half way down
def test_counting_from_the_first_frame(start):
    frames, times = squats(4, start=start, noise=0.001, seed=1)
    s, _ = run("squat", frames, times)
    assert s.reps == 4, (start, s.rep_times_s)


def test_only_the_way_up_is_not_a_rep():
    frames, times = squats(3, start=2.6, noise=0.001)  # first frame at the bottom of rep 1
    s, _ = run("squat", frames, times)
    assert s.reps == 2


@pytest.mark.parametrize("rep_s", [1.0, 2.0, 3.0])
def test_a_clip_holding_one_short_rep(rep_s):
    frames, times = squats(1, rest_s=0.3, rep_s=rep_s, end_rest=0.3, noise=0.001, seed=2)
    s, _ = run("squat", frames, times)
    assert s.reps == 1


def test_no_standing_pause_before_rep_one_and_none_between_reps():
    frames, times = squats(5, rest_s=0.0, pause_s=0.0, noise=0.001, seed=3)
    s, _ = run("squat", frames, times)
    assert s.reps == 5


@pytest.mark.parametrize("fps", [15.0, 24.0, 60.0])
def test_frame_rates_and_uneven_timestamps(fps):
    frames, times = squats(4, fps=fps, noise=0.001, seed=4)
    rng = np.random.default_rng(5)
    jitter = np.sort(times + rng.uniform(-0.3, 0.3, len(times)) / fps)
    s, _ = run("squat", frames, jitter)
    assert s.reps == 4


@pytest.mark.parametrize("exercise", ["squat", "single_leg_squat"])
def test_knees_and_ankles_hidden_at_the_bottom_still_count(exercise):
    if exercise == "squat":
        frames, times = squats(4, noise=0.001, seed=6)
        bottoms = [1.5 + 1.0 + i * 2.8 for i in range(4)]
    else:
        frames, times = one_leg("left", 4, rest_s=2.0, noise=0.001, seed=6)
        bottoms = [2.0 + 1.0 + i * 2.8 for i in range(4)]
    hidden = []
    for f, t in zip(frames, times):
        if f is not None and any(abs(t - b) < 0.35 for b in bottoms):  # plates / a rack hide the legs
            f = f.copy()
            f[25:33, 3] = 0.1
        hidden.append(f)
    s, _ = run(exercise, hidden, times)
    assert s.reps == 4
    if exercise == "single_leg_squat":
        assert s.rep_sides == ("left",) * 4


@pytest.mark.parametrize("view,yaw", [("back", 0.0), ("front", 30.0), ("front", -30.0), ("back", 30.0)])
def test_back_and_oblique_views_count_squats_and_stance_sides(view, yaw):
    cam = sy.Camera(view=view, yaw_deg=yaw)
    # oblique views foreshorten the body unit at the bottom: a squat as deep as the real clips' ones
    frames, times = squats(4, camera=cam, noise=0.001, seed=7, knee=130.0)
    assert run("squat", frames, times)[0].reps == 4
    for stance in ("left", "right"):
        for free in (
            dict(free_knee=80.0, free_hip=-10.0),
            dict(free_knee=70.0, free_hip=20.0),
            dict(free_knee=90.0, free_hip=45.0),
        ):  # foot back, knee forward, knee high
            frames, times = one_leg(stance, 3, knee=115.0, free=free, camera=cam, noise=0.001, seed=8)
            s, _ = run("single_leg_squat", frames, times)
            assert s.reps == 3 and s.rep_sides == (stance,) * 3, (view, yaw, stance, free, s.rep_sides)


@pytest.mark.parametrize("stance", ["left", "right"])
@pytest.mark.parametrize(
    "name,free",
    [
        ("pistol", dict(free_knee=0.0, free_hip=60.0)),
        ("knee lift", dict(free_knee=90.0, free_hip=45.0)),
        ("reach back", None),
    ],
)
def test_stance_leg_when_the_free_foot_is_forward_or_lower(stance, name, free):
    if free is not None:
        frames, times = one_leg(stance, 3, free=free, noise=0.001, seed=9)
    else:  # the free foot slides back and out along the floor: LOWER in the image than the stance foot
        ph = sy.reps_profile(3, rest_s=0.0)
        sx = -1.0 if stance == "left" else 1.0  # body X of the free side

        def at(t):
            p = ph(t)
            pts = sy.standing_points(sy.Pose(stance=stance, knee=100 * p, free_knee=0.0, free_hip=0.0))
            hip = pts[24 if stance == "left" else 23]
            ankle = np.array([sx * (0.15 + 0.35 * p), -0.03, -0.45 * p])
            fa, fk = (28, 26) if stance == "left" else (27, 25)
            pts[fa], pts[fk] = ankle, 0.5 * (hip + ankle)
            return pts

        frames, times = sy.sequence(at, 3 * 2.8 + 0.5, camera=sy.Camera(distance=None), noise=0.001, seed=9)
        lower = [f[28 if stance == "left" else 27, 1] > f[27 if stance == "left" else 28, 1] for f in frames[40:50]]
        assert all(lower)  # the free ankle really is lower in the image
    s, _ = run("single_leg_squat", frames, times)
    assert s.reps == 3 and s.rep_sides == (stance,) * 3, (name, s.rep_sides, s.partial_reps)


def test_single_leg_squat_step_does_not_count_two_footed_squats():
    frames, times = squats(4, noise=0.001, seed=10)
    assert run("squat", frames, times)[0].reps == 4
    s, ups = run("single_leg_squat", frames, times)
    assert s.reps == 0
    assert [p.note for u in ups for p in u.new_partials] == ["not a single-leg rep"] * 4


def test_a_rep_on_the_wrong_leg_is_named_and_not_counted():
    frames, times = one_leg("right", 3, rest_s=2.0, noise=0.001, seed=12)
    s, ups = run("single_leg_squat", frames, times, side="left")
    assert s.reps == 0
    notes = [p.note for u in ups for p in u.new_partials]
    assert notes == ["that was the right leg"] * 3
    s, _ = run("single_leg_squat", frames, times, side="right")
    assert s.reps == 3 and s.reps_by_side == {"left": 0, "right": 3}


@pytest.mark.parametrize("view", ["front", "back"])
@pytest.mark.parametrize("drop", [0.0, 4.0, 9.0])
def test_pelvic_drop_without_a_two_foot_calibration(view, drop):
    frames, times = one_leg("right", 3, drop=drop, camera=sy.Camera(view=view), noise=0.0005, seed=13)
    s, ups = run("single_leg_squat", frames, times)
    assert s.reps == 3 and s.rep_sides == ("right",) * 3
    assert s.pelvic_measured_frames >= 0.9 * s.pelvic_stance_frames > 0
    assert s.peak_by_side["right"] == pytest.approx(drop, abs=1.0)
    assert not any(u.calibrating for u in ups)
    if drop > 6:
        assert len(s.pelvic_drop_events) == 3 and all(e.side == "right" for e in s.pelvic_drop_events)
    else:
        assert s.pelvic_drop_events == ()


def test_calibration_refines_a_tilted_camera():
    cam = sy.Camera(rotate_deg=4.0)
    frames, times = one_leg("left", 3, drop=6.0, rest_s=3.0, camera=cam, noise=0.0005, seed=14)
    s, _ = run("single_leg_squat", frames, times)
    assert s.peak_by_side["left"] == pytest.approx(6.0, abs=1.0)


def test_not_measured_is_not_no_drop():
    frames, times = one_leg("left", 2, camera=sy.Camera(view="side"), noise=0.0005)
    s, _ = run("single_leg_squat", frames, times)
    assert s.pelvic_measured_frames == 0 and s.pelvic_reason and s.peak_by_side == {"left": None, "right": None}
    frames, times = one_leg("left", 2, noise=0.0005)
    s, _ = run("single_leg_squat", frames, times)
    assert s.pelvic_measured_frames > 0 and s.pelvic_reason is None and s.pelvic_drop_events == ()


def test_side_plank_hold_starts_when_the_hips_are_up():
    cam = sy.Camera(share=0.5, floor=0.7)

    def at(t):  # hips on the floor for 1 s, lifted over 0.6 s, then held to 7 s
        sag = 0.35 if t < 1.0 else 0.35 * (1 - (t - 1.0) / 0.6) if t < 1.6 else 0.0
        return sy.plank_points("left", sag=sag)

    frames, times = sy.sequence(at, 7.0, camera=cam, noise=0.0005)
    s, ups = run("side_plank", frames, times)
    assert not ups[15].holding and ups[100].holding
    assert s.hold_s == pytest.approx(5.4, abs=0.5)


def test_single_leg_balance_side_on_is_timed():
    def at(t):
        return sy.standing_points(sy.Pose() if t < 2.0 else sy.Pose(stance="left", free_knee=90, free_hip=30))

    frames, times = sy.sequence(at, 12.0, camera=sy.Camera(view="side"), noise=0.0005)
    s, _ = run("single_leg_balance", frames, times)
    assert s.hold_s == pytest.approx(10.0, abs=0.7)
    assert s.pelvic_measured_frames == 0 and s.pelvic_reason.startswith("side view")


def test_a_side_plank_held_with_some_sag_is_still_a_hold():
    cam = sy.Camera(share=0.5, floor=0.7)

    def at(t):  # set-up from the floor over 1.5 s, then held for 5 s with the hips ~10 deg low
        sag = 0.35 if t < 1.0 else 0.35 - 0.3 * min(1.0, (t - 1.0) / 0.5)
        return sy.plank_points("right", sag=sag)

    frames, times = sy.sequence(at, 6.5, camera=cam, noise=0.0005)
    s, ups = run("side_plank", frames, times)
    assert s.hold_s == pytest.approx(5.0, abs=0.5)
    assert ups[-1].holding and ups[-1].guidance is None


@pytest.mark.parametrize("view", ["side", "back"])
@pytest.mark.parametrize(
    "exercise,kw",
    [
        ("single_leg_squat", dict(knee=100)),
        ("step_down", dict(knee=75, step=0.2, free_knee=0, free_hip=10)),
        ("single_leg_deadlift", dict(knee=20, lean=70, free_knee=10, free_hip=0, free_back=60)),
    ],
)
def test_single_leg_drills_counted_from_a_non_preferred_view(exercise, kw, view):
    from support.analysis_helpers import duration, single_leg

    for stance in ("left", "right"):
        frames, times = sy.sequence(
            single_leg(stance, **kw), duration(4), camera=sy.Camera(view=view), noise=0.001, seed=4
        )
        s, ups = run(exercise, frames, times)
        assert s.reps == 4 and s.rep_sides == (stance,) * 4, (exercise, view, stance, s.rep_sides)
        if view == "side":  # counted, but the pelvis is not judged side-on, and it says so
            assert s.pelvic_drop_events == () and all(u.pelvis_flag is None for u in ups)
