"""The camera view's text boxes: the pelvis label, fps, guidance, notice and flash (mixed into ``CameraView``).

Each text sits on a rounded box in the palette's Window / WindowText colours, sized to wrap within the
view (widget pixels). ``FLAG_COLOURS`` are the pelvis line's state colours; ``pelvis_label`` is the text
that always goes with them (never colour alone). ``OverlayText`` expects ``notice``, ``tracks_people``,
``guidance()``, ``_flash`` (text, kind, until in monotonic s) and ``_text_width`` from ``CameraView``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen

from coach.ui.camera.live_frame import LiveFrame

FLAG_COLOURS = {"ok": QColor(46, 160, 67), "drop": QColor(230, 160, 0), "marked": QColor(214, 39, 40)}


def pelvis_label(flag: str | None, tilt: float | None, calibrating: bool) -> str | None:
    """The text cue that goes with the pelvis line colour (never colour alone)."""
    if flag == "marked":
        return f"▼▼ Marked pelvic drop {tilt or 0:.1f}°"
    if flag == "drop":
        return f"▼ Pelvic drop {tilt or 0:.1f}°"
    if flag == "ok":
        return "✓ Hips level"
    if calibrating:
        return "… Measuring your hip line"
    return None


class OverlayText:
    """Text boxes painted over the camera image (see the module docstring)."""

    def _pelvis_label(self, p: QPainter, f: LiveFrame, label: tuple, bottom_top: float) -> None:
        """Below the pelvis line, or above it when the guidance boxes at the bottom leave no room, never over
        them; "… Measuring your hip line" is left out while a guidance box ("Stand still ...") is shown."""
        text, mid, gap, bold = label
        u = f.update
        if u is not None and u.calibrating and u.pelvis_flag is None and self.guidance():
            return
        h = self._box_size(p, text, bold)[1]
        y = mid.y() + gap
        if y + h > bottom_top - 4:
            y = min(mid.y() - gap - h, bottom_top - 4 - h)
        self._box(p, text, QPointF(mid.x(), y), Qt.AlignmentFlag.AlignHCenter, bold=bold)

    def _texts(self, p: QPainter, f: LiveFrame, target: QRectF) -> float:
        """The fps, the bottom boxes (guidance, notice) and the flash; returns the top of the bottom boxes."""
        m = 8.0
        fps_box = self._box(
            p,
            f"{f.fps:.0f} fps" if f.fps > 0 else "… fps",
            QPointF(target.right() - m, target.top() + m),
            Qt.AlignmentFlag.AlignRight,
        )
        lines = []
        if f.landmarks is None and f.exercise is None and self.notice is None and self.tracks_people:
            lines.append("No one in view")
        g = self.guidance()
        if g:
            lines.append(f"⚠ {g}")
        if self.notice:
            lines.append(self.notice)
        y = top = target.bottom() - m
        for text in reversed(lines):
            r = self._box(
                p, text, QPointF(target.center().x(), y), Qt.AlignmentFlag.AlignHCenter, bottom=True, bold=True
            )
            y, top = r.top() - 4, r.top()
        if self._flash is not None:
            text, kind, until = self._flash
            if time.monotonic() < until:
                self._box(
                    p,
                    text,
                    QPointF(target.center().x(), fps_box.bottom() + 4),
                    Qt.AlignmentFlag.AlignHCenter,
                    bold=True,
                    scale=1.4,
                    accent=FLAG_COLOURS["marked"] if kind == "warning" else None,
                )
            else:
                self._flash = None
        return top

    def _box(
        self,
        p: QPainter,
        text: str,
        anchor: QPointF,
        align,
        *,
        bottom: bool = False,
        bold: bool = False,
        scale: float = 1.0,
        accent: QColor | None = None,
    ) -> QRectF:
        """Text on a rounded palette-coloured box; ``anchor`` is the top (or bottom) point at ``align``."""
        pal = self.palette()
        w, h = self._box_size(p, text, bold, scale)
        x = (
            anchor.x() - w / 2
            if align == Qt.AlignmentFlag.AlignHCenter
            else (anchor.x() - w if align == Qt.AlignmentFlag.AlignRight else anchor.x())
        )
        y = anchor.y() - h if bottom else anchor.y()
        box = QRectF(x, y, w, h)
        bg = pal.color(QPalette.ColorRole.Window)
        path = QPainterPath()
        path.addRoundedRect(box, 6, 6)
        p.fillPath(path, bg)
        if accent is not None:
            p.setPen(QPen(accent, 3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        p.drawText(box.adjusted(8, 4, -8, -4), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
        return box

    def _box_size(self, p: QPainter, text: str, bold: bool, scale: float = 1.0) -> tuple[float, float]:
        """(w, h) of ``_box`` for this text; sets the painter's font for it."""
        font = self.font()
        font.setBold(bold)
        if scale != 1.0:
            font.setPointSizeF(max(font.pointSizeF(), 8.0) * scale)
        p.setFont(font)
        max_w = max(80.0, (self._text_width or self.width()) - 32.0)
        br = QRectF(p.fontMetrics().boundingRect(0, 0, int(max_w), 10_000, Qt.TextFlag.TextWordWrap, text))
        return br.width() + 16, br.height() + 8
