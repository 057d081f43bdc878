"""``PainSlider``: the 0-10 pain scale of the check-ins, with "not rated" as a state of its own.

A QSlider (so the keys, the value and the accessibility are Qt's) painted as a numbered scale: 0 … 10 under
eleven ticks in the text colour (readable in both themes). Until the person rates, no thumb is drawn and the
track is dashed, so "not rated" never looks like "0"; once rated, the track fills up to a round thumb. A click
or a drag anywhere on the scale picks the number under the pointer.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QSlider

from coach.ui import style
from coach.ui.painting import guarded_paint

PAD = 14.0  # px between the widget's edge and the 0 / 10 ticks (half a thumb, plus the focus frame)
THUMB = 11.0  # px, the thumb's radius
_MOVE_KEYS = (
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
)


class PainSlider(QSlider):
    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setRange(0, 10)
        self.setPageStep(1)
        self.setTickInterval(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rated = False

    def set_rated(self, rated: bool) -> None:
        if rated != self.rated:
            self.rated = rated
            self.setAccessibleDescription("" if rated else "Not rated yet")
            self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(300, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, int(2 * THUMB + self.fontMetrics().height() + 12))

    # ---- geometry ----------------------------------------------------------------------------------
    def _x(self, value: int) -> float:
        span = self.width() - 2 * PAD
        return PAD + span * (value - self.minimum()) / max(1, self.maximum() - self.minimum())

    def value_at(self, x: float) -> int:
        """The scale value nearest to ``x`` (widget px)."""
        span = max(1.0, self.width() - 2 * PAD)
        v = round(self.minimum() + (x - PAD) / span * (self.maximum() - self.minimum()))
        return max(self.minimum(), min(self.maximum(), v))

    # ---- mouse: the number under the pointer ---------------------------------------------------------
    def mousePressEvent(self, e) -> None:  # noqa: N802 (Qt's name)
        if e.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(e)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.setSliderDown(True)
        self.setValue(self.value_at(e.position().x()))
        self.sliderPressed.emit()  # a click on the current value rates it too
        e.accept()

    def mouseMoveEvent(self, e) -> None:  # noqa: N802 (Qt's name)
        if self.isSliderDown():
            self.setValue(self.value_at(e.position().x()))
        e.accept()

    def mouseReleaseEvent(self, e) -> None:  # noqa: N802 (Qt's name)
        if self.isSliderDown():
            self.setSliderDown(False)
        e.accept()

    def keyPressEvent(self, e) -> None:  # noqa: N802 (Qt's name)
        """An arrow key that can't move the value (← at 0, → at 10) still rates it: the person chose it."""
        before = self.value()
        super().keyPressEvent(e)
        if not self.rated and self.value() == before and e.key() in _MOVE_KEYS:
            self.sliderPressed.emit()

    # ---- painting ----------------------------------------------------------------------------------
    @guarded_paint
    def paintEvent(self, _e) -> None:  # noqa: N802 (Qt's name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        if not self.isEnabled():
            text = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        y = PAD
        left, right = self._x(self.minimum()), self._x(self.maximum())
        track = QPen(style.mix(pal.color(QPalette.ColorRole.Window), text, 0.55), 3)
        track.setCapStyle(Qt.PenCapStyle.RoundCap)
        if not self.rated:
            track.setStyle(Qt.PenStyle.DashLine)
        p.setPen(track)
        p.drawLine(QPointF(left, y), QPointF(right, y))
        fm = self.fontMetrics()
        for v in range(self.minimum(), self.maximum() + 1):
            x = self._x(v)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp 2 px ticks on whole pixels
            p.setPen(QPen(text, 2))
            p.drawLine(QPointF(round(x), y + 6), QPointF(round(x), y + 11))
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            label = str(v)
            r = QRectF(x - 12, y + THUMB + 2, 24, fm.height())
            font = self.font()
            font.setBold(self.rated and v == self.value())
            p.setFont(font)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, label)
        if self.rated:
            x = self._x(self.value())
            p.setPen(QPen(style.ACCENT, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            if x > left:
                p.drawLine(QPointF(left, y), QPointF(x, y))
            p.setPen(QPen(pal.color(QPalette.ColorRole.Window), 2))
            p.setBrush(style.ACCENT)
            p.drawEllipse(QPointF(x, y), THUMB - 2, THUMB - 2)
        if self.hasFocus():
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1.5, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
        p.end()
