"""Contralateral pelvic drop on single-leg drills (front or back camera view only).

Baseline: until a calibration exists the hip line is measured against the image horizontal (a
level camera is assumed, as 2-D clinical methods do), so measuring starts with the first stance
frame. Calibration refines it: while the person stands on both feet and the hip line is steady
for ``calibration_s``, the median hip-line tilt becomes the baseline (so a tilted camera or an
asymmetric pelvis is not mistaken for a drop). Measurement: while standing on one leg, the drop is
the hip-line tilt relative to that baseline, signed so that positive = the hip of the *unsupported*
(lifted-leg) side is lower. A drop is flagged when it stays above ``drop_deg`` for ``min_drop_s``;
its peak is the largest 0.3 s mean of the drop, which ignores one-frame jitter.
One event per rep (or per episode in holds): side = stance leg, peak_deg, t_s = when it started.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Literal

from coach.core.analysis.results import AnalysisConfig
from coach.core.analysis.smoothing import Ema, Window
from coach.core.record import PelvicDropEvent

PEAK_WINDOW_S = 0.3  # the reported peak is the largest 0.3 s mean (one-frame jitter ignored)
GAP_S = 0.3  # a dropout shorter than this does not end a drop episode
MERGE_S = 0.5  # drop episodes closer than this (or within one rep) make one event


class PelvicDropDetector:
    def __init__(self, config: AnalysisConfig = AnalysisConfig()):
        self.cfg = config
        self.calib = Window(config.calibration_s)
        self.baseline: float | None = None
        self.ema = Ema(0.05, reset_s=0.3)
        self.recent: deque[tuple[float, float]] = deque()  # (t, smoothed drop) over min_drop_s
        self.level: float | None = None  # current drop (deg), None when not measuring
        self.held: float | None = None  # mean drop over the last min_drop_s
        self.episode: list[Any] | None = None  # [start_t, stance, peak] while above threshold
        self.pending: list[Any] | None = None  # finished/confirmed episode waiting for the rep to end
        self.rep_peak: dict[str, float] = {}
        self.peak_by_side: dict[str, float | None] = {"left": None, "right": None}
        self.ready: list[PelvicDropEvent] = []
        self.pending_end = 0.0
        self.last_valid_t = float("-inf")
        self.measured_frames = 0  # frames with a drop measurement

    @property
    def calibrated(self) -> bool:
        return self.baseline is not None

    def calibrate(self, tilt_lr: float, t: float) -> None:
        """Feed the hip-line tilt (deg, +: right hip lower) while both feet are down and still."""
        self.calib.add(tilt_lr, t)
        if self.calib.covered_s() >= self.cfg.calibration_s * 0.95:
            if self.calib.std() <= 2.5:  # still (tolerates frame-to-frame jitter)
                self.baseline = self.calib.median()
            else:
                self.calib.items.popleft()

    def interrupt_calibration(self) -> None:
        self.calib.clear()

    def measure(self, tilt_lr: float | None, stance: str | None, t: float, in_rep: bool) -> list[PelvicDropEvent]:
        """Feed one frame while standing on ``stance`` (None: both feet down / not measurable)."""
        if tilt_lr is None or stance is None:
            self.level = self.held = None
            if t - self.last_valid_t > GAP_S:  # short dropouts keep the episode open
                self.ema.reset()
                self.recent.clear()
                self._end_episode(self.last_valid_t)
        else:
            self.last_valid_t = t
            self.measured_frames += 1
            rel = tilt_lr - (self.baseline or 0.0)
            raw = rel if stance == "left" else -rel  # stance left -> free right; + = right hip lower
            s = self.ema.update(raw, t)
            self.recent.append((t, s))
            span = max(self.cfg.min_drop_s, PEAK_WINDOW_S)
            while len(self.recent) > 1 and t - self.recent[1][0] >= span:
                self.recent.popleft()  # keep exactly one sample at least ``span`` old
            self.level = s
            covered = t - self.recent[0][0] >= self.cfg.min_drop_s - 1e-6
            self.held = sum(v for _, v in self.recent) / len(self.recent) if covered else None
            if self.held is not None:
                self.rep_peak[stance] = max(self.rep_peak.get(stance, self.held), self.held)
                prev = self.peak_by_side[stance]
                self.peak_by_side[stance] = self.held if prev is None else max(prev, self.held)
            low = min(v for tt, v in self.recent if t - tt <= self.cfg.min_drop_s + 1e-6) if covered else 0.0
            low = min(low, self._at_or_before(t - self.cfg.min_drop_s)) if covered else low
            if self.episode is None:
                if covered and low > self.cfg.drop_deg:
                    start = max(tt for tt, _ in self.recent if t - tt >= self.cfg.min_drop_s - 1e-6)
                    self.episode = [start, stance, self.held]
            elif s < self.cfg.drop_deg - 1.0 or stance != self.episode[1]:
                self._end_episode(t)
            elif self.held is not None:
                self.episode[2] = max(self.episode[2], self.held)
        if self.pending is not None and self.episode is None and not in_rep and t - self.pending_end >= MERGE_S:
            self.ready.append(self._flush_pending())
        out, self.ready = self.ready, []
        return out

    def flag(self) -> Literal["ok", "drop", "marked"] | None:
        if self.level is None:
            return None
        if self.episode is not None:
            return "marked" if max(self.episode[2], self.level) >= self.cfg.marked_deg else "drop"
        return "ok"

    def take_rep_peak(self, side: str | None) -> float | None:
        """Largest held drop since the last call (for the rep that just ended), then reset."""
        peaks = self.rep_peak
        self.rep_peak = {}
        if side is not None and side in peaks:
            return peaks[side]
        return max(peaks.values()) if peaks else None

    def flush(self) -> list[PelvicDropEvent]:
        """End any open episode and return its event (end of set / summary)."""
        self._end_episode()
        if self.pending is not None:
            self.ready.append(self._flush_pending())
        out, self.ready = self.ready, []
        return out

    def _at_or_before(self, t: float) -> float:
        v = self.recent[0][1]
        for tt, x in self.recent:
            if tt > t:
                break
            v = x
        return v

    def _end_episode(self, t: float | None = None) -> None:
        if self.episode is None:
            return
        self.pending_end = t if t is not None else self.pending_end
        if self.pending is not None and self.pending[1] == self.episode[1]:
            self.pending[2] = max(self.pending[2], self.episode[2])  # same rep: keep the peak
        else:
            if self.pending is not None:
                self.ready.append(self._flush_pending())
            self.pending = self.episode
        self.episode = None

    def _flush_pending(self) -> PelvicDropEvent:
        assert self.pending is not None  # every caller checks it first
        start, side, peak = self.pending
        self.pending = None
        return PelvicDropEvent(side=side, peak_deg=round(float(peak), 2), t_s=float(start))
