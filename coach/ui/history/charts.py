"""Trend charts (QtCharts is imported only here): pain, reps per exercise and pelvic-drop peaks over time.

Points (built in ``coach.ui.history.points``) are (x = session start in Unix milliseconds, y): pain ratings
0–10 (before / after), achieved reps of each rep exercise per session, and the largest pelvic drop measured in
each session per stance side in degrees (every rep counts, flagged or not; sessions where it wasn't measured on
that side have no point). Series differ by line style and marker shape as well as colour; chart text, grid and
background follow the widget palette (light or dark) and update on change.
"""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLegend, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QEvent, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from coach.core.pain import GRADED_RETURN, PAIN_LIMIT
from coach.core.record import SessionRecord
from coach.ui.history.points import Points, date_axis, drop_points, pain_points, reps_points

LIMIT_NAME = f"Graded-return limit ({PAIN_LIMIT}/10)"
NO_SESSIONS = "No sessions yet — finish a session to see your trends."
EMPTY = {
    "pain": "No pain ratings yet — rate your pain before and after a session to see it here.",
    "reps": "No counted reps yet — rep exercises appear here once you finish a set.",
    "drops": "No pelvic-drop measurements yet. They appear when the camera watches a single-leg drill from the front.",
}
_LIGHT = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#56B4E9")  # Okabe–Ito, darkened for white
_DARK = ("#56B4E9", "#E69F00", "#2FD1A0", "#E59BC8", "#F0E442", "#FF8A4C")
_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine, Qt.PenStyle.DashDotDotLine)
_SHAPES = ("circle", "square", "triangle", "diamond", "down", "bar")


# ---- drawing --------------------------------------------------------------------------------------
def _is_dark(pal: QPalette) -> bool:
    return pal.color(QPalette.ColorRole.Base).lightness() < 128


def _marker(shape: str, color: QColor, size: int, dpr: float) -> QImage:
    """A filled marker image (circle, square, triangle, ...) so series differ by shape, not only colour."""
    px = max(1, round(size * dpr))
    img = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    m, e, c = px * 0.1, px * 0.9, px / 2
    polys = {
        "triangle": [(c, m), (e, e), (m, e)],
        "diamond": [(c, m), (e, c), (c, e), (m, c)],
        "down": [(m, m), (e, m), (c, e)],
        "bar": [(m, px * 0.35), (e, px * 0.35), (e, px * 0.65), (m, px * 0.65)],
    }
    if shape == "circle":
        p.drawEllipse(QPointF(c, c), c - m, c - m)
    elif shape == "square":
        p.drawRect(round(px * 0.15), round(px * 0.15), round(px * 0.7), round(px * 0.7))
    else:
        p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in polys[shape]]))
    p.end()
    return img


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
        self._y_max, self._limit, self._points, self._dates = y_max, limit, {}, []
        self._x_span: tuple[float, float] | None = None  # shared date range (ms), set by TrendCharts
        self.series: dict[str, QLineSeries] = {}
        self.chart = QChart()  # untitled: the heading label above names it
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        self.chart.setBackgroundRoundness(0)
        self.x_axis, self.y_axis = QDateTimeAxis(), QValueAxis()
        self.x_axis.setTitleText("Date")
        self.y_axis.setTitleText(y_title)
        self.y_axis.setLabelFormat(y_format)
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
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

    def series_points(self) -> Points:
        """What the chart draws, read back from its series (the limit line included under its name)."""
        return {name: [(p.x(), p.y()) for p in s.points()] for name, s in self.series.items()}

    def set_points(self, points: Points, x_span: tuple[float, float] | None = None) -> None:
        """Draw ``points`` (name -> [(ms, y)]); ``x_span`` (first, last ms) aligns the date axis with other charts."""
        self._x_span = x_span
        self._points = {k: v for k, v in points.items() if v}
        for s in self.series.values():
            self.chart.removeSeries(s)
            s.deleteLater()
        self.series = {}
        self._dates = sorted(x for pts in self._points.values() for x, _ in pts)
        self.stack.setCurrentWidget(self.view if self._dates else self.empty)
        if not self._dates:
            return
        for name, pts in self._points.items():
            s = QLineSeries()
            s.setName(name)
            s.append([QPointF(x, y) for x, y in pts])
            self._add(s)
        if self._limit is not None:
            s = QLineSeries()
            s.setName(LIMIT_NAME)
            s.append([QPointF(x, self._limit) for x in self._x_range()[:2]])
            self._add(s)
        self._set_ranges()
        self.apply_palette()

    def _add(self, s: QLineSeries) -> None:
        self.chart.addSeries(s)
        s.attachAxis(self.x_axis)
        s.attachAxis(self.y_axis)
        self.series[s.name()] = s

    def _x_range(self) -> tuple[float, float, int, str]:
        """``date_axis`` over the shared span (or this chart's own dates)."""
        lo, hi = self._x_span or (self._dates[0], self._dates[-1])
        return date_axis(min(lo, self._dates[0]), max(hi, self._dates[-1]))

    def _set_ranges(self) -> None:
        lo, hi, ticks, fmt = self._x_range()
        self.x_axis.setRange(QDateTime.fromMSecsSinceEpoch(int(lo)), QDateTime.fromMSecsSinceEpoch(int(hi)))
        self.x_axis.setFormat(fmt)
        self.x_axis.setTickCount(ticks)
        top = self._y_max
        if top is None:
            peak = max(y for pts in self._points.values() for _, y in pts)
            top = max(5.0, peak * 1.15)
        self.y_axis.setRange(0, top)
        if self._y_max is None:
            self.y_axis.applyNiceNumbers()
        else:
            self.y_axis.setTickCount(int(top) // 2 + 1)

    def apply_palette(self) -> None:
        """Colour chart text, grid, background and series from the widget's palette (light or dark)."""
        pal = self.palette()
        text, base = pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Base)
        grid = QColor(text)
        grid.setAlphaF(0.18)
        self.chart.setBackgroundBrush(base)
        self.chart.setBackgroundPen(QPen(Qt.PenStyle.NoPen))
        self.view.setBackgroundBrush(pal.color(QPalette.ColorRole.Window))
        self.chart.setTitleBrush(text)
        self.chart.legend().setLabelColor(text)
        for axis in (self.x_axis, self.y_axis):
            axis.setLabelsColor(text)
            axis.setTitleBrush(text)
            axis.setLinePenColor(text)
            axis.setGridLineColor(grid)
        colours = _DARK if _is_dark(pal) else _LIGHT
        dpr = self.devicePixelRatioF()
        size = max(8, round(self.fontMetrics().height() * 0.7))
        data = [s for name, s in self.series.items() if name != LIMIT_NAME]
        for i, s in enumerate(data):
            colour = QColor(colours[i % len(colours)])
            pen = QPen(colour, 2)
            pen.setStyle(_STYLES[i % len(_STYLES)])
            s.setPen(pen)
            s.setMarkerSize(size)
            s.setLightMarker(_marker(_SHAPES[i % len(_SHAPES)], colour, size, dpr))
        if LIMIT_NAME in self.series:
            limit = QColor(text)
            limit.setAlphaF(0.6)
            self.series[LIMIT_NAME].setPen(QPen(limit, 1.5, Qt.PenStyle.DashLine))

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
