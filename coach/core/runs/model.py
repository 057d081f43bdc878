"""One run in the log: when it started (aware UTC), how far (metres) and how long (seconds), how it felt.

Pain and effort are 0-10 (None: not rated). ``source`` says where it came from; ``external_id`` is the
activity's own id when the file or export has one ("" for none). ``key`` is what makes re-importing the same
activity a no-op: the source's id when there is one, else the start time to the second. ``same_activity`` is
the looser test the store also applies, so the same run imported from a GPX file and then from a Strava CSV
is still one run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Literal

Source = Literal["manual", "gpx", "tcx", "fit", "strava"]
SOURCES: tuple[Source, ...] = ("manual", "gpx", "tcx", "fit", "strava")

MAX_DISTANCE_M = 1_000_000.0  # 1000 km: anything longer in one go is not a run
MAX_DURATION_S = 7 * 24 * 3600.0  # a week
SAME_START_S = 120.0  # two imported activities starting this close are the same run


class RunError(ValueError):
    """A run that can't be: negative distance, pain 11/10, a naive start time... (one line, for the user)."""


def _score(name: str, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise RunError(f"{name} must be a whole number 0-10, not {value!r}")


@dataclass(frozen=True)
class Run:
    started_at: datetime  # aware; stored and compared as UTC
    distance_m: float  # metres, > 0
    duration_s: float  # seconds, moving time when the file tells pauses apart, else elapsed
    effort: int | None = None  # 0-10, how hard it felt
    pain_during: int | None = None  # 0-10, the worst during the run
    pain_after: int | None = None  # 0-10, a few hours after
    source: Source = "manual"
    external_id: str = ""  # the activity's id in its source ("" = none)
    name: str = ""  # the activity's title, if any
    id: int | None = None  # the store's row id once saved

    def __post_init__(self) -> None:
        if not isinstance(self.started_at, datetime) or self.started_at.utcoffset() is None:
            raise RunError("a run's start time must carry its time zone")
        object.__setattr__(self, "started_at", self.started_at.astimezone(UTC))
        for name in ("distance_m", "duration_s"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
                raise RunError(f"{name.split('_')[0]} must be a number, not {v!r}")
            object.__setattr__(self, name, float(v))
        if not 0 < self.distance_m <= MAX_DISTANCE_M:
            raise RunError(f"distance must be more than 0 and at most 1000 km, not {self.distance_m:g} m")
        if not 0 <= self.duration_s <= MAX_DURATION_S:
            raise RunError(f"duration must be 0 to 7 days, not {self.duration_s:g} s")
        _score("effort", self.effort)
        _score("pain during", self.pain_during)
        _score("pain after", self.pain_after)
        if not isinstance(self.external_id, str) or len(self.external_id) > 200:
            raise RunError("an activity id must be text of at most 200 characters")
        if not isinstance(self.name, str):
            raise RunError("a run's name must be text")
        printable = "".join(c if c.isprintable() else " " for c in self.name)  # no NUL, ESC sequences...
        object.__setattr__(self, "name", " ".join(printable.split())[:500])
        if self.source not in SOURCES:
            raise RunError(f"unknown source {self.source!r}")
        if not 1970 <= self.started_at.year <= 9998:
            raise RunError(f"start {self.started_at:%Y-%m-%d} is out of range")

    @property
    def key(self) -> str:
        """The dedup key: ``source:id`` when the source gave an id, else the UTC start to the second."""
        if self.external_id:
            return f"{self.source}:{self.external_id}"
        return f"start:{self.started_at:%Y-%m-%dT%H:%M:%SZ}"

    @property
    def pace_s_per_km(self) -> float | None:
        return self.duration_s / (self.distance_m / 1000) if self.duration_s > 0 else None

    def with_id(self, row_id: int) -> Run:
        return replace(self, id=row_id)


def same_activity(a: Run, b: Run) -> bool:
    """The same activity seen twice: same key, or two imported ones starting within ``SAME_START_S`` of each
    other (a GPX file and the Strava CSV line for it). Runs typed in by hand only match by key."""
    if a.key == b.key:
        return True
    if a.source == "manual" or b.source == "manual":
        return False
    return abs((a.started_at - b.started_at).total_seconds()) <= SAME_START_S
