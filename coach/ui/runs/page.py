"""The Runs page: the advice in plain words and the next run on the ladder, the load chart, the runs table, and
"Add a run…", "Import…" (files or a folder), "Edit…" and "Delete". Everything goes through ``RunsService``.

The file dialogs and the delete confirmation sit behind ``_ask_files``, ``_ask_folder`` and ``_confirm_delete``
so tests can answer them.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coach.core.runs import Run, units
from coach.core.runs.ladder import ladder_words
from coach.core.runs.units import from_unit, to_unit
from coach.ui.layout import scrolling_page
from coach.ui.runs.chart import LoadChart
from coach.ui.runs.dialogs import RunDialog
from coach.ui.runs.service import RunsService
from coach.ui.runs.table import RunsTable

FILTER = "Run files (*.gpx *.tcx *.fit *.csv *.gpx.gz *.tcx.gz *.fit.gz);;All files (*)"


def _label(role: str = "", bold: bool = False, scale: float = 1.0) -> QLabel:
    lab = QLabel()
    lab.setWordWrap(True)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        lab.setProperty("role", role)
    if bold or scale != 1.0:
        f = lab.font()
        f.setBold(bold)
        f.setPointSizeF(f.pointSizeF() * scale)
        lab.setFont(f)
    return lab


class RunsPage(QWidget):
    def __init__(self, service: RunsService, parent=None):
        super().__init__(parent)
        self.service = service
        self._runs: list[Run] = []
        _scroll, inner = scrolling_page(self)
        body = QVBoxLayout(inner)
        body.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        title = _label(bold=True, scale=1.5)
        title.setText("Runs")
        head.addWidget(title)
        head.addStretch(1)
        start_label = QLabel("First run back")
        self.start = QDoubleSpinBox()
        self.start.setAccessibleName("First run back: where the return-to-run ladder starts")
        self.start.setToolTip(
            "Where the return-to-run ladder starts: 2–3 miles at a conversational pace, even if you ran much more "
            "before. The weekly cap is never less than three runs of it."
        )
        self.start.setDecimals(1)
        self.start.setSingleStep(0.5)
        self.start.setKeyboardTracking(False)
        start_label.setBuddy(self.start)
        self._show_start()
        self.start.valueChanged.connect(self._start_changed)
        head.addWidget(start_label)
        head.addWidget(self.start)
        head.addSpacing(12)
        self.add_btn = QPushButton("Add a run…")
        self.add_btn.setShortcut(QKeySequence("Ctrl+N"))
        self.add_btn.setAccessibleName("Add a run")
        self.add_btn.clicked.connect(self.add_run)
        self.import_btn = QToolButton()
        self.import_btn.setText("Import…")
        self.import_btn.setAccessibleName("Import runs")
        self.import_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.import_btn)
        menu.addAction("Files…", self.import_files)
        menu.addAction("A folder…", self.import_folder)
        self.import_btn.setMenu(menu)
        head.addWidget(self.add_btn)
        head.addWidget(self.import_btn)
        body.addLayout(head)
        self.result = _label(role="muted")
        self.result.hide()
        body.addWidget(self.result)
        self.advice = _label()
        self.advice.setAccessibleName("Advice")
        body.addWidget(self.advice)
        self.next_run = _label(bold=True)
        self.next_run.setAccessibleName("Next run")
        body.addWidget(self.next_run)
        self.problem = _label(role="warn")
        self.problem.hide()
        body.addWidget(self.problem)
        self.chart = LoadChart()
        self.chart.setMinimumHeight(440)
        body.addWidget(self.chart)
        self.empty = _label(role="muted")
        self.empty.setText(
            "No runs yet. Add one by hand, or import GPX, TCX or FIT files, or the activities.csv of a Strava export "
            "(Import…, or drop the files or a folder here)."
        )
        body.addWidget(self.empty)
        self.table = RunsTable()
        self.table.doubleClicked.connect(lambda _i: self.edit_run())
        body.addWidget(self.table)
        row = QHBoxLayout()
        row.addStretch(1)
        self.edit_btn = QPushButton("Edit…")
        self.edit_btn.setAccessibleName("Edit the selected run")
        self.edit_btn.clicked.connect(self.edit_run)
        self.delete_btn = QPushButton("Delete")
        self.delete_btn.setAccessibleName("Delete the selected run")
        self.delete_btn.clicked.connect(self.delete_run)
        row.addWidget(self.edit_btn)
        row.addWidget(self.delete_btn)
        body.addLayout(row)
        self.setAcceptDrops(True)  # run files or folders dropped on the page are imported
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_run)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.edit_run)
        service.changed.connect(self.refresh)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # back in the app: did `coach runs import` or `delete` change the runs?
            app.applicationStateChanged.connect(self._app_state)  # a bound slot: dropped with the page
        service.error.connect(self._error)
        self.table.itemSelectionChanged.connect(self._selection)
        self.refresh()

    # ---- filling in ------------------------------------------------------------------------------
    def refresh(self) -> None:
        s = self.service.summary()
        unit = self.service.unit
        if s is None:
            return
        self._runs = list(reversed(s.runs))  # newest first in the table
        self.advice.setText("<p>" + "</p><p>".join(escape(line) for line in s.advice) + "</p>")
        self.next_run.setText(ladder_words(s.ladder, unit))
        self.chart.setVisible(bool(s.runs))
        self.empty.setVisible(not s.runs)
        self.chart.show_summary(s, unit)
        self.table.fill(self._runs, s.spikes, unit)
        self._selection()

    def _app_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.service.check_elsewhere()

    def showEvent(self, e) -> None:
        self._show_start()
        self.refresh()  # the unit may have changed in Settings meanwhile
        super().showEvent(e)

    def _show_start(self) -> None:
        """The ladder's start in the unit chosen in Settings (1-20 km)."""
        unit = self.service.unit
        self.start.blockSignals(True)
        self.start.setRange(round(to_unit(1000, unit), 1), round(to_unit(20_000, unit), 1))
        self.start.setSuffix(f" {unit}")
        self.start.setValue(to_unit(self.service.start_m, unit))
        self.start.blockSignals(False)

    def _start_changed(self, value: float) -> None:
        self.service.set_start(from_unit(value, self.service.unit))

    def dragEnterEvent(self, e) -> None:
        if any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:
        paths = [Path(u.toLocalFile()) for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            e.acceptProposedAction()
            self.import_paths(paths)

    def _selection(self) -> None:
        has = self.selected() is not None
        self.edit_btn.setEnabled(has)
        self.delete_btn.setEnabled(has)

    def selected(self) -> Run | None:
        rows = self.table.selectionModel().selectedRows()
        return self._runs[rows[0].row()] if rows and rows[0].row() < len(self._runs) else None

    def _error(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def show_result(self, text: str) -> None:
        self.result.setText(text)
        self.result.setToolTip("\n".join(self.service.problems))
        self.result.show()

    # ---- actions ---------------------------------------------------------------------------------
    def add_run(self) -> None:
        dlg = RunDialog(self.service.unit, parent=self)
        if dlg.exec() and dlg.result_run is not None and self.service.add(dlg.result_run):
            self.show_result(f"Saved a run of {units.distance(dlg.result_run.distance_m, self.service.unit)}.")

    def edit_run(self) -> None:
        run = self.selected()
        if run is None:
            return
        dlg = RunDialog(self.service.unit, run, parent=self)
        if dlg.exec() and dlg.result_run is not None:
            self.service.update(dlg.result_run)

    def delete_run(self) -> None:
        run = self.selected()
        if run is None or run.id is None or not self._confirm_delete(run):
            return
        self.service.delete(run.id)

    def import_files(self) -> None:
        paths = self._ask_files()
        if paths:
            self.import_paths(paths)

    def import_folder(self) -> None:
        folder = self._ask_folder()
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: list[Path]) -> str:
        """Import with a progress dialog (Cancel keeps what was read so far); returns the one-line result."""
        from coach.importers.files import count_files

        self.problem.hide()
        total = count_files(paths)
        progress = QProgressDialog("Importing runs…", "Stop", 0, max(1, total), self)
        progress.setWindowTitle("Import runs")
        progress.setMinimumDuration(400)  # only for an import that takes a while
        progress.setWindowModality(Qt.WindowModality.WindowModal)

        def step(n: int) -> bool:
            progress.setValue(n)
            progress.setLabelText(f"Importing runs… {n} of {total} files")
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            text = self.service.import_paths(paths, step)
        finally:
            progress.close()
        self.show_result(text)
        self.refresh()
        return text

    # ---- dialogs (tests override these) ----------------------------------------------------------
    def _ask_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self, "Import runs", str(Path.home()), FILTER)
        return [Path(n) for n in names]

    def _ask_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, "Import every run file in a folder", str(Path.home()))
        return Path(name) if name else None

    def _confirm_delete(self, run: Run) -> bool:
        when = f"{run.started_at.astimezone():%a %d %b %Y}"
        answer = QMessageBox.question(
            self, "Delete the run?", f"Delete the run of {units.distance(run.distance_m, self.service.unit)} on {when}?"
        )
        return answer == QMessageBox.StandardButton.Yes
