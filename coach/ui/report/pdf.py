"""Write the report as a PDF with Qt's own PDF output: vector pages (A4, or Letter where the locale measures in
inches), real text in an embedded font, the charts painted by the History screen's chart code. Works without a
display: a command-line caller gets Qt's offscreen platform (``ensure_app``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from coach import __version__
from coach.core.report import Report
from coach.store.errors import StoreError
from coach.store.safe_write import write_file
from coach.ui.report.layout import DPI, MUTED, PageWriter, font
from coach.ui.report.pages import TITLE, later_pages, page_one


def ensure_app() -> QApplication:
    """The running QApplication, or a new one (offscreen when there is no display), as QtCharts needs one."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    if not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux"):
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QApplication(["coach-report"])


def flag_deg() -> float:
    """The pelvic-drop flag threshold from the user's settings (degrees)."""
    from coach.ui.settings import Settings

    return float(Settings().drop_thresholds[0])


def page_size(locale: QLocale | None = None) -> QPageSize:
    """Letter where the locale measures in inches (US), else A4."""
    system = (locale or QLocale()).measurementSystem()
    us = system in (QLocale.MeasurementSystem.ImperialUSSystem, QLocale.MeasurementSystem.ImperialSystem)
    return QPageSize(QPageSize.PageSizeId.Letter if us else QPageSize.PageSizeId.A4)


def render(report: Report, size: QPageSize | None = None) -> tuple[bytes, int]:
    """Paint the report in memory; returns (the PDF's bytes, the number of pages). In memory because QPdfWriter
    ignores write errors: painted straight into a file on a full disk it left a cut-off PDF that looked saved."""
    ensure_app()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setResolution(DPI)
    writer.setTitle(f"{TITLE}, {report.first:%Y-%m-%d} to {report.last:%Y-%m-%d}")
    writer.setCreator(f"IT-band coach {__version__}")
    writer.setPageLayout(QPageLayout(size or page_size(), QPageLayout.Orientation.Portrait, QMarginsF(16, 14, 16, 12)))
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    w = PageWriter(writer, painter, lambda n: None)

    def footer(n: int) -> None:
        painter.setFont(font(7.5))
        painter.setPen(MUTED)
        rect = QRectF(0, w.bottom + 8, w.width, 16)
        painter.drawText(
            rect,
            int(Qt.AlignmentFlag.AlignLeft),
            f"{TITLE} · {report.first.day} {report.first:%b} – {report.last.day} {report.last:%b %Y}",
        )
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight), f"Page {n}")

    w.on_page = footer
    try:
        page_one(w, report)
        later_pages(w, report)
        footer(w.page)
    finally:
        painter.end()
    pages = w.page
    buf.close()
    return bytes(buf.data().data()), pages


def write_report(report: Report, path: Path, size: QPageSize | None = None, *, overwrite: bool = True) -> int:
    """Write the PDF through a temporary file that is synced and renamed into place (``safe_write``), so ``path``
    is only ever a whole report and "written" means on disk. Returns the pages written; raises StoreError with one
    plain sentence when it can't be written (a full disk, a read-only or missing folder, a folder or device at
    ``path``, an existing file with ``overwrite`` False)."""
    data, pages = render(report, size)
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise StoreError(f"Can't write the report to {path}: Qt made no complete PDF.")
    write_file(Path(path), lambda fp: fp.write(data), what="write the report", overwrite=overwrite, mode=0o644)
    return pages
