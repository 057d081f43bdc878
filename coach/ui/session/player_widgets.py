"""Painted widgets of the player: the countdown/rep ring and the left/right side indicator.

Both draw with the palette plus one accent, and always carry their state in text as well (for people who
can't tell the colours apart, and for screen readers via the accessible name).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.ui import style
from coach.ui.painting import guarded_paint


def clock_text(seconds: float) -> str:
    """0:42 / 1:05 for a countdown (rounded up, so 0.2 s left shows 0:01)."""
    s = max(0, int(-(-seconds // 1)))
    return f"{s // 60}:{s % 60:02d}"


def fitting_font(widget: QWidget, factor: float, text: str, width: float, bold: bool = False) -> QFont:
    """The widget's font scaled by ``factor``, made smaller (down to 60 %) until ``text`` fits ``width`` px."""
    font = style.scaled_font(widget, factor, bold=bold)
    for _ in range(8):
        if QFontMetricsF(font).horizontalAdvance(text) <= width or font.pointSizeF() <= 1:
            break
        font.setPointSizeF(font.pointSizeF() * 0.9)
    return font


class TimerRing(QWidget):
    """A progress ring with a big centre text (time left, or reps done/target) and a caption under it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(QSize(100, 100))
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.fraction = 0.0  # 0..1 of the ring filled
        self.big = ""
        self.caption = ""
        self.paused = False
        self.setAccessibleName("Timer")

    def set_values(self, fraction: float, big: str, caption: str, paused: bool) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if (fraction, big, caption, paused) == (self.fraction, self.big, self.caption, self.paused):
            return
        self.fraction, self.big, self.caption, self.paused = fraction, big, caption, paused
        self.setAccessibleDescription(f"{big} {caption}{' (paused)' if paused else ''}")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, 240)

    @guarded_paint
    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        side = min(self.width(), self.height()) - 8
        ring = max(8.0, side * 0.07)
        r = QRectF(
            (self.width() - side) / 2 + ring / 2, (self.height() - side) / 2 + ring / 2, side - ring, side - ring
        )
        pal = self.palette()
        track = style.mix(pal.color(QPalette.Window), pal.color(QPalette.WindowText), 0.15)
        p.setPen(QPen(track, ring, Qt.SolidLine, Qt.RoundCap))
        p.drawEllipse(r)
        if self.fraction > 0:
            colour = pal.color(QPalette.Mid) if self.paused else style.ACCENT
            p.setPen(QPen(colour, ring, Qt.SolidLine, Qt.RoundCap))
            p.drawArc(r, 90 * 16, -int(self.fraction * 360 * 16))
        p.setPen(pal.color(QPalette.WindowText))
        p.setFont(fitting_font(self, max(1.6, side / 70), self.big, r.width() * 0.8, bold=True))
        text_r = QRectF(r.x(), r.y() + r.height() * 0.22, r.width(), r.height() * 0.4)
        p.drawText(text_r, Qt.AlignCenter, self.big)
        cap = "Paused" if self.paused else self.caption
        p.setFont(fitting_font(self, max(0.9, side / 260), cap, r.width() * 0.8))
        p.drawText(QRectF(r.x(), r.y() + r.height() * 0.62, r.width(), r.height() * 0.18), Qt.AlignCenter, cap)
        if self.paused:  # a pause glyph, so "paused" isn't only a colour change
            w = side * 0.035
            cx, cy = r.center().x(), r.y() + r.height() * 0.17
            p.setPen(Qt.NoPen)
            p.setBrush(pal.color(QPalette.WindowText))
            p.drawRoundedRect(QRectF(cx - 2.2 * w, cy - 1.6 * w, 1.3 * w, 3.2 * w), 2, 2)
            p.drawRoundedRect(QRectF(cx + 0.9 * w, cy - 1.6 * w, 1.3 * w, 3.2 * w), 2, 2)


class SideIndicator(QWidget):
    """Two pills, LEFT and RIGHT; the working side is filled, bold and marked with a triangle.
    ``set_side(None)`` (both legs) shows "Both sides" with both pills outlined."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.side: str | None = None
        self.setMinimumHeight(44)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setAccessibleName("Side")
        self._describe()

    def set_side(self, side: str | None) -> None:
        if side != self.side:
            self.side = side
            self._describe()
            self.update()

    def _describe(self) -> None:
        self.setAccessibleDescription(f"{self.side} side" if self.side else "both sides")

    def sizeHint(self) -> QSize:
        return QSize(260, 44)

    @guarded_paint
    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pal = self.palette()
        gap = 10
        w = (self.width() - gap) / 2
        h = self.height() - 4
        for i, name in enumerate(("left", "right")):
            rect = QRectF(i * (w + gap) + 1, 2, w - 2, h)
            active = self.side == name
            p.setPen(QPen(style.ACCENT if active else pal.color(QPalette.Mid), 2))
            p.setBrush(style.ACCENT if active else Qt.NoBrush)
            p.drawRoundedRect(rect, h / 2, h / 2)
            p.setPen(Qt.white if active else pal.color(QPalette.PlaceholderText))
            p.setFont(style.scaled_font(self, 1.15, bold=active))
            label = ("▶ " if active else "") + name.upper()
            if self.side is None:
                label = "BOTH" if i == 0 else "SIDES"
            p.drawText(rect, Qt.AlignCenter, label)
