"""Reminders on the training days, through a system-tray icon.

``Reminders`` checks every 30 s (and at once when started) whether a reminder is due: reminders switched on in
Settings, a chosen training day, from the chosen time for a few hours (``schedule.LATE_HOURS``), no session done
today and the programme not on a rest day. It shows at most one a day, remembered across restarts
(``reminders/last_day``). The wall clock (Unix seconds) is injected, so tests never wait.

``Tray`` is the icon (only where ``QSystemTrayIcon.isSystemTrayAvailable()``): its menu opens Today or quits, and
clicking the icon or a notification opens Today. Without a tray a reminder goes to the status bar instead.
``install()`` wires both to the main window; ``coach --tray`` starts with the window hidden, and then closing the
window hides it again (the tray menu's Quit quits).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from coach.ui.settings import Settings
from coach.ui.today.service import ProgrammeService

CHECK_MS = 30_000


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class Reminders(QObject):
    due = Signal(str, str)  # (title, text) of a reminder to show now

    def __init__(
        self, settings: Settings, service: ProgrammeService, wall: Callable[[], float], parent: QObject | None = None
    ):
        super().__init__(parent)
        self.settings, self.service, self.wall = settings, service, wall
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def _last_day(self) -> date | None:
        try:
            return date.fromisoformat(str(self.settings.get("reminders/last_day")))
        except ValueError:
            return None

    def check(self) -> tuple[str, str] | None:
        """Show the reminder if one is due now; returns (title, text) when one was shown."""
        if not self.settings.get("reminders/enabled"):
            return None
        now = datetime.fromtimestamp(self.wall())
        times = self.service.times(fallback=None)  # unreadable: no reminder on days the user may not have chosen
        if times is None or not times.reminder_due(now, self._last_day(), self.service.trained_today()):
            return None
        self.settings.set("reminders/last_day", now.date().isoformat())  # handled for today, shown or not
        plan = self.service.plan()
        if plan is None:
            title, text = "Time for your exercises", "Open the coach to start a routine."
        elif plan.routine is None:
            return None  # the programme says rest today (this week's sessions are done)
        else:
            title = f"Time for {plan.routine.title}"
            text = (
                f"About {plan.routine.estimated_minutes} min · week {plan.week}, {plan.phase_title}. "
                "Click to open Today."
            )
        self.due.emit(title, text)
        return title, text


class Tray(QObject):
    openToday = Signal()
    quitRequested = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None, *, available: bool | None = None):
        """``available``: override the desktop's answer (tests)."""
        super().__init__(parent)
        self.available = tray_available() if available is None else available
        self.icon: QSystemTrayIcon | None = None
        if not self.available:
            return
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("IT-band coach")
        self.menu = QMenu()
        open_today = QAction("Open Today", self.menu)
        open_today.triggered.connect(self.openToday)
        quit_ = QAction("Quit the coach", self.menu)
        quit_.triggered.connect(self.quitRequested)
        self.menu.addAction(open_today)
        self.menu.addSeparator()
        self.menu.addAction(quit_)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.openToday)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.openToday.emit()

    def show(self, visible: bool = True) -> None:
        if self.icon is not None:
            self.icon.setVisible(visible)

    def notify(self, title: str, text: str) -> bool:
        """Show a notification; False when there is no tray to show it in."""
        if self.icon is None:
            return False
        self.icon.show()
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 20_000)
        return True


class _HideOnClose(QObject):
    """For an app started in the tray: closing the window hides it (reminders go on) unless a session is running
    or the tray menu's Quit was chosen; the first time, a notification says where the coach went."""

    def __init__(self, window, tray: Tray):
        super().__init__(window)
        self.window, self.tray, self.quitting, self.told = window, tray, False, False
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if obj is self.window and event.type() == QEvent.Type.Close and not self.quitting:
            flow = getattr(self.window, "flow", None)
            if (flow is None or not flow.busy) and self.tray.icon is not None:
                event.ignore()
                self.window.app.settings.save_geometry(self.window.saveGeometry(), self.window.saveState())
                self.window.hide()
                if not self.told:
                    self.told = True
                    self.tray.notify("The coach is still running", "Reminders go on. Quit from the tray icon's menu.")
                return True
        return False


def open_today(window) -> None:
    """Bring the main window up on Today (from the tray, a notification or a hidden start)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    window.show_today()


def install(controller, window, *, hidden: bool = False) -> tuple[Tray, Reminders]:
    """The tray icon and the reminders for ``window``; ``hidden``: started with ``--tray`` (icon always shown)."""
    tray = Tray(window.windowIcon(), window)
    reminders = Reminders(controller.settings, controller.programme, controller.wall, window)

    def deliver(title: str, text: str) -> None:
        if not tray.notify(title, text):
            window.statusBar().showMessage(f"{title}. {text}", 60_000)

    def sync() -> None:  # after Settings: the icon shows while reminders are on (or the app lives in the tray)
        tray.show(hidden or bool(controller.settings.get("reminders/enabled")))

    keeper = _HideOnClose(window, tray) if hidden else None  # started in the tray: closing goes back there

    def quit_app() -> None:
        if keeper is not None:
            keeper.quitting = True
        window.close()
        if not window.isVisible():
            QApplication.quit()

    reminders.due.connect(deliver)
    tray.openToday.connect(lambda: open_today(window))
    tray.quitRequested.connect(quit_app)
    window.settingsSaved.connect(sync)
    sync()
    reminders.start()
    return tray, reminders
