"""Layout checks shared by the widget tests and the screenshot tour: what a person would call "cut off".

- ``clipped_labels(root)``: visible labels whose text needs more room than they were given (a wrapped label
  whose height-for-width is taller than its geometry, or a one-line label narrower than its text);
- ``outside(root)``: visible widgets that stick out of the window (widgets inside a scroll area are judged by
  the scroll area, which is what shows them);
- ``overlapping(root)``: visible sibling widgets drawn over each other (e.g. a counter over the ring);
- ``horizontal_scrollbars(root)``: scroll areas that show a horizontal scroll bar.
All sizes are in device-independent pixels; a label may be ``SLACK_PX`` short (rounding, font hinting).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QLayout, QWidget

SLACK_PX = 2


def _describe(w: QWidget) -> str:
    text = w.text() if isinstance(w, QLabel) else ""
    name = w.accessibleName() or w.objectName() or type(w).__name__
    return f"{name} {text[:50]!r}" if text else name


def _shown(w: QWidget, root: QWidget) -> bool:
    """Visible on screen: shown, not zero-sized, and every parent up to ``root`` shown too."""
    return w.isVisibleTo(root) and w.width() > 0 and w.height() > 0


def _in_scrolled_content(w: QWidget, root: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None and p is not root:
        if isinstance(p.parentWidget(), QAbstractScrollArea) and p is p.parentWidget().viewport():
            return True
        p = p.parentWidget()
    return False


def clipped_labels(root: QWidget) -> list[str]:
    """Visible text labels (not pictures) cut off by their own geometry, as 'name: needs WxH, has WxH'."""
    out = []
    for label in root.findChildren(QLabel):
        if not _shown(label, root) or not label.text() or label.pixmap() is not None and not label.pixmap().isNull():
            continue
        if label.wordWrap():
            need_w = label.minimumSizeHint().width()
            need_h = label.heightForWidth(label.width())
            if need_h < 0:
                need_h = label.sizeHint().height()
        else:
            need_w, need_h = label.sizeHint().width(), label.sizeHint().height()
        if label.textFormat() != Qt.PlainText and label.wordWrap():
            need_w = min(need_w, label.width())  # rich text wraps at any width it is given
        if need_w > label.width() + SLACK_PX or need_h > label.height() + SLACK_PX:
            out.append(f"{_describe(label)}: needs {need_w}x{need_h}, has {label.width()}x{label.height()}")
    return out


def outside(root: QWidget) -> list[str]:
    """Visible widgets whose rectangle leaves ``root``'s (scrolled content is judged by its scroll area)."""
    bounds = root.rect()
    out = []
    for w in root.findChildren(QWidget):
        if w.isWindow() or not _shown(w, root) or _in_scrolled_content(w, root):
            continue
        r = QRect(w.mapTo(root, w.rect().topLeft()), w.size())
        if not bounds.contains(r):
            out.append(
                f"{_describe(w)} at {r.x()},{r.y()} {r.width()}x{r.height()} in {bounds.width()}x{bounds.height()}"
            )
    return out


def horizontal_scrollbars(root: QWidget) -> list[str]:
    return [
        _describe(a)
        for a in root.findChildren(QAbstractScrollArea)
        if _shown(a, root) and a.horizontalScrollBar().isVisible() and a.horizontalScrollBar().maximum() > 0
    ]


def _laid_out(parent: QWidget) -> list[QWidget]:
    """The widgets ``parent``'s layout and its nested layouts manage (they are ``parent``'s direct children).

    Asked through ``QLayout.indexOf(widget)``, never ``itemAt``: a Python wrapper of a ``QLayoutItem`` is kept
    alive by its layout's wrapper, and when Qt later deletes that item in C++ (its widget went away) the wrapper
    dangles. A new object at the same address then got the stale wrapper (a 'QWidgetItem' where a QLayout was
    expected), and shiboken's bookkeeping broke: the tour segfaulted in ``BindingManager::releaseWrapper``.
    Sub-layouts are QObject children of the layout that holds them, so ``findChildren`` finds the whole tree.
    """
    top = parent.layout()
    layouts = [top, *top.findChildren(QLayout)]
    kids = parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return [w for w in kids if any(lay.indexOf(w) >= 0 for lay in layouts)]


def overlapping(root: QWidget) -> list[str]:
    """Pairs of visible widgets laid out by the same layout tree whose rectangles intersect."""
    out = []
    for parent in [root, *root.findChildren(QWidget)]:
        if parent.layout() is None or (parent is not root and not _shown(parent, root)):
            continue
        kids = [w for w in _laid_out(parent) if not w.isWindow() and _shown(w, root)]
        for i, a in enumerate(kids):
            for b in kids[i + 1 :]:
                if a.geometry().intersects(b.geometry()):
                    out.append(f"{_describe(a)} overlaps {_describe(b)}")
    return out
