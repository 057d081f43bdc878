"""High pain before a session: Start asks first and offers something gentler.

At a pain of ``HIGH_PAIN`` (7/10) or more, before the session starts, a question names the gentler options with
buttons that say what they do: a calmer routine (Gentle start, or the shortest beginner routine), rolling only
(this routine's roll steps, no strength work), starting this routine anyway, or going back. ``gentler_options``
is plain logic (tested without a dialog); ``ask`` shows the question.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from coach.core.pain import PAIN_LIMIT
from coach.core.routines.model import EducationStep, RollStep, Routine
from coach.ui import style

HIGH_PAIN = 7  # 0-10: from here Start asks first
CALM_ID = "gentle-start"


def calmer_routine(routine: Routine, routines: list[Routine]) -> Routine | None:
    """Gentle start, else the shortest beginner routine shorter than ``routine``; None for Gentle start itself
    (nothing is calmer) or when there is no such routine."""
    if routine.id == CALM_ID:
        return None
    others = [r for r in routines if r.id != routine.id]
    calm = next((r for r in others if r.id == CALM_ID), None)
    if calm is None:
        beginners = sorted((r for r in others if r.level == "beginner"), key=lambda r: r.estimated_seconds)
        calm = beginners[0] if beginners else None
    if calm is None or (routine.level == "beginner" and calm.estimated_seconds >= routine.estimated_seconds):
        return None
    return calm


def rolling_only(routine: Routine) -> Routine | None:
    """The routine's roll steps (with its reading steps), no strength work; None if it has no rolling or is
    rolling only already. Its id says so, so the history never mistakes it for the full routine."""
    steps = tuple(s for s in routine.steps if isinstance(s, (RollStep, EducationStep)))
    if not any(isinstance(s, RollStep) for s in steps) or len(steps) == len(routine.steps):
        return None
    return replace(
        routine,
        id=f"{routine.id}-rolling-only",
        title=f"{routine.title}: rolling only",
        summary="Only the rolling from this routine, for a day when the pain is high.",
        steps=steps,
    )


def gentler_options(routine: Routine, routines: list[Routine]) -> dict[str, Routine]:
    """{"calmer": Routine, "rolling": Routine}, each only when it exists."""
    out = {"calmer": calmer_routine(routine, routines), "rolling": rolling_only(routine)}
    return {k: v for k, v in out.items() if v is not None}


class HighPainQuestion(QDialog):
    """The question, with one full-width button per answer, stacked (long routine titles fit in 800 px).
    ``answer`` is "calmer", "rolling", "anyway" or "back" (also Esc and closing the window)."""

    def __init__(self, parent: QWidget | None, pain: int, routine: Routine, options: dict[str, Routine]):
        super().__init__(parent)
        self.setWindowTitle("Pain is high today")
        self.setAccessibleName("Pain is high today")
        self.setMaximumWidth(620)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(22, 18, 22, 18)
        lay.setSpacing(10)
        head = QLabel(f"Your pain is {pain}/10 right now, well above the {PAIN_LIMIT}/10 the coach aims to stay under.")
        head.setWordWrap(True)
        head.setFont(style.scaled_font(head, 1.15, bold=True))
        lay.addWidget(head)
        text = QLabel(
            "Training hard on a high-pain day can flare it up, so something gentler is the safer choice today. "
            "If pain this high is new or keeps coming back, please see a clinician."
        )
        text.setWordWrap(True)
        lay.addWidget(text)
        self.answer = "back"
        self.buttons: dict[str, QPushButton] = {}
        labels = {}
        if "calmer" in options:
            r = options["calmer"]
            labels["calmer"] = f"Start {r.title} instead (≈ {r.estimated_minutes} min)"
        if "rolling" in options:
            labels["rolling"] = f"Roll only (≈ {options['rolling'].estimated_minutes} min, no strength work)"
        labels["anyway"] = f"Start {routine.title} anyway"
        labels["back"] = "Go back"
        for key, words in labels.items():
            b = QPushButton(words)
            b.setAccessibleName(words)
            b.setAutoDefault(True)
            b.clicked.connect(lambda _c=False, k=key: self._choose(k))
            self.buttons[key] = b
            lay.addWidget(b)
        first = self.buttons.get("calmer") or self.buttons.get("rolling") or self.buttons["back"]
        first.setProperty("primary", True)
        first.setDefault(True)
        first.setFocus()

    def _choose(self, key: str) -> None:
        self.answer = key
        self.accept() if key != "back" else self.reject()


def question(parent: QWidget | None, pain: int, routine: Routine, options: dict[str, Routine]) -> HighPainQuestion:
    return HighPainQuestion(parent, pain, routine, options)


def ask(parent: QWidget | None, pain: int, routine: Routine, routines: list[Routine]) -> tuple[str, Routine]:
    """Show the question; (answer, the routine to play): the gentler one, or ``routine`` for "anyway"/"back"."""
    options = gentler_options(routine, routines)
    dlg = question(parent, pain, routine, options)
    dlg.exec()
    return dlg.answer, options.get(dlg.answer, routine)
