"""Time-aware smoothing for irregularly spaced frames (timestamps in seconds)."""

from __future__ import annotations

import math
from collections import deque


class Ema:
    """Exponential moving average with time constant ``tau_s``; robust to uneven frame gaps.

    A gap longer than ``reset_s`` restarts the filter from the new value.
    """

    __slots__ = ("tau", "reset_s", "value", "t")

    def __init__(self, tau_s: float, reset_s: float = 0.5):
        self.tau = tau_s
        self.reset_s = reset_s
        self.value: float | None = None
        self.t: float | None = None

    def update(self, x: float, t: float) -> float:
        if self.value is None or self.t is None or t - self.t > self.reset_s or t < self.t:
            self.value = x
        else:
            dt = t - self.t
            a = 1.0 - math.exp(-dt / self.tau) if self.tau > 0 else 1.0
            self.value += a * (x - self.value)
        self.t = t
        return self.value

    def reset(self) -> None:
        self.value = None
        self.t = None


class Window:
    """The samples of the last ``span_s`` seconds (plus the one just before), for stability checks and medians."""

    __slots__ = ("span", "items")

    def __init__(self, span_s: float):
        self.span = span_s
        self.items: deque[tuple[float, float]] = deque()

    def add(self, x: float, t: float) -> None:
        self.items.append((t, x))
        while len(self.items) > 1 and t - self.items[1][0] >= self.span:
            self.items.popleft()  # keep one sample at least ``span`` old, so coverage can reach span

    def clear(self) -> None:
        self.items.clear()

    def covered_s(self) -> float:
        return self.items[-1][0] - self.items[0][0] if self.items else 0.0

    def values(self) -> list[float]:
        return [x for _, x in self.items]

    def spread(self) -> float:
        v = self.values()
        return max(v) - min(v) if v else 0.0

    def std(self) -> float:
        v = self.values()
        if len(v) < 2:
            return 0.0
        m = sum(v) / len(v)
        return float(
            (sum((x - m) ** 2 for x in v) / (len(v) - 1)) ** 0.5
        )  # float ** 0.5 is typed Any (complex for < 0)

    def median(self) -> float:
        v = sorted(self.values())
        n = len(v)
        return v[n // 2] if n % 2 else 0.5 * (v[n // 2 - 1] + v[n // 2])
