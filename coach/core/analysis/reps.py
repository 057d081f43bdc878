"""Rep counting: a rest-position baseline and a hysteresis state machine on a movement signal.

The counter reads ``d``: how far the body has moved from its rest position, in the units of the
exercise spec (0 = at rest). A rep starts when ``d`` rises above ``enter`` and ends when it falls
below ``exit`` (< enter; the gap is a dead zone against jitter). A rep is *full* when its peak
reached ``full`` and it lasted at least ``min_rep_s``; otherwise a rep that passed ``enter`` is a
*partial* and is not counted. ``None`` (landmarks hidden, wrong view, nobody in frame) freezes the
machine; a gap longer than ``max_gap_s`` in the middle of a rep drops that rep.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from coach.core.analysis.smoothing import Window


@dataclass(frozen=True)
class RepResult:
    t_start: float
    t_end: float
    peak: float
    full: bool


class RepCounter:
    def __init__(self, enter: float, exit: float, full: float, min_rep_s: float = 0.4, max_gap_s: float = 1.0):
        if not exit < enter <= full:
            raise ValueError("need exit < enter <= full")
        self.enter, self.exit, self.full = enter, exit, full
        self.min_rep_s = min_rep_s
        self.max_gap_s = max_gap_s
        self.down = False
        self.t_start = 0.0
        self.peak = 0.0
        self.peak_t = 0.0
        self.last_seen: float | None = None

    def reset(self) -> None:
        self.down = False
        self.last_seen = None

    def update(self, d: float | None, t: float) -> RepResult | None:
        if d is None:
            if self.down and self.last_seen is not None and t - self.last_seen > self.max_gap_s:
                self.down = False  # lost the person mid-rep: neither counted nor partial
            return None
        self.last_seen = t
        if not self.down:
            if d > self.enter:
                self.down, self.t_start, self.peak, self.peak_t = True, t, d, t
            return None
        if d > self.peak:
            self.peak, self.peak_t = d, t
        if d < self.exit:
            self.down = False
            if t - self.t_start < self.min_rep_s and self.peak < self.full:
                return None  # a twitch, not a rep
            return RepResult(self.t_start, t, self.peak, self.peak >= self.full and t - self.t_start >= self.min_rep_s)
        return None


class RestBaseline:
    """The raw signal's value at the rest position (standing tall, or lying for floor drills).

    Set once the rest posture has been held still for ``settle_s`` (spread below ``tol``), then
    followed: quickly when the body goes *past* rest (stands taller), each such frame pulling it at
    most ``tol`` (of the rest level, for ratios) toward its value; slowly while near rest.
    ``ratio=True``: the movement is a relative fall, ``d = 1 - raw / rest``; otherwise ``d = raw - rest``.
    """

    def __init__(self, settle_s: float, tol: float, ratio: bool):
        self.window = Window(settle_s)
        self.settle_s = settle_s
        self.tol = tol
        self.ratio = ratio
        self.value: float | None = None
        self.t: float | None = None

    def reset(self) -> None:
        self.window.clear()
        self.value = None
        self.t = None

    def d(self, raw: float) -> float | None:
        if self.value is None:
            return None
        return 1.0 - raw / self.value if self.ratio else raw - self.value

    def feed(self, raw: float, t: float, at_rest_posture: bool, resting: bool) -> None:
        """``at_rest_posture``: the posture check passes; ``resting``: the counter is not mid-rep."""
        if self.value is None:
            if not at_rest_posture:
                self.window.clear()
                return
            self.window.add(raw, t)
            spread = self.window.spread()
            scale = abs(self.window.median()) if self.ratio else 1.0
            if self.window.covered_s() >= self.settle_s * 0.95 and spread <= self.tol * scale:
                self.value = self.window.median()
                self.t = t
            elif spread > self.tol * scale:
                while len(self.window.items) > 1 and self.window.spread() > self.tol * scale:
                    self.window.items.popleft()
            return
        dt = max(0.0, t - (self.t or t))
        self.t = t
        d = self.d(raw)
        if d is None or not resting or not at_rest_posture:
            return
        tau = 0.4 if d < 0 else 3.0  # d < 0: past the rest position -> catch up fast
        # one glitched "taller" frame pulls it by at most the stillness tolerance (at a low frame rate
        # each frame weighs more, so an unbounded fast step would let one frame shift the rest level)
        span = self.tol * (abs(self.value) if self.ratio else 1.0)
        target = min(max(raw, self.value - span), self.value + span) if d < 0 else raw
        self.value += (1.0 - math.exp(-dt / tau)) * (target - self.value)
