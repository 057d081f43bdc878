"""``FirstRunFlow``: the one first-run flow, a page in the main window (not a dialog, so it fits 800×600 and the
rest of the app stays one key away).

Pages: welcome (what the app is and is not) → safety check (red flags) → [see a clinician, only if one is
ticked] → usual pain → programme → camera check (optional) → suggested start. Back / Next at the bottom;
Enter is Next, Esc is Back, Alt+S skips the camera check. Answers are saved as the person leaves each page:
red flags and the baseline to the settings, the programme through the ``ProgrammeService`` (the only place a
programme is set up). ``done(routine or None)`` ends the flow (a routine to start now, or None for Today);
``browse`` goes to the routines (from the clinician page).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coach.ui.firstrun import state
from coach.ui.firstrun.camera_check import CameraCheckPage
from coach.ui.firstrun.pages import BaselinePage, ClinicianPage, SafetyPage, WelcomePage
from coach.ui.firstrun.plan_pages import GENTLE_ID, ProgrammePage, StartPage


class FirstRunFlow(QWidget):
    done = Signal(object)  # Routine to start now, or None (go to Today)
    browse = Signal()  # the clinician page's "Browse the routines"

    def __init__(self, app, parent=None):
        """``app``: the AppController (settings, programme service, routine library, camera options)."""
        super().__init__(parent)
        self.app = app
        self.setAccessibleName("First-run set-up")
        self.welcome = WelcomePage()
        self.safety = SafetyPage()
        self.clinician = ClinicianPage()
        self.baseline = BaselinePage()
        self.programme = ProgrammePage()
        self.camera = CameraCheckPage(app)
        self.start = StartPage()
        self.order = [self.welcome, self.safety, self.clinician, self.baseline, self.programme, self.camera, self.start]
        self.stack = QStackedWidget()
        for p in self.order:
            self.stack.addWidget(p)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.stack, 1)
        line = QFrame()
        line.setFrameShape(QFrame.HLine)
        line.setFrameShadow(QFrame.Sunken)  # a quiet divider in both themes
        root.addWidget(line)
        bar = QHBoxLayout()
        bar.setContentsMargins(24, 8, 24, 12)
        self.back_btn = QPushButton("&Back")
        self.back_btn.setAccessibleName("Back")
        self.back_btn.clicked.connect(self.back)
        self.where = QLabel()
        self.where.setProperty("role", "muted")
        self.where.setAccessibleName("Step")
        self.skip_btn = QPushButton("&Skip this step")
        self.skip_btn.setAccessibleName("Skip this step")
        self.skip_btn.clicked.connect(self.next)
        self.browse_btn = QPushButton("Browse the &routines")
        self.browse_btn.setAccessibleName("Browse the routines")
        self.browse_btn.clicked.connect(self._browse)
        self.finish_btn = QPushButton("&Finish")
        self.finish_btn.setAccessibleName("Finish and go to Today")
        self.finish_btn.clicked.connect(lambda: self._finish(None))
        self.next_btn = QPushButton("&Next")
        self.next_btn.setProperty("primary", True)
        self.next_btn.clicked.connect(self.next)
        bar.addWidget(self.back_btn)
        bar.addSpacing(12)
        bar.addWidget(self.where)
        bar.addStretch(1)
        for b in (self.skip_btn, self.browse_btn, self.finish_btn, self.next_btn):
            bar.addWidget(b)
        root.addLayout(bar)
        self.restart()

    # ---- moving between pages --------------------------------------------------------------------
    def restart(self) -> None:
        """Back to the first page, with the answers given last time filled in."""
        self.safety.set_ticked(state.red_flags(self.app.settings))
        self.baseline.set_pain(state.baseline(self.app.settings))
        self.show_page(self.welcome)

    def page(self) -> QWidget:
        return self.stack.currentWidget()

    def _visible_pages(self) -> list[QWidget]:
        return [p for p in self.order if p is not self.clinician or self.safety.ticked()]

    def show_page(self, page) -> None:
        if page is self.programme:
            active = self.app.programme.active()
            self.programme.note_usual(self.baseline.pain, active[1].baseline if active else None)
        self.stack.setCurrentWidget(page)
        pages = self._visible_pages()
        n = pages.index(page) + 1 if page in pages else 0
        self.where.setText(f"Step {n} of {len(pages)}")
        self.back_btn.setEnabled(page is not self.welcome)
        self.skip_btn.setVisible(page is self.camera)
        self.browse_btn.setVisible(page is self.clinician)
        self.finish_btn.setVisible(page is self.start and self.start.startable)
        text = page.next_text
        self.next_btn.setText(f"&{text}")  # Alt + its first letter, on every page (N, C, S or F)
        self.next_btn.setAccessibleName(text)
        page.setFocus(Qt.OtherFocusReason)
        QTimer.singleShot(0, self, lambda: page.setFocus(Qt.OtherFocusReason) if self.page() is page else None)

    def next(self) -> None:
        page = self.page()
        if page is self.start:
            self._finish(self.start.routine if self.start.startable else None)
            return
        if page is self.safety:
            state.save_red_flags(self.app.settings, self.safety.ticked())
            if self.safety.ticked():
                self.clinician.show_flags(self.safety.ticked())
                self.show_page(self.clinician)
                return
        if page is self.baseline:
            state.save_baseline(self.app.settings, self.baseline.pain)
        if page is self.programme:
            self._apply_programme()
        if page is self.camera:
            self.camera.stop()
            self._suggest()
        pages = self._visible_pages()
        self.show_page(pages[pages.index(page) + 1])

    def back(self) -> None:
        page = self.page()
        if page is self.welcome:
            return
        if page is self.camera:
            self.camera.stop()
        pages = self._visible_pages()
        self.show_page(pages[max(0, pages.index(page) - 1)] if page in pages else self.safety)

    def keyPressEvent(self, e) -> None:
        if e.key() in (Qt.Key_Return, Qt.Key_Enter):
            focused = QApplication.focusWidget()
            if isinstance(focused, QPushButton) and self.isAncestorOf(focused) and focused.isEnabled():
                focused.click()  # Enter on a focused button presses that button (Back is not Next)
            else:
                self.next_btn.click()
        elif e.key() == Qt.Key_Escape:
            self.back()
        else:
            super().keyPressEvent(e)

    # ---- what the answers do ---------------------------------------------------------------------
    def showEvent(self, e) -> None:
        self._fill_programmes()
        super().showEvent(e)

    def _fill_programmes(self) -> None:
        svc = self.app.programme
        active = svc.active()
        plan = svc.plan() if active else None
        self.programme.fill(svc.programmes(), (active[0], plan.week if plan else 1) if active else None)

    def _apply_programme(self) -> None:
        """Follow: the chosen programme starts today with the baseline given. Not now: the programme followed
        is stopped (the choice says so when there is one). Keep: the programme goes on where it is, with the
        baseline just given used from now on (left unrated: the one it had stays)."""
        decision, svc = self.programme.decision(), self.app.programme
        chosen = self.programme.chosen()
        if decision == "follow" and chosen is not None:
            if svc.start(chosen.id, self.baseline.pain):
                self._fill_programmes()  # Back now shows "keep following"
        elif decision == "keep" and self.baseline.pain is not None:
            svc.set_baseline(self.baseline.pain)
        elif decision == "later" and svc.active() is not None:
            svc.stop()
            self._fill_programmes()

    def _suggest(self) -> None:
        plan = self.app.programme.plan()
        routine = plan.routine if plan is not None else None
        from_programme = routine is not None
        if routine is None:
            routine = self.app.library().get(GENTLE_ID) or next(iter(self.app.library().routines), None)
        self.start.suggest(routine, from_programme, bool(self.safety.ticked()))

    def _finish(self, routine) -> None:
        self.camera.stop()
        state.mark_done(self.app.settings)
        self.done.emit(routine)

    def _browse(self) -> None:
        self.camera.stop()
        state.mark_done(self.app.settings)
        self.browse.emit()
