"""Read what the physio's report needs from the history file (no Qt): the sessions, the programme (caught up with
the sessions first, as ``coach plan`` and the Today screen do, when the file can be written), its decisions and
morning checks, and the weekly running distance. ``coach.core.report.build_report`` turns them into the report's
numbers."""

from __future__ import annotations

from datetime import date, datetime

from coach.core.programme.model import Programme
from coach.core.report import Report, build_report
from coach.core.report.drops import DROP_THRESHOLD_DEG
from coach.core.routines.model import Routine
from coach.store.db import HistoryStore
from coach.store.errors import StoreError
from coach.store.programme_desk import ProgrammeDesk


def weekly_runs(store: HistoryStore, first: date, last: date) -> tuple[list[tuple[date, float]], float | None]:
    """Running distance per Monday-Sunday week in ``first``..``last``: ([(Monday, km)], weekly cap in km or None).
    Runs are not stored yet (store v7 adds them): nothing, so the report says "No runs logged"."""
    return [], None


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
    runs, cap = weekly_runs(store, first, last)
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
        flag_deg=flag_deg,
    )
