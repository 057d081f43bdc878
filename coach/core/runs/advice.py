"""The load advice in plain words: this week, next week's cap, the longest-run limit and the last spike.

"Next week: up to 14.5 km. Your longest run in the last 30 days is 6 km, so keep any single run under 6.6 km."
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from coach.core.runs import units
from coach.core.runs.load import (
    DEFAULT_START_M,
    SPIKE_FROM,
    WINDOW,
    Spike,
    local_day,
    longest_before,
    next_week_cap,
    spikes,
    week_cap,
    week_start,
)
from coach.core.runs.model import Run
from coach.core.runs.units import Unit

STUDY = "in a study of 5,205 runners (Frandsen et al., 2025)"
# How far back the load looks: a spike counts when it was in the last 30 days, and it is judged against the 30
# days before it; this week's cap comes from last week (at most 13 days back).
LOOK_BACK = 2 * WINDOW


@dataclass(frozen=True)
class Load:
    """The numbers behind the advice, as of ``now`` (metres)."""

    this_week_m: float
    this_week_cap_m: float  # last week + 10 % (at least the floor)
    next_week_cap_m: float
    longest_30d_m: float | None  # the longest run in the 30 days before now
    single_run_max_m: float | None  # longest_30d + 10 %: above it a run is a spike
    last_spike: Spike | None  # the latest run that broke the rule, if in the last 30 days


def load_now(runs: Sequence[Run], now: datetime, tz: tzinfo | None = None, start_m: float = DEFAULT_START_M) -> Load:
    """The load as of ``now``. Only runs of the last ``LOOK_BACK`` (and any dated after ``now``) can change it, so
    only those are walked: years of runs cost no more than two months'."""
    runs = [r for r in runs if now - r.started_at < LOOK_BACK]
    today = local_day(now, tz)
    monday = week_start(today)
    this_week = sum(r.distance_m for r in runs if week_start(local_day(r.started_at, tz)) == monday)
    longest = longest_before(runs, now)
    recent = [s for s in spikes(runs) if s.broke_rule and (now - s.run.started_at).days < 30]
    return Load(
        this_week_m=this_week,
        this_week_cap_m=week_cap(runs, today, tz, start_m),
        next_week_cap_m=next_week_cap(this_week, start_m),
        longest_30d_m=longest,
        single_run_max_m=None if longest is None else longest * (1 + SPIKE_FROM),
        last_spike=recent[-1] if recent else None,
    )


def spike_words(s: Spike, unit: Unit, tz: tzinfo | None = None) -> str:
    """One sentence on a run that broke the 30-day rule."""
    ratio = s.ratio or 0.0
    day = local_day(s.run.started_at, tz)
    longer = "more than double" if s.level == "large" else f"{ratio - 1:.0%} longer than"
    return (
        f"Your run on {day:%a %d %b} ({units.distance(s.run.distance_m, unit)}) was {longer} your longest in the "
        f"30 days before ({units.distance(s.longest_before_m or 0.0, unit)}): runs like that had {s.hazard:.2f}× "
        f"the injury rate {STUDY}."
    )


def advice(
    runs: Sequence[Run], now: datetime, unit: Unit = "km", tz: tzinfo | None = None, start_m: float = DEFAULT_START_M
) -> list[str]:
    """The advice as short sentences, most important first."""
    if not runs:
        return [
            f"No runs logged yet. Start with {units.distance(start_m, unit)} at an easy, conversational pace "
            "(effort 3–4/10), and keep pain at or below 3–4/10."
        ]
    ld = load_now(runs, now, tz, start_m)
    done, cap = units.distance(ld.this_week_m, unit), units.distance(ld.this_week_cap_m, unit, down=True)
    out = [
        f"This week: {done} of up to {cap}."
        if ld.this_week_m <= ld.this_week_cap_m
        else f"This week: {done}, over this week's cap of {cap}: rest or run easy until Monday.",
        f"Next week: up to {units.distance(ld.next_week_cap_m, unit, down=True)}.",
    ]
    if ld.longest_30d_m is None or ld.single_run_max_m is None:
        out.append(
            f"No run in the last 30 days: start again at {units.distance(start_m, unit)} at an easy pace, "
            "whatever you ran before."
        )
    else:
        out.append(
            f"Your longest run in the last 30 days is {units.distance(ld.longest_30d_m, unit)}, so keep any single "
            f"run under {units.distance(ld.single_run_max_m, unit, down=True)}."
        )
    if ld.last_spike is not None:
        out.append(spike_words(ld.last_spike, unit, tz))
    return out
