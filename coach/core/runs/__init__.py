"""Runs and their load: the run log's record (``model``), weekly totals, next week's cap and the per-run spike
rule (``load``), advice in plain words (``advice``), the return-to-run ladder (``ladder``) and km / miles
(``units``). Pure: no Qt, no store; callers pass the runs, the time zone and the morning checks.
"""

from coach.core.runs.advice import advice
from coach.core.runs.load import (
    Spike,
    WeekTotal,
    longest_before,
    next_week_cap,
    spikes,
    week_start,
    weekly_totals,
)
from coach.core.runs.model import Run, RunError

__all__ = [
    "Run",
    "RunError",
    "Spike",
    "WeekTotal",
    "advice",
    "longest_before",
    "next_week_cap",
    "spikes",
    "week_start",
    "weekly_totals",
]
