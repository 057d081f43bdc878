"""Weekly load and the per-run spike rule.

Weeks start on Monday, in the runner's local time (``tz``; None = this machine's zone), so a run at 00:30 on
a Monday counts in the new week even across a daylight-saving change.

Next week's cap: this week's distance + 10 % (``ADVICE_RISE``), the bottom of the 10-15 % the graded-return
rule allows. The advice uses the bottom so that a runner who overshoots a little is still inside the rule;
a week more than 15 % (``HARD_RISE``) above the week before is flagged as over the cap. After a gap, or in a
first week, "this week + 10 %" would be next to nothing, so the cap is never below ``FLOOR_RUNS`` runs at the
ladder's start distance ``start_m`` (the seed: start again at 2-3 miles whatever you ran before; three runs, as
the programme's three sessions a week). The ladder and the spike rule still keep each single run short.

The spike rule (Frandsen et al., BJSM 2025, 5,205 runners, 588,071 sessions): a run compared with the
longest run of the previous 30 days. Up to 10 % longer is the reference; 10-30 % longer ("small") had
1.64× the injury rate, 30-100 % ("moderate") 1.52× and more than double ("large") 2.28×. A run with no run
in the 30 days before has no reference ("first").
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Literal

from coach.core.runs.model import Run

ADVICE_RISE = 0.10  # next week's cap, as advised: this week + 10 %
HARD_RISE = 0.15  # a week this much above the one before is over the cap
DEFAULT_START_M = 3000.0  # the ladder's default start (about 2 miles)
FLOOR_RUNS = 3  # the weekly cap is never below this many runs at the start distance
WINDOW = timedelta(days=30)
SPIKE_FROM = 0.10  # a run more than 10 % over the longest in 30 days is a spike

SpikeLevel = Literal["first", "ok", "small", "moderate", "large"]
HAZARD: dict[SpikeLevel, float] = {"first": 1.0, "ok": 1.0, "small": 1.64, "moderate": 1.52, "large": 2.28}


@dataclass(frozen=True)
class WeekTotal:
    start: date  # the Monday, local
    distance_m: float
    runs: int
    longest_m: float
    over_cap: bool = False  # more than HARD_RISE above the week before (and above the floor)


@dataclass(frozen=True)
class Spike:
    run: Run
    level: SpikeLevel
    longest_before_m: float | None  # the longest run in the 30 days before this one (None: none)

    @property
    def ratio(self) -> float | None:
        return None if not self.longest_before_m else self.run.distance_m / self.longest_before_m

    @property
    def hazard(self) -> float:
        """The injury-rate ratio the study found for this level (1.0 = the reference)."""
        return HAZARD[self.level]

    @property
    def broke_rule(self) -> bool:
        return self.level in ("small", "moderate", "large")


def local_day(t: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day of ``t`` in ``tz`` (None: this machine's zone)."""
    return t.astimezone(tz).date()


def week_start(d: date) -> date:
    """The Monday of ``d``'s week."""
    return d - timedelta(days=d.weekday())


def _sorted(runs: Iterable[Run]) -> list[Run]:
    return sorted(runs, key=lambda r: r.started_at)


def weekly_totals(
    runs: Iterable[Run],
    tz: tzinfo | None = None,
    *,
    until: date | None = None,
    start_m: float = DEFAULT_START_M,
) -> list[WeekTotal]:
    """Every week from the first run's to ``until``'s (default: the last run's), empty weeks included, oldest
    first."""
    rs = _sorted(runs)
    if not rs and until is None:
        return []
    per: dict[date, list[Run]] = {}
    for r in rs:
        per.setdefault(week_start(local_day(r.started_at, tz)), []).append(r)
    last = week_start(until) if until is not None else max(per)
    first = min(per) if per else last
    last = max(last, first, *per)  # a run dated after ``until`` (a clock set wrong) still shows
    out: list[WeekTotal] = []
    prev = 0.0
    w = first
    while w <= last:
        got = per.get(w, [])
        dist = sum(r.distance_m for r in got)
        over = bool(out) and dist > max(prev * (1 + HARD_RISE), FLOOR_RUNS * start_m) + 1e-6
        out.append(WeekTotal(w, dist, len(got), max((r.distance_m for r in got), default=0.0), over))
        prev = dist
        w += timedelta(days=7)
    return out


def next_week_cap(this_week_m: float, start_m: float = DEFAULT_START_M) -> float:
    """Next week's advised most (metres): this week + ADVICE_RISE, never below FLOOR_RUNS runs of ``start_m``."""
    return max(this_week_m * (1 + ADVICE_RISE), FLOOR_RUNS * start_m)


def week_cap(runs: Iterable[Run], week: date, tz: tzinfo | None = None, start_m: float = DEFAULT_START_M) -> float:
    """The advised most for the week starting ``week``'s Monday: the week before + ADVICE_RISE."""
    monday = week_start(week)
    before = monday - timedelta(days=7)
    total = sum(r.distance_m for r in runs if week_start(local_day(r.started_at, tz)) == before)
    return next_week_cap(total, start_m)


def longest_before(runs: Sequence[Run], t: datetime, *, exclude: Run | None = None) -> float | None:
    """The longest run that started in the 30 days before ``t`` (metres; None: none). Runs starting at ``t``
    itself are not "before" it."""
    best: float | None = None
    for r in runs:
        if r is exclude or not (t - WINDOW < r.started_at < t):
            continue
        best = r.distance_m if best is None else max(best, r.distance_m)
    return best


def spike_level(distance_m: float, longest_m: float | None) -> SpikeLevel:
    if not longest_m:
        return "first"
    ratio = distance_m / longest_m
    if ratio <= 1 + SPIKE_FROM + 1e-9:
        return "ok"
    if ratio <= 1.30 + 1e-9:
        return "small"
    if ratio <= 2.0 + 1e-9:
        return "moderate"
    return "large"


def spikes(runs: Iterable[Run]) -> list[Spike]:
    """Every run, oldest first, classified against the longest run of the 30 days before it. Several runs on
    one day count in order: the second is compared with the first (runs starting at the same second are not
    before each other). One pass with a sliding-window maximum: O(n) for years of runs."""
    rs = _sorted(runs)
    out = []
    window: deque[int] = deque()  # indices of runs in the window, their distances decreasing
    added = 0  # runs rs[:added] have entered the window
    for r in rs:
        while added < len(rs) and rs[added].started_at < r.started_at:
            while window and rs[window[-1]].distance_m <= rs[added].distance_m:
                window.pop()
            window.append(added)
            added += 1
        while window and rs[window[0]].started_at <= r.started_at - WINDOW:
            window.popleft()
        longest = rs[window[0]].distance_m if window else None
        out.append(Spike(r, spike_level(r.distance_m, longest), longest))
    return out
