"""Trend charts on the History screen: pain, reps per exercise and pelvic-drop peaks over time, each a ``Trend``
(``coach.ui.history.trend``, the chart object the physio's report paints too) in a QChartView.

Points (built in ``coach.ui.history.points``) are (x = session start in Unix milliseconds, y): pain ratings
0–10 (before / after), achieved reps of each rep exercise per session, and the largest pelvic drop measured in
each session per stance side in degrees (every rep counts, flagged or not; sessions where it wasn't measured on
that side have no point). Series differ by line style and marker shape as well as colour; chart text, grid and
background follow the widget palette (light or dark) and update on change.
"""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from coach.core.pain import GRADED_RETURN, PAIN_LIMIT
from coach.core.record import SessionRecord
from coach.ui.history.points import Points, drop_points, pain_points, reps_points
from coach.ui.history.trend import Trend

LIMIT_NAME = f"Graded-return limit ({PAIN_LIMIT}/10)"
NO_SESSIONS = "No sessions yet — finish a session to see your trends."
EMPTY = {
    "pain": "No pain ratings yet — rate your pain before and after a session to see it here.",
    "reps": "No counted reps yet — rep exercises appear here once you finish a set.",
    "drops": "No pelvic-drop measurements yet. They appear when the camera watches a single-leg drill from the front.",
}


def _is_dark(pal: QPalette) -> bool:
    return pal.color(QPalette.ColorRole.Base).lightness() < 128


class TrendChart(QWidget):
    """One titled chart with a date axis, or a plain-text empty state when it has no points."""

    def __init__(
        self,
        title: str,
        y_title: str,
        empty_text: str,
        *,
        y_max: float | None = None,
        y_format: str = "%.0f",
        limit: float | None = None,
        caption: str = "",
        parent=None,
    ):
        super().__init__(parent)
        self.setAccessibleName(title)
        self.trend = Trend(y_title, y_max=y_max, y_format=y_format, limit=limit, limit_name=LIMIT_NAME)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(f"{title} chart")
        self.view.setMinimumHeight(self.fontMetrics().height() * 22)
        self.empty = QLabel(empty_text)
        self.empty.setAccessibleName(f"{title}: no data")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMinimumHeight(self.fontMetrics().height() * 4)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(title)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        lay.addWidget(heading)
        if caption:
            self.caption = QLabel(caption)
            self.caption.setWordWrap(True)
            self.caption.setAccessibleName(f"{title}: note")
            lay.addWidget(self.caption)
        lay.addWidget(self.stack)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty

    @property
    def chart(self):
        return self.trend.chart

    @property
    def series(self):
        return self.trend.series

    @property
    def x_axis(self):
        return self.trend.x_axis

    @property
    def y_axis(self):
        return self.trend.y_axis

    def series_points(self) -> Points:
        """What the chart draws, read back from its series (the limit line included under its name)."""
        return {name: [(p.x(), p.y()) for p in s.points()] for name, s in self.series.items()}

    def set_points(self, points: Points, x_span: tuple[float, float] | None = None) -> None:
        """Draw ``points`` (name -> [(ms, y)]); ``x_span`` (first, last ms) aligns the date axis with other charts."""
        has = self.trend.set_points(points, x_span)
        self.stack.setCurrentWidget(self.view if has else self.empty)
        if has:
            self.apply_palette()

    def apply_palette(self) -> None:
        """Colour chart text, grid, background and series from the widget's palette (light or dark)."""
        pal = self.palette()
        size = max(8, round(self.fontMetrics().height() * 0.7))
        self.trend.colour(
            pal.color(QPalette.ColorRole.WindowText),
            pal.color(QPalette.ColorRole.Base),
            _is_dark(pal),
            size,
            self.devicePixelRatioF(),
        )
        self.view.setBackgroundBrush(pal.color(QPalette.ColorRole.Window))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()
        super().changeEvent(event)


class TrendCharts(QScrollArea):
    """The three trend charts stacked, or one message when there are no sessions at all."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Trends")
        self.setWidgetResizable(True)
        self.pain = TrendChart(
            "Pain over time", "Pain (0–10)", EMPTY["pain"], y_max=10, limit=PAIN_LIMIT, caption=GRADED_RETURN
        )
        self.reps = TrendChart(
            "Reps per exercise",
            "Reps",
            EMPTY["reps"],
            caption="Reps achieved in each session, all sets and sides together.",
        )
        self.drops = TrendChart(
            "Pelvic-drop peak per side",
            "Drop (°)",
            EMPTY["drops"],
            caption="The largest drop of the hip on the lifted-leg side in each session, measured on "
            "every rep; the side is the standing leg. Lower is better; 5° or more "
            "(for 150 ms) is flagged.",
        )
        self.no_sessions = QLabel(NO_SESSIONS)
        self.no_sessions.setAccessibleName("No sessions yet")
        self.no_sessions.setWordWrap(True)
        self.no_sessions.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_sessions.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.addWidget(self.no_sessions)
        for chart in (self.pain, self.reps, self.drops):
            lay.addWidget(chart)
        lay.addStretch(1)
        self.setWidget(body)
        self.set_records([])

    def charts(self) -> dict[str, TrendChart]:
        return {"pain": self.pain, "reps": self.reps, "drops": self.drops}

    def set_records(self, records: list[SessionRecord]) -> None:
        """Rebuild every chart from ``records`` (any order)."""
        self.no_sessions.setVisible(not records)
        for chart in self.charts().values():
            chart.setVisible(bool(records))
        starts = [r.started_at * 1000.0 for r in records]
        span = (min(starts), max(starts)) if starts else None
        self.pain.set_points(pain_points(records), span)
        self.reps.set_points(reps_points(records), span)
        self.drops.set_points(drop_points(records), span)
