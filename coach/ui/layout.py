"""Small layout helpers so every screen reflows down to an 800 × 600 window without cutting anything off.

- ``scroll_area(widget)``: a frameless vertical scroller for content that can be long (cues, settings);
  it never scrolls sideways: the content is made to fit the width.
- ``scrolling_page(page)``: fills a whole page with a frameless scroll area and returns the widget that holds
  the page's content (Today, Runs, the first-run pages);
- ``fixed_width(button, texts)``: a button as wide as its longest label, so "Pause" ↔ "Resume" doesn't
  shift its neighbours.
- ``columns_for(width, min_column, spacing, most)``: how many columns of at least ``min_column`` px fit.
Sizes are in device-independent pixels.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QFrame, QScrollArea, QVBoxLayout, QWidget


class _FitWidth(QObject):
    """Keeps a scroll area's content exactly as wide as its viewport (so word-wrapped labels wrap instead of
    asking for a horizontal scroll bar)."""

    def __init__(self, area: QScrollArea):
        super().__init__(area)
        self.area = area

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and self.area.widget() is not None:
            self.area.widget().setMaximumWidth(self.area.viewport().width())
        return False


class FitScrollArea(QScrollArea):
    """A scroll area that asks for its content's full size (Qt's own asks for at most 24 lines), capped to
    ``SCREEN_SHARE`` of the available screen, so a dialog opens showing everything when the screen is big
    enough and scrolls when it is not."""

    SCREEN_SHARE = 0.85

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint() + QSize(self.verticalScrollBar().sizeHint().width() + 2, 2)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            hint = hint.boundedTo(
                QSize(int(screen.width() * self.SCREEN_SHARE), int(screen.height() * self.SCREEN_SHARE))
            )
        return hint


def scroll_area(content: QWidget) -> QScrollArea:
    area = FitScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.viewport().setAutoFillBackground(False)
    content.setAutoFillBackground(False)
    area.viewport().installEventFilter(_FitWidth(area))
    return area


def scrolling_page(page: QWidget) -> tuple[QScrollArea, QWidget]:
    """Fill ``page`` edge to edge with a frameless, resizable scroll area; returns (area, content widget)."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    outer.addWidget(area)
    inner = QWidget()
    area.setWidget(inner)
    return area, inner


def fixed_width(button: QAbstractButton, texts: Iterable[str]) -> None:
    """Size ``button`` for the widest of ``texts`` (icon and padding included) and keep that width."""
    current = button.text()
    widest = 0
    for t in texts:
        button.setText(t)
        widest = max(widest, button.sizeHint().width())
    button.setText(current)
    button.setFixedWidth(widest)


def columns_for(width: int, min_column: int, spacing: int = 0, most: int = 2) -> int:
    """The number of columns (1..most) of at least ``min_column`` px, ``spacing`` apart, that fit in ``width``."""
    n = most
    while n > 1 and n * min_column + (n - 1) * spacing > width:
        n -= 1
    return n
