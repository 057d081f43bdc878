"""Landmark file loading: accepted layouts and clear CoachError messages for bad files."""

from __future__ import annotations

import numpy as np
import pytest

from coach.core.errors import CoachError
from coach.pose.landmark_files import LandmarkFileError, load_landmark_file, load_landmarks


def _pose(n=5):
    rng = np.random.default_rng(0)
    a = rng.uniform(0.1, 0.9, size=(n, 33, 4)).astype(np.float32)
    a[:, :, 3] = 0.9
    return a


@pytest.mark.parametrize("shape", ["33x4", "33x3", "132", "99"])
def test_npy_layouts(tmp_path, shape):
    a = _pose()
    arr = {"33x4": a, "33x3": a[:, :, :3], "132": a.reshape(5, 132), "99": a[:, :, :3].reshape(5, 99)}[shape]
    p = tmp_path / "x.npy"
    np.save(p, arr)
    out = load_landmarks(p)
    assert out.shape == (5, 33, 4) and out.dtype == np.float32
    np.testing.assert_allclose(out[:, :, :3], a[:, :, :3], atol=1e-6)
    expected_vis = np.float32(0.9) if shape in ("33x4", "132") else 1.0
    assert np.all(out[:, :, 3] == expected_vis)


def test_csv_with_header_and_time_column_and_empty_frames(tmp_path):
    a = _pose(3)
    a[1] = 0.0  # nobody in frame 1
    rows = [",".join(["t"] + [f"c{i}" for i in range(132)])]
    for i, f in enumerate(a):
        rows.append(",".join([str(i * 0.04)] + [f"{v:.6f}" for v in f.reshape(-1)]))
    p = tmp_path / "x.csv"
    p.write_text("\n".join(rows) + "\n")
    out, times = load_landmark_file(p)
    assert out.shape == (3, 33, 4)
    np.testing.assert_allclose(times, [0, 0.04, 0.08])
    assert not out[1].any() and out[0, :, 3].min() > 0


@pytest.mark.parametrize(
    "content,match",
    [
        (np.zeros((4, 33, 2)), "shape"),
        (np.concatenate([np.full((2, 33, 3), 300.0), np.full((2, 33, 1), 0.9)], axis=2), "pixels"),
        (np.concatenate([np.full((1, 33, 4), 0.5), np.full((1, 33, 4), np.nan)]), None),
    ],
)
def test_bad_npy_content(tmp_path, content, match):
    p = tmp_path / "x.npy"
    np.save(p, content)
    if match is None:  # an all-NaN frame is a "no person" frame, not an error
        out = load_landmarks(p)
        assert not out[1].any()
        return
    with pytest.raises(LandmarkFileError, match=match):
        load_landmarks(p)


def test_errors_are_coach_errors_with_the_file_named(tmp_path):
    missing = tmp_path / "nope.npy"
    with pytest.raises(CoachError, match="nope.npy"):
        load_landmarks(missing)
    bad = tmp_path / "x.txt"
    bad.write_text("hello")
    with pytest.raises(LandmarkFileError, match="unsupported"):
        load_landmarks(bad)
    csv = tmp_path / "x.csv"
    csv.write_text("1,2,3\n1,2\n")
    with pytest.raises(LandmarkFileError, match="different numbers"):
        load_landmarks(csv)
    partial = _pose(2)
    partial[0, 3, 1] = np.nan
    p = tmp_path / "p.npy"
    np.save(p, partial)
    with pytest.raises(LandmarkFileError, match="frame 0"):
        load_landmarks(p)
    vis = _pose(1)
    vis[0, 0, 3] = 2.0
    np.save(p, vis)
    with pytest.raises(LandmarkFileError, match="visibility"):
        load_landmarks(p)
    garbage = tmp_path / "g.npy"
    garbage.write_bytes(b"not numpy")
    with pytest.raises(LandmarkFileError, match="readable"):
        load_landmarks(garbage)


def test_values_beyond_float32_are_an_error_without_numpy_warnings(tmp_path):
    import warnings

    a = _pose(3).astype(np.float64)
    a[1, 5, 2] = 1e300  # a finite float64 z that float32 can't hold: must not become inf silently
    p = tmp_path / "huge.npy"
    np.save(p, a)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow RuntimeWarning would fail here
        with pytest.raises(LandmarkFileError, match="too large"):
            load_landmarks(p)
