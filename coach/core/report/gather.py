"""Everything a physio's report shows, gathered from plain inputs (pure): who, the date range, the programme's
phase and week, adherence, pain before / after / next morning, pelvic-drop peaks per side per week, weekly running
distance with its cap, the current doses and the last decisions, and a table per session with the notes.

Dates are local calendar days; the range is inclusive. Session times are Unix seconds (``SessionRecord``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coach.core.programme.model import Programme
from coach.core.programme.outcomes import MorningCheck, local_day
from coach.core.programme.progression import Decision, ProgrammeState
from coach.core.record import SessionRecord
from coach.core.report.drops import DROP_THRESHOLD_DEG, WeekDrops, week_start, weekly_drops
from coach.core.report.programme import Adherence, DecisionLine, adherence, dose_lines, last_decisions, phase_line
from coach.core.report.sessions import SessionTable, session_table

DEFAULT_WEEKS = 6
RunWeeks = list[tuple[date, float]]  # (Monday, km run that week)


def default_range(today: date, weeks: int = DEFAULT_WEEKS) -> tuple[date, date]:
    """The last ``weeks`` weeks up to and including ``today``."""
    return today - timedelta(days=7 * weeks - 1), today


@dataclass(frozen=True)
class PainSeries:
    """Pain 0-10. ``sessions``: (start, Unix s; before or None; after or None); ``mornings``: (the next
    morning's date, pain) for sessions in the range."""

    sessions: list[tuple[float, int | None, int | None]]
    mornings: list[tuple[date, int]]

    @property
    def empty(self) -> bool:
        return not self.mornings and all(b is None and a is None for _, b, a in self.sessions)

    def weekly(self) -> dict[str, list[tuple[date, float]]]:
        """Mean pain per Monday-Sunday week ("before", "after", "morning"), weeks with no rating left out: a year
        of sessions reads better as weekly means than as 150 points."""
        sums: dict[str, dict[date, list[int]]] = {"before": {}, "after": {}, "morning": {}}
        for t, before, after in self.sessions:
            monday = week_start(local_day(t))
            for key, v in (("before", before), ("after", after)):
                if v is not None:
                    sums[key].setdefault(monday, []).append(v)
        for d, v in self.mornings:
            sums["morning"].setdefault(week_start(d), []).append(v)
        return {k: sorted((w, sum(v) / len(v)) for w, v in per.items()) for k, per in sums.items()}


@dataclass(frozen=True)
class Report:
    name: str  # "" when the user gave none (the page leaves a line to write it)
    first: date
    last: date
    made: datetime  # local time the report was made
    programme: str  # phase and week in words, "" without a programme
    adherence: Adherence
    pain: PainSeries
    drops: list[WeekDrops]
    runs: RunWeeks
    run_cap_km: float | None  # next week's cap: the last week's distance + 10 % (coach.core.runs.load)
    doses: list[tuple[str, str, str]]  # (exercise name, dose in words, reason for its last change): exercises done
    #                                     in the range or with a decision
    decisions: list[DecisionLine]
    sessions: list[SessionTable]  # oldest first
    sessions_count: int
    not_started: tuple[str, ...] = ()  # on the programme's ladders, not done in the range, never decided
    since: date | None = None  # the first day with a session in the range (None: no session)
    flag_deg: float = DROP_THRESHOLD_DEG  # the pelvic-drop flag threshold in use (the user's setting)
    runs_over: tuple[date, ...] = ()  # Mondays of the weeks more than 15 % above the week before

    @property
    def weeks(self) -> list[date]:
        return [d.week for d in self.drops]


def build_report(
    records: list[SessionRecord],
    first: date,
    last: date,
    *,
    now: datetime,
    name: str = "",
    programme: tuple[Programme, ProgrammeState] | None = None,
    decisions: list[Decision] | None = None,
    mornings: dict[date, MorningCheck] | None = None,
    runs: RunWeeks | None = None,
    run_cap_km: float | None = None,
    runs_over: list[date] | None = None,
    flag_deg: float = DROP_THRESHOLD_DEG,
) -> Report:
    """The report for sessions started on local days ``first``..``last`` (in progress ones left out). Raises
    ValueError when ``first`` is after ``last``."""
    if first > last:
        raise ValueError(f"The report's start ({first:%Y-%m-%d}) is after its end ({last:%Y-%m-%d}).")
    decisions, mornings, today = decisions or [], mornings or {}, now.date()
    day_of = {r.id: local_day(r.started_at) for r in records}
    inside = sorted(
        (r for r in records if first <= day_of[r.id] <= last and r.status != "in_progress"),
        key=lambda r: r.started_at,
    )
    trained = {day_of[r.id] for r in inside if r.sets_done > 0}
    morning_pain = {d: m.pain for d, m in mornings.items() if m.pain is not None}
    pain = PainSeries(
        [(r.started_at, r.pain_before, r.pain_after) for r in inside],
        sorted(
            (d + timedelta(days=1), p)
            for d in {day_of[r.id] for r in inside}
            if (p := morning_pain.get(d + timedelta(days=1))) is not None
        ),
    )
    since = min((day_of[r.id] for r in inside), default=first)  # weeks before the first session say nothing
    weeks, monday = [], week_start(since)
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(days=7)
    prog, state = programme if programme else (None, None)
    done = {s.exercise for r in inside for s in r.sets if not s.skipped}
    doses, idle = dose_lines(prog, state, decisions, done) if prog and state else ([], [])
    return Report(
        name=name.strip(),
        first=first,
        last=last,
        made=now,
        programme=phase_line(prog, state, min(today, last)) if prog and state else "",
        adherence=adherence(trained, first, last, today, programme),
        pain=pain,
        drops=weekly_drops(inside, weeks, day_of),
        runs=sorted((w, km) for w, km in (runs or []) if week_start(first) <= w <= last),
        run_cap_km=run_cap_km,
        runs_over=tuple(sorted(w for w in (runs_over or []) if week_start(first) <= w <= last)),
        doses=doses,
        not_started=tuple(idle),
        decisions=last_decisions(prog, decisions, last),
        sessions=[session_table(r, mornings.get(day_of[r.id] + timedelta(days=1))) for r in inside],
        sessions_count=len(inside),
        since=since if inside else None,
        flag_deg=flag_deg,
    )
