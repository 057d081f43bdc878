"""The return-to-run ladder: how far the next run should be, following the seed's rule.

- It starts from the runner's chosen distance (``start_m``; the seed: 2-3 miles at a conversational pace, even
  after 6-8-mile runs), and starts again there after 30 days without a run.
- A run at (or within 5 % of) the current rung moves the ladder up 10 % when it went well: pain during and
  after at or below the programme's limit (``Rules.pain_limit``, the same one the exercises use) and the next
  morning back to usual (the programme's own morning checks and ``morning_state``), or, with no morning check,
  pain a few hours after back at the usual level (the programme's baseline; without a programme, the limit).
- It holds when pain went above the limit, the next morning was worse, or either wasn't rated (a missing
  rating never counts as a good one, as in the programme).
- The suggestion never goes above this week's cap (what is left of it) nor above the longest run of the last
  30 days + 10 % (the spike rule).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from coach.core.programme.outcomes import MorningCheck
from coach.core.programme.progression import morning_state
from coach.core.programme.rules import Rules
from coach.core.runs import units
from coach.core.runs.advice import load_now
from coach.core.runs.load import DEFAULT_START_M, SPIKE_FROM, WINDOW, local_day
from coach.core.runs.model import Run
from coach.core.runs.units import Unit

STEP = SPIKE_FROM  # a rung is 10 % longer than the one below (the same 10 % as the spike rule)
AT_RUNG = 0.95  # a run this share of the rung or more counts as running it
MIN_RUN_M = 1000.0  # less than this left in the week: rest until Monday


@dataclass(frozen=True)
class LadderStep:
    rung_m: float  # where the ladder is (metres)
    next_m: float  # the suggested next run: the rung, limited by the cap and the spike rule (0: rest)
    holding: bool  # the last run kept the ladder where it was
    reason: str  # why, in plain words
    limit: str = ""  # what limited the suggestion below the rung ("" = nothing)


def verdict(run: Run, morning: MorningCheck | None, baseline: int | None, rules: Rules) -> tuple[str, str]:
    """("good" | "flare" | "unknown", why) for one run.

    Back to baseline: the next morning's check says so (the programme's ``morning_state``), or, without a
    morning check, the pain a few hours after the run was rated and at or below the usual level (the baseline;
    without one, the limit)."""
    limit = rules.pain_limit
    state = morning_state(morning, baseline, rules)
    if run.pain_during is not None and run.pain_during > limit:
        return "flare", f"pain during your last run went to {run.pain_during}/10, above {limit}/10"
    if run.pain_after is not None and run.pain_after > limit:
        return "flare", f"pain after your last run went to {run.pain_after}/10, above {limit}/10"
    if state == "worse":
        return "flare", "the morning after your last run was worse than usual"
    if run.pain_during is None:
        return "unknown", "your last run has no pain rating (rate it to move up)"
    if state == "back":
        return "good", f"pain stayed at {run.pain_during}/10 and the next morning was back to usual"
    usual = limit if baseline is None else baseline
    if morning is None and run.pain_after is not None and run.pain_after <= usual:
        return "good", f"pain stayed at {run.pain_during}/10 and settled to {run.pain_after}/10 within hours"
    if morning is None and run.pain_after is None:
        return "unknown", "your last run has no pain-after rating or morning check (add one to move up)"
    if morning is None:
        return "unknown", f"pain after your last run ({run.pain_after}/10) wasn't back to your usual {usual}/10"
    return "unknown", "the morning after your last run wasn't back to your usual pain"


def ladder(
    runs: Sequence[Run],
    now: datetime,
    *,
    start_m: float = DEFAULT_START_M,
    mornings: Mapping[date, MorningCheck] | None = None,
    baseline: int | None = None,
    rules: Rules | None = None,
    unit: Unit = "km",
    tz: tzinfo | None = None,
) -> LadderStep:
    """The next run on the ladder as of ``now``, from the runs so far (any order) and the morning checks."""
    rules = (rules or Rules()).checked()
    mornings = mornings or {}
    rs = sorted((r for r in runs if r.started_at <= now), key=lambda r: r.started_at)
    rung, holding = start_m, False
    reason = f"start at {units.distance(start_m, unit)}, at an easy, conversational pace (effort 3–4/10)"
    prev: Run | None = None
    last: tuple[str, str] | None = None  # the last run's (what it did to the ladder, why): only it is put in words
    for r in rs:
        if prev is not None and r.started_at - prev.started_at > WINDOW:
            rung = start_m  # a long gap: start again
        prev = r
        word, why = verdict(r, mornings.get(local_day(r.started_at, tz) + timedelta(days=1)), baseline, rules)
        if word == "good" and r.distance_m >= rung * AT_RUNG:
            rung, holding, last = rung * (1 + STEP), False, ("up", why)
        else:
            holding, last = True, ("short" if word == "good" else "stay", why)
    if last is not None:
        there = units.distance(rung, unit)
        how, why = last
        if how == "up":
            reason = f"{why}: the ladder moves up to {there}"
        elif how == "short":
            reason = f"{why}, but it was shorter than {there}: run that before moving up"
        else:
            reason = f"{why}: the ladder stays at {there}"
    if prev is not None and now - prev.started_at > WINDOW:
        rung, holding = start_m, False
        reason = f"no run in 30 days: the ladder starts again at {units.distance(start_m, unit)}"
    ld = load_now(rs, now, tz, start_m)
    left = max(0.0, ld.this_week_cap_m - ld.this_week_m)
    nxt, limit = rung, ""
    if ld.single_run_max_m is not None and ld.single_run_max_m < nxt:
        nxt = ld.single_run_max_m
        limit = f"kept under {units.distance(nxt, unit, down=True)}: 10 % over your longest run in 30 days"
    if left < nxt:
        nxt = left
        limit = f"only {units.distance(left, unit, down=True)} left under this week's cap"
    if nxt < MIN_RUN_M:
        nxt = 0.0
        limit = f"this week's cap of {units.distance(ld.this_week_cap_m, unit, down=True)} is reached"
    return LadderStep(rung, nxt, holding, reason[0].upper() + reason[1:] + ".", limit)


def ladder_words(step: LadderStep, unit: Unit) -> str:
    """ "Next run: up to 4.4 km. Pain stayed at 2/10 ...: the ladder moves up to 4.4 km." (Today, Runs, CLI)."""
    if step.next_m == 0:
        head = f"Next run: rest until Monday ({step.limit})."
    else:
        nxt = units.distance(step.next_m, unit, down=True)
        head = f"Next run: up to {nxt}" + (f" ({step.limit})." if step.limit else ".")
    return f"{head} {step.reason}"
