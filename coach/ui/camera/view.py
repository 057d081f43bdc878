"""``CameraView``: the camera image with the skeleton drawn in Qt (QPainter), the pelvis line, fps and guidance.

Coordinates: landmarks are normalised to the unmirrored image (x right, y down, 0..1); the view
fits the image into the widget keeping its aspect (letterboxed) and maps x -> 1 - x when mirrored,
so the picture and the overlay flip together while the landmarks themselves are never changed.
Colours come from the palette (text boxes use Window/WindowText, bones use Highlight); the pelvis
line's state colour is always paired with a text label and a line style and end-marker shape:
ok = solid line, round ends, "✓"; drop = dashed, triangles, "▼"; marked = thick dash-dot, triangles, "▼▼".
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.core import landmarks as L
from coach.ui.camera.live_frame import LiveFrame

log = logging.getLogger(__name__)
VIS_MIN = 0.5  # landmarks below this visibility are not drawn
FLAG_COLOURS = {"ok": QColor(46, 160, 67), "drop": QColor(230, 160, 0), "marked": QColor(214, 39, 40)}
OUTLINE = QColor(20, 20, 20)  # dark edge so bones stand out on any picture
FLASH_S = 1.6


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


class CameraView(QWidget):
    painted = Signal(float)  # capture time (monotonic s) of each new frame, once it has been painted
    displayChanged = Signal(object, bool, float)  # (box w, h in device pixels), mirror, device pixel ratio

    def __init__(self, parent=None, *, mirror: bool = True):
        super().__init__(parent)
        self.setAccessibleName("Camera preview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.mirror = mirror
        self.frame: LiveFrame | None = None
        self.placeholder = "Camera off"
        self.notice: str | None = None  # persistent line, e.g. "Preview only: no pose model"
        self.tracks_people = True  # False (a Settings preview, no model): no "No one in view" line
        self._flash: tuple[str, str, float] | None = None  # (text, kind, until)
        self._new_frame = False
        self._text_width: float | None = None
        self._paint_failed = False  # a frame failed to draw: logged once
        self._flash_timer = QTimer(self, singleShot=True, timeout=self.update)
        self._describe()

    # ---- state -----------------------------------------------------------------------------------
    def set_frame(self, frame: LiveFrame | None) -> None:
        before = self.guidance()
        self.frame = frame
        self._new_frame = frame is not None
        if self.guidance() != before:  # screen readers hear guidance changes, not every frame
            self._describe()
        self.update()

    def set_placeholder(self, text: str) -> None:
        """Text shown while there is no picture (starting, manual mode); clears the last frame."""
        self.placeholder = text
        self.frame = None
        self._describe()
        self.update()

    def set_notice(self, text: str | None) -> None:
        self.notice = text
        self._describe()
        self.update()

    def set_mirror(self, mirror: bool) -> None:
        self.mirror = bool(mirror)
        self._display_changed()
        self.update()

    def display_box(self) -> tuple[int, int]:
        """The widget size in device pixels: the worker scales frames to fit it."""
        dpr = self.devicePixelRatioF()
        return max(1, int(self.width() * dpr)), max(1, int(self.height() * dpr))

    def _display_changed(self) -> None:
        self.displayChanged.emit(self.display_box(), self.mirror, self.devicePixelRatioF())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._display_changed()

    def flash(self, text: str, kind: str = "info") -> None:
        """A short on-screen cue (a rep, a pelvic drop); kind "info" | "rep" | "warning"."""
        self._flash = (text, kind, time.monotonic() + FLASH_S)
        self._flash_timer.start(int(FLASH_S * 1000) + 20)
        self.setAccessibleDescription(text)
        self.update()

    def guidance(self) -> str | None:
        u = self.frame.update if self.frame is not None else None
        return u.guidance if u is not None else None

    def _describe(self) -> None:
        if self.frame is None:
            text = self.placeholder
        else:
            text = self.guidance() or self.notice or "Live camera picture with your skeleton"
        self.setAccessibleDescription(text)

    # ---- geometry --------------------------------------------------------------------------------
    def image_rect(self) -> QRectF:
        """Where the image goes in widget coordinates (aspect kept, centred)."""
        r = QRectF(self.rect())
        if self.frame is None:
            return r
        if self.frame.display:  # already scaled by the worker: drawn 1:1, centred
            img = self.frame.image
            dpr = img.devicePixelRatio() or 1.0
            w, h = img.width() / dpr, img.height() / dpr
            return QRectF(round(r.center().x() - w / 2), round(r.center().y() - h / 2), w, h)
        w, h = self.frame.size
        s = min(r.width() / w, r.height() / h)
        return QRectF(r.center().x() - w * s / 2, r.center().y() - h * s / 2, w * s, h * s)

    def to_widget(self, x: float, y: float, target: QRectF | None = None) -> QPointF:
        t = target or self.image_rect()
        return QPointF(t.left() + ((1.0 - x) if self.mirror else x) * t.width(), t.top() + y * t.height())

    # ---- painting --------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        """Paints the frame; a frame that can't be drawn is logged (once per view) and the painter always
        ended: an exception escaping here kept the QPainter alive in the traceback, and ending it later, out
        of the paint event or after the widget was deleted, crashed the app (a segfault in QPainter::end)."""
        p = QPainter(self)
        try:
            self._paint(p)
        except Exception:
            if not self._paint_failed:
                self._paint_failed = True
                log.exception("the camera picture could not be drawn")
        finally:
            p.end()

    def _paint(self, p: QPainter) -> None:
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        f = self.frame
        if f is None:
            p.setPen(pal.color(QPalette.ColorRole.WindowText))
            p.drawText(
                self.rect().adjusted(16, 16, -16, -16),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.placeholder,
            )
            return
        target = self.image_rect()
        self._text_width = target.width()  # text boxes wrap within the picture
        if f.mirrored != self.mirror:  # the worker hasn't caught up with a mirror toggle yet
            p.save()
            p.translate(target.left() + target.right(), 0)
            p.scale(-1, 1)
            p.drawImage(target, f.image)
            p.restore()
        elif f.display:
            p.drawImage(target.topLeft(), f.image)  # a plain blit
        else:
            p.drawImage(target, f.image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        label = None
        if f.landmarks is not None:
            p.save()
            p.setClipRect(target)  # a limb out of the picture stops at its edge, never over the letterbox
            label = self._skeleton(p, f, target)
            p.restore()
        bottom_top = self._texts(p, f, target)
        if label is not None:
            self._pelvis_label(p, f, label, bottom_top)
        if self._new_frame:
            self._new_frame = False
            self.painted.emit(f.t_capture)

    def _skeleton(self, p: QPainter, f: LiveFrame, target: QRectF) -> tuple[str, QPointF, float, bool] | None:
        """Draws the bones and the pelvis line; returns its label (text, line middle, gap to the line, bold)."""
        lm = f.landmarks
        pts = [self.to_widget(float(lm[i, 0]), float(lm[i, 1]), target) for i in range(L.NUM_LANDMARKS)]
        vis = lm[:, 3] >= VIS_MIN
        unit = max(2.0, target.height() / 160)
        bones = [(a, b) for a, b in L.SKELETON if (a, b) != L.PELVIS and vis[a] and vis[b]]
        # opaque colours and flat caps: antialiased round caps or translucent strokes cost ~20x more to paint
        outline = QPen(OUTLINE, unit * 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
        line = QPen(
            self.palette().color(QPalette.ColorRole.Highlight), unit, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap
        )
        lines = [QLineF(pts[a], pts[b]) for a, b in bones]
        for pen in (outline, line):
            p.setPen(pen)
            p.drawLines(lines)
        a, b = L.PELVIS
        if vis[a] and vis[b]:
            u = f.update
            flag = u.pelvis_flag if u is not None else None
            colour = FLAG_COLOURS.get(flag, self.palette().color(QPalette.ColorRole.Highlight))
            style = {"drop": Qt.PenStyle.DashLine, "marked": Qt.PenStyle.DashDotLine}.get(flag, Qt.PenStyle.SolidLine)
            width = unit * (2.6 if flag == "marked" else 2.0)
            p.setPen(QPen(OUTLINE, width * 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            p.drawLine(pts[a], pts[b])
            p.setPen(QPen(colour, width, style, Qt.PenCapStyle.FlatCap))
            p.drawLine(pts[a], pts[b])
            p.setBrush(colour)
            p.setPen(QPen(OUTLINE, 1.0))
            for i in (a, b):
                if flag in ("drop", "marked"):
                    c, r = pts[i], width * 1.6
                    p.drawPolygon(
                        QPolygonF(
                            [QPointF(c.x() - r, c.y() - r), QPointF(c.x() + r, c.y() - r), QPointF(c.x(), c.y() + r)]
                        )
                    )
                else:
                    p.drawEllipse(pts[i], width * 1.2, width * 1.2)
            label = pelvis_label(flag, u.pelvis_tilt_deg if u else None, bool(u and u.calibrating))
            if label:
                mid = (pts[a] + pts[b]) / 2
                return label, mid, 3 * width, flag in ("drop", "marked")
        return None

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
