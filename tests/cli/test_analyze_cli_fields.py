"""`coach analyze` output added for issue 11: rep_sides, pelvic coverage ("not measured" is never
"no drop"), and per-axis-normalised landmark files detected and said so."""

from __future__ import annotations

import json

import numpy as np
from test_analyze_cli import as_array, coach

from coach.core.analysis.variants import per_axis_normalised
from support import synthetic as sy
from support.analysis_helpers import duration, single_leg


def _npy(tmp_path, name, frames):
    p = tmp_path / name
    np.save(p, as_array(frames))
    return p


def test_rep_sides_and_measured_pelvis_without_a_drop(tmp_path):
    frames, _ = sy.sequence(single_leg("left", drop=0.0, reps=3), duration(3), noise=0.0005)
    p = _npy(tmp_path, "sls.npy", frames)
    data = json.loads(coach(p, "--exercise", "single_leg_squat", "--json").stdout)
    assert data["reps"] == 3 and data["rep_sides"] == ["left"] * 3
    assert len(data["rep_peak_drop_deg"]) == 3 and all(abs(x) < 1.5 for x in data["rep_peak_drop_deg"])
    assert data["pelvic_measured"] is True and data["pelvic_measured_frames"] > 0.5 * data["pelvic_stance_frames"] > 0
    assert data["pelvic_drop_events"] == [] and data["pelvic_not_measured_reason"] is None
    assert data["peak_drop_by_side"]["left"] is not None and abs(data["peak_drop_by_side"]["left"]) < 1.5
    text = coach(p, "--exercise", "single_leg_squat").stdout
    assert (
        "Pelvic-drop events: none" in text
        and "measured on" in text
        and "Rep sides (stance leg): left, left, left" in text
    )
    assert "Peak pelvic drop per rep (deg" in text


def test_side_view_pelvis_is_not_measured_and_says_why(tmp_path):
    frames, _ = sy.sequence(
        single_leg("right", drop=10.0, reps=2), duration(2), camera=sy.Camera(view="side"), noise=0.0005
    )
    p = _npy(tmp_path, "side.npy", frames)
    data = json.loads(coach(p, "--exercise", "single_leg_squat", "--json").stdout)
    assert data["pelvic_measured"] is False and data["pelvic_measured_frames"] == 0
    assert data["pelvic_not_measured_reason"].startswith("side view")
    assert data["peak_drop_by_side"] == {"left": None, "right": None} and data["pelvic_drop_events"] == []
    text = coach(p, "--exercise", "single_leg_squat").stdout
    assert "Pelvic drop: not measured (side view" in text and "Pelvic-drop events" not in text


def test_per_axis_normalised_file_detected_and_counted(tmp_path):
    ph = sy.reps_profile(4)  # squats as deep as the real clips' ones
    frames, _ = sy.sequence(lambda t: sy.standing_points(sy.Pose(knee=130.0 * ph(t))), duration(4, rest_s=1.5))
    p = tmp_path / "norm.npy"
    np.save(p, per_axis_normalised(as_array(frames))[:, :, :3])  # x, y, z only, as datasets ship them
    data = json.loads(coach(p, "--exercise", "squat", "--json").stdout)
    assert data["normalised_input"] is True and data["reps"] == 4
    plain = json.loads(coach(_npy(tmp_path, "plain.npy", frames), "--exercise", "squat", "--json").stdout)
    assert plain["normalised_input"] is False and plain["reps"] == 4
    assert "normalised per axis" in coach(p, "--exercise", "squat").stdout
    up = per_axis_normalised(as_array(frames))[:, :, :3]
    up[:, :, 1] = 1.0 - up[:, :, 1]  # a dataset with y pointing up
    q = tmp_path / "norm_up.npy"
    np.save(q, up)
    data = json.loads(coach(q, "--exercise", "squat", "--json").stdout)
    assert data["normalised_input"] is True and data["reps"] == 4
