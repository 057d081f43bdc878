"""Rep counting on synthetic stick-figure sequences: counts, partials, gates and robustness."""

from __future__ import annotations

import math

import numpy as np
import pytest

from coach.core.analysis import AnalysisError, MovementAnalyzer
from coach.core.analysis import framing as fr
from coach.core.analysis.reps import RepCounter
from support import synthetic as sy
from support.analysis_helpers import duration, run, single_leg, walking


def squat_seq(n=5, knee=110.0, **kw):
    ph = sy.reps_profile(n)
    return sy.sequence(lambda t: sy.standing_points(sy.Pose(knee=knee * ph(t))), duration(n, rest_s=1.5), **kw)


@pytest.mark.parametrize("view", ["front", "side", "back"])
@pytest.mark.parametrize("share,aspect", [(0.85, 16 / 9), (0.45, 4 / 3), (0.7, 9 / 16)])
def test_squats_counted_in_any_view_and_scale(view, share, aspect):
    cam = sy.Camera(view=view, share=share, aspect=aspect)
    frames, times = squat_seq(5, camera=cam, noise=0.001, seed=1)
    s, _ = run("squat", frames, times, aspect=aspect)
    assert (s.reps, s.partial_reps) == (5, 0)
    assert len(s.rep_times_s) == 5 and list(s.rep_times_s) == sorted(s.rep_times_s)


def test_shallow_squats_are_partials_not_reps():
    frames, times = squat_seq(4, knee=75.0)
    s, ups = run("squat", frames, times)
    assert s.reps == 0 and s.partial_reps == 4
    partials = [p for u in ups for p in u.new_partials]
    assert all(0.3 < p.depth < 1.0 and not p.full for p in partials)


def test_mixed_depths_count_only_full_ones():
    depths = [110, 85, 110, 110, 80]

    def at(t):
        i = int((t - 1.5) // 2.8)
        ph = sy.reps_profile(5)(t)
        return sy.standing_points(sy.Pose(knee=(depths[i] if 0 <= i < 5 else 0) * ph))

    frames, times = sy.sequence(at, duration(5, rest_s=1.5))
    s, _ = run("squat", frames, times)
    assert (s.reps, s.partial_reps) == (3, 2)


def test_noise_dropouts_and_swaps_do_not_change_the_count():
    frames, times = squat_seq(6, noise=0.002, dropout=0.03, swaps=0.03, seed=7)
    assert sum(f is None for f in frames) > 10
    s, _ = run("squat", frames, times)
    assert s.reps == 6


def test_distance_change_between_reps_is_not_a_rep():
    ph = sy.reps_profile(3, rest_s=1.5)

    def at(t):
        return sy.standing_points(sy.Pose(knee=110 * ph(t)))

    cam_near, cam_far = sy.Camera(share=0.85), sy.Camera(share=0.5)
    times = np.arange(0, duration(3, rest_s=1.5), 1 / 30)
    frames = []
    for t in times:  # step back during the pauses: the body shrinks in the image
        share = 0.85 - 0.35 * min(1.0, max(0.0, (t - 1.5) / 8.0))
        frames.append(sy.Camera(share=share).project(at(t)))
    s, _ = run("squat", frames, times)
    assert s.reps == 3 and s.partial_reps == 0
    assert cam_near.share != cam_far.share


@pytest.mark.parametrize(
    "exercise",
    [
        "squat",
        "single_leg_squat",
        "step_down",
        "lunge",
        "split_squat",
        "single_leg_deadlift",
        "hip_abduction",
        "lateral_band_walk",
    ],
)
def test_standing_still_walking_and_empty_frames_give_zero(exercise):
    still, t1 = sy.sequence(lambda t: sy.standing_points(sy.Pose()), 8, noise=0.002, seed=2)
    empty = [None] * 240
    walk, t3 = sy.sequence(walking, 14, noise=0.001, seed=3)
    for frames in (still, empty, walk):
        s, ups = run(exercise, frames, np.arange(len(frames)) / 30)
        assert s.reps == 0, exercise
    s, ups = run(exercise, empty, np.arange(240) / 30)
    assert s.frames_with_pose == 0 and ups[-1].guidance == fr.NO_PERSON


def test_no_counting_before_a_stable_start_position():
    # crouched and moving about for 2 s (getting into position), then still, then 3 squats
    ph = sy.reps_profile(3, rest_s=3.0)

    def at(t):
        if t < 2.0:
            return sy.standing_points(sy.Pose(knee=100 - 10 * math.sin(5 * t), lean=30, x=0.2 * math.sin(2 * t)))
        return sy.standing_points(sy.Pose(knee=110 * ph(t)))

    frames, times = sy.sequence(at, duration(3, rest_s=3.0))
    s, ups = run("squat", frames, times)
    assert ups[10].guidance == fr.GET_READY
    assert (s.reps, s.partial_reps) == (3, 0)  # standing up from the crouch is not a rep


def test_hidden_ankles_block_counting_with_guidance():
    frames, times = squat_seq(3)
    hidden = []
    for f in frames:
        g = f.copy()
        g[[27, 28, 29, 30, 31, 32], 3] = 0.1
        hidden.append(g)
    s, ups = run("squat", hidden, times)
    assert s.reps == 0
    assert ups[-1].guidance.startswith(("Step back", "Adjust")) and "ankles" in ups[-1].guidance


def test_too_close_and_too_far_guidance():
    for share, msg in ((0.25, fr.TOO_FAR), (1.05, fr.TOO_CLOSE)):
        cam = sy.Camera(share=share, floor=0.5 + 0.5 * share if share > 1 else 0.92)
        frames, times = sy.sequence(lambda t: sy.standing_points(sy.Pose()), 1.0, camera=cam)
        _, ups = run("squat", frames, times)
        assert ups[-1].guidance == msg or (share > 1 and "must be in view" in (ups[-1].guidance or ""))


def test_wrong_view_guidance_and_view_classification():
    frames, times = sy.sequence(lambda t: sy.standing_points(sy.Pose()), 1.5, camera=sy.Camera(view="side"))
    _, ups = run("hip_abduction", frames, times)
    assert ups[-1].view == "side" and ups[-1].guidance == fr.FACE_CAMERA
    _, ups = run("glute_bridge", *sy.sequence(lambda t: sy.standing_points(sy.Pose()), 1.5))
    assert ups[-1].view == "front" and ups[-1].guidance == fr.TURN_SIDE


@pytest.mark.parametrize("stance", ["left", "right"])
@pytest.mark.parametrize(
    "exercise,kw",
    [
        ("single_leg_squat", dict(knee=90)),
        ("step_down", dict(knee=75, step=0.2, free_knee=0, free_hip=10)),
        ("single_leg_deadlift", dict(knee=20, lean=70, free_knee=10, free_hip=0, free_back=60)),
    ],
)
def test_unilateral_reps_counted_per_stance_side(exercise, kw, stance):
    frames, times = sy.sequence(single_leg(stance, **kw), duration(4), noise=0.001, seed=4)
    s, _ = run(exercise, frames, times)
    assert s.reps == 4 and s.reps_by_side[stance] == 4, (s.reps, s.partial_reps)


@pytest.mark.parametrize("front", ["left", "right"])
def test_lunges_alternate_sides(front):
    order = [front, "right" if front == "left" else "left"] * 2
    ph = sy.reps_profile(4, rest_s=1.5)

    def at(t):
        i = int((t - 1.5) // 2.8)
        p = ph(t)
        if p <= 0.02 or not 0 <= i < 4:
            return sy.standing_points(sy.Pose())
        return sy.standing_points(sy.Pose(stance=order[i], knee=95 * p, lunge_back=0.8 * p))

    frames, times = sy.sequence(at, duration(4, rest_s=1.5), noise=0.001)
    s, _ = run("lunge", frames, times)
    assert s.reps == 4 and s.reps_by_side == {"left": 2, "right": 2}


@pytest.mark.parametrize("moving", ["left", "right"])
def test_hip_abduction_counts_the_moving_leg(moving):
    stance = "right" if moving == "left" else "left"
    ph = sy.reps_profile(5, rest_s=1.5)
    frames, times = sy.sequence(
        lambda t: sy.standing_points(sy.Pose(stance=stance, free_abd=35 * ph(t)) if ph(t) > 0 else sy.Pose()),
        duration(5, rest_s=1.5),
        noise=0.001,
    )
    s, _ = run("hip_abduction", frames, times)
    assert s.reps == 5 and s.reps_by_side[moving] == 5


def test_band_walk_counts_steps():
    ph = sy.reps_profile(8, rest_s=1.5, rep_s=1.0, pause_s=0.3)
    frames, times = sy.sequence(lambda t: sy.standing_points(sy.Pose(knee=20, width=0.25 + 0.3 * ph(t))), 14)
    s, _ = run("lateral_band_walk", frames, times)
    assert s.reps == 8


def test_glute_bridge_side_view():
    ph = sy.reps_profile(5, rest_s=1.5)
    frames, times = sy.sequence(
        lambda t: sy.bridge_points(0.3 * ph(t)),
        duration(5, rest_s=1.5),
        camera=sy.Camera(view="side", floor=0.8),
        noise=0.001,
    )
    s, ups = run("glute_bridge", frames, times)
    assert s.reps == 5 and ups[-1].view == "side"


def test_side_plank_hold_and_sag_guidance():
    cam = sy.Camera(share=0.5, floor=0.7)
    frames, times = sy.sequence(lambda t: sy.plank_points("left", sag=0.0 if t < 5 else 0.2), 8, camera=cam)
    s, ups = run("side_plank", frames, times)
    assert ups[100].holding and ups[100].guidance is None
    assert ups[-1].guidance == fr.PLANK_SAG
    assert 4.0 < s.hold_s <= 8.0 and s.reps == 0


def test_rep_counter_hysteresis_dead_zone_and_min_duration():
    c = RepCounter(enter=0.5, exit=0.2, full=0.8, min_rep_s=0.5)
    seq = [0.0, 0.6, 0.3, 0.6, 0.9, 0.3, 0.1]  # dips into the dead zone do not end the rep
    res = [c.update(d, i * 0.2) for i, d in enumerate(seq)]
    done = [r for r in res if r is not None]
    assert len(done) == 1 and done[0].full and done[0].peak == 0.9
    c2 = RepCounter(enter=0.5, exit=0.2, full=0.8, min_rep_s=0.5)
    assert [c2.update(d, t) for d, t in ((0.0, 0), (0.6, 0.05), (0.1, 0.1))] == [None, None, None]  # a twitch
    c3 = RepCounter(enter=0.5, exit=0.2, full=0.8)
    c3.update(0.9, 0.0)
    c3.update(None, 2.0)  # lost mid-rep for 2 s: the rep is dropped
    assert c3.update(0.0, 2.1) is None


def test_bad_arguments_raise_coach_errors():
    with pytest.raises(AnalysisError, match="Unknown exercise"):
        MovementAnalyzer("burpee")
    with pytest.raises(AnalysisError, match="side"):
        MovementAnalyzer("squat", side="middle")
    with pytest.raises(AnalysisError, match="aspect"):
        MovementAnalyzer("squat", aspect=0)


def test_specs_agree_with_catalogue():
    from coach.core.analysis import SPECS
    from coach.core.exercises import EXERCISES

    assert set(SPECS) == set(EXERCISES)
    for k, s in SPECS.items():
        e = EXERCISES[k]
        assert (s.view, s.mode, s.unilateral) == (e.view, e.mode, e.unilateral)
        assert s.pelvic_drop <= e.pelvic_drop
        assert s.landmarks
        if s.mode != "hold":
            assert s.exit < s.enter <= s.full
    assert not SPECS["lunge"].pelvic_drop and not SPECS["split_squat"].pelvic_drop
