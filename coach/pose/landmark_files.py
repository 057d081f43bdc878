"""Read landmark files recorded from the pose model, for analysis without video.

Accepted: ``.npy`` arrays shaped (frames, 33, 3|4) or (frames, 99|132), and ``.csv`` files with
one frame per row of 99 or 132 numbers (x, y, z[, visibility] per landmark), optionally preceded
by a time column in seconds (100 or 133 columns) and a header line. Without a visibility column
every landmark counts as visible. A frame of all zeros or all NaN means "no person".
Result: float32 (frames, 33, 4) plus the times (seconds) when the CSV has them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from coach.core.errors import CoachError
from coach.core.landmarks import NUM_LANDMARKS


class LandmarkFileError(CoachError):
    """A landmark file that cannot be used; the message names the file and the problem."""


def load_landmarks(path: str | Path) -> np.ndarray:
    """The frames of a landmark file as float32 (frames, 33, 4); see ``load_landmark_file``."""
    return load_landmark_file(path)[0]


def load_landmark_file(path: str | Path) -> tuple[np.ndarray, np.ndarray | None]:
    p = Path(path)
    if not p.is_file():
        raise LandmarkFileError(f"{p}: no such landmark file")
    suffix = p.suffix.lower()
    times = None
    if suffix == ".npy":
        try:
            arr = np.load(p, allow_pickle=False)
        except (ValueError, OSError) as e:
            raise LandmarkFileError(f"{p}: not a readable .npy array ({e})") from None
    elif suffix == ".csv":
        arr, times = _read_csv(p)
    else:
        raise LandmarkFileError(f"{p}: unsupported landmark file type {suffix or '(none)'}; use .npy or .csv")
    return _normalise(p, arr), times


def _read_csv(p: Path) -> tuple[np.ndarray, np.ndarray | None]:
    rows: list[list[float]] = []
    try:
        with p.open(newline="", encoding="utf-8") as fh:
            for n, row in enumerate(csv.reader(fh), start=1):
                if not row or all(not c.strip() for c in row):
                    continue
                try:
                    rows.append([float(c) if c.strip() else float("nan") for c in row])
                except ValueError:
                    if n == 1 and not rows:
                        continue  # header line
                    raise LandmarkFileError(f"{p}: line {n}: not a number in {row[:3]}...") from None
    except UnicodeDecodeError:
        raise LandmarkFileError(f"{p}: not a text CSV file") from None
    if not rows:
        raise LandmarkFileError(f"{p}: no landmark rows")
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        raise LandmarkFileError(f"{p}: rows have different numbers of columns ({sorted(widths)})")
    arr = np.asarray(rows, dtype=np.float64)
    width = arr.shape[1]
    if width in (NUM_LANDMARKS * 3 + 1, NUM_LANDMARKS * 4 + 1):
        return arr[:, 1:], arr[:, 0]
    return arr, None


def _normalise(p: Path, arr: np.ndarray) -> np.ndarray:
    if not np.issubdtype(arr.dtype, np.number):
        raise LandmarkFileError(f"{p}: expected numbers, got {arr.dtype}")
    arr = np.asarray(arr, dtype=np.float64)
    if arr.ndim == 2 and arr.shape[1] in (NUM_LANDMARKS * 3, NUM_LANDMARKS * 4):
        arr = arr.reshape(arr.shape[0], NUM_LANDMARKS, arr.shape[1] // NUM_LANDMARKS)
    if arr.ndim != 3 or arr.shape[1] != NUM_LANDMARKS or arr.shape[2] not in (3, 4):
        raise LandmarkFileError(f"{p}: shape {arr.shape} is not (frames, 33, 3|4) or (frames, 99|132)")
    if arr.shape[0] == 0:
        raise LandmarkFileError(f"{p}: no frames")
    nan = np.isnan(arr)
    empty = nan.all(axis=(1, 2)) | (np.nan_to_num(arr) == 0).all(axis=(1, 2))
    if (nan.any(axis=(1, 2)) & ~empty).any():
        bad = int(np.flatnonzero(nan.any(axis=(1, 2)) & ~empty)[0])
        raise LandmarkFileError(f"{p}: frame {bad} has missing values (only whole empty frames are allowed)")
    arr = np.nan_to_num(arr)
    if not np.isfinite(arr).all():
        raise LandmarkFileError(f"{p}: infinite values")
    out = np.zeros((arr.shape[0], NUM_LANDMARKS, 4), dtype=np.float32)
    with np.errstate(over="ignore", invalid="ignore"):  # values beyond float32 become inf: reported below
        out[:, :, :3] = arr[:, :, :3]
    if not np.isfinite(out[:, :, :3]).all():
        raise LandmarkFileError(f"{p}: values too large for landmark coordinates")
    if arr.shape[2] == 4:
        vis = arr[:, :, 3]
        if (vis < -1e-6).any() or (vis > 1 + 1e-6).any():
            raise LandmarkFileError(f"{p}: visibility must be between 0 and 1")
        out[:, :, 3] = np.clip(vis, 0, 1)
    else:
        out[:, :, 3] = 1.0
    out[empty] = 0.0
    xy = out[~empty][:, :, :2]
    if xy.size and (np.abs(xy) > 5).any():
        raise LandmarkFileError(f"{p}: x/y look like pixels, not normalised image coordinates (0..1)")
    return out
