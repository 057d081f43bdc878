"""The first-run pages that decide what to do: follow a programme (the one programme set-up of the app: Today's
card opens this flow) and the suggested start (the programme's first session, or a gentle routine)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QButtonGroup, QComboBox, QRadioButton, QVBoxLayout, QWidget

from coach.core.programme.model import Programme
from coach.core.routines.equipment import equipment_names
from coach.core.routines.model import Routine
from coach.ui.firstrun.pages import Page, label

GENTLE_ID = "gentle-start"  # the suggested start without a programme


class ProgrammePage(Page):
    """Follow a programme (recommended), keep the current one (when there is one), or not now."""

    def __init__(self, parent=None):
        super().__init__("Follow a programme?", parent)
        self.body.addWidget(
            label(
                "A programme plans your sessions over about eight weeks and moves each exercise up, keeps it or "
                "steps it back from your pain, the next morning and your form. You can also pick routines "
                "yourself and start a programme later from Today.",
            )
        )
        self.group = QButtonGroup(self)
        self.keep = QRadioButton()
        self.keep.setAccessibleName("Keep my current programme")
        self.follow = QRadioButton("Follow a programme (recommended)")
        self.follow.setAccessibleName("Follow a programme")
        self.choice = QComboBox()
        self.choice.setAccessibleName("Programme")
        self.summary = label(rich=True, role="muted")
        self.summary.setAccessibleName("About this programme")
        self.keep_note = label(role="muted")  # what keeping does with the usual pain just given
        self.keep_note.setAccessibleName("About keeping it")
        self.later = QRadioButton("Not now: I'll choose routines myself")
        self.later.setAccessibleName("Not now")
        for b in (self.keep, self.follow, self.later):
            self.group.addButton(b)
        under = QWidget()  # the programme's choice and summary, indented under "Follow"
        sub = QVBoxLayout(under)
        sub.setContentsMargins(26, 0, 0, 0)
        sub.addWidget(self.choice)
        sub.addWidget(self.summary)
        self._kept = QWidget()  # the note, indented under "Keep"
        kept = QVBoxLayout(self._kept)
        kept.setContentsMargins(26, 0, 0, 0)
        kept.addWidget(self.keep_note)
        for w in (self.keep, self._kept, self.follow, under, self.later):
            self.body.addWidget(w)
        self.finish_body()
        self.programmes: list[Programme] = []
        self.choice.currentIndexChanged.connect(self._show_summary)
        self.follow.toggled.connect(self.choice.setEnabled)
        self.setFocusProxy(self.follow)

    def fill(self, programmes: list[Programme], active: tuple[Programme, int] | None) -> None:
        """``active``: the programme already followed and its week, or None."""
        self.programmes = programmes
        self.choice.clear()
        for p in programmes:
            self.choice.addItem(p.title, p.id)
        self.follow.setEnabled(bool(programmes))
        self.follow.setText("Follow a programme (recommended)" if not active else "Start a programme from week 1")
        self.keep.setVisible(active is not None)
        self._kept.setVisible(active is not None)
        self.later.setText(
            "Not now: I'll choose routines myself"
            if active is None
            else f"Stop following {active[0].title}; I'll choose routines myself"
        )
        if active is not None:
            self.keep.setText(f"Keep following {active[0].title} (week {active[1]})")
            self.keep.setChecked(True)
            self.setFocusProxy(self.keep)
        elif programmes:
            self.follow.setChecked(True)
        else:
            self.later.setChecked(True)
        self.choice.setEnabled(self.follow.isChecked())
        self._show_summary()

    def note_usual(self, given: int | None, had: int | None) -> None:
        """Under "Keep": the programme goes on where it is, with the usual pain ``given`` on the page before (0-10,
        None: not rated) from now on, or the one it had (``had``) when none was given."""
        if given is None or given == had:
            usual = "with no usual pain rated" if had is None else f"with your usual pain as before ({had}/10)"
            text = f"It goes on where it is, {usual}."
        else:
            was = "" if had is None else f" (was {had}/10)"
            text = f"It goes on where it is, and your usual pain of {given}/10{was} is used from now on."
        self.keep_note.setText(text)

    def _show_summary(self) -> None:
        prog = self.chosen()
        if prog is None:
            self.summary.setText("No programme files were found." if not self.programmes else "")
            return
        phases = "".join(f"<li>{escape(ph.title)}</li>" for ph in prog.phases)
        self.summary.setText(f"<p>{escape(prog.summary)}</p><p>Phases:</p><ol>{phases}</ol>")

    def chosen(self) -> Programme | None:
        pid = self.choice.currentData()
        return next((p for p in self.programmes if p.id == pid), None)

    def decision(self) -> str:
        """ "keep", "follow" or "later"."""
        return "keep" if self.keep.isChecked() else "follow" if self.follow.isChecked() else "later"


class StartPage(Page):
    """The suggested first session, with its time and kit; the flow's main button starts it."""

    next_text = "Start now"

    def __init__(self, parent=None):
        super().__init__("Your first session", parent)
        self.what = label(scale=1.25, bold=True)
        self.what.setAccessibleName("Suggested session")
        self.detail = label(rich=True)
        self.detail.setAccessibleName("About the suggested session")
        self.note = label(role="muted")
        for w in (self.what, self.detail, self.note):
            self.body.addWidget(w)
        self.finish_body()
        self.routine: Routine | None = None
        self.startable = False  # the main button starts ``routine`` (no red flag ticked)

    def suggest(self, routine: Routine | None, from_programme: bool, see_clinician: bool) -> None:
        """Show ``routine`` as the first session. After a red flag it is shown but not started from here: the main
        button only finishes (the person starts it from Today once a clinician has checked them)."""
        self.routine = routine
        self.startable = routine is not None and not see_clinician
        self.next_text = "Start now" if self.startable else "Finish"
        if routine is None:
            self.what.setText("Look around the routines")
            self.detail.setText("<p>No routine could be suggested. The Routines page lists every one.</p>")
        else:
            self.what.setText(f"{routine.title} · about {routine.estimated_minutes} min")
            kit = equipment_names(routine.equipment)
            why = "today's session of your programme" if from_programme else "an easy first session"
            self.detail.setText(
                f"<p>Suggested: {why}.</p><p>{escape(routine.summary)}</p>"
                f"<p><b>You need:</b> {escape(', '.join(kit) or 'nothing but some floor space')}</p>"
            )
        if see_clinician:
            self.note.setText(
                "You ticked a warning sign, so please see a clinician before you train; once they have checked "
                "you, start this from Today. “Finish” takes you to Today."
            )
        else:
            self.note.setText("“Finish” takes you to Today; you can come back here from Help → Set up again…")
        self.note.setProperty("role", "warn" if see_clinician else "muted")
        self.note.style().unpolish(self.note)
        self.note.style().polish(self.note)
