"""Weekly totals, next week's cap and the 30-day spike rule on hand-made histories."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.core.runs import Run, RunError, next_week_cap, spikes, weekly_totals
from coach.core.runs.advice import advice, load_now
from coach.core.runs.load import DEFAULT_START_M, spike_level
from coach.core.runs.model import same_activity

BERLIN = ZoneInfo("Europe/Berlin")
MON = datetime(2025, 3, 10, 8, tzinfo=UTC)  # a Monday


def run(day: float, km: float, **kw) -> Run:
    return Run(MON + timedelta(days=day), km * 1000, km * 360, **kw)


def test_first_week_with_no_history_caps_at_the_start_distance():
    assert weekly_totals([]) == []
    weeks = weekly_totals([run(0, 2)], UTC)
    assert [(w.start, w.distance_m, w.runs) for w in weeks] == [(date(2025, 3, 10), 2000, 1)]
    assert not weeks[0].over_cap  # nothing to compare with
    assert next_week_cap(0) == 3 * DEFAULT_START_M  # three runs at the start distance
    assert next_week_cap(2000) == 9000  # the floor: 2 km + 10 % is less than starting again
    assert next_week_cap(2000, start_m=2000) == 6000
    assert next_week_cap(10_000) == pytest.approx(11_000)
    assert advice([], MON)[0].startswith("No runs logged yet. Start with 3 km")


def test_example_advice_in_plain_words():
    rs = [run(-7, 6), run(-5, 4), run(0, 5), run(2, 4.2), run(3, 4)]  # last week 10 km, this week 13.2 km
    now = MON + timedelta(days=4)
    words = advice(rs, now, tz=UTC)
    assert "Next week: up to 14.5 km." in words
    assert "Your longest run in the last 30 days is 6 km, so keep any single run under 6.6 km." in words
    assert words[0] == "This week: 13.2 km, over this week's cap of 11 km: rest or run easy until Monday."
    assert "Next week: up to 9 mi." in advice(rs, now, unit="mi", tz=UTC)  # 14.52 km = 9.02 mi, rounded down


def test_gap_of_several_weeks_shows_empty_weeks_and_restarts():
    rs = [run(0, 8), run(2, 8), run(42, 3)]  # six weeks off
    weeks = weekly_totals(rs, UTC)
    assert len(weeks) == 7 and [w.distance_m for w in weeks[1:6]] == [0] * 5
    assert not weeks[-1].over_cap  # 3 km after zero weeks is within the floor
    levels = [s.level for s in spikes(rs)]
    assert levels == ["first", "ok", "first"]  # the 8 km runs are more than 30 days before the comeback
    words = advice(rs[:2], MON + timedelta(days=40), tz=UTC)
    assert any(w.startswith("No run in the last 30 days: start again at 3 km") for w in words)


def test_several_runs_on_one_day_add_up_and_compare_in_order():
    rs = [run(0, 5), run(7, 3), run(7.1, 3), run(7.2, 6)]
    weeks = weekly_totals(rs, UTC)
    assert weeks[1].distance_m == 12_000 and weeks[1].runs == 3 and weeks[1].longest_m == 6000
    assert weeks[1].over_cap  # 12 km against 5 km the week before
    s = spikes(rs)
    assert [x.level for x in s] == ["first", "ok", "ok", "small"]
    assert s[3].longest_before_m == 5000 and s[3].hazard == 1.64 and s[3].broke_rule


@pytest.mark.parametrize(
    ("km", "level", "hazard"),
    [
        (5.5, "ok", 1.0),
        (5.51, "small", 1.64),
        (6.5, "small", 1.64),
        (6.6, "moderate", 1.52),
        (10, "moderate", 1.52),
        (10.1, "large", 2.28),
    ],
)
def test_spike_boundaries(km, level, hazard):
    s = spikes([run(0, 5), run(3, km)])[1]
    assert (s.level, s.hazard) == (level, hazard)
    assert spike_level(km * 1000, None) == "first"


def test_the_30_day_window_is_30_days():
    assert spikes([run(0, 5), run(30, 6)])[1].level == "first"  # exactly 30 days: out of the window
    assert spikes([run(0, 5), run(29.9, 6)])[1].level == "small"


def test_weeks_follow_local_time_across_a_dst_change():
    # Berlin goes to summer time on Sunday 30 March 2025. 23:30 local on Sunday is still last week; 00:30 local on
    # Monday (22:30 UTC on Sunday) is the new week, though UTC says Sunday.
    sun = Run(datetime(2025, 3, 30, 23, 30, tzinfo=BERLIN), 5000, 1800)
    mon = Run(datetime(2025, 3, 31, 0, 30, tzinfo=BERLIN), 4000, 1500)
    assert mon.started_at.weekday() == 6  # stored as UTC: a Sunday
    weeks = weekly_totals([sun, mon], BERLIN)
    assert [(w.start, w.distance_m) for w in weeks] == [(date(2025, 3, 24), 5000), (date(2025, 3, 31), 4000)]
    assert [(w.start, w.distance_m) for w in weeks_utc(sun, mon)] == [(date(2025, 3, 24), 9000)]
    # and on the autumn change (26 October) a run at 02:30 that happens twice still lands in its week
    a = Run(datetime(2025, 10, 26, 2, 30, fold=1, tzinfo=BERLIN), 3000, 900)
    assert weekly_totals([a], BERLIN)[0].start == date(2025, 10, 20)


def weeks_utc(*rs: Run):
    return weekly_totals(rs, UTC)


def test_weekly_totals_run_until_today():
    weeks = weekly_totals([run(0, 5)], UTC, until=date(2025, 3, 26))
    assert [w.start for w in weeks] == [date(2025, 3, 10), date(2025, 3, 17), date(2025, 3, 24)]
    ahead = weekly_totals([run(0, 5), run(14, 4)], UTC, until=date(2025, 3, 12))  # a run dated after "today"
    assert [w.distance_m for w in ahead] == [5000, 0, 4000]


def test_load_now_this_week_and_last_spike():
    rs = [run(-7, 4), run(1, 9)]
    ld = load_now(rs, MON + timedelta(days=2), UTC)
    assert ld.this_week_m == 9000 and ld.this_week_cap_m == pytest.approx(9000)  # 4 km + 10 %, or the 9 km floor
    assert ld.last_spike is not None and ld.last_spike.level == "large"
    assert ld.single_run_max_m == pytest.approx(9900)


@pytest.mark.parametrize(
    "kw",
    [
        {"distance_m": 0},
        {"distance_m": -1},
        {"distance_m": float("nan")},
        {"duration_s": -5},
        {"pain_during": 11},
        {"effort": -1},
        {"pain_after": True},
        {"source": "csv"},
        {"started_at": datetime(2025, 1, 1)},
    ],
)
def test_impossible_runs_are_refused(kw):
    base = {"started_at": MON, "distance_m": 5000, "duration_s": 1800}
    with pytest.raises(RunError):
        Run(**{**base, **kw})


def test_same_activity_by_key_or_close_start():
    a = Run(MON, 5000, 1800, source="gpx")
    assert a.key == "start:2025-03-10T08:00:00Z"
    assert Run(MON, 5000, 1800, source="strava", external_id="123").key == "strava:123"
    assert same_activity(a, Run(MON + timedelta(seconds=90), 5100, 1800, source="strava", external_id="9"))
    assert not same_activity(a, Run(MON + timedelta(seconds=200), 5100, 1800, source="fit"))
    assert not same_activity(Run(MON, 5000, 1800), Run(MON + timedelta(seconds=1), 5000, 1800))


def test_the_sliding_window_matches_the_plain_rule():
    """``spikes`` (one pass) agrees with ``longest_before`` run by run on a long, irregular history."""
    import random

    from coach.core.runs import longest_before

    rng = random.Random(5)
    rs, t = [], MON
    for _ in range(400):
        t += timedelta(hours=rng.choice([0, 0, 5, 20, 30, 48, 70, 24 * 12]))  # same-second runs, gaps, a long break
        rs.append(Run(t, rng.uniform(1000, 15000), 1800))
    for s in spikes(rs):
        assert s.longest_before_m == longest_before(rs, s.run.started_at, exclude=s.run)
