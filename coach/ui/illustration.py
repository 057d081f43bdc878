"""Step illustrations: SVGs from the assets folder, painted as vectors so they are crisp at any DPI.

A missing or broken file logs a warning (once per path) and shows ``illustrations/placeholder.svg``, or,
if even that is unusable, a drawn placeholder. Nothing here raises.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach import paths
from coach.ui.painting import guarded_paint

log = logging.getLogger(__name__)
PLACEHOLDER = "illustrations/placeholder.svg"
WORDS = "words"  # the id of a picture's text group


def _assets() -> Path | None:
    try:
        return paths.assets_dir()
    except FileNotFoundError:
        return None


@lru_cache(maxsize=64)
def description(rel: str) -> str:
    """The SVG's own ``<title>``/``<desc>`` (what it shows, in plain words), for screen readers."""
    root = _assets()
    try:
        tree = ElementTree.parse(root / rel) if root is not None else None
    except (OSError, ElementTree.ParseError):
        return ""
    if tree is None:
        return ""
    parts = [el.text.strip() for el in tree.getroot() if el.tag.rsplit("}", 1)[-1] in ("title", "desc") and el.text]
    return ". ".join(parts)


@lru_cache(maxsize=64)
def renderer(rel: str) -> QSvgRenderer | None:
    """A valid renderer for ``rel`` (relative to the assets folder), else None (warning logged)."""
    root = _assets()
    if root is None:
        log.warning("assets folder not found; showing a placeholder for %s", rel)
        return None
    path = (root / rel).resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        log.warning("illustration %s not found in %s; showing a placeholder", rel, root)
        return None
    r = QSvgRenderer(str(path))
    if not r.isValid():
        log.warning("illustration %s could not be read (not a valid SVG); showing a placeholder", path)
        return None
    return r


@lru_cache(maxsize=32)
def wordless(rel: str) -> QSvgRenderer | None:
    """The picture without its ``<g id="words">`` group (drawn flipped; the words are then drawn unflipped)."""
    root = _assets()
    try:
        text = (root / rel).read_text(encoding="utf-8") if root is not None else None
    except OSError:
        return None
    if text is None:
        return None
    r = QSvgRenderer(QByteArray(re.sub(r'<g id="words">.*?</g>', "", text, flags=re.S).encode("utf-8")))
    return r if r.isValid() else None


def resolve(rel: str | None) -> tuple[QSvgRenderer | None, bool]:
    """(renderer, is_placeholder) for a step's illustration."""
    r = renderer(rel) if rel else None
    if r is not None:
        return r, False
    return renderer(PLACEHOLDER), True


class Illustration(QWidget):
    """Paints one SVG scaled to fit (aspect kept), centred. ``set_path(None)`` clears it.

    Pictures are drawn for the left side; ``set_mirrored(True)`` (or ``mirror=True``) flips the drawing
    left-right for a step done on the right side. The picture's words (its ``<g id="words">``) are painted
    unflipped, in place, so they never read backwards."""

    def __init__(self, rel: str | None = None, *, min_size: QSize = QSize(160, 110), mirror: bool = False, parent=None):
        super().__init__(parent)
        self.setMinimumSize(min_size)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setAccessibleName("Illustration")
        self._rel: str | None = None
        self._renderer: QSvgRenderer | None = None
        self.placeholder = False
        self.mirrored = bool(mirror)
        self.set_path(rel)

    def set_mirrored(self, mirrored: bool) -> None:
        """Flip the picture left-right (the right-side version of a one-sided exercise)."""
        if bool(mirrored) != self.mirrored:
            self.mirrored = bool(mirrored)
            self.update()

    def set_path(self, rel: str | None, fallback: str = "") -> None:
        """Show ``rel``; ``fallback`` describes it for screen readers if the SVG has no title/desc."""
        if rel == self._rel and rel is not None:
            return
        self._rel = rel
        self._renderer, self.placeholder = resolve(rel) if rel else (None, False)
        text = "Illustration unavailable" if self.placeholder else (description(rel) if rel else "")
        self.setAccessibleDescription(text or fallback)
        self.setToolTip("Illustration unavailable" if self.placeholder else "")
        self.update()

    @guarded_paint
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        rect = QRectF(self.rect())
        if self._renderer is None:
            if self._rel is not None:
                self._paint_fallback(p, rect)
            return
        vb = self._renderer.viewBoxF()
        if vb.width() <= 0 or vb.height() <= 0:
            self._renderer.render(p, rect)
            return
        scale = min(rect.width() / vb.width(), rect.height() / vb.height())
        w, h = vb.width() * scale, vb.height() * scale
        target = QRectF(rect.x() + (rect.width() - w) / 2, rect.y() + (rect.height() - h) / 2, w, h)
        drawing = wordless(self._rel) if self.mirrored and not self.placeholder else None
        if drawing is None:
            self._renderer.render(p, target)
            return
        p.save()
        p.translate(target.center().x() * 2, 0)
        p.scale(-1, 1)
        drawing.render(p, target)
        p.restore()
        if self._renderer.elementExists(WORDS):
            box = self._renderer.transformForElement(WORDS).mapRect(self._renderer.boundsOnElement(WORDS))
            self._renderer.render(
                p,
                WORDS,
                QRectF(
                    target.x() + (box.x() - vb.x()) * scale,
                    target.y() + (box.y() - vb.y()) * scale,
                    box.width() * scale,
                    box.height() * scale,
                ),
            )

    def _paint_fallback(self, p: QPainter, rect: QRectF) -> None:
        p.setPen(QPen(self.palette().color(QPalette.Mid), 2, Qt.DashLine))
        p.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 10, 10)
        p.setPen(self.palette().color(QPalette.PlaceholderText))
        p.drawText(rect, Qt.AlignCenter, "Illustration unavailable")
