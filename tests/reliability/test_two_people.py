"""Two people in view (issue 10, item 15): one squatting, one standing by, side by side in one picture
(two real clips composed in the test), through ``coach analyze`` (the real model, the offline path,
the same ``PersonFollower`` the live worker uses). The squats are counted whichever side the
squatter stands on (at least 2 of 4: see the test), and the output says who is followed. Before,
the app followed the person standing still: 0 of 4 squats."""

from __future__ import annotations

import json

import numpy as np
import pytest

from coach.cli import main
from conftest import find_model, shared_dir

pytestmark = [pytest.mark.model, pytest.mark.video, pytest.mark.slow]

SQUATS = "squat_front_4reps.mp4"  # 4 squats, 640x480, 20 fps
STANDING = ("single_leg_squat_front_alternating_4reps.mp4", 26.4)  # a person standing on both feet


def _frames(name, n=None, at_s=None):
    import cv2

    cap = cv2.VideoCapture(str(shared_dir() / "videos" / name))
    if at_s is not None:
        cap.set(cv2.CAP_PROP_POS_MSEC, at_s * 1000.0)
    out = []
    while n is None or len(out) < n:
        ok, bgr = cap.read()
        if not ok:
            break
        out.append(bgr)
    cap.release()
    return out


def _fit(im, height=480):
    import cv2

    h, w = im.shape[:2]
    return cv2.resize(im, (round(w * height / h), height), interpolation=cv2.INTER_AREA)


@pytest.fixture(scope="module")
def clips():
    if find_model("lite") is None or not (shared_dir() / "videos" / SQUATS).is_file():
        pytest.skip("pose model or clips not available")
    squats = _frames(SQUATS)
    still = _fit(_frames(STANDING[0], 1, STANDING[1])[0]).astype(np.float64)
    rng = np.random.default_rng(2)
    standing = [np.clip(still + rng.normal(0, 2.0, still.shape), 0, 255).astype(np.uint8) for _ in squats]
    return squats, standing


def _write(path, frames, fps=20.0):
    import cv2

    h, w = frames[0].shape[:2]
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (w, h))
    for f in frames:
        out.write(f)
    out.release()


@pytest.mark.parametrize("squatter", ["left", "right"])
def test_the_squatting_person_is_followed_and_counted(squatter, clips, tmp_path, capsys):
    squats, standing = clips
    pairs = zip(squats, standing) if squatter == "left" else zip(standing, squats)
    video = tmp_path / f"two_people_{squatter}.avi"
    _write(video, [np.hstack([_fit(a), _fit(b)]) for a, b in pairs])
    code = main(["analyze", str(video), "--exercise", "squat", "--json", "--model", str(find_model("lite"))])
    r = json.loads(capsys.readouterr().out)
    assert code == 0
    # the follower picks the squatter once they are confirmed (found in 3 searches) and their hips
    # have moved; squats before that are lost: at least 2 of the 4 count (before: 0)
    assert 2 <= r["reps"] <= 4, (r["reps"], r["rep_times_s"])
    assert r["camera_moved_s"] == []  # the switch to a crop is not camera motion
    assert r["people_note"] == f"Two people in view: following the one on the {squatter}"


def test_one_person_is_analysed_as_before(clips, tmp_path, capsys):
    squats, _ = clips
    video = tmp_path / "one.avi"
    _write(video, squats)
    code = main(["analyze", str(video), "--exercise", "squat", "--json", "--model", str(find_model("lite"))])
    r = json.loads(capsys.readouterr().out)
    assert code == 0 and r["reps"] == 4 and r["people_note"] is None
