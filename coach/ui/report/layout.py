"""A small page writer for the report's PDF: text that wraps, headings kept with what follows, and tables whose
rows never split and whose header repeats on the next page. Units are the PDF's device units (``DPI`` per inch);
fonts are in points, so text is real, selectable text in an embedded font."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPagedPaintDevice, QPainter, QPen

DPI = 96  # device units per inch: layout in "screen pixels", printed as vector
INK = QColor("#1a1a1a")
MUTED = QColor("#555555")
RULE = QColor("#b8b8b8")
SHADE = QColor("#eeeeee")
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # of the table's width


def font(size: float, bold: bool = False) -> QFont:
    f = QFont("DejaVu Sans")
    f.setStyleHint(QFont.StyleHint.SansSerif)
    f.setPointSizeF(size)
    f.setBold(bold)
    for tag in ("liga", "clig"):  # no "fl"/"fi" ligatures: the PDF's text reads and searches as typed
        f.setFeature(QFont.Tag(tag), 0)
    return f


class PageWriter:
    """Writes down the page from ``top``; ``new_page`` starts the next one and calls ``on_page`` (a footer)."""

    def __init__(self, device: QPagedPaintDevice, painter: QPainter, on_page: Callable[[int], None]):
        self.device, self.p, self.on_page = device, painter, on_page
        rect = device.pageLayout().paintRectPixels(device.resolution())
        self.left, self.top = 0.0, 0.0
        self.width, self.bottom = float(rect.width()), float(rect.height()) - 24.0  # room for the footer
        self.y, self.page = 0.0, 1

    def metrics(self, f: QFont) -> QFontMetricsF:
        return QFontMetricsF(f, self.device)

    def text_height(self, text: str, f: QFont, width: float) -> float:
        return self.metrics(f).boundingRect(QRectF(0, 0, width, 1e6), int(WRAP), text).height()

    def room(self) -> float:
        return self.bottom - self.y

    def new_page(self) -> None:
        self.on_page(self.page)
        self.device.newPage()
        self.page += 1
        self.y = self.top

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` fits below the cursor (a block taller than a page just starts one)."""
        if height > self.room() and self.y > self.top:
            self.new_page()

    def text(
        self, text: str, f: QFont, *, colour: QColor = INK, x: float = 0.0, width: float | None = None, gap: float = 4
    ) -> float:
        """Wrapped text at the cursor (moved down past it); text longer than the page goes on over the next pages.
        Returns the height drawn on the last page."""
        w = (width or self.width) - x
        h = self.text_height(text, f, w)
        self.ensure(min(h, 3 * self.metrics(f).lineSpacing()))  # a long text starts here if 3 lines fit
        while h > self.room() and text:
            cut = self._fit(text, f, w)
            self._draw(text[:cut].rstrip(), f, colour, x, w, self.room())
            self.new_page()
            text = text[cut:].lstrip()
            h = self.text_height(text, f, w)
        self._draw(text, f, colour, x, w, h)
        self.y += h + gap
        return h

    def _fit(self, text: str, f: QFont, width: float) -> int:
        """The longest prefix of ``text`` (cut at a space where there is one) that fits below the cursor."""
        lo, hi = 1, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.text_height(text[:mid], f, width) <= self.room():
                lo = mid
            else:
                hi = mid - 1
        space = max(text.rfind(" ", 0, lo), text.rfind("\n", 0, lo))
        return space + 1 if space > lo // 2 else lo

    def _draw(self, text: str, f: QFont, colour: QColor, x: float, w: float, h: float) -> None:
        self.p.setFont(f)
        self.p.setPen(colour)
        self.p.drawText(QRectF(self.left + x, self.y, w, h + 2), int(WRAP), text)

    def text_at(self, text: str, f: QFont, rect: QRectF, colour: QColor = INK) -> float:
        """Wrapped text in ``rect`` (the cursor stays); returns its height."""
        h = self.text_height(text, f, rect.width())
        self.p.setFont(f)
        self.p.setPen(colour)
        self.p.drawText(QRectF(rect.x(), rect.y(), rect.width(), h + 2), int(WRAP), text)
        return h

    def heading(self, text: str, size: float = 11.5, keep: float = 60.0) -> None:
        """A bold heading kept on the same page as the next ``keep`` units."""
        f = font(size, bold=True)
        self.ensure(self.text_height(text, f, self.width) + keep)
        self.y += 4
        self.text(text, f, gap=3)

    def rule(self, gap: float = 6) -> None:
        self.p.setPen(QPen(RULE, 0.8))
        self.p.drawLine(self.left, self.y, self.left + self.width, self.y)
        self.y += gap

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float = 8.0) -> None:
        """Rows of wrapped cells; a row that does not fit starts the next page, which repeats the header."""
        body, head = font(size), font(size, bold=True)
        pad = 3.0
        xs, acc = [], 0.0
        for c in columns:
            xs.append(acc)
            acc += c.share * self.width
        widths = [c.share * self.width for c in columns]

        def row_height(cells: Sequence[str], f: QFont) -> float:
            return max(self.text_height(t, f, w - 2 * pad) for t, w in zip(cells, widths)) + 2 * pad

        def draw(cells: Sequence[str], f: QFont, shade: bool) -> None:
            h = row_height(cells, f)
            if shade:
                self.p.fillRect(QRectF(self.left, self.y, self.width, h), SHADE)
            for t, x, w in zip(cells, xs, widths):
                self.text_at(t, f, QRectF(self.left + x + pad, self.y + pad, w - 2 * pad, h))
            self.y += h
            self.p.setPen(QPen(RULE, 0.6))
            self.p.drawLine(self.left, self.y, self.left + self.width, self.y)

        titles = [c.title for c in columns]
        first = row_height(rows[0], body) if rows else 0.0
        self.ensure(row_height(titles, head) + first)
        draw(titles, head, True)
        for cells in rows:
            if row_height(cells, body) > self.room():
                self.new_page()
                draw(titles, head, True)
            draw(cells, body, False)
        self.y += 8
