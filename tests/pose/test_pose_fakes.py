"""The scripted pose fakes themselves (tests/support/pose_fakes.py)."""

from __future__ import annotations

import numpy as np

from support.pose_fakes import H, ScriptedEstimator, W, frame_number, numbered_frames, squat_poses


def test_frame_numbers_round_trip():
    frames = numbered_frames(600)
    assert [frame_number(f) for f in frames[::37]] == list(range(0, 600, 37))
    assert frames[0].shape == (H, W, 3) and frames[0].dtype == np.uint8


def test_scripted_estimator_follows_the_frame_number_and_fails_on_cue():
    poses, _ = squat_poses(1)
    est = ScriptedEstimator(poses, fail_at=2)
    frames = numbered_frames(5)
    a = est.detect(frames[3], 10)
    assert np.array_equal(a, poses[3]) and not a.flags.writeable
    est.detect(frames[1], 11)
    assert est.calls == [(3, 10), (1, 11)]
    try:
        est.detect(frames[0], 12)
    except RuntimeError as e:
        assert "scripted" in str(e)
    else:
        raise AssertionError("fail_at did not raise")
