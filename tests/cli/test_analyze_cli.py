"""`coach analyze`: landmark files (.npy / .csv) and videos (real model), text and --json output,
progress on stderr only, bad input -> exit 2 with one line, no model -> a clear message."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

from coach.cli import analyze
from coach.pose import model as pm
from conftest import REPO, clip
from support.pose_fakes import single_leg_poses, squat_poses

JSON_KEYS = {
    "exercise",
    "reps",
    "partial_reps",
    "rep_times_s",
    "pelvic_drop_events",
    "frames",
    "frames_with_pose",
    "fps",
}


def coach(*args, env_extra=None, timeout=120):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "coach", "analyze", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def as_array(frames) -> np.ndarray:
    return np.stack([np.zeros((33, 4), np.float32) if f is None else f for f in frames])


@pytest.fixture(scope="module")
def squat_npy(tmp_path_factory):
    frames, times = squat_poses(3)
    p = tmp_path_factory.mktemp("lm") / "squat.npy"
    np.save(p, as_array(frames))
    return p


def test_npy_landmarks_json(squat_npy):
    out = coach(squat_npy, "--exercise", "squat", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert JSON_KEYS <= data.keys()
    assert data["exercise"] == "squat" and data["reps"] == 3 and len(data["rep_times_s"]) == 3
    assert data["pelvic_drop_events"] == [] and data["fps"] == 30.0
    assert data["frames"] == data["frames_with_pose"] == len(np.load(squat_npy))


def test_flat_npy_without_visibility_and_empty_rows(tmp_path):
    frames, _ = squat_poses(2)
    arr = as_array(frames)[:, :, :3].reshape(len(frames), 99)
    arr[:10] = 0.0  # nobody for the first 10 frames
    p = tmp_path / "flat.npy"
    np.save(p, arr)
    data = json.loads(coach(p, "--exercise", "squat", "--json").stdout)
    assert data["reps"] == 2 and data["frames_with_pose"] == data["frames"] - 10


def test_csv_with_time_column_and_pelvic_drop_events_text_and_json(tmp_path):
    frames, times = single_leg_poses("right", drop=9.0, reps=3)
    arr = as_array(frames).reshape(len(frames), 132)
    p = tmp_path / "sls.csv"
    header = "t," + ",".join(f"{k}{i}" for i in range(33) for k in "xyzv")
    np.savetxt(p, np.column_stack([times, arr]), delimiter=",", header=header, comments="", fmt="%.6f")
    out = coach(p, "--exercise", "single_leg_squat", "--side", "right", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["reps"] == 3 and data["fps"] == pytest.approx(30.0, rel=1e-3)
    events = data["pelvic_drop_events"]
    assert len(events) == 3
    for e in events:
        assert (
            set(e) == {"t_s", "side", "peak_deg"}
            and e["side"] == "right"
            and e["peak_deg"] == pytest.approx(9.0, abs=1.5)
        )
    text = coach(p, "--exercise", "single_leg_squat")
    assert text.returncode == 0
    assert "Reps: 3" in text.stdout and "Pelvic-drop events: 3" in text.stdout and "right leg" in text.stdout
    assert "Rep times (s): " in text.stdout and "Partial reps: 0" in text.stdout


def test_fps_option_changes_the_time_base(squat_npy):
    a = json.loads(coach(squat_npy, "--exercise", "squat", "--json").stdout)
    b = json.loads(coach(squat_npy, "--exercise", "squat", "--json", "--fps", "60").stdout)
    assert b["fps"] == 60.0
    assert np.allclose(np.array(b["rep_times_s"]) * 2, a["rep_times_s"], atol=0.05)


# ---- bad input: exit 2, one line ------------------------------------------------------------------
# In-process (coach.cli.main + capsys); test_unreadable_video and the garbage-model test stay end to end.
@pytest.fixture
def inproc(capsys):
    from types import SimpleNamespace

    from coach.cli import main

    def run(*args):
        code = main(["analyze", *map(str, args)])
        out = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out.out, stderr=out.err)

    return run


def one_line_error(out, *needles):
    assert out.returncode == 2, (out.stdout, out.stderr)
    lines = [l for l in out.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("coach analyze: error: ")
    for n in needles:
        assert n in lines[0]
    assert out.stdout == ""


def test_unreadable_video(tmp_path):
    p = tmp_path / "clip.mp4"
    p.write_text("not a video")
    one_line_error(coach(p, "--exercise", "squat"), "clip.mp4", "can't read this video")


def test_missing_file_and_folder(tmp_path, inproc):
    one_line_error(inproc(tmp_path / "nope.mp4", "--exercise", "squat"), "no such file")
    one_line_error(inproc(tmp_path, "--exercise", "squat"), "is a folder")


def test_unknown_exercise(squat_npy, inproc):
    one_line_error(inproc(squat_npy, "--exercise", "cartwheel"), "unknown exercise 'cartwheel'", "single_leg_squat")


@pytest.mark.parametrize("shape", [(10, 33, 2), (10, 98), (33, 4)])
def test_wrong_shape(tmp_path, shape, inproc):
    p = tmp_path / "bad.npy"
    np.save(p, np.random.default_rng(0).random(shape))
    one_line_error(inproc(p, "--exercise", "squat"), "bad.npy", "shape")


def test_huge_float64_values_give_one_line_and_no_numpy_warning(tmp_path, inproc):
    p = tmp_path / "huge.npy"
    np.save(p, np.full((5, 33, 4), 1e308))  # float64, far beyond float32
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # in-process, a numpy RuntimeWarning would become an error here
        out = inproc(p, "--exercise", "squat")
    one_line_error(out, "huge.npy")
    assert "RuntimeWarning" not in out.stderr


def test_garbage_npy_and_csv(tmp_path, inproc):
    npy = tmp_path / "x.npy"
    npy.write_bytes(b"\x93NUMPY garbage")
    one_line_error(inproc(npy, "--exercise", "squat"), "x.npy")
    csv = tmp_path / "x.csv"
    csv.write_text("a,b\n1,2\n3,oops\n")
    one_line_error(inproc(csv, "--exercise", "squat"), "x.csv")


@pytest.mark.parametrize(
    "opt,value,needle",
    [
        ("--side", "middle", "--side"),
        ("--fps", "fast", "--fps"),
        ("--fps", "0", "--fps"),
        ("--aspect", "wide", "--aspect"),
        ("--variant", "huge", "--variant"),
    ],
)
def test_bad_options(squat_npy, opt, value, needle, inproc):
    one_line_error(inproc(squat_npy, "--exercise", "squat", opt, value), needle)


def test_garbage_model_file_for_a_video(tmp_path, videos_dir):
    bad = tmp_path / "bad.task"
    bad.write_bytes(b"nope")
    one_line_error(
        coach(clip("squat_front_4reps.mp4"), "--exercise", "squat", "--model", bad),
        "bad.task is not a pose model MediaPipe can load",
    )


def test_offline_without_a_model_says_where_to_put_one(tmp_path, monkeypatch, capsys, videos_dir):
    monkeypatch.delenv("COACH_POSE_MODEL", raising=False)
    from support.net import closed_port_url

    monkeypatch.setitem(pm.VARIANTS, "lite", (closed_port_url(), "0" * 64, 10))
    p = argparse.ArgumentParser()
    analyze.register(p.add_subparsers())
    args = p.parse_args(["analyze", str(clip("squat_front_4reps.mp4")), "--exercise", "squat", "--json"])
    assert args.func(args) == 1
    err = capsys.readouterr()
    assert err.out == ""
    assert "Couldn't download the pose model" in err.err and "COACH_POSE_MODEL" in err.err
    assert len(err.err.strip().splitlines()) == 1


# ---- real video, real model -----------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.video
@pytest.mark.slow
def test_video_json_with_progress_on_stderr_only(model_path):
    out = coach(clip("squat_front_4reps.mp4"), "--exercise", "squat", "--json", "--model", model_path, timeout=240)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)  # stdout is exactly one JSON object: no progress bar in it
    assert JSON_KEYS <= data.keys()
    assert data["reps"] == 4 and data["frames"] == 238 and data["fps"] == 20.0
    assert data["frames_with_pose"] >= 0.95 * data["frames"] and data["pelvic_drop_events"] == []
    progress = [l for l in out.stderr.splitlines() if "squat_front_4reps.mp4 [" in l]
    assert progress and progress[-1].rstrip().endswith("frames/s)") and "100%" in progress[-1]


@pytest.mark.model
@pytest.mark.video
def test_cli_finds_the_model_through_the_environment(model_path, tmp_path):
    """Resolution step 2 end to end: no --model, COACH_POSE_MODEL set (a short clip keeps it quick)."""
    import cv2

    src = cv2.VideoCapture(str(clip("squat_front_4reps.mp4")))
    p = tmp_path / "short.avi"
    w = cv2.VideoWriter(str(p), cv2.VideoWriter_fourcc(*"MJPG"), 20.0, (640, 480))
    for _ in range(15):
        ok, img = src.read()
        w.write(img)
    w.release()
    src.release()
    out = coach(p, "--exercise", "squat", "--json", env_extra={"COACH_POSE_MODEL": str(model_path)})
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["model"] == str(model_path) and data["frames"] == 15 and data["frames_with_pose"] >= 14
