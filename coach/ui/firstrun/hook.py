"""The first-run flow in the main window: opened at the first launch, from Help → Set up again… and from Today's
set-up card; and the gentle reminder on Today when a red flag was ticked.

``attach(window)`` is all the main window calls; the flow itself is made on first use.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton

from coach.ui.firstrun import state


def attach(window) -> None:
    """Hook the flow into ``window`` (a MainWindow) and open it now if this is the first launch."""
    window.firstrun = None
    act = QAction("Set up again…", window)
    act.setToolTip("The first-run set-up: safety check, usual pain, programme, camera check")
    act.triggered.connect(lambda: open_flow(window))
    window.act_setup = act
    help_btn = QToolButton()
    help_btn.setText("Help ▾")
    help_btn.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
    help_btn.setObjectName("nav")
    help_btn.setAccessibleName("Help")
    help_btn.setPopupMode(QToolButton.InstantPopup)
    menu = QMenu(help_btn)
    menu.addAction(act)
    help_btn.setMenu(menu)
    window.nav.insertWidget(window.act_settings, help_btn)
    QShortcut(QKeySequence("Alt+H"), window, activated=help_btn.showMenu)  # the menu by keyboard too
    window.help_btn = help_btn
    window.today.setupRequested.connect(lambda: open_flow(window, at_programme=True))
    _add_reminder(window)
    if state.is_due(window.app.settings, lambda: _has_history(window.app)):
        open_flow(window)


def _has_history(app) -> bool:
    if not app.db_path.exists():
        return False
    return bool(app.store().list_sessions()) or app.programme.active() is not None


def open_flow(window, at_programme: bool = False) -> None:
    """Show the flow (from its first page, or at the programme page for Today's card)."""
    if window._session_blocks():
        return
    if window.firstrun is None:
        from coach.ui.firstrun.flow import FirstRunFlow

        flow = FirstRunFlow(window.app)
        flow.done.connect(lambda routine: _done(window, routine))
        flow.browse.connect(window.show_library)
        window.stack.addWidget(flow)
        window.firstrun = flow
    flow = window.firstrun
    flow.restart()
    for a in (window.act_today, window.act_library, window.act_history):
        a.setChecked(False)
    window.stack.setCurrentWidget(flow)
    if at_programme:
        flow.show_page(flow.programme)


def _done(window, routine) -> None:
    window.show_today()
    if routine is not None:
        window.start_session(routine)


def _add_reminder(window) -> None:
    """A card at the top of Today while red flags are remembered, with a way to update the answers."""
    card = QFrame()
    card.setObjectName("card")
    lay = QHBoxLayout(card)
    lay.setContentsMargins(18, 10, 18, 10)
    text = QLabel(
        "You told us about a warning sign. Please see a clinician before you train; until then, reading the "
        "routines is fine."
    )
    text.setWordWrap(True)
    text.setProperty("role", "warn")
    text.setAccessibleName("Reminder: see a clinician")
    lay.addWidget(text, 1)
    update = QPushButton("Update my answers")
    update.setAccessibleName("Update my safety answers")
    update.clicked.connect(lambda: _to_safety(window))
    lay.addWidget(update, 0, Qt.AlignVCenter)
    window.today.body.insertWidget(0, card)
    window.today_reminder = card

    def refresh() -> None:
        card.setVisible(bool(state.red_flags(window.app.settings)))

    window.today.service.changed.connect(refresh)
    refresh()


def _to_safety(window) -> None:
    open_flow(window)
    window.firstrun.show_page(window.firstrun.safety)
