"""The report's numbers read from a real store (no Qt): sessions, the programme caught up with them, its decisions
and morning checks; runs give nothing until the runs table is wired in."""

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
    assert weekly_runs(store, FIRST, FIRST + timedelta(days=27)) == ([], None) and r.runs == []
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
