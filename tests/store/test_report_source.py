"""The report's numbers read from a real store (no Qt): sessions, the programme caught up with them, its decisions
and morning checks; and the weekly running distance from the run log."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from coach import paths
from coach.core.programme.loader import load_programmes
from coach.store import HistoryStore
from coach.store.report_source import gather_report, weekly_runs
from support.report_history import seed

FIRST = date(2026, 9, 7)  # a Monday


def _report(store, first=FIRST, last=FIRST + timedelta(days=27)):
    routines = paths.load_routines().routines
    progs, _ = load_programmes(paths.programme_folders())
    return gather_report(store, routines, progs, first, last, datetime(2026, 10, 10, 9), "  Kim  ")


def test_a_seeded_month():
    store, _ = HistoryStore.open(paths.db_path())
    made = seed(store, FIRST, 28)
    r = _report(store)
    assert r.name == "Kim" and r.sessions_count == len(made) == len(r.sessions)
    assert r.adherence.weeks == 4 and r.adherence.planned == 12 and r.adherence.done == len(made)
    assert r.programme.startswith("IT-band return") and "phase 2 of 4" in r.programme
    assert [w.week for w in r.drops] == [FIRST + timedelta(days=7 * i) for i in range(4)]
    assert all(w.left.peak is not None and w.right.peak is not None for w in r.drops)
    assert any(d.exercise == "Step-down" and d.action == "progress" for d in r.decisions)
    assert len(r.pain.mornings) == len(made)
    assert weekly_runs(store, FIRST, FIRST + timedelta(days=27)) == ([], None, []) and r.runs == []
    store.close()


def test_an_empty_store_and_a_range_with_nothing_in_it():
    store, _ = HistoryStore.open(paths.db_path())
    r = _report(store)
    assert r.sessions_count == 0 and r.programme == "" and r.adherence.planned is None and r.pain.empty
    seed(store, FIRST, 14)
    later = _report(store, FIRST + timedelta(days=100), FIRST + timedelta(days=110))
    assert later.sessions_count == 0 and all(w.left.peak is None for w in later.drops)
    store.close()


def test_a_history_that_cannot_be_written_still_gives_its_report(monkeypatch):
    from coach.core.programme.tracker import state_from_json, state_to_json
    from coach.store import StoreError

    store, _ = HistoryStore.open(paths.db_path())
    made = seed(store, FIRST, 28)
    state, _through = state_from_json(store.programme_state())
    store.save_programme(state_to_json(state, 0.0), [], 0.0)  # every session still to be judged: refresh writes
    calls = []

    def refuse(*args, **kw):
        calls.append(args)
        raise StoreError("Can't save the programme: attempt to write a readonly database")

    monkeypatch.setattr(store, "save_programme", refuse)
    r = _report(store)
    assert calls and r.sessions_count == len(made) and "phase 2 of 4" in r.programme
    store.close()


def test_the_run_log_gives_weekly_km_next_weeks_cap_and_the_weeks_that_rose_too_fast():
    from coach.core.runs.model import Run

    store, _ = HistoryStore.open(paths.db_path())
    at = datetime.combine(FIRST, datetime.min.time()).astimezone() + timedelta(hours=7)
    km = {0: 5.0, 2: 5.0, 7: 6.0, 14: 9.0, 16: 2.0, 21: 10.0}  # day of the range -> km run that day
    for day, d in km.items():
        assert store.add_run(Run(at + timedelta(days=day), d * 1000, d * 360, pain_during=2))
    store.add_run(Run(at - timedelta(days=30), 20_000, 7200))  # before the range: not in its weeks
    weeks, cap, over = weekly_runs(store, FIRST, FIRST + timedelta(days=27))
    mondays = [FIRST + timedelta(days=7 * i) for i in range(4)]
    assert weeks == [(mondays[0], 10.0), (mondays[1], 6.0), (mondays[2], 11.0), (mondays[3], 10.0)]
    assert cap == 11.0  # the last week's 10 km + 10 %
    assert over == [mondays[2]]  # 6 -> 11 km is more than 15 % up; 10 -> 6 and 11 -> 10 are not
    r = _report(store)
    assert r.runs == weeks and r.run_cap_km == 11.0 and r.runs_over == (mondays[2],)
    store.close()
