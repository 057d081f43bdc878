"""Read what the physio's report needs from the history file (no Qt): the sessions, the programme (caught up with
the sessions first, as ``coach plan`` and the Today screen do, when the file can be written), its decisions and
morning checks, and the weekly running distance. ``coach.core.report.build_report`` turns them into the report's
numbers."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from coach.core.programme.model import Programme
from coach.core.report import Report, build_report
from coach.core.report.drops import DROP_THRESHOLD_DEG
from coach.core.routines.model import Routine
from coach.core.runs.load import next_week_cap, week_start, weekly_totals
from coach.store.db import HistoryStore
from coach.store.errors import StoreError
from coach.store.programme_desk import ProgrammeDesk


def weekly_runs(
    store: HistoryStore, first: date, last: date
) -> tuple[list[tuple[date, float]], float | None, list[date]]:
    """Running distance per Monday-Sunday week in ``first``..``last``: ([(Monday, km)], next week's cap in km (the
    last week's distance + 10 %, never below the ladder's floor) or None without runs, [Mondays of the weeks more
    than 15 % above the week before])."""
    since = datetime.combine(week_start(first) - timedelta(days=7), time.min).astimezone()
    until = datetime.combine(last + timedelta(days=1), time.min).astimezone()
    runs = store.runs(since, until)
    if not runs:
        return [], None, []
    weeks = [w for w in weekly_totals(runs, until=last) if week_start(first) <= w.start <= last]
    if not weeks:
        return [], None, []
    cap = next_week_cap(weeks[-1].distance_m) / 1000.0
    return [(w.start, w.distance_m / 1000.0) for w in weeks], round(cap, 1), [w.start for w in weeks if w.over_cap]


def gather_report(
    store: HistoryStore,
    routines: list[Routine],
    programmes: list[Programme],
    first: date,
    last: date,
    now: datetime,
    name: str = "",
    flag_deg: float = DROP_THRESHOLD_DEG,
) -> Report:
    """The report for local days ``first``..``last``; ``flag_deg``: the pelvic-drop flag threshold in use (deg).
    Store problems raise StoreError; a range that ends before it starts raises ValueError."""
    desk = ProgrammeDesk(store, routines, programmes, now.timestamp)
    try:
        desk.refresh()
    except StoreError:  # a history that can't be written (read-only): report the programme as last saved
        pass
    runs, cap, over = weekly_runs(store, first, last)
    return build_report(
        store.list_sessions(),
        first,
        last,
        now=now,
        name=name,
        programme=desk.active(),
        decisions=store.decisions(),
        mornings=store.morning_checks(),
        runs=runs,
        run_cap_km=cap,
        runs_over=over,
        flag_deg=flag_deg,
    )
