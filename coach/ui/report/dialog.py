"""History's "Report for my physio…": a small dialog (name, first and last day, default the last 6 weeks), then a
save dialog whose default file name carries the date range, then the PDF (``pdf.write_report``). The dialogs sit
behind ``ReportFlow.ask_options`` and ``ReportFlow.ask_path`` so tests can answer them without a modal loop."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from coach import paths
from coach.core.report import default_range
from coach.store import HistoryStore, StoreError
from coach.store.safe_write import file_target
from coach.ui.report.pdf import flag_deg, write_report

INTRO = (
    "A PDF your physiotherapist can read in a minute: pain before, after and the next morning, sessions done "
    "against the plan, pelvic drop per side, the current doses and why they changed, then every session in a table."
)


@dataclass(frozen=True)
class ReportOptions:
    first: date
    last: date
    name: str


def default_file_name(first: date, last: date) -> str:
    return f"physio-report-{first:%Y-%m-%d}-to-{last:%Y-%m-%d}.pdf"


class ReportDialog(QDialog):
    def __init__(self, options: ReportOptions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Report for my physio")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.name = QLineEdit(options.name)
        self.name.setPlaceholderText("Optional: else a line to write it on")
        self.name.setAccessibleName("Your name on the report")
        self.first, self.last = QDateEdit(), QDateEdit()
        for edit, day, what in ((self.first, options.first, "First day"), (self.last, options.last, "Last day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.setAccessibleName(what)
        self.first.dateChanged.connect(lambda d: self.last.setMinimumDate(d))
        self.last.setMinimumDate(self.first.date())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save PDF…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("Your name", self.name)
        form.addRow("From", self.first)
        form.addRow("To", self.last)
        form.addRow(buttons)

    def options(self) -> ReportOptions:
        return ReportOptions(self.first.date().toPython(), self.last.date().toPython(), self.name.text().strip())


NAME_KEY = "report/name"  # the name last put on a report, in the app's settings file


class ReportFlow:
    """Ask, write, and say what happened (``say(text, kind)`` with kind "info" or "error"). The name given is
    remembered in the settings file for the next report."""

    def __init__(self, parent: QWidget, store: Callable[[], HistoryStore], say: Callable[[str, str], None]):
        self.parent, self.store, self.say = parent, store, say
        self.settings = QSettings(str(paths.settings_file()), QSettings.Format.IniFormat)
        self.name = str(self.settings.value(NAME_KEY, "") or "")
        self.wall: Callable[[], float] = time.time

    def run(self) -> int:
        """The whole flow; returns the pages written, or -1 (cancelled or failed)."""
        now = datetime.fromtimestamp(self.wall())
        first, last = default_range(now.date())
        options = self.ask_options(ReportOptions(first, last, self.name))
        if options is None:
            return -1
        if options.name != self.name:
            self.name = options.name
            self.settings.setValue(NAME_KEY, options.name)
            self.settings.sync()
        path = self.ask_path(Path.home() / default_file_name(options.first, options.last))
        if path is None:
            return -1
        try:  # ".pdf" added to a new or regular file's name only: a device or folder is refused as chosen
            path = file_target(path, ".pdf", "write the report")
        except StoreError as err:
            self.say(str(err), "error")
            return -1
        return self.write(options, path, now)

    def write(self, options: ReportOptions, path: Path, now: datetime) -> int:
        from coach.core.programme.loader import load_programmes
        from coach.store.report_source import gather_report

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            try:
                routines = paths.load_routines().routines
                programmes, _errors = load_programmes(paths.programme_folders(), routine_ids={r.id for r in routines})
                report = gather_report(
                    self.store(), routines, programmes, options.first, options.last, now, options.name, flag_deg()
                )
            except (StoreError, ValueError) as err:
                self.say(f"Can't make the report: {err}", "error")
                return -1
            try:
                pages = write_report(report, path)  # synced and renamed into place, or nothing
            except StoreError as err:  # "Can't write the report to PATH: No space left on device"
                self.say(str(err), "error")
                return -1
        finally:
            QApplication.restoreOverrideCursor()
        self.say(f"Saved the report ({pages} page{'s' if pages != 1 else ''}) to {path}", "info")
        return pages

    # ---- dialog hooks (tests override these) --------------------------------------------------------
    def ask_options(self, options: ReportOptions) -> ReportOptions | None:
        dialog = ReportDialog(options, self.parent)
        return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_path(self, default: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, "Save the report", str(default), "PDF files (*.pdf)")
        return Path(name) if name else None
