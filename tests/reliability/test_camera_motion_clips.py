"""Phantom reps from a moving camera (issue 10, item 14), on real pictures through the real model.

A person standing still (a real frame of a labelled clip, held with fresh sensor noise per frame) is
filmed by a camera that rolls +-10 deg, zooms +-25 %, shakes, or is knocked 7 deg once; every frame is
warped with ``cv2.warpAffine`` in the test (``support.camera_warp``) and the landmark tracks and the
background tracker's steps are cached like ``clip_cache``'s. No rep, partial or pelvic flag may come
of it, and the camera motion is reported. A real single-leg-squat clip knocked 7 deg between reps
keeps its 4 reps, their sides and their pelvic numbers; the labelled clips (still cameras) never
report camera motion. One knocked clip goes through ``coach analyze --json`` as a video file.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from coach.cli import main
from coach.core.analysis import MovementAnalyzer
from support import camera_warp as cw
from support.clip_cache import as_list, clip_track, labels

pytestmark = [pytest.mark.model, pytest.mark.video, pytest.mark.slow]

PERSON = "single_leg_squat_front_alternating_4reps.mp4"  # standing on both feet at 26.4 s
STILL_AT = 26.4
SLS = "single_leg_squat_front_alternating_4reps.mp4"
WARPS = {"roll": cw.roll(), "zoom": cw.zoom(), "shake": cw.shake(), "bump": cw.bump(6.0)}
EXERCISES = ("step_down", "squat", "single_leg_squat")


def _run(exercise, track, background=True):
    frames, times, aspect, steps = track
    an = MovementAnalyzer(exercise, aspect=aspect)
    st = cw.as_steps(steps) if background else [None] * len(times)
    ups = [an.update(f, float(t), s) for f, t, s in zip(as_list(frames), times, st)]
    return an.summary(), ups, an


def _still(name):
    tr = cw.still_track(PERSON, STILL_AT, name, WARPS[name] if name in WARPS else (lambda t: (0.0, 1.0, 0.0, 0.0)))
    if tr is None:
        pytest.skip("pose model or clip not available")
    return tr


def _flags(ups):
    return sum(u.pelvis_flag in ("drop", "marked") for u in ups)


@pytest.mark.parametrize("background", [True, False], ids=["scenery+body", "body-only"])
@pytest.mark.parametrize("name", sorted(WARPS))
def test_a_moving_camera_makes_no_phantom_reps(name, background):
    track = _still(name)
    assert np.isfinite(track[3][:, 0]).mean() > 0.9  # the scenery was followed
    for exercise in EXERCISES:
        s, ups, _ = _run(exercise, track, background)
        assert (s.reps, s.partial_reps, len(s.pelvic_drop_events), _flags(ups)) == (0, 0, 0, 0), (exercise, s)
        assert s.camera_moved_s, (exercise, "the camera motion was not reported")


def test_a_still_camera_and_a_still_person_report_nothing():
    s, ups, _ = _run("single_leg_squat", _still("none"))
    assert (s.reps, s.partial_reps, s.camera_moved_s, s.camera_moving_frames) == (0, 0, (), 0)


@pytest.mark.parametrize("deg", [7.0, -7.0])
def test_a_knock_between_real_reps_keeps_the_reps_sides_and_pelvis(deg):
    base = clip_track(SLS)
    knocked = cw.warped_track(SLS, f"bump5_{deg:g}", cw.bump(5.0, deg), seconds=30, every=1)
    if base is None or knocked is None:
        pytest.skip("pose model or clip not available")
    s0, _, _ = _run("single_leg_squat", (*base, np.full((len(base[1]), 2), np.nan)))
    s, ups, an = _run("single_leg_squat", knocked)
    assert s.reps == 4 and s.rep_sides == s0.rep_sides == ("left", "right", "left", "right")
    assert len(s.camera_moved_s) == 1 and 5.0 <= s.camera_moved_s[0] <= 5.5
    assert an.roll == pytest.approx(-deg, abs=0.5)  # cv2's + angle turns the picture anticlockwise on screen
    assert s.pelvic_drop_events == () and _flags(ups) == 0
    for before, after in zip(s0.rep_peak_drop_deg, s.rep_peak_drop_deg):
        assert after is not None and after == pytest.approx(before, abs=1.0)
    assert s.pelvic_measured_frames >= 0.9 * s0.pelvic_measured_frames


@pytest.mark.parametrize("row", labels(), ids=[r["file"] for r in labels()])
def test_real_clips_with_a_still_camera_never_report_camera_motion(row):
    tr = clip_track(row["file"])
    if tr is None:
        pytest.skip("pose model or clip not available")
    frames, times, aspect = tr
    an = MovementAnalyzer(row["exercise"], aspect=aspect)
    for f, t in zip(as_list(frames), times):
        an.update(f, float(t))
    assert an.summary().camera_moved_s == ()


def test_coach_analyze_reports_the_camera_moving_in_a_video(tmp_path, capsys):
    """The offline path: a knocked video file through ``coach analyze`` (decoder, model, scenery)."""
    import cv2

    src = cw.shared_dir() / "videos" / PERSON
    if cw.find_model("lite") is None or not src.is_file():
        pytest.skip("pose model or clip not available")
    cap = cv2.VideoCapture(str(src))
    cap.set(cv2.CAP_PROP_POS_MSEC, STILL_AT * 1000.0)
    ok, still = cap.read()
    cap.release()
    assert ok
    h, w = still.shape[:2]
    out = tmp_path / "knocked.avi"
    writer = cv2.VideoWriter(str(out), cv2.VideoWriter_fourcc(*"MJPG"), 20.0, (w // 2, h // 2))
    rng = np.random.default_rng(1)
    small = cv2.resize(
        cv2.copyMakeBorder(still, h // 5, h // 5, w // 5, w // 5, cv2.BORDER_REPLICATE), (w // 2, h // 2)
    )
    knock = cw.bump(3.0)
    for i in range(120):  # 6 s at 20 fps, knocked at 3 s
        frame = np.clip(small + rng.normal(0, 2.0, small.shape), 0, 255).astype(np.uint8)
        writer.write(cw._warp(frame, knock(i / 20.0)))
    writer.release()
    code = main(["analyze", str(out), "--exercise", "squat", "--json", "--model", str(cw.find_model("lite"))])
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["reps"] == 0 and result["partial_reps"] == 0
    assert len(result["camera_moved_s"]) == 1 and 3.0 <= result["camera_moved_s"][0] <= 3.6
    assert result["camera_moving_frames"] > 0


@pytest.mark.parametrize("row", labels(), ids=[r["file"] for r in labels()])
def test_coach_analyze_on_real_clips_sees_no_camera_motion_and_one_person(row, capsys):
    """The whole offline path (scenery tracker, person searches) on the labelled clips, filmed with
    still cameras and one person: same counts as the labels, no camera motion, nobody else."""
    model = cw.find_model("lite")
    path = cw.shared_dir() / "videos" / row["file"]
    if model is None or not path.is_file():
        pytest.skip("pose model or clip not available")
    code = main(["analyze", str(path), "--exercise", row["exercise"], "--json", "--model", str(model)])
    r = json.loads(capsys.readouterr().out)
    assert code == 0 and r["camera_moved_s"] == [] and r["people_note"] is None, r
    if row["reps"]:
        assert r["reps"] == int(row["reps"]), (r["reps"], r["rep_times_s"])
