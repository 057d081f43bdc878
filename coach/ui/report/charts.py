"""The report's charts, built from its numbers as the History screen's ``Trend`` objects (one rendering path):
pain before / after / next morning with the 3–4/10 band, the pelvic-drop peak per side per week with the 5°
threshold, and the weekly running distance with its cap. x is Unix ms at local noon of the day (or the week's
Monday)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter

from coach.core.pain import PAIN_LIMIT
from coach.core.report import Report
from coach.ui.history.points import Points
from coach.ui.history.trend import Trend
from coach.ui.report.layout import INK, font

BAND = (PAIN_LIMIT - 1.0, float(PAIN_LIMIT))


def noon_ms(d: date) -> float:
    return datetime(d.year, d.month, d.day, 12).timestamp() * 1000.0


WEEKLY_AFTER_DAYS = 84  # longer ranges chart weekly means of pain


def pain_points(report: Report) -> Points:
    if (report.last - max(report.first, report.since or report.first)).days > WEEKLY_AFTER_DAYS:
        weekly = report.pain.weekly()
        names = {"before": "Before", "after": "After", "morning": "Next morning"}
        return {names[k]: [(noon_ms(w), v) for w, v in pts] for k, pts in weekly.items()}
    out: Points = {"Before": [], "After": [], "Next morning": []}
    for t, before, after in report.pain.sessions:
        if before is not None:
            out["Before"].append((t * 1000.0, float(before)))
        if after is not None:
            out["After"].append((t * 1000.0, float(after)))
    out["Next morning"] = [(noon_ms(d) - 4 * 3600e3, float(p)) for d, p in report.pain.mornings]  # 08:00
    return out


def drop_points(report: Report) -> Points:
    out: Points = {"Left leg": [], "Right leg": []}
    for w in report.drops:
        for side in ("left", "right"):
            peak = w.side(side).peak
            if peak is not None:
                out[f"{side.capitalize()} leg"].append((noon_ms(w.week), peak))
    return out


def run_points(report: Report) -> Points:
    return {"Weekly distance": [(noon_ms(w), km) for w, km in report.runs]}


def _span(report: Report) -> tuple[float, float]:
    """From the first session (or the range's start) to the range's end."""
    return noon_ms(max(report.first, report.since or report.first)), noon_ms(report.last)


def report_trends(report: Report) -> dict[str, Trend | None]:
    """The page's charts, or None where there is nothing to draw."""
    pain = Trend("Pain (0–10)", y_max=10, band=BAND, band_name="3–4/10")
    drops = Trend(
        "Peak drop (°)",
        y_format="%.0f",
        y_floor=8.0,
        limit=report.flag_deg,
        limit_name=f"{report.flag_deg:g}° flag",
    )
    cap = report.run_cap_km
    runs = Trend("km", y_floor=10.0, limit=cap, limit_name=f"Next week's cap ({cap:g} km)" if cap is not None else "")
    for trend in (pain, drops, runs):
        trend.set_font(font(7.0))  # before the series: the legend sizes its items with it
    out: dict[str, Trend | None] = {}
    for key, trend, points in (
        ("pain", pain, pain_points(report)),
        ("drops", drops, drop_points(report)),
        ("runs", runs, run_points(report)),
    ):
        out[key] = trend if trend.set_points(points, _span(report)) else None
        if (report.last - max(report.first, report.since or report.first)).days > 100:
            trend.x_axis.setFormat("MMM yy")  # "11 Oct 26" labels don't fit half a page's width
    runs.y_axis.setTickCount(3)  # a short chart: 3 labels stay legible
    return out


def paint_trend(trend: Trend, painter: QPainter, rect: QRectF) -> None:
    """Paint in print colours (dark ink on white, vector markers) and print-size text."""
    many = max((len(v) for v in trend.points.values()), default=0) > 40
    trend.colour(INK, QColor("white"), False, 2 if many else 4, 1.0, images=False)
    trend.x_axis.setTitleVisible(False)  # dates speak for themselves; the room goes to the plot
    trend.paint(painter, rect)
