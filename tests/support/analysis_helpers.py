"""Shared helpers for the analysis tests: run synthetic or real landmark sequences through the analyzer."""

from __future__ import annotations

import math

from coach.core.analysis import AnalysisConfig, MovementAnalyzer
from support import synthetic as sy


def run(exercise, frames, times, *, aspect=4 / 3, side="auto", config=AnalysisConfig()):
    an = MovementAnalyzer(exercise, side=side, aspect=aspect, config=config)
    updates = [an.update(f, float(t)) for f, t in zip(frames, times)]
    return an.summary(), updates


def single_leg(
    stance, *, knee=90.0, drop=0.0, reps=4, rest_s=3.0, free_knee=70.0, free_hip=20.0, step=0.0, lean=0.0, free_back=0.0
):
    """Points-at-t for a single-leg drill: both feet for ``rest_s - 0.3`` s, then reps on ``stance``."""
    ph = sy.reps_profile(reps, rest_s=rest_s)
    lift_t = rest_s - 0.3

    def at(t):
        p = ph(t)
        if t <= lift_t:
            return sy.standing_points(sy.Pose(step=step, width=0.2))
        return sy.standing_points(
            sy.Pose(
                stance=stance,
                knee=knee * p,
                drop=drop * min(1.0, 2 * p),
                free_knee=free_knee,
                free_hip=free_hip - free_back * p,
                lean=lean * p,
                step=step,
            )
        )

    return at


def duration(reps, rest_s=3.0, rep_s=2.0, pause_s=0.8):
    return rest_s + reps * (rep_s + pause_s) + 1.0


def walking(t):
    """Walk toward the camera and back, then across (gait cycle 1.1 s)."""
    s = 25.0 * math.sin(2 * math.pi * t / 1.1)
    z = 1.5 * math.sin(2 * math.pi * t / 12.0)
    return sy.standing_points(sy.Pose(stride=s, z=z, knee=8 + 8 * abs(math.sin(2 * math.pi * t / 1.1))))
