"""Years of history stay quick to open: History first reads the newest page of sessions (with "Show all" for
the rest), builds its charts only when Trends is opened, and the store answers the programme's questions
(sessions since a time, start times) without reading every set."""

from __future__ import annotations

import sys

import pytest
from reliability.test_malformed_values import BAD, _v3_with_bad_row

from coach.core.record import SessionRecord, SetRecord
from coach.store import HistoryStore
from coach.ui.history.controller import HistoryController
from coach.ui.history.view import PAGE

pytestmark = pytest.mark.usefixtures("qapp")
DAY = 86400.0
T0 = 1_700_000_000.0


def _store(tmp_path, n: int) -> HistoryStore:
    store, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    for k in range(n):
        t = T0 + k * DAY
        reps = 10 + k % 3
        s = SetRecord(0, "strength", "clamshell", "left", 1, 10, reps, started_at=t + 10, ended_at=t + 40)
        rec = SessionRecord(
            id=f"s{k:03d}",
            routine_id="r",
            routine_title=f"Routine {k}",
            started_at=t,
            ended_at=t + 600,
            pain_before=2,
            pain_after=k % 5,
            status="completed",
            sets=(s,),
        )
        store.begin_session(rec)
        store.finish_session(rec)
    return store


def test_history_opens_on_the_newest_page_and_show_all_reads_the_rest(qtbot, tmp_path):
    from coach.ui.history.view import HistoryView

    store = _store(tmp_path, PAGE + 5)
    view = HistoryView(HistoryController(store))
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == PAGE and view.more_btn.isVisible()
    assert f"latest {PAGE} sessions" in view.more_text.text()
    assert view.model.record(0).id == f"s{PAGE + 4:03d}"  # newest first
    assert view.model.record(0).total_reps == 10 + (PAGE + 4) % 3  # the page's records carry their sets
    view.select_session("s000")  # an older session (e.g. from a link): everything is read to show it
    assert view.model.rowCount() == PAGE + 5 and not view.more_btn.isVisible()
    assert view.selected_id() == "s000"


def test_show_all_button_and_a_short_history_has_no_button(qtbot, tmp_path):
    from coach.ui.history.view import HistoryView

    view = HistoryView(HistoryController(_store(tmp_path, PAGE + 1)))
    qtbot.addWidget(view)
    view.show()
    view.more_btn.click()
    assert view.model.rowCount() == PAGE + 1 and not view.more_btn.isVisible()
    (tmp_path / "short").mkdir()
    short = HistoryView(HistoryController(_store(tmp_path / "short", 3)))
    qtbot.addWidget(short)
    short.show()
    assert short.model.rowCount() == 3 and not short.more_btn.isVisible()


def test_the_trends_say_when_they_show_only_the_latest_sessions(qtbot, tmp_path):
    from coach.ui.history.view import HistoryView

    view = HistoryView(HistoryController(_store(tmp_path, PAGE + 2)))
    qtbot.addWidget(view)
    view.show()
    view.tabs.setCurrentIndex(1)
    assert view.trends_more.isVisible() and f"latest {PAGE} sessions" in view.trends_more_text.text()
    assert len(view.trends.pain.series_points()["Pain after"]) == PAGE  # one point per session read
    view.select_session("s000")  # from the Trends tab: the Sessions tab's button is hidden, the rest is read anyway
    assert view.model.rowCount() == PAGE + 2 and not view.trends_more.isVisibleTo(view)


def test_the_charts_are_built_when_trends_is_first_opened(qtbot, tmp_path):
    from coach.ui.history.view import HistoryView

    view = HistoryView(HistoryController(_store(tmp_path, 4)))
    qtbot.addWidget(view)
    view.show()
    assert view._trends is None
    view.tabs.setCurrentIndex(1)
    assert view._trends is not None and "PySide6.QtCharts" in sys.modules
    assert view.tabs.widget(1).isAncestorOf(view.trends)
    assert len(view.trends.pain.series_points()) > 0


def test_the_store_reads_a_few_sessions_without_the_rest(tmp_path):
    store = _store(tmp_path, 10)
    since = store.sessions_since(T0 + 6.5 * DAY)
    assert [r.id for r in since] == ["s009", "s008", "s007"] and all(len(r.sets) == 1 for r in since)
    assert store.session_starts() == [T0 + k * DAY for k in range(10)]
    assert [r.id for r in store.list_sessions(2)] == ["s009", "s008"]
    assert store.list_sessions(0) == [] and len(store.list_sessions()) == 10
    for (name,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        store.conn.execute(f"DROP TRIGGER {name}")
    store.conn.execute("UPDATE sessions SET started_at = 'yesterday' WHERE id = 's009'")
    assert [r.id for r in store.list_sessions(2)] == ["s008"] and store.skipped == 1  # damaged rows left out
    assert len(store.session_starts()) == 9


@pytest.mark.parametrize("table,col,value", BAD)
def test_the_launchs_damage_count_matches_what_a_full_read_leaves_out(tmp_path, table, col, value):
    path = tmp_path / "history.sqlite3"
    _v3_with_bad_row(path, table, col, value)
    store, _ = HistoryStore.open(path)
    assert store.count_damaged() >= 1 and "left out" in (store.skipped_note() or "")
    counted = store.skipped
    store.list_sessions()
    assert store.skipped == counted
    store.close()
    (tmp_path / "clean").mkdir()
    clean = _store(tmp_path / "clean", 3)
    assert clean.count_damaged() == 0 and clean.skipped_note() is None
