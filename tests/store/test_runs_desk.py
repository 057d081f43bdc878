"""RunsDesk, the run log's door: save and summarise; and the programme's morning check asked after a run."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from coach.core.programme.outcomes import MorningCheck
from coach.core.runs import Run
from coach.store import HistoryStore
from coach.store.programme_desk import ProgrammeDesk
from coach.store.runs_desk import RunsDesk

NOW = datetime(2025, 5, 8, 18, 0, tzinfo=UTC)  # a Thursday


def desk() -> RunsDesk:
    return RunsDesk(HistoryStore(sqlite3.connect(":memory:")), lambda: NOW.timestamp(), tz=UTC)


def test_save_counts_duplicates_and_the_summary_uses_the_morning_checks():
    d = desk()
    r = Run(NOW - timedelta(days=3), 3000, 1100, pain_during=2, source="gpx")
    assert (d.save([r, r]).added, d.save([r]).duplicates) == (1, 1)
    s = d.summary("km", 3000)
    assert s.ladder.holding and "no pain-after rating or morning check" in s.ladder.reason
    d.store.add_morning_check(MorningCheck((NOW - timedelta(days=2)).date(), None, "same"), NOW.timestamp())
    s = d.summary("km", 3000)
    assert not s.ladder.holding and s.ladder.rung_m == pytest.approx(3300)
    assert [w.distance_m for w in s.weeks] == [3000] and s.load.this_week_m == 3000
    assert s.advice[0] == "This week: 3 km of up to 9 km." and s.ladder_start_m == 3000  # a first week: 3 runs


def test_the_programme_asks_the_morning_check_the_day_after_a_run():
    store = HistoryStore(sqlite3.connect(":memory:"))
    pd = ProgrammeDesk(store, [], [], lambda: NOW.timestamp())
    assert pd.morning_due() is None
    store.add_run(Run(datetime.now(UTC).replace(hour=12) - timedelta(days=1), 4000, 1500))
    pd = ProgrammeDesk(store, [], [], lambda: datetime.now(UTC).replace(hour=12).timestamp())
    assert pd.morning_due() == pd.today()
