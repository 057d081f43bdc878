"""Hold timing: when a hold drill is actually being held (not while getting into it).

- Side plank: the body is horizontal and its line straight (hip sag, degrees, see
  ``signals.plank_sag``: -15..12 to start) and steady (sag spread < 4 deg over the last 0.25 s: the hips
  are up, no longer rising from the floor). Once held it goes on while the sag stays within -20..15
  deg (a sag over 12 deg draws a "lift your hips" cue from the analyzer).
- Single-leg balance: one foot off the floor and the trunk upright, in any camera view.
Times are seconds on the analyzer's clock.
"""

from __future__ import annotations

from coach.core.analysis.geometry import Frame
from coach.core.analysis.smoothing import Window

from . import signals as sg

START_SAG = (-15.0, 12.0)
KEEP_SAG = (-20.0, 15.0)
STEADY_DEG = 4.0
STEADY_S = 0.25


class HoldTimer:
    def __init__(self, signal: str):
        self.signal = signal
        self.window = Window(STEADY_S)
        self.holding = False
        self.hold_s = 0.0

    def update(self, f: Frame, single: bool, t: float, dt: float) -> bool:
        if self.signal == "balance":
            self.holding = single and sg.upright(f)
        else:
            lying = sg.lying(f)
            sag = sg.plank_sag(f)
            self.window.add(sag, t)
            if self.holding:
                self.holding = lying and KEEP_SAG[0] < sag < KEEP_SAG[1]
            else:
                steady = self.window.covered_s() >= 0.8 * STEADY_S and self.window.spread() < STEADY_DEG
                self.holding = lying and START_SAG[0] < sag < START_SAG[1] and steady
        if self.holding:
            self.hold_s += dt
        return self.holding
