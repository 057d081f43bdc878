"""Render the History view to PNGs under artifacts/ (light and dark palettes) and check the charts follow
the palette. The PNGs are for a human to look at: artifacts/history_<light|dark>_<sessions|trends>.png."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette

from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord
from coach.store import HistoryStore
from coach.ui.history.controller import HistoryController

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
DAY = 86400.0


def dark_palette() -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#282828",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.Midlight: "#3d3d3d",
        QPalette.ColorRole.Mid: "#303030",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#6aa7ff",
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    return pal


def light_palette() -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#efefef",
        QPalette.ColorRole.WindowText: "#1a1a1a",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f5f5f5",
        QPalette.ColorRole.Text: "#1a1a1a",
        QPalette.ColorRole.Button: "#e6e6e6",
        QPalette.ColorRole.ButtonText: "#1a1a1a",
        QPalette.ColorRole.Highlight: "#3074d0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    return pal


def sessions(now: float) -> list[SessionRecord]:
    """Eight sessions over three weeks: pain easing, reps rising, pelvic drop shrinking; one interrupted."""
    out = []
    for i in range(8):
        t = now - (21 - 3 * i) * DAY
        drop_l, drop_r = 10.5 - i * 0.8, 7.5 - i * 0.4
        sets = (
            SetRecord(
                0,
                "roll",
                "tfl",
                "left",
                1,
                target_hold_s=45,
                achieved_hold_s=45,
                source="timer",
                started_at=t,
                ended_at=t + 45,
            ),
            SetRecord(
                1,
                "strength",
                "single_leg_squat",
                "left",
                1,
                target_reps=10,
                achieved_reps=6 + i // 2,
                partial_reps=1,
                source="camera",
                started_at=t + 60,
                ended_at=t + 100,
                pelvic_drops=(PelvicDropEvent("left", drop_l, 4.2),) if i % 4 != 3 else (),
            ),
            SetRecord(
                1,
                "strength",
                "single_leg_squat",
                "right",
                1,
                target_reps=10,
                achieved_reps=7 + i // 2,
                source="camera",
                started_at=t + 120,
                ended_at=t + 160,
                pelvic_drops=(PelvicDropEvent("right", drop_r, 6.0),) if i % 3 == 0 else (),
            ),
            SetRecord(
                2,
                "strength",
                "lateral_band_walk",
                None,
                1,
                target_reps=20,
                achieved_reps=12 + 2 * i,
                source="manual",
                started_at=t + 200,
                ended_at=t + 260,
            ),
            SetRecord(
                3,
                "strength",
                "side_plank",
                "left",
                1,
                target_hold_s=30,
                achieved_hold_s=20 + i,
                source="timer",
                started_at=t + 300,
                ended_at=t + 330,
            ),
        )
        interrupted = i == 5
        out.append(
            SessionRecord(
                id=f"{i:032x}",
                routine_id="lateral-hip-reset",
                routine_title="Quick lateral-hip reset" if i % 2 else "Strength base: single-leg control",
                started_at=t,
                ended_at=t + 900 + 60 * i,
                pain_before=max(0, 6 - i // 2),
                pain_after=None if interrupted else max(0, 4 - i // 2),
                notes="Stopped early: knee grumbled on step-downs" if interrupted else "",
                status="interrupted" if interrupted else "completed",
                steps_total=8,
                steps_done=4 if interrupted else 8,
                camera_used=True,
                sets=sets,
            )
        )
    return out


@pytest.fixture
def view(tmp_path, qtbot):
    from coach.ui.history.view import HistoryView

    st, _ = HistoryStore.open(tmp_path / "history.sqlite3")
    for r in sessions(time.time()):
        st.begin_session(r)
        for s in r.sets:
            st.add_set(r.id, s)
        st.finish_session(r)
    v = HistoryView(HistoryController(st))
    qtbot.addWidget(v)
    yield v
    st.close()


def _render(view, name: str) -> tuple[QImage, QImage]:
    ARTIFACTS.mkdir(exist_ok=True)
    view.resize(1200, 820)
    view.show()
    view.select_session(f"{5:032x}")  # the interrupted one
    sessions_png = ARTIFACTS / f"history_{name}_sessions.png"
    assert view.grab().save(str(sessions_png))
    view.tabs.setCurrentIndex(1)
    body = view.trends.widget()
    body.resize(1000, body.sizeHint().height())
    trends_png = ARTIFACTS / f"history_{name}_trends.png"
    assert body.grab().save(str(trends_png))
    return QImage(str(sessions_png)), QImage(str(trends_png))


def _chart_background(view) -> QColor:
    chart = view.trends.pain
    return chart.chart.backgroundBrush().color()


@pytest.mark.parametrize("name, palette", [("light", light_palette), ("dark", dark_palette)])
def test_render_history_follows_the_palette(view, name, palette):
    pal = palette()
    view.setPalette(pal)
    shot, trends = _render(view, name)
    assert shot.width() >= 1200 and trends.height() > 600
    text = pal.color(QPalette.ColorRole.WindowText)
    base = pal.color(QPalette.ColorRole.Base)
    for chart in view.trends.charts().values():
        assert chart.chart.titleBrush().color() == text
        assert chart.x_axis.labelsColor() == text and chart.y_axis.labelsColor() == text
        assert chart.chart.legend().labelColor() == text
    assert _chart_background(view) == base
    # the rendered chart background really is light or dark: sample the pain chart's plot corner
    chart = view.trends.pain
    corner = chart.view.mapTo(view.trends.widget(), chart.view.rect().topLeft())
    dpr = trends.devicePixelRatio()
    px = QColor(trends.pixel(int((corner.x() + 8) * dpr), int((corner.y() + 8) * dpr)))
    assert (px.lightness() < 80) if name == "dark" else (px.lightness() > 200), px.name()
    # series stay distinguishable without colour: distinct pen styles in the reps chart
    styles = {s.pen().style() for n, s in view.trends.reps.series.items()}
    assert len(styles) == len(view.trends.reps.series) == 2  # single-leg squat, band walk (plank is a hold)
