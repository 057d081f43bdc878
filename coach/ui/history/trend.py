"""One trend chart as a paintable object (QtCharts is imported only here and in ``charts``): a QChart with a
date axis, a value axis, one line series per name and, optionally, a dashed limit line and a shaded band.

The History screen shows a ``Trend`` in a QChartView (``charts.TrendChart``); the physio's report
(``coach.ui.report``) paints the same ``Trend`` onto a PDF page with ``paint``, so both draw one way. Points are
``{series name: [(x = Unix ms, y), ...]}``; series differ by line style and marker shape as well as colour.
"""

from __future__ import annotations

from PySide6.QtCharts import QAreaSeries, QChart, QDateTimeAxis, QLegend, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QMargins, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsScene

from coach.ui.history.points import Points, date_axis

LIGHT = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#56B4E9")  # Okabe–Ito, darkened for white
DARK = ("#56B4E9", "#E69F00", "#2FD1A0", "#E59BC8", "#F0E442", "#FF8A4C")
STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine, Qt.PenStyle.DashDotDotLine)
SHAPES = ("circle", "square", "triangle", "diamond", "down", "bar")


def marker(shape: str, color: QColor, size: int, dpr: float) -> QImage:
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


class Trend:
    """A chart of points over dates. ``limit``: a dashed horizontal line named ``limit_name``; ``band`` (lo, hi):
    a shaded horizontal band named ``band_name`` (e.g. the 3–4/10 pain band); ``y_max`` fixes the value axis top
    (else it fits the data, at least ``y_floor``)."""

    def __init__(
        self,
        y_title: str,
        *,
        y_max: float | None = None,
        y_floor: float = 5.0,
        y_format: str = "%.0f",
        limit: float | None = None,
        limit_name: str = "",
        band: tuple[float, float] | None = None,
        band_name: str = "",
    ):
        self.y_max, self.y_floor, self.limit, self.limit_name = y_max, y_floor, limit, limit_name
        self.band, self.band_name = band, band_name
        self.points: Points = {}
        self.dates: list[float] = []
        self.x_span: tuple[float, float] | None = None
        self.series: dict[str, QLineSeries] = {}
        self.area: QAreaSeries | None = None
        self.chart = QChart()
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

    def set_points(self, points: Points, x_span: tuple[float, float] | None = None) -> bool:
        """Draw ``points``; ``x_span`` (first, last ms) aligns the date axis with other charts. False: no points."""
        self.x_span = x_span
        self.points = {k: v for k, v in points.items() if v}
        for s in [*self.series.values(), *([self.area] if self.area else [])]:
            self.chart.removeSeries(s)
            s.deleteLater()
        self.series, self.area = {}, None
        self.dates = sorted(x for pts in self.points.values() for x, _ in pts)
        if not self.dates:
            return False
        lo, hi = self.x_range()[:2]
        if self.band is not None:
            low, high = QLineSeries(), QLineSeries()
            low.append([QPointF(lo, self.band[0]), QPointF(hi, self.band[0])])
            high.append([QPointF(lo, self.band[1]), QPointF(hi, self.band[1])])
            self._band_lines = (high, low)  # the area series does not own them: keep them alive
            self.area = QAreaSeries(high, low)
            self.area.setName(self.band_name)
            self._attach(self.area)
            for m in self.chart.legend().markers(self.area):
                m.setVisible(False)  # QtCharts elides an area's legend label: the band is named in the caption
        for name, pts in self.points.items():
            s = QLineSeries()
            s.setName(name)
            s.append([QPointF(x, y) for x, y in pts])
            self._add(s)
        if self.limit is not None:
            s = QLineSeries()
            s.setName(self.limit_name)
            s.append([QPointF(lo, self.limit), QPointF(hi, self.limit)])
            self._add(s)
        self._set_ranges()
        return True

    def _attach(self, s) -> None:
        self.chart.addSeries(s)
        s.attachAxis(self.x_axis)
        s.attachAxis(self.y_axis)

    def _add(self, s: QLineSeries) -> None:
        self._attach(s)
        self.series[s.name()] = s

    def x_range(self) -> tuple[float, float, int, str]:
        """``date_axis`` over the shared span (or this chart's own dates)."""
        lo, hi = self.x_span or (self.dates[0], self.dates[-1])
        return date_axis(min(lo, self.dates[0]), max(hi, self.dates[-1]))

    def _set_ranges(self) -> None:
        lo, hi, ticks, fmt = self.x_range()
        self.x_axis.setRange(QDateTime.fromMSecsSinceEpoch(int(lo)), QDateTime.fromMSecsSinceEpoch(int(hi)))
        self.x_axis.setFormat(fmt)
        self.x_axis.setTickCount(ticks)
        top = self.y_max
        if top is None:
            peak = max([y for pts in self.points.values() for _, y in pts] + [self.limit or 0.0])
            top = max(self.y_floor, peak * 1.15)
        self.y_axis.setRange(0, top)
        if self.y_max is None:
            self.y_axis.applyNiceNumbers()
        else:
            self.y_axis.setTickCount(int(top) // 2 + 1)

    def colour(self, text: QColor, base: QColor, dark: bool, marker_px: int, dpr: float, images: bool = True) -> None:
        """Colour text, grid, background and series. ``images`` False draws plain vector markers (for print)."""
        grid = QColor(text)
        grid.setAlphaF(0.18)
        self.chart.setBackgroundBrush(base)
        self.chart.setBackgroundPen(QPen(Qt.PenStyle.NoPen))
        self.chart.setTitleBrush(text)
        self.chart.legend().setLabelColor(text)
        for axis in (self.x_axis, self.y_axis):
            axis.setLabelsColor(text)
            axis.setTitleBrush(text)
            axis.setLinePenColor(text)
            axis.setGridLineColor(grid)
        colours = DARK if dark else LIGHT
        data = [s for name, s in self.series.items() if not (self.limit is not None and name == self.limit_name)]
        for i, s in enumerate(data):
            c = QColor(colours[i % len(colours)])
            pen = QPen(c, 2)
            pen.setStyle(STYLES[i % len(STYLES)])
            s.setPen(pen)
            s.setMarkerSize(marker_px)
            if images:
                s.setLightMarker(marker(SHAPES[i % len(SHAPES)], c, marker_px, dpr))
            else:
                s.setPointsVisible(True)
                s.setBrush(c)
        if self.limit is not None and self.limit_name in self.series:
            limit = QColor(text)
            limit.setAlphaF(0.6)
            self.series[self.limit_name].setPen(QPen(limit, 1.5, Qt.PenStyle.DashLine))
        if self.area is not None:
            fill = QColor(colours[1])
            fill.setAlphaF(0.16)
            self.area.setBrush(fill)
            self.area.setPen(QPen(Qt.PenStyle.NoPen))

    def set_font(self, font: QFont) -> None:
        """One font for axis labels, titles and the legend (the report's print size)."""
        for axis in (self.x_axis, self.y_axis):
            axis.setLabelsFont(font)
            axis.setTitleFont(font)
        self.chart.legend().setFont(font)

    def paint(self, painter: QPainter, target: QRectF) -> None:
        """Draw the chart into ``target`` (device units of ``painter``): laid out at the target's size in a
        scene of its own, so text and lines stay vector on a PDF."""
        scene = QGraphicsScene()
        scene.addItem(self.chart)
        self.chart.setGeometry(QRectF(0, 0, target.width(), target.height()))
        scene.setSceneRect(QRectF(0, 0, target.width(), target.height()))
        scene.render(painter, target, scene.sceneRect())
        scene.removeItem(self.chart)
