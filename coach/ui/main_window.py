"""The main window: Today (the first screen), Routines, History and Runs pages, a session page while one runs,
settings, status bar.

Today and the library are built at launch; the history view (and QtCharts) is built the first time it is shown.
Window size and position are remembered. Closing mid-session saves what was done, marked interrupted.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coach import paths
from coach.core.routines.model import Routine
from coach.ui.app_controller import AppController
from coach.ui.library import LibraryView
from coach.ui.session.flow import SessionFlow
from coach.ui.today.view import TodayView

log = logging.getLogger(__name__)
TITLE = "IT-band coach"


class MainWindow(QMainWindow):
    settingsSaved = Signal()  # the Settings dialog was saved (the tray follows the reminder setting)

    def __init__(self, app: AppController, parent=None):
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        icon = paths.assets_dir() / "icon.svg"
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.today = TodayView(app.programme)
        self.today.startRequested.connect(self.start_session)
        self.today.browse.connect(self.show_library)
        self.stack.addWidget(self.today)
        self.library = LibraryView(app)
        self.library.startRequested.connect(self.start_session)
        self.stack.addWidget(self.library)
        self.history_view = None
        self._history_page = QWidget()
        self.stack.addWidget(self._history_page)
        self.runs_view = None  # the Runs page, built (with QtCharts) when first shown
        self._runs_page = QWidget()
        self.stack.addWidget(self._runs_page)
        from coach.ui.runs.today_card import attach

        self.ladder_card = attach(self.today, app.programme, app.runs)
        self.ladder_card.openRuns.connect(self.show_runs)
        self.flow: SessionFlow | None = None
        self.alerts: list[QMessageBox] = []  # open warning boxes
        self._build_toolbar()
        self.statusBar().setSizeGripEnabled(True)
        app.message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        app.alert.connect(self._alert)
        app.resolved.connect(self._close_alerts)
        self._restore_geometry()
        from coach.ui.firstrun import attach

        attach(self)  # the first-run flow: at the first launch, from Help → Set up again… and Today's card

    # ---- navigation ------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar("Navigation")
        bar.setObjectName("navigation")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        self.addToolBar(Qt.TopToolBarArea, bar)
        group = QActionGroup(self)
        self.act_today = QAction("Today", self, checkable=True, checked=True, shortcut=QKeySequence("Ctrl+1"))
        self.act_library = QAction("Routines", self, checkable=True, shortcut=QKeySequence("Ctrl+2"))
        self.act_history = QAction("History", self, checkable=True, shortcut=QKeySequence("Ctrl+3"))
        self.act_today.triggered.connect(self.show_today)
        self.act_library.triggered.connect(self.show_library)
        self.act_history.triggered.connect(lambda: self.show_history())
        self.act_runs = QAction("Runs", self, checkable=True, shortcut=QKeySequence("Ctrl+4"))
        self.act_runs.triggered.connect(self.show_runs)
        for a in (self.act_today, self.act_library, self.act_history, self.act_runs):
            group.addAction(a)
            bar.addAction(a)
            w = bar.widgetForAction(a)
            if isinstance(w, QToolButton):
                w.setObjectName("nav")
                w.setAccessibleName(a.text())
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        bar.addWidget(spacer)
        self.act_settings = QAction("Settings…", self, shortcut=QKeySequence("Ctrl+,"))
        self.act_settings.triggered.connect(self.open_settings)
        bar.addAction(self.act_settings)
        bar.widgetForAction(self.act_settings).setAccessibleName("Settings")
        self.nav = bar

    def show_today(self) -> None:
        if self._session_blocks():
            return
        self.act_today.setChecked(True)
        self.stack.setCurrentWidget(self.today)

    def show_library(self) -> None:
        if self._session_blocks():
            return
        self.act_library.setChecked(True)
        self.stack.setCurrentWidget(self.library)

    def show_history(self, session_id: str | None = None) -> None:
        if self._session_blocks():
            return
        self.act_history.setChecked(True)
        if self.history_view is None:
            self.history_view = self._make_history()
            lay = QVBoxLayout(self._history_page)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(self.history_view)
        self.stack.setCurrentWidget(self._history_page)
        if session_id and hasattr(self.history_view, "select_session"):
            self.history_view.select_session(session_id)

    def show_runs(self) -> None:
        if self._session_blocks():
            return
        self.act_runs.setChecked(True)
        if self.runs_view is None:
            from coach.ui.runs.page import RunsPage

            self.runs_view = RunsPage(self.app.runs)
            lay = QVBoxLayout(self._runs_page)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(self.runs_view)
        self.stack.setCurrentWidget(self._runs_page)

    def _make_history(self) -> QWidget:
        try:
            from coach.ui.history.view import HistoryView

            view = HistoryView(self.app.history)
            view.browse.connect(self.show_library)  # the empty state's "Start a routine"
            return view
        except Exception as err:  # a broken DB or a missing Qt module: say so, keep the app alive
            log.exception("history view unavailable")
            label = QLabel(f"History can't be shown: {err}")
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignCenter)
            return label

    def _session_blocks(self) -> bool:
        if self.flow is not None and self.flow.busy:
            self.statusBar().showMessage("Finish the session first: Esc ends it, then save your pain check-in.", 5000)
            for a in (self.act_today, self.act_library, self.act_history, self.act_runs):
                a.setChecked(False)
            return True
        return False

    # ---- sessions --------------------------------------------------------------------------------
    def start_session(self, routine: Routine) -> None:
        self._back_to = self.show_library if self.stack.currentWidget() is self.library else self.show_today
        self._drop_flow()
        self.flow = SessionFlow(self.app, routine)
        self.flow.closed.connect(self._session_closed)
        self.flow.runningChanged.connect(self._lock_nav)
        self.stack.addWidget(self.flow)
        self.stack.setCurrentWidget(self.flow)
        self.flow.show_page(self.flow.before)
        for a in (self.act_today, self.act_library, self.act_history, self.act_runs):
            a.setChecked(False)

    def _session_closed(self, session_id) -> None:
        self._lock_nav(False)
        if session_id:
            self.show_history(session_id)
        else:
            getattr(self, "_back_to", self.show_today)()  # where the session was started from
        QTimer.singleShot(0, self._drop_flow)

    def _drop_flow(self) -> None:
        if self.flow is not None and self.stack.currentWidget() is not self.flow:
            self.flow.stop_camera()
            self.stack.removeWidget(self.flow)
            self.flow.deleteLater()
            self.flow = None

    def _lock_nav(self, locked: bool) -> None:
        """Grey out Routines, History and Settings while a session runs (``locked``), and back again."""
        for a in (self.act_today, self.act_library, self.act_history, self.act_runs, self.act_settings):
            a.setEnabled(not locked)

    # ---- settings & messages ---------------------------------------------------------------------
    def open_settings(self) -> None:
        from coach.ui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.app.settings, self, programme=self.app.programme)
        if dlg.exec():
            if getattr(dlg, "note", ""):
                self.statusBar().showMessage(dlg.note, 10000)
            self.settingsSaved.emit()
        self._refocus()

    def _refocus(self) -> None:
        """After a dialog, the keys belong to the page on screen again (not to whatever had focus before)."""
        page = self.stack.currentWidget()
        if page is not None:
            self.activateWindow()
            page.setFocus(Qt.OtherFocusReason)

    def _alert(self, title: str, text: str) -> None:
        """A non-blocking warning box (the session keeps running behind it) plus a status line."""
        self.statusBar().showMessage(text, 15000)
        box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, self)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModal)
        self.alerts.append(box)
        box.finished.connect(lambda _r, b=box: self.alerts.remove(b) if b in self.alerts else None)
        box.finished.connect(lambda _r: self._refocus())
        box.open()

    def _close_alerts(self, title: str) -> None:
        for box in [b for b in self.alerts if b.windowTitle() == title]:
            box.accept()

    def _confirm_quit(self) -> bool:
        """Ask before quitting mid-session (tests override this)."""
        from coach.ui.dialogs import ask

        return ask(
            self,
            "Quit during a session?",
            "Quit now? The sets you finished are saved and the session is kept as interrupted.",
            "Quit",
            "Keep going",
        )

    # ---- geometry --------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        """The saved size and place, else 1280×820 (px) or the screen's free area when that is smaller (a first
        launch on an 800×600 screen must not put the set-up's Next button off the edge)."""
        geo = self.app.settings.geometry()
        if geo is not None and self.restoreGeometry(geo):
            return
        screen = self.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else None
        if free is None or free.isEmpty():
            self.resize(1280, 820)
            return
        w, h = min(1280, free.width()), min(820, free.height())
        self.resize(w, h)
        self.move(free.x() + (free.width() - w) // 2, free.y() + (free.height() - h) // 2)
        if (w, h) != (1280, 820):  # a small screen: the whole of it (the window manager leaves room for the frame)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def closeEvent(self, e) -> None:
        if self.flow is not None and self.flow.busy and not self._confirm_quit():
            e.ignore()
            return
        if self.flow is not None:
            self.flow.abandon()
        self.app.settings.save_geometry(self.saveGeometry(), self.saveState())
        note = self.app.close()
        if note:
            self._tell_unsaved(note)
        super().closeEvent(e)

    def _tell_unsaved(self, note: str) -> None:
        """The history couldn't take the last session: say where it was kept (tests override this)."""
        QMessageBox.warning(self, "Session kept for later", note)
