"""A small text progress bar for the CLI, written to stderr (never stdout, which carries --json).

On a terminal it redraws one line (at most ~10 times a second); into a pipe or file it writes a
plain line at every 10 % so logs stay readable.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


class ProgressBar:
    def __init__(
        self,
        total: int | None,
        label: str = "",
        *,
        stream: TextIO | None = None,
        width: int = 28,
        unit: Callable[[int, int | None], str] | None = None,
        rate: str | None = "/s",
        min_interval: float = 0.1,
    ):
        self.total = total if total and total > 0 else None
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.unit = unit or (lambda d, t: f"{d}/{t}" if t else f"{d}")
        self.rate = rate  # suffix of the items-per-second figure, None to hide it
        self.min_interval = min_interval
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.t0 = time.monotonic()
        self._last_draw = 0.0
        self._last_decile = -1
        self.done = 0
        self._closed = False

    def update(self, done: int, total: int | None = None) -> None:
        if total:
            self.total = total
        self.done = done
        now = time.monotonic()
        if self.tty:
            if now - self._last_draw >= self.min_interval:
                self._last_draw = now
                self._write("\r" + self._line(now))
        elif self.total:
            decile = min(10, int(10 * done / self.total))
            if decile > self._last_decile:
                self._last_decile = decile
                self._write(self._line(now) + "\n")

    def abandon(self) -> None:
        """Stop without a final progress line (the run failed; its error message follows)."""
        if not self._closed:
            self._closed = True
            if self.tty and self._last_draw:
                self._write("\n")

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        now = time.monotonic()
        if self.tty:
            self._write("\r" + self._line(now) + "\n")
        elif not self.total or self._last_decile < 10:
            self._write(self._line(now) + "\n")

    def _line(self, now: float) -> str:
        rate = self.done / max(now - self.t0, 1e-6)
        if self.total:
            share = min(1.0, self.done / self.total)
            fill = int(round(share * self.width))
            bar = f"[{'#' * fill}{'.' * (self.width - fill)}] {share * 100:3.0f}%"
        else:
            bar = "[...]"
        speed = f" ({rate:.1f}{self.rate})" if self.rate else ""
        return f"{self.label} {bar} {self.unit(self.done, self.total)}{speed}".strip()

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed pipe must not stop the work
            pass
