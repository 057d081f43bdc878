"""The run log's one door (no Qt): save runs, and everything the load view, the Today card and ``coach runs load``
show, from the runs in the history, the programme's morning checks, its usual-pain baseline and its Rules.

"Now" comes from the injected wall clock (Unix seconds); weeks are local (``tz``; None = this machine's zone).
Store problems raise ``StoreError`` (a CoachError).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from coach.core.programme.rules import Rules
from coach.core.programme.tracker import state_from_json
from coach.core.runs import Run, Spike, WeekTotal, spikes, weekly_totals
from coach.core.runs.advice import LOOK_BACK, Load, advice, load_now
from coach.core.runs.ladder import LadderStep, ladder
from coach.core.runs.load import DEFAULT_START_M, WINDOW, local_day
from coach.core.runs.units import Unit
from coach.store.db import HistoryStore


@dataclass(frozen=True)
class RunSummary:
    runs: list[Run]  # oldest first
    weeks: list[WeekTotal]  # from the first run's week to this week, empty weeks included
    spikes: list[Spike]  # one per run, same order
    load: Load
    advice: list[str]
    ladder: LadderStep
    ladder_start_m: float = (
        DEFAULT_START_M  # the runner's chosen start: the ladder's first rung; the cap's floor is 3 of them
    )


@dataclass(frozen=True)
class CardSummary:
    has_runs: bool  # any run is logged
    ladder: LadderStep
    advice: list[str]


@dataclass(frozen=True)
class Saved:
    added: int
    duplicates: int


class RunsDesk:
    def __init__(
        self,
        store: HistoryStore,
        wall: Callable[[], float],
        rules: Rules | None = None,
        tz: tzinfo | None = None,
    ):
        self.store, self.wall, self.tz = store, wall, tz
        self.rules = (rules or Rules()).checked()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.wall(), UTC)

    def save(self, runs: list[Run]) -> Saved:
        """Save runs (one transaction); the same activity twice (in the list or in the history) is saved once."""
        added = self.store.add_runs(runs, self.wall())
        return Saved(added, len(runs) - added)

    def baseline(self) -> int | None:
        """The usual pain the programme asked at its start (None without a programme)."""
        text = self.store.programme_state()
        if text is None:
            return None
        try:
            return state_from_json(text)[0].baseline
        except (ValueError, KeyError, TypeError):
            return None

    def summary(self, unit: Unit = "km", start_m: float = DEFAULT_START_M) -> RunSummary:
        """Everything the Runs page shows, from every run."""
        runs = self.store.runs()
        now = self.now()
        return RunSummary(
            runs=runs,
            weeks=weekly_totals(runs, self.tz, until=local_day(now, self.tz), start_m=start_m) if runs else [],
            spikes=spikes(runs),
            load=load_now(runs, now, self.tz, start_m),
            advice=advice(runs, now, unit, self.tz, start_m),
            ladder=self._ladder(runs, now, unit, start_m),
            ladder_start_m=start_m,
        )

    def card(self, unit: Unit = "km", start_m: float = DEFAULT_START_M) -> CardSummary:
        """What Today's card shows: the same ladder and advice as ``summary``, read from only the runs they depend
        on: the last ``LOOK_BACK`` (and any dated later), and the runs since the ladder last started again (a run
        after more than 30 days without one); before that the ladder's past doesn't matter."""
        now = self.now()
        since = now - LOOK_BACK
        # A second more than 30 days, and runs up to a millisecond before now: when rounding blurs an edge, the
        # streak found starts earlier (more runs read), never later.
        streak = self.store.streak_start(now - timedelta(milliseconds=1), WINDOW.total_seconds() + 1.0)
        if streak is not None:
            since = min(since, streak - timedelta(seconds=1))  # the streak's first run itself, whatever the rounding
        runs = self.store.runs(since=since)
        return CardSummary(
            bool(runs), self._ladder(runs, now, unit, start_m), advice(runs, now, unit, self.tz, start_m)
        )

    def _ladder(self, runs: list[Run], now: datetime, unit: Unit, start_m: float) -> LadderStep:
        return ladder(
            runs,
            now,
            start_m=start_m,
            mornings=self.store.morning_checks(),
            baseline=self.baseline(),
            rules=self.rules,
            unit=unit,
            tz=self.tz,
        )
