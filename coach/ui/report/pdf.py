"""Write the report as a PDF with Qt's own PDF output: vector pages (A4, or Letter where the locale measures in
inches), real text in an embedded font, the charts painted by the History screen's chart code. Works without a
display: a command-line caller gets Qt's offscreen platform (``ensure_app``)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from coach import __version__
from coach.core.report import Report
from coach.store.safe_write import check_folder, check_target
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


def render(report: Report, path: Path, size: QPageSize | None = None) -> int:
    """Paint the report into ``path`` (replaced); returns the number of pages."""
    ensure_app()
    writer = QPdfWriter(str(path))
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
    return w.page


def write_report(report: Report, path: Path, size: QPageSize | None = None) -> int:
    """Write the PDF through a temporary file renamed into place, so ``path`` is only ever a whole report. Returns
    the pages written; raises OSError with the reason when the folder can't be written, BadTarget (a StoreError)
    when ``path`` is a folder, device, FIFO or link (never replaced) or its folder doesn't exist."""
    out = Path(path).expanduser()
    check_folder(out, "write the report")
    check_target(out, True, "write the report")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".pdf", dir=out.parent)
    os.close(fd)
    try:
        pages = render(report, Path(tmp), size)
        if Path(tmp).stat().st_size == 0:
            raise OSError(f"Qt wrote nothing to {tmp}")
        os.chmod(tmp, 0o644)
        check_target(out, True, "write the report")  # again, just before the rename: something may be there now
        os.replace(tmp, out)
        tmp = ""
        return pages
    finally:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
