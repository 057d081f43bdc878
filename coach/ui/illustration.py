"""Step illustrations: SVGs from the assets folder, painted as vectors so they are crisp at any DPI.

A missing or broken file logs a warning (once per path) and shows ``illustrations/placeholder.svg``, or,
if even that is unusable, a drawn placeholder. Nothing here raises.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from xml.etree import ElementTree
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach import paths

log = logging.getLogger(__name__)
PLACEHOLDER = "illustrations/placeholder.svg"


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


def resolve(rel: str | None) -> tuple[QSvgRenderer | None, bool]:
    """(renderer, is_placeholder) for a step's illustration."""
    r = renderer(rel) if rel else None
    if r is not None:
        return r, False
    return renderer(PLACEHOLDER), True


class Illustration(QWidget):
    """Paints one SVG scaled to fit (aspect kept), centred. ``set_path(None)`` clears it."""

    def __init__(self, rel: str | None = None, *, min_size: QSize = QSize(160, 110), parent=None):
        super().__init__(parent)
        self.setMinimumSize(min_size)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setAccessibleName("Illustration")
        self._rel: str | None = None
        self._renderer: QSvgRenderer | None = None
        self.placeholder = False
        self.set_path(rel)

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
        self._renderer.render(p, QRectF(rect.x() + (rect.width() - w) / 2, rect.y() + (rect.height() - h) / 2, w, h))

    def _paint_fallback(self, p: QPainter, rect: QRectF) -> None:
        p.setPen(QPen(self.palette().color(QPalette.Mid), 2, Qt.DashLine))
        p.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 10, 10)
        p.setPen(self.palette().color(QPalette.PlaceholderText))
        p.drawText(rect, Qt.AlignCenter, "Illustration unavailable")
