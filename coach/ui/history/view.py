"""HistoryView: the History tab. "Sessions" (sortable table above the selected session's detail) and "Trends"
(pain, reps and pelvic-drop charts), with Export CSV…, Export JSON…, Report for my physio… (``coach.ui.report``)
and Delete session… buttons.

All data comes through a ``HistoryController``; its errors appear in a message bar (icon + text) and the rows
already shown are kept. Dialogs sit behind the hooks ``_confirm_delete`` and ``_ask_export_path`` so tests
can answer them without a modal loop.
The message bar is in ``message_bar``, delete and export in ``actions`` (``HistoryActions``, mixed in here).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coach.core.record import SessionRecord
from coach.ui import style
from coach.ui.history.actions import FILTERS, HistoryActions
from coach.ui.history.columns import NarrowColumns
from coach.ui.history.controller import HistoryController
from coach.ui.history.detail import SessionDetail
from coach.ui.history.message_bar import MessageBar
from coach.ui.history.table_model import DATE, ID_ROLE, ROUTINE, SessionSortProxy, SessionTableModel

__all__ = ["EMPTY_FAILED", "EMPTY_TEXT", "FILTERS", "PAGE", "HistoryView", "MessageBar"]

EMPTY_TEXT = "No sessions yet — finish a session and it will be listed here."
EMPTY_FAILED = "Your sessions can't be shown right now (see the message above)."
PAGE = 60  # sessions read when History first opens (about 3 months; years of history load on "Show all")


class HistoryView(HistoryActions, QWidget):
    """Past sessions: table, detail, trends, export and delete. ``browse``: the empty state's "Start a routine"."""

    browse = Signal()

    def __init__(self, controller: HistoryController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("History")
        self.controller = controller
        self._errors = 0
        self.model = SessionTableModel(self)
        self.proxy = SessionSortProxy(self)
        self.proxy.setSourceModel(self.model)

        self.table = QTableView()
        self.table.setAccessibleName("Sessions")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setAccessibleName("Session rows")
        head = self.table.horizontalHeader()
        style.sort_arrows_follow_rows(head)  # newest first shows ▼
        head.setAccessibleName("Session columns: click to sort")
        # widths fitted to the rows once per reload (see refresh), not at every layout pass (years of history)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setResizeContentsPrecision(30)  # widths from the newest 30 rows and the header
        head.setSectionResizeMode(ROUTINE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.narrow = NarrowColumns(self.table)  # a narrow window hides minor columns, not the routine's name

        self.detail = SessionDetail()
        self._trends = None  # TrendCharts, built (with QtCharts) the first time the Trends tab is opened
        self._trends_page = QWidget()
        self._trends_page.setAccessibleName("Trends")
        trends_lay = QVBoxLayout(self._trends_page)
        trends_lay.setContentsMargins(0, 0, 0, 0)
        self.trends_more = QWidget()  # the charts show what is read: say so while older sessions are left out
        row = QHBoxLayout(self.trends_more)
        self.trends_more_text = QLabel()
        self.trends_more_text.setProperty("role", "muted")
        trends_all = QPushButton("Show all sessions")
        trends_all.setAccessibleName("Show all sessions in the charts")
        trends_all.clicked.connect(self.show_all)
        row.addWidget(self.trends_more_text, 1)
        row.addWidget(trends_all)
        trends_lay.addWidget(self.trends_more)
        self._more = False
        self._records: list[SessionRecord] = []
        self._limit: int | None = PAGE
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setAccessibleName("No sessions yet")
        self.empty.setWordWrap(True)

        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        self.empty_action = QPushButton("Start a routine")
        self.empty_action.setProperty("primary", True)
        self.empty_action.setAccessibleName("Start a routine")
        self.empty_action.clicked.connect(self.browse)
        self.empty_box = QWidget()  # the empty state: the sentence and its action together, centred
        box = QVBoxLayout(self.empty_box)
        box.addStretch(1)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.empty)
        box.addWidget(self.empty_action, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        top_lay.addWidget(self.empty_box)
        top_lay.addWidget(self.table)
        more = QHBoxLayout()
        self.more_text = QLabel()
        self.more_text.setProperty("role", "muted")
        self.more_btn = QPushButton("Show all sessions")
        self.more_btn.setAccessibleName("Show all sessions")
        self.more_btn.clicked.connect(self.show_all)
        more.addWidget(self.more_text, 1)
        more.addWidget(self.more_btn)
        top_lay.addLayout(more)
        split.addWidget(top)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        line = self.fontMetrics().height()
        split.setSizes([line * 14, line * 20])
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("History pages")
        self.tabs.addTab(split, "Sessions")
        self.tabs.addTab(self._trends_page, "Trends")
        self.tabs.currentChanged.connect(lambda i: self.trends if self.tabs.widget(i) is self._trends_page else None)

        self.message = MessageBar()
        self.export_csv_button = QPushButton("Export CSV…")
        self.export_csv_button.setAccessibleName("Export history as CSV")
        self.export_csv_button.setToolTip("Write every session to a CSV file (one row per set)")
        self.export_csv_button.clicked.connect(lambda: self.export("csv"))
        self.export_json_button = QPushButton("Export JSON…")
        self.export_json_button.setAccessibleName("Export history as JSON")
        self.export_json_button.setToolTip("Write every session to a JSON file")
        self.export_json_button.clicked.connect(lambda: self.export("json"))
        self.report_button = QPushButton("Report for my physio…")
        self.report_button.setAccessibleName("Make a PDF report for your physio")
        self.report_button.setToolTip("A PDF of pain, adherence, doses and pelvic drop per side, for a date range")
        self._report_flow = None  # made (with the PDF modules) when the report is first asked for
        self.report_button.clicked.connect(lambda: self.report_flow.run())
        self.delete_button = QPushButton("Delete session…")
        self.delete_button.setAccessibleName("Delete the selected session")
        self.delete_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TrashIcon))
        self.delete_button.clicked.connect(self.delete_selected)

        bar = QHBoxLayout()
        bar.addWidget(self.export_csv_button)
        bar.addWidget(self.export_json_button)
        bar.addWidget(self.report_button)
        bar.addStretch(1)
        bar.addWidget(self.delete_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.message)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(bar)

        controller.error.connect(self._on_error)
        controller.changed.connect(self.refresh)
        self.refresh()

    # ---- data -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload sessions from the controller, keeping the selection; on a read error keep what is shown."""
        errors = self._errors
        records = self.controller.sessions(None if self._limit is None else self._limit + 1)
        more = self._limit is not None and len(records) > self._limit
        records = records[: self._limit] if more else records
        failed = self._errors != errors
        if failed and self.model.rowCount() > 0:
            return
        self.empty.setText(EMPTY_FAILED if failed else EMPTY_TEXT)
        keep = self.selected_id()
        self.model.set_records(records)
        self.table.resizeColumnsToContents()
        self._records = records
        if self._trends is not None:
            self._trends.set_records(records)
        self._more = more
        self.more_text.setText(f"Showing your latest {len(records)} sessions." if more else "")
        self.trends_more_text.setText(f"The charts show your latest {len(records)} sessions." if more else "")
        for w in (self.more_text, self.more_btn, self.trends_more):
            w.setVisible(more)
        has = bool(records)
        self.empty.setVisible(not has)
        self.empty_box.setVisible(not has)
        self.empty_action.setVisible(not has and not failed)
        self.detail.setVisible(has)  # nothing to select yet: no "select a session" pane
        self.table.setVisible(has)
        self.export_csv_button.setEnabled(has)
        self.export_json_button.setEnabled(has)
        if keep is None or not self._select(keep):
            self.detail.show_record(None)
        self._update_buttons()

    @property
    def trends(self):
        """The Trends charts (TrendCharts), built on first use so QtCharts loads only when they are looked at."""
        if self._trends is None:
            from coach.ui.history.charts import TrendCharts

            self._trends = TrendCharts()
            self._trends_page.layout().addWidget(self._trends)
            self._trends.set_records(self._records)
        return self._trends

    @property
    def report_flow(self):
        """The physio report's flow (``coach.ui.report.dialog.ReportFlow``), imported on first use: History opens
        without loading the PDF writer."""
        if self._report_flow is None:
            from coach.ui.report.dialog import ReportFlow

            self._report_flow = ReportFlow(self, self.controller.store, self.message.show_message)
        return self._report_flow

    def show_all(self) -> None:
        """Read every session (the first show reads the newest ``PAGE``)."""
        self._limit = None
        self.refresh()

    def selected_id(self) -> str | None:
        idx = self.table.selectionModel().currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() and self.table.selectionModel().isRowSelected(idx.row()) else None

    def selected_record(self) -> SessionRecord | None:
        idx = self.table.selectionModel().currentIndex()
        return self.model.record(self.proxy.mapToSource(idx).row()) if idx.isValid() else None

    def select_session(self, session_id: str) -> None:
        """Show a session in the Sessions tab (e.g. the one just finished); reloads once if it isn't listed."""
        if self.model.row_of(session_id) < 0:
            self._limit = None if self._more else self._limit  # an older one: read them all
            self.refresh()
        if self._select(session_id):
            self.tabs.setCurrentIndex(0)

    def _select(self, session_id: str) -> bool:
        row = self.model.row_of(session_id)
        if row < 0:
            return False
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(idx)
        self.detail.show_record(self.model.record(row))
        return True

    def _current_changed(self, current, _previous) -> None:
        r = self.model.record(self.proxy.mapToSource(current).row()) if current.isValid() else None
        self.detail.show_record(r)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.selected_record() is not None)

    def _on_error(self, text: str) -> None:
        self._errors += 1
        self.message.show_message(text, "error")
