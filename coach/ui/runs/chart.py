"""The load chart (QtCharts): weekly distance with each week's cap and next week's, every run as a point with
the runs that broke the 30-day spike rule marked, and, below on the same time axis, pain during and after each
run against the graded-return limit.

x = local time in Unix milliseconds; y = distance in the unit chosen in Settings, or pain 0-10. Series differ
by shape and line style as well as colour; colours follow the palette (light or dark).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCharts import (
    QAreaSeries,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLegend,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QEvent, QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QVBoxLayout, QWidget

from coach.core.pain import PAIN_LIMIT
from coach.core.runs import units
from coach.core.runs.load import next_week_cap
from coach.core.runs.units import Unit, to_unit
from coach.store.runs_desk import RunSummary

LIGHT = {
    "bar": "#56B4E9",
    "cap": "#8C6D00",
    "run": "#0072B2",
    "spike": "#C0392B",
    "during": "#D55E00",
    "after": "#009E73",
    "limit": "#7A7A7A",
}
DARK = {
    "bar": "#2B6F99",
    "cap": "#F0E442",
    "run": "#9CD3F5",
    "spike": "#FF6B5B",
    "during": "#E69F00",
    "after": "#2FD1A0",
    "limit": "#AAAAAA",
}


def ms(d: date | datetime) -> float:
    """Local midnight of a day, or a moment, in Unix milliseconds."""
    t = d if isinstance(d, datetime) else datetime.combine(d, time())
    return t.astimezone().timestamp() * 1000


def _pen(color: str, width: float = 2.0, style=Qt.PenStyle.SolidLine) -> QPen:
    p = QPen(QColor(color))
    p.setWidthF(width)
    p.setStyle(style)
    return p


class _Chart(QChartView):
    def __init__(self, title: str, parent=None):
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)


class LoadChart(QWidget):
    """Two charts on one time axis: distance (weekly, per run, caps, spikes) over pain per run."""

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.distance = _Chart("Weekly distance and next week's cap")
        self.pain = _Chart("Pain per run")
        self.pain.setMinimumHeight(200)
        lay.addWidget(self.distance, 3)
        lay.addWidget(self.pain, 2)
        self._last: tuple[RunSummary, Unit] | None = None
        self.series_names: list[str] = []  # what is drawn (tests and screen readers)
        self.tips: dict[tuple[int, int], str] = {}

    def colors(self) -> dict[str, str]:
        return DARK if self.palette().color(QPalette.ColorRole.Base).lightness() < 128 else LIGHT

    def changeEvent(self, e) -> None:
        if e.type() == QEvent.Type.PaletteChange and self._last is not None:
            self.show_summary(*self._last)
        super().changeEvent(e)

    def show_summary(self, s: RunSummary, unit: Unit) -> None:
        self._last = (s, unit)
        c = self.colors()
        for view in (self.distance, self.pain):
            ch = view.chart()
            ch.removeAllSeries()
            for ax in ch.axes():
                ch.removeAxis(ax)
            text = QColor(self.palette().color(QPalette.ColorRole.Text))
            ch.setBackgroundBrush(QBrush(self.palette().color(QPalette.ColorRole.Base)))
            ch.setTitleBrush(QBrush(text))
            ch.legend().setLabelColor(text)
        self.series_names = []
        weeks = "; ".join(
            f"week of {w.start:%d %b}: {units.distance(w.distance_m, unit)}" + (" (over the cap)" if w.over_cap else "")
            for w in s.weeks[-6:]
        )
        self.distance.setAccessibleName("Weekly distance and next week's cap")
        self.distance.setAccessibleDescription(
            f"{weeks}. Next week's cap: {units.distance(s.load.next_week_cap_m, unit, down=True)}." if weeks else ""
        )
        if not s.weeks:
            return
        lo = s.weeks[0].start
        hi = s.weeks[-1].start + timedelta(days=14)  # this week and next week's cap
        dist = self.distance.chart()
        upper = QLineSeries()
        for w in s.weeks:
            v = to_unit(w.distance_m, unit)
            upper.append(ms(w.start), v)
            upper.append(ms(w.start + timedelta(days=7)), v)
        bars = QAreaSeries(upper)
        self._keep = [upper]  # the area series does not own its line
        bars.setName("Week total")
        bar = QColor(c["bar"])
        bar.setAlpha(150)
        bars.setBrush(bar)
        bars.setPen(_pen(c["bar"], 1))
        bars.setColor(bar)  # the legend's marker too
        cap = QLineSeries()
        cap.setName("Cap (last week + 10 %)")
        prev = 0.0
        for w in s.weeks:
            v = to_unit(next_week_cap(prev, s.ladder_start_m), unit)
            cap.append(ms(w.start), v)
            cap.append(ms(w.start + timedelta(days=7)), v)
            prev = w.distance_m
        nxt = s.weeks[-1].start + timedelta(days=7)
        v = to_unit(s.load.next_week_cap_m, unit)
        cap.append(ms(nxt), v)
        cap.append(ms(nxt + timedelta(days=7)), v)
        cap.setPen(_pen(c["cap"], 2.5, Qt.PenStyle.DashLine))
        runs = QScatterSeries()
        runs.setName("A run")
        runs.setMarkerSize(8)
        runs.setColor(QColor(c["run"]))
        runs.setBorderColor(QColor(c["run"]))
        spikes = QScatterSeries()
        spikes.setName("Spike (30-day rule)")
        spikes.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeTriangle)
        spikes.setMarkerSize(15)
        spikes.setColor(QColor(c["spike"]))
        spikes.setBorderColor(QColor(c["spike"]))
        top = 1.0
        self.tips: dict[tuple[int, int], str] = {}  # (x ms, y × 1000) -> the point's tooltip
        for sp in s.spikes:
            x, y = ms(sp.run.started_at), to_unit(sp.run.distance_m, unit)
            (spikes if sp.broke_rule else runs).append(x, y)
            top = max(top, y)
            when = f"{sp.run.started_at.astimezone():%a %d %b %Y}"
            rule = "" if not sp.broke_rule else f"\n{sp.level} spike: {sp.hazard:.2f}× the injury rate in the study"
            self.tips[(round(x), round(y * 1000))] = f"{when}: {units.distance(sp.run.distance_m, unit)}{rule}"
        for series in (runs, spikes):
            series.hovered.connect(self._tip)
        top = max([top, *(to_unit(w.distance_m, unit) for w in s.weeks), v])
        key = QLineSeries()  # QtCharts elides an area series' legend label: a plain line's marker stands for it
        key.setName(bars.name())
        key.setPen(_pen(c["bar"], 8))
        for series in (bars, key, cap, runs, spikes):
            if series is spikes and spikes.count() == 0:
                continue
            dist.addSeries(series)
            if series is not key:
                self.series_names.append(series.name())
        for marker in dist.legend().markers(bars):
            marker.setVisible(False)
        over = [w for w in s.weeks if w.over_cap]
        for i, w in enumerate(over):  # a thick top edge in the warning colour on each week over the cap
            edge = QLineSeries()
            edge.setName("Week >15 % up")
            edge.setPen(_pen(c["spike"], 4))
            v_w = to_unit(w.distance_m, unit)
            edge.append(ms(w.start), v_w)
            edge.append(ms(w.start + timedelta(days=7)), v_w)
            dist.addSeries(edge)
            for marker in dist.legend().markers(edge):
                marker.setVisible(i == 0)
        if over:
            self.series_names.append("Week >15 % up")
        self._axes(dist, lo, hi, 0, top * 1.12, unit)
        pain = self.pain.chart()
        during, after = QScatterSeries(), QScatterSeries()
        during.setName("Pain during")
        after.setName("Pain after")
        after.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRectangle)
        for series, key in ((during, "during"), (after, "after")):
            series.setMarkerSize(10)
            series.setColor(QColor(c[key]))
            series.setBorderColor(QColor(c[key]))
        for r in s.runs:
            if r.pain_during is not None:
                during.append(ms(r.started_at), r.pain_during)
            if r.pain_after is not None:
                after.append(ms(r.started_at), r.pain_after)
        limit = QLineSeries()
        limit.setName(f"Limit ({PAIN_LIMIT}/10)")
        limit.append(ms(lo), PAIN_LIMIT)
        limit.append(ms(hi), PAIN_LIMIT)
        limit.setPen(_pen(c["limit"], 1.5, Qt.PenStyle.DotLine))
        for series in (limit, during, after):
            pain.addSeries(series)
            self.series_names.append(series.name())
        rated = during.count() + after.count()
        pain.setTitle("Pain per run" if rated else "Pain per run: none rated yet (select a run, then Edit… to rate it)")
        self._axes(pain, lo, hi, 0, 10, "/10")

    def _tip(self, point, state: bool) -> None:
        """Hovering a run shows its date, distance and, for a spike, its level."""
        text = self.tips.get((round(point.x()), round(point.y() * 1000)), "") if state else ""
        if text:
            QToolTip.showText(QCursor.pos(), text, self)
        else:
            QToolTip.hideText()

    def _axes(self, ch: QChart, lo: date, hi: date, y0: float, y1: float, unit: str) -> None:
        text = QColor(self.palette().color(QPalette.ColorRole.Text))
        grid = QColor(self.palette().color(QPalette.ColorRole.Mid))
        x = QDateTimeAxis()
        x.setFormat("d MMM" if lo.year == hi.year else "d MMM yy")  # a span across New Year names the years
        x.setRange(QDateTime.fromMSecsSinceEpoch(int(ms(lo))), QDateTime.fromMSecsSinceEpoch(int(ms(hi))))
        weeks = max(1, (hi - lo).days // 7)
        x.setTickCount(min(weeks, 8) + 1)
        y = QValueAxis()
        y.setRange(y0, y1)
        if unit == "/10":
            y.setTickCount(3)  # 0, 5, 10: room for the labels in a short chart
            y.setLabelFormat("%.0f")
        else:
            y.applyNiceNumbers()
            y.setLabelFormat("%.0f" if y.max() - y.min() >= 5 else "%.1f")
        y.setTitleText(unit)
        for ax in (x, y):
            ax.setLabelsColor(text)
            ax.setTitleBrush(QBrush(text))
            ax.setGridLineColor(grid)
        ch.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        ch.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for series in ch.series():
            series.attachAxis(x)
            series.attachAxis(y)
