"""History tab: controller, table model and sorting, session detail, trend charts, export and delete.

Real SQLite files (``HistoryStore.open`` under tmp_path) and real Qt widgets, offscreen.
"""

from __future__ import annotations

import csv
import json
import time
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord
from coach.store import HistoryStore
from coach.store.export import load_json
from coach.ui.history.controller import HistoryController
from coach.ui.history.table_model import (
    COLUMNS,
    DATE,
    DONE,
    DURATION,
    FLAGS,
    ID_ROLE,
    PAIN,
    REPS,
    ROUTINE,
    STATUS,
    fmt_date,
)
from support.file_targets import snapshot

DAY = 86400.0
NOW = time.time()


def _strength(step, ex, side, n, target, got, *, drops=(), partial=0, source="camera", skipped=False, t=0.0):
    return SetRecord(
        step_index=step,
        kind="strength",
        exercise=ex,
        side=side,
        set_number=n,
        target_reps=target,
        achieved_reps=got,
        partial_reps=partial,
        pelvic_drops=tuple(drops),
        started_at=t,
        ended_at=t + 30,
        source=source,
        skipped=skipped,
    )


def _roll(step, target, side, seconds, t=0.0):
    return SetRecord(
        step_index=step,
        kind="roll",
        exercise=target,
        side=side,
        set_number=1,
        target_hold_s=seconds,
        achieved_hold_s=seconds,
        started_at=t,
        ended_at=t + seconds,
        source="timer",
    )


def _hold(step, ex, side, target, got, t=0.0):
    return SetRecord(
        step_index=step,
        kind="strength",
        exercise=ex,
        side=side,
        set_number=1,
        target_hold_s=target,
        achieved_hold_s=got,
        started_at=t,
        ended_at=t + got,
        source="timer",
    )


def make_sessions() -> list[SessionRecord]:
    """Three sessions, oldest first. Values are chosen so string order differs from numeric order:
    durations 600 / 65 / 125 s ("10:00", "1:05", "2:05"), reps 30 / 5 / 100, completion 100 / 38 / 88 %."""
    t1, t2, t3 = NOW - 3 * DAY, NOW - 2 * DAY, NOW - 1 * DAY
    a = SessionRecord(
        id="a" * 32,
        routine_id="lateral-hip-reset",
        routine_title="Quick lateral-hip reset",
        started_at=t1,
        ended_at=t1 + 600,
        pain_before=5,
        pain_after=3,
        notes="Left knee felt better",
        status="completed",
        steps_total=8,
        steps_done=8,
        camera_used=True,
        sets=(
            _roll(0, "tfl", "left", 30, t1),
            _roll(0, "tfl", "right", 30, t1 + 30),
            _strength(
                1,
                "single_leg_squat",
                "left",
                1,
                10,
                8,
                partial=2,
                t=t1 + 60,
                drops=[PelvicDropEvent("left", 6.2, 3.5), PelvicDropEvent("left", 9.1, 12.0)],
            ),
            _strength(
                1, "single_leg_squat", "right", 1, 10, 10, t=t1 + 100, drops=[PelvicDropEvent("right", 5.5, 4.0)]
            ),
            _strength(2, "squat", None, 1, 12, 12, source="manual", t=t1 + 200),
            _hold(3, "side_plank", "left", 30.0, 25.0, t=t1 + 300),
        ),
    )
    b = SessionRecord(
        id="b" * 32,
        routine_id="strength-base",
        routine_title="Strength base",
        started_at=t2,
        ended_at=t2 + 65,
        pain_before=4,
        pain_after=None,
        status="interrupted",
        steps_total=8,
        steps_done=3,
        sets=(
            _strength(0, "single_leg_squat", "left", 1, 10, 5, source="manual", t=t2),
            _strength(0, "single_leg_squat", "left", 2, 10, 0, source="manual", skipped=True, t=t2 + 40),
        ),
    )
    c = SessionRecord(
        id="c" * 32,
        routine_id="alpha-run",
        routine_title="Alpha run prep",
        started_at=t3,
        ended_at=t3 + 125,
        pain_before=2,
        pain_after=1,
        status="completed",
        steps_total=8,
        steps_done=7,
        camera_used=True,
        sets=(
            _strength(0, "squat", None, 1, 90, 90, t=t3),
            _strength(1, "step_down", "left", 1, 10, 10, t=t3 + 60, drops=[PelvicDropEvent("left", 7.0, 2.0)]),
        ),
    )
    return [a, b, c]


def save(store: HistoryStore, r: SessionRecord) -> None:
    store.begin_session(r)
    for s in r.sets:
        store.add_set(r.id, s)
    store.finish_session(r)


@pytest.fixture
def store(tmp_path):
    st, msg = HistoryStore.open(tmp_path / "history.sqlite3")
    assert msg is None
    for r in make_sessions():
        save(st, r)
    yield st
    try:
        st.close()
    except Exception:
        pass


@pytest.fixture
def controller(store, qtbot):
    return HistoryController(store)


@pytest.fixture
def view(controller, qtbot):
    from coach.ui.history.view import HistoryView

    v = HistoryView(controller)
    qtbot.addWidget(v)
    v.resize(1100, 800)
    return v


def cells(view, col) -> list[str]:
    return [view.proxy.index(r, col).data() for r in range(view.proxy.rowCount())]


# ---- controller -----------------------------------------------------------------------------------
def test_controller_reads_newest_first(controller):
    ids = [r.id for r in controller.sessions()]
    assert ids == ["c" * 32, "b" * 32, "a" * 32]
    assert controller.session("a" * 32).pain_after == 3
    assert len(controller.session("a" * 32).sets) == 6


def test_controller_missing_session_is_an_error_message(controller, qtbot):
    with qtbot.waitSignal(controller.error) as sig:
        assert controller.session("nope") is None
    assert "nope" in sig.args[0]


def test_closed_store_gives_messages_not_exceptions(controller, store, qtbot, tmp_path):
    store.close()
    messages = []
    controller.error.connect(messages.append)
    assert controller.sessions() == []
    assert controller.session("a" * 32) is None
    assert controller.delete("a" * 32) is False
    assert controller.export(tmp_path / "out.csv", "csv") == -1
    assert len(messages) == 4 and all("closed" in m for m in messages)
    assert not (tmp_path / "out.csv").exists()


def test_export_bad_format_and_missing_folder(controller, tmp_path):
    messages = []
    controller.error.connect(messages.append)
    assert controller.export(tmp_path / "x.xml", "xml") == -1
    assert controller.export(tmp_path / "no" / "such" / "x.csv", "csv") == -1
    assert controller.export(tmp_path, "csv") == -1
    assert "format" in messages[0] and "does not exist" in messages[1] and "folder" in messages[2]


def test_failed_export_keeps_the_existing_file(controller, tmp_path, monkeypatch):
    out = tmp_path / "keep.json"
    out.write_text("precious")
    import coach.store.export as ex

    def boom(records, fp):
        fp.write("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ex, "export_json", boom)
    messages = []
    controller.error.connect(messages.append)
    assert controller.export(out, "json") == -1
    assert out.read_text() == "precious"
    assert "No space left" in messages[0]
    assert not list(tmp_path.glob(".keep.json*"))  # the temporary file is cleaned up


def test_notify_changed_refreshes_the_view(view, controller, store):
    extra = SessionRecord(
        id="d" * 32,
        routine_id="x",
        routine_title="Newest",
        started_at=NOW,
        ended_at=NOW + 30,
        status="completed",
        steps_total=1,
        steps_done=1,
    )
    save(store, extra)
    assert view.proxy.rowCount() == 3  # not reloaded yet
    controller.notify_changed()
    assert view.proxy.rowCount() == 4
    assert cells(view, ROUTINE)[0] == "Newest"


# ---- table ----------------------------------------------------------------------------------------
def test_table_rows_and_cells(view):
    assert view.proxy.rowCount() == 3
    assert view.proxy.columnCount() == len(COLUMNS)
    a = make_sessions()[0]
    row = [view.proxy.index(2, c).data() for c in range(len(COLUMNS))]  # oldest is last (date descending)
    assert row == [
        fmt_date(a.started_at),
        "Quick lateral-hip reset",
        "10:00",
        "100 %",
        "5 → 3",
        "30",
        "2 / 1",
        "Completed",
    ]
    assert cells(view, PAIN)[1] == "4 → —"


def test_interrupted_rows_are_marked_with_text_and_icon(view):
    status = cells(view, STATUS)
    assert status == ["Completed", "Interrupted", "Completed"]
    idx = view.proxy.index(1, STATUS)
    assert "3 of 8 steps" in idx.data(Qt.ItemDataRole.ToolTipRole)
    assert not idx.data(Qt.ItemDataRole.DecorationRole).isNull()


@pytest.mark.parametrize(
    "col, ascending",
    [
        (DATE, ["a", "b", "c"]),
        (DURATION, ["b", "c", "a"]),  # 65, 125, 600 s (strings would give 1:05, 10:00, 2:05)
        (DONE, ["b", "c", "a"]),  # 38, 88, 100 %
        (PAIN, ["b", "c", "a"]),  # after: none, 1, 3
        (REPS, ["b", "a", "c"]),  # 5, 30, 100
        (FLAGS, ["b", "c", "a"]),  # 0, 1, 3 flags
        (ROUTINE, ["c", "a", "b"]),
    ],
)
def test_sorting_is_numeric(view, col, ascending):
    view.table.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    got = [view.proxy.index(r, 0).data(ID_ROLE)[0] for r in range(3)]
    assert got == ascending
    view.table.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    got = [view.proxy.index(r, 0).data(ID_ROLE)[0] for r in range(3)]
    assert got == ascending[::-1]


# ---- detail ---------------------------------------------------------------------------------------
def test_selecting_a_row_shows_the_detail(view, qtbot):
    assert view.detail.record() is None and not view.delete_button.isEnabled()
    view.table.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
    view.table.selectRow(0)  # the oldest: session a
    d = view.detail
    assert d.record().id == "a" * 32 and view.delete_button.isEnabled()
    f = {k: w.text() for k, w in d.fields.items()}
    assert f["routine"] == "Quick lateral-hip reset" and f["duration"] == "10:00" and f["status"] == "Completed"
    assert f["pain"] == "5 → 3 (0–10)" and f["notes"] == "Left knee felt better" and f["camera"] == "Used"
    assert f["drops"] == "2 standing on the left leg, 1 standing on the right leg"
    t = d.sets_table
    rows = [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]
    assert len(rows) == 6
    assert rows[0] == ["Roll: TFL (tensor fasciae latae)", "Left", "1", "30 s", "30 s", "—", "—", "Timer", "No"]
    assert rows[2] == [
        "Single-leg squat",
        "Left",
        "1",
        "10 reps",
        "8 reps",
        "2",
        "6.2° on left leg at 3.5 s; 9.1° on left leg at 12.0 s",
        "Camera",
        "No",
    ]
    assert rows[4][:5] == ["Squat", "Both", "1", "12 reps", "12 reps"] and rows[4][7] == "Manual"
    assert rows[5][:5] == ["Side plank", "Left", "1", "30 s", "25 s"]


def test_interrupted_detail_and_skipped_set(view):
    view.select_session("b" * 32)
    d = view.detail
    assert d.fields["status"].text() == "Interrupted (3 of 8 steps done)"
    assert d.fields["pain"].text() == "4 → — (0–10)" and d.fields["camera"].text() == "Not used"
    assert d.fields["drops"].text() == "Not measured (camera off)" and d.fields["notes"].text() == "—"
    assert d.sets_table.item(1, 8).text() == "Skipped"
    assert view.selected_id() == "b" * 32


def test_select_session_finds_a_just_saved_session(view, store):
    new = SessionRecord(
        id="e" * 32,
        routine_id="x",
        routine_title="Just now",
        started_at=NOW,
        ended_at=NOW + 5,
        status="completed",
        steps_total=1,
        steps_done=1,
    )
    save(store, new)
    view.tabs.setCurrentIndex(1)
    view.select_session("e" * 32)
    assert view.tabs.currentIndex() == 0
    assert view.detail.record().routine_title == "Just now"
    assert view.detail.sets_table.item(0, 0).text() == "No sets were recorded in this session."


# ---- charts ---------------------------------------------------------------------------------------
def test_pain_chart_points_and_limit(view):
    a, b, c = make_sessions()
    pts = view.trends.pain.series_points()
    ms = lambda r: r.started_at * 1000  # noqa: E731
    assert pts["Pain before"] == [(ms(a), 5), (ms(b), 4), (ms(c), 2)]
    assert pts["Pain after"] == [(ms(a), 3), (ms(c), 1)]
    limit = pts["Graded-return limit (4/10)"]
    assert len(limit) == 2 and {y for _, y in limit} == {4}
    assert limit[0][0] < ms(a) and limit[1][0] > ms(c)
    assert "3–4/10" in view.trends.pain.caption.text()


def test_reps_chart_one_series_per_rep_exercise(view):
    a, b, c = make_sessions()
    pts = view.trends.reps.series_points()
    assert set(pts) == {"Single-leg squat", "Squat", "Step-down"}  # side plank is a hold: no reps series
    assert pts["Single-leg squat"] == [(a.started_at * 1000, 18), (b.started_at * 1000, 5)]
    assert pts["Squat"] == [(a.started_at * 1000, 12), (c.started_at * 1000, 90)]
    assert pts["Step-down"] == [(c.started_at * 1000, 10)]


def test_drop_chart_peak_per_side(view):
    a, b, c = make_sessions()
    pts = view.trends.drops.series_points()
    assert pts["Standing on left leg"] == [(a.started_at * 1000, 9.1), (c.started_at * 1000, 7.0)]
    assert pts["Standing on right leg"] == [(a.started_at * 1000, 5.5)]
    x = view.trends.drops.x_axis
    assert x.min().toMSecsSinceEpoch() < a.started_at * 1000 < c.started_at * 1000 < x.max().toMSecsSinceEpoch()


def test_empty_history_shows_empty_states(tmp_path, qtbot):
    from coach.ui.history.view import HistoryView

    st, _ = HistoryStore.open(tmp_path / "empty.sqlite3")
    v = HistoryView(HistoryController(st))
    qtbot.addWidget(v)
    assert v.proxy.rowCount() == 0 and not v.export_csv_button.isEnabled()
    assert "No sessions yet" in v.trends.no_sessions.text()
    assert not v.trends.no_sessions.isHidden() and v.trends.pain.isHidden()
    # one session without pain, reps or flags: the charts say so in words
    save(
        st,
        SessionRecord(
            id="f" * 32,
            routine_id="x",
            routine_title="Rolls only",
            started_at=NOW,
            ended_at=NOW + 60,
            status="completed",
            steps_total=1,
            steps_done=1,
            sets=(_roll(0, "glute_max", "left", 60, NOW),),
        ),
    )
    v.controller.notify_changed()
    assert v.trends.no_sessions.isHidden()
    for chart in v.trends.charts().values():
        assert chart.is_empty() and chart.series_points() == {}
    st.close()


# ---- export and delete ----------------------------------------------------------------------------
def test_export_csv_and_json_read_back(view, tmp_path):
    view._ask_export_path = lambda fmt: tmp_path / f"history-export.{fmt}"
    assert view.export("json") == 3
    back = load_json((tmp_path / "history-export.json").open(encoding="utf-8"))
    assert {r.id: r for r in back} == {r.id: r for r in make_sessions()}
    assert view.export("csv") == 3
    rows = list(csv.DictReader((tmp_path / "history-export.csv").open(encoding="utf-8")))
    assert len(rows) == 6 + 2 + 2  # one row per set
    assert {r["session"] for r in rows} == {"1", "2", "3"}  # plain numbers, oldest first
    assert "Exported 3 sessions" in view.message.text.text() and view.message.kind == "info"


def test_export_adds_the_suffix_and_cancel_writes_nothing(view, tmp_path):
    view._ask_export_path = lambda fmt: tmp_path / "plain"
    assert view.export("json") == 3
    assert json.loads((tmp_path / "plain.json").read_text())[0]["id"] == "c" * 32
    view._ask_export_path = lambda fmt: None
    assert view.export("csv") == -1
    assert not list(tmp_path.glob("*.csv"))


def test_export_to_a_fifo_or_device_is_refused_as_chosen(view, tmp_path):
    """A name without a suffix gets one only when it is a new or regular file: never "/dev/null.csv"."""
    import os

    os.mkfifo(tmp_path / "pipe")
    for chosen in (tmp_path / "pipe", Path("/dev/null")):
        view._ask_export_path = lambda fmt, chosen=chosen: chosen
        beside = snapshot(Path(f"{chosen}.csv"))
        assert view.export("csv") == -1
        assert view.message.kind == "error" and "not a regular file" in view.message.text.text()
        assert snapshot(Path(f"{chosen}.csv")) == beside
    assert not list(tmp_path.glob("*.csv"))


def test_delete_asks_first(view, controller):
    asked = []
    view.select_session("c" * 32)
    view._confirm_delete = lambda r: asked.append(r.id) or False
    assert view.delete_selected() is False
    assert asked == ["c" * 32] and view.proxy.rowCount() == 3 and controller.session("c" * 32) is not None
    view._confirm_delete = lambda r: True
    assert view.delete_selected() is True
    assert view.proxy.rowCount() == 2
    assert "c" * 32 not in [view.proxy.index(r, 0).data(ID_ROLE) for r in range(2)]
    assert [r.id for r in controller.sessions()] == ["b" * 32, "a" * 32]
    assert view.detail.record() is None and not view.delete_button.isEnabled()
    assert len(view.trends.reps.series_points()["Squat"]) == 1  # charts follow


def test_store_error_shows_a_message_and_keeps_rows(view, store, controller):
    view.select_session("a" * 32)
    store.close()
    controller.notify_changed()  # reload fails
    assert view.message.isVisibleTo(view) and view.message.kind == "error"
    assert "closed" in view.message.text.text()
    assert view.proxy.rowCount() == 3  # what was shown is kept
    view._confirm_delete = lambda r: True
    assert view.delete_selected() is False
    assert view.proxy.rowCount() == 3


def test_unreadable_history_at_start_says_so(tmp_path, qtbot):
    from coach.ui.history.view import EMPTY_FAILED, HistoryView

    st, _ = HistoryStore.open(tmp_path / "h.sqlite3")
    st.close()
    v = HistoryView(HistoryController(st))
    qtbot.addWidget(v)
    assert v.empty.text() == EMPTY_FAILED and v.message.kind == "error"


def test_every_control_has_an_accessible_name(view):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QTabWidget

    controls = [w for cls in (QAbstractButton, QAbstractItemView, QTabWidget) for w in view.findChildren(cls)]
    unnamed = [
        w
        for w in controls
        if not w.accessibleName()
        and w.parent() is not None
        and type(w).__name__ not in ("QTableCornerButton",)
        and w.objectName() != "qt_scrollarea_viewport"
        and not w.objectName().startswith("qt_")
    ]
    assert controls and not unnamed, [type(w).__name__ + ":" + w.objectName() for w in unnamed]


@pytest.mark.parametrize("days", [0, 0.2, 3, 7.5, 20, 400])
def test_date_axis_ticks_fall_on_distinct_days(days):
    from datetime import datetime

    from coach.ui.history.points import date_axis

    first = NOW * 1000
    last = first + days * DAY * 1000
    lo, hi, ticks, fmt = date_axis(first, last)
    assert lo < first <= last < hi and 3 <= ticks <= 9
    stamps = [datetime.fromtimestamp((lo + i * (hi - lo) / (ticks - 1)) / 1000) for i in range(ticks)]
    assert len({t.date() for t in stamps}) == ticks  # no two labels name the same day
    assert all(10 <= t.hour <= 13 for t in stamps)  # around noon (DST can shift an hour)
    assert fmt == ("d MMM" if stamps[0].year == stamps[-1].year else "d MMM yy")


def test_drop_chart_shows_measured_peaks_below_the_flag_threshold_too():
    from coach.ui.history.points import drop_points

    base = SessionRecord(id="a", routine_id="r", routine_title="R", started_at=1_760_000_000.0, status="completed")
    improving = replace(
        base,
        sets=(
            SetRecord(1, "strength", "single_leg_squat", "left", 1, target_reps=8, achieved_reps=8, peak_drop_deg=3.4),
            SetRecord(
                1,
                "strength",
                "single_leg_squat",
                "right",
                1,
                target_reps=8,
                achieved_reps=8,
                peak_drop_deg=2.1,
                pelvic_drops=(PelvicDropEvent("right", 5.5, 2.0),),
            ),
            SetRecord(2, "strength", "squat", None, 1, target_reps=8, achieved_reps=8),
        ),
    )
    assert improving.peak_drop_by_side() == {"left": 3.4, "right": 5.5}  # no flag on the left: still a point
    pts = drop_points([improving, replace(base, id="b", started_at=base.started_at + 86400)])
    assert [y for _, y in pts["Standing on left leg"]] == [3.4]
    assert [y for _, y in pts["Standing on right leg"]] == [5.5]
