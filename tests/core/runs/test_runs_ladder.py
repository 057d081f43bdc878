"""The return-to-run ladder: starts at the chosen distance, holds on pain or a worse morning, never above the cap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coach.core.programme.outcomes import MorningCheck
from coach.core.programme.rules import Rules
from coach.core.runs import Run
from coach.core.runs.ladder import ladder, ladder_words
from coach.core.runs.load import local_day

T0 = datetime(2025, 3, 3, 7, tzinfo=UTC)  # a Monday


def run(day: float, km: float, pain: int | None = 2, after: int | None = None) -> Run:
    return Run(T0 + timedelta(days=day), km * 1000, km * 360, pain_during=pain, pain_after=after)


def good_mornings(rs, compared="same"):
    return {
        local_day(r.started_at, UTC) + timedelta(days=1): MorningCheck(
            local_day(r.started_at, UTC) + timedelta(days=1), None, compared
        )
        for r in rs
    }


def test_starts_at_the_chosen_distance():
    step = ladder([], T0, start_m=4000, tz=UTC)
    assert step.rung_m == 4000 and step.next_m == 4000 and step.reason.startswith("Start at 4 km")


def test_good_runs_climb_ten_percent_each():
    rs = [run(-7, 3), run(-5, 3.3), run(0, 3.63)]
    step = ladder(rs, T0 + timedelta(days=2), mornings=good_mornings(rs), tz=UTC)
    assert step.rung_m == pytest.approx(3000 * 1.1**3)
    assert not step.holding
    assert "back to usual" in step.reason


def test_pain_above_the_programme_limit_holds():
    rs = [run(-7, 3), run(-5, 3.3, pain=5)]
    step = ladder(rs, T0 + timedelta(days=1), mornings=good_mornings(rs), tz=UTC)
    assert step.holding and step.rung_m == pytest.approx(3300)  # the 3.3 km run hurt: stay
    assert "5/10, above 4/10" in step.reason
    # the limit is the programme's Rules: with a limit of 5 the same run is fine
    step5 = ladder(rs, T0 + timedelta(days=1), mornings=good_mornings(rs), rules=Rules(pain_limit=5), tz=UTC)
    assert not step5.holding and step5.rung_m == pytest.approx(3630)
    # a run shorter than the rung doesn't move it
    short = [run(-7, 3), run(-5, 2.5)]
    s3 = ladder(short, T0, mornings=good_mornings(short), tz=UTC)
    assert s3.holding and s3.rung_m == pytest.approx(3300) and "shorter than 3.3 km" in s3.reason


def test_worse_morning_or_no_morning_check_holds():
    rs = [run(-7, 3)]
    worse = ladder(rs, T0, mornings=good_mornings(rs, "worse"), tz=UTC)
    assert worse.holding and "worse than usual" in worse.reason and worse.rung_m == 3000
    missing = ladder(rs, T0, tz=UTC)
    assert missing.holding and "no pain-after rating or morning check" in missing.reason
    # without a morning check, pain a few hours after back at the usual level counts as back to baseline
    settled = [run(-7, 3, after=2)]
    assert not ladder(settled, T0, baseline=2, tz=UTC).holding
    not_back = ladder(settled, T0, baseline=1, tz=UTC)
    assert not_back.holding and "wasn't back to your usual 1/10" in not_back.reason
    assert not ladder(settled, T0, tz=UTC).holding  # no programme: the limit stands in for the usual level
    # a morning check, when there is one, has the last word
    assert ladder(settled, T0, mornings=good_mornings(settled, "worse"), baseline=2, tz=UTC).holding
    by_pain = {local_day(rs[0].started_at, UTC) + timedelta(days=1): MorningCheck(T0.date(), 5, None)}
    assert ladder(rs, T0, mornings=by_pain, baseline=2, tz=UTC).holding  # 5 >= usual 2 + worse_by 2
    assert not ladder(rs, T0, mornings=by_pain, baseline=5, tz=UTC).holding
    assert "wasn't back" in ladder(rs, T0, mornings=by_pain, baseline=4, tz=UTC).reason


def test_unrated_pain_holds():
    rs = [run(-7, 3, pain=None)]
    assert ladder(rs, T0, mornings=good_mornings(rs), tz=UTC).holding


def test_never_above_the_cap_or_the_spike_rule():
    rs = [run(-7, 2), run(0, 2), run(1, 2), run(1.5, 1.5)]  # this week's cap: 3 × 2 km; 5.5 km run so far
    step = ladder(rs, T0 + timedelta(days=2), mornings=good_mornings(rs), start_m=2000, tz=UTC)
    assert step.rung_m > 2000
    assert step.next_m == 0 and step.limit == "this week's cap of 6 km is reached"
    some = ladder(rs[:3], T0 + timedelta(days=2), mornings=good_mornings(rs), start_m=2000, tz=UTC)
    assert some.rung_m == pytest.approx(2200) and some.next_m == pytest.approx(2000)  # 2 km left this week
    assert some.limit == "only 2 km left under this week's cap"
    big = [run(-14, 5), run(-10, 5), run(-7, 5)]  # rung would be 3 km * 1.1^3 = 4 km; longest 5 km
    s2 = ladder(big, T0, mornings=good_mornings(big), start_m=8000, tz=UTC)
    assert s2.rung_m == 8000 and s2.next_m == pytest.approx(5500)  # 10 % over the longest in 30 days
    assert "10 % over your longest" in s2.limit


def test_a_gap_of_30_days_starts_again():
    rs = [run(-60, 3), run(-58, 3.3)]
    step = ladder(rs, T0, mornings=good_mornings(rs), tz=UTC)
    assert step.rung_m == 3000 and step.reason.startswith("No run in 30 days: the ladder starts again at 3 km")


def test_ladder_words():
    rs = [run(-7, 3, after=1)]
    words = ladder_words(ladder(rs, T0, tz=UTC), "km")
    assert words == (
        "Next run: up to 3.3 km. Pain stayed at 2/10 and settled to 1/10 within hours: the ladder moves up to 3.3 km."
    )
    rest = ladder([run(-7, 2), run(0, 3), run(1, 2.5)], T0 + timedelta(days=2), start_m=2000, tz=UTC)
    assert ladder_words(rest, "km").startswith("Next run: rest until Monday (this week's cap of 6 km is reached). ")
