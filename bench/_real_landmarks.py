"""Shared by the benchmarks: real landmark sequences from the shared clips (via the test helper),
or None when the model or clips are missing."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "tests" / "core"), str(REPO / "tests" / "pose")]

CLIPS = [
    ("squat_front_4reps.mp4", "squat", 4, 1),
    ("squat_side_3reps.mp4", "squat", 3, 1),
    ("reverse_lunge_front_5reps.mp4", "lunge", 5, 1),
    ("single_leg_stance_side.mp4", "squat", 0, 2),
]


def real_sequences():
    """[(clip name, exercise, true reps, frames, times, aspect)] or [] without model/clips."""
    from conftest import find_model, shared_dir

    videos = shared_dir() / "videos"
    if find_model("lite") is None or not videos.is_dir():
        return []
    from test_accuracy_clips import clip_landmarks

    out = []
    for name, exercise, reps, every in CLIPS:
        p = videos / name
        if p.is_file():
            frames, times, aspect = clip_landmarks(str(p), every)
            out.append((name, exercise, reps, frames, times, aspect))
    return out
