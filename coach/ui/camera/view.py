"""``CameraView``: the camera image with the skeleton drawn in Qt (QPainter), the pelvis line, fps and guidance.

Coordinates: landmarks are normalised to the unmirrored image (x right, y down, 0..1); the view
fits the image into the widget keeping its aspect (letterboxed) and maps x -> 1 - x when mirrored,
so the picture and the overlay flip together while the landmarks themselves are never changed.
Colours come from the palette (text boxes use Window/WindowText, bones use Highlight); the pelvis
line's state colour is always paired with a text label and a line style and end-marker shape:
ok = solid line, round ends, "✓"; drop = dashed, triangles, "▼"; marked = thick dash-dot, triangles, "▼▼".
The text boxes (and the pelvis colours and labels) are in ``overlay_text`` (``OverlayText``, mixed in here).
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.core import landmarks as L
from coach.ui.camera.live_frame import LiveFrame
from coach.ui.camera.overlay_text import FLAG_COLOURS, OverlayText, pelvis_label

__all__ = ["FLAG_COLOURS", "FLASH_S", "OUTLINE", "VIS_MIN", "CameraView", "pelvis_label"]

log = logging.getLogger(__name__)
VIS_MIN = 0.5  # landmarks below this visibility are not drawn
OUTLINE = QColor(20, 20, 20)  # dark edge so bones stand out on any picture
FLASH_S = 1.6


class CameraView(OverlayText, QWidget):
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
