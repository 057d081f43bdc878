"""Today's run card reads only the recent runs (``RunsDesk.card``), yet shows exactly what the whole log gives:
compared, on a six-year log with breaks, spikes, morning checks and a run dated in the future, with the summary
made from every run the way it was made before (``load_now`` walking every run)."""

from __future__ import annotations

import importlib
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.core.programme.outcomes import MorningCheck
from coach.core.programme.progression import ProgrammeState
from coach.core.programme.tracker import state_to_json
from coach.core.runs import Run
from coach.store import HistoryStore
from coach.store.runs_desk import RunsDesk

FIRST = datetime(2019, 3, 4, 7, 0, tzinfo=UTC)
advice_module = importlib.import_module("coach.core.runs.advice")  # the package re-exports a function of that name
TZ = ZoneInfo("Europe/Berlin")  # daylight saving moves the local weeks' edges twice a year


def big_log(store: HistoryStore, rng: random.Random) -> tuple[list[datetime], datetime]:
    """About 800 runs over six years: streaks of runs every 1-4 days, broken by gaps of 20-70 days (one of
    exactly 30 days, which doesn't restart the ladder, one of 30 days and a second, which does), long runs now
    and then (spikes), pains often missing, a morning check after about half the runs, one run dated a week
    after the end. Returns the times just after each gap, and the end."""
    t, runs, after_gaps = FIRST, [], []
    gaps = iter(
        [timedelta(days=30), timedelta(days=30, seconds=1)] + [timedelta(days=rng.uniform(20, 70)) for _ in range(40)]
    )
    k = 0
    while t < FIRST + timedelta(days=6 * 365):
        km = rng.uniform(2, 9) * (rng.choice((1, 1, 1, 1.25, 1.6, 2.3)))
        pain = lambda: rng.choice((None, 0, 1, 2, 3, 4, 5, 6))  # noqa: E731
        runs.append(Run(t, km * 1000, km * 330, rng.randint(2, 8), pain(), pain(), name=f"r{k}"))
        if rng.random() < 0.5:
            day = t.astimezone(TZ).date() + timedelta(days=1)
            compared = rng.choice((None, "better", "same", "worse"))
            store.add_morning_check(MorningCheck(day, rng.randint(0, 6) if compared is None else pain(), compared), 0.0)
        k += 1
        if k % 100 == 0:
            t += next(gaps)
            after_gaps.append(t)
        else:
            t += timedelta(days=rng.uniform(1, 4), seconds=rng.randint(0, 3600))
    end = runs[-1].started_at + timedelta(hours=20)
    runs.append(Run(end + timedelta(days=7), 5000, 1600, name="a clock set wrong"))
    store.add_runs(runs, 0.0)
    return after_gaps, end


@pytest.fixture(scope="module")
def logged():
    store = HistoryStore(sqlite3.connect(":memory:"))
    after_gaps, end = big_log(store, random.Random(7))
    # a programme with a usual pain of 2: the ladder judges a run without a morning check by it
    state = ProgrammeState("p", FIRST.date(), 0, FIRST.date(), {}, baseline=2)
    store.save_programme(state_to_json(state, 0.0), [], 0.0)
    return store, after_gaps, end


def whole_log_summary(store: HistoryStore, now: datetime, unit, monkeypatch):
    """The summary from every run, with the load walking every run too (as before the card read less)."""
    with monkeypatch.context() as m:
        m.setattr(advice_module, "LOOK_BACK", timedelta(days=10**6))
        return RunsDesk(store, lambda: now.timestamp(), tz=TZ).summary(unit, 3000.0)


def moments(after_gaps: list[datetime], end: datetime) -> list[datetime]:
    """Just before and after each break, deep inside breaks, mid-streak, at the end and past it."""
    out = [end, end + timedelta(days=40), end + timedelta(days=75), FIRST + timedelta(days=1)]
    for t in after_gaps:
        out += [t - timedelta(days=1), t + timedelta(hours=1), t + timedelta(days=3), t + timedelta(days=45)]
    return out


def test_the_card_shows_what_the_whole_log_gives(logged, monkeypatch):
    store, after_gaps, end = logged
    checked = 0
    for now in moments(after_gaps, end):
        for unit in ("km", "mi"):
            card = RunsDesk(store, lambda now=now: now.timestamp(), tz=TZ).card(unit, 3000.0)
            whole = whole_log_summary(store, now, unit, monkeypatch)
            assert card.ladder == whole.ladder, now
            assert card.advice == whole.advice, now
            assert card.has_runs
            checked += 1
    assert checked >= 2 * 4 * 8
    rungs = {
        RunsDesk(store, lambda now=now: now.timestamp(), tz=TZ).card().ladder.rung_m for now in moments(*logged[1:])
    }
    assert len(rungs) > 5  # the moments really differ: climbing ladders, restarts, holds


def test_the_card_reads_only_the_runs_its_numbers_depend_on(logged):
    store, after_gaps, end = logged
    every = store.runs()
    starts = [r.started_at for r in every]
    restart = next(t for t in after_gaps[2:] if t - starts[starts.index(t) - 1] > timedelta(days=31))
    read: list[list[Run]] = []
    real = store.runs

    def counting(since=None, until=None):
        read.append(real(since, until))
        return read[-1]

    store.runs = counting  # type: ignore[method-assign]
    try:
        for now in (restart + timedelta(days=3), end):
            RunsDesk(store, lambda now=now: now.timestamp(), tz=TZ).card()
    finally:
        del store.runs
    assert len(every) > 700
    assert read[0][0].started_at >= restart - timedelta(days=60)  # three days into a streak: the two months before
    assert read[1][0].started_at >= after_gaps[-1] - timedelta(days=60)  # the last streak (or the two months before)
    assert len(read[1]) < len(every) / 4


def test_a_gap_of_exactly_30_days_keeps_the_ladder_and_a_second_more_restarts_it():
    store = HistoryStore(sqlite3.connect(":memory:"))
    t0 = datetime(2025, 1, 6, 8, tzinfo=UTC)
    ok = dict(pain_during=1, pain_after=1)
    runs = [Run(t0 + timedelta(days=2 * i), 3000 * 1.1**i, 1000, **ok) for i in range(5)]  # climbs every run
    store.add_runs(runs, 0.0)
    last = runs[-1].started_at
    for gap, rung in ((timedelta(days=30), 3000 * 1.1**6), (timedelta(days=30, seconds=1), 3000 * 1.1)):
        s = HistoryStore(sqlite3.connect(":memory:"))
        s.add_runs([*runs, Run(last + gap, 3000 * 1.1**5, 1000, **ok)], 0.0)
        now = last + gap + timedelta(hours=5)
        d = RunsDesk(s, lambda now=now: now.timestamp(), tz=UTC)
        assert d.card().ladder == d.summary().ladder
        assert d.card().ladder.rung_m == pytest.approx(rung)
    s = HistoryStore(sqlite3.connect(":memory:"))
    s.add_runs([*runs, Run(last + timedelta(days=40), 3000, 1000, **ok)], 0.0)
    for now in (last + timedelta(days=40), last + timedelta(days=40, microseconds=1)):  # a run starting right now
        d = RunsDesk(s, lambda now=now: now.timestamp(), tz=UTC)
        assert d.card().ladder == d.summary().ladder and d.card().advice == d.summary().advice
    assert store.streak_start(last, 30 * 86400 + 1.0) == t0
    assert store.streak_start(t0 - timedelta(seconds=1), 1.0) is None  # no run at or before then
