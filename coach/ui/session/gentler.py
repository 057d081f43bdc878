"""High pain before a session: Start asks first and offers something gentler.

At a pain of ``HIGH_PAIN`` (7/10) or more, before the session starts, a question names the gentler options with
buttons that say what they do: a calmer routine (Gentle start, or the shortest beginner routine), rolling only
(this routine's roll steps, no strength work), starting this routine anyway, or going back. ``gentler_options``
is plain logic (tested without a dialog); ``ask`` shows the question.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QMessageBox, QWidget

from coach.core.pain import PAIN_LIMIT
from coach.core.routines.model import EducationStep, RollStep, Routine

HIGH_PAIN = 7  # 0-10: from here Start asks first
CALM_ID = "gentle-start"


def calmer_routine(routine: Routine, routines: list[Routine]) -> Routine | None:
    """Gentle start, else the shortest beginner routine, never ``routine`` itself; None if there is none
    shorter and easier than it."""
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


def question(parent: QWidget | None, pain: int, routine: Routine, options: dict[str, Routine]):
    """The question box and {button: answer}; answers are "calmer", "rolling", "anyway" and "back"."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Pain is high today")
    box.setText(f"Your pain is {pain}/10 right now, well above the {PAIN_LIMIT}/10 the coach aims to stay under.")
    box.setInformativeText(
        "Training hard on a high-pain day can flare it up. Something gentler is the safer choice today; "
        "if pain this high is new or keeps coming back, please see a clinician."
    )
    box.setAccessibleName("Pain is high today")
    answers = {}
    if "calmer" in options:
        r = options["calmer"]
        b = box.addButton(f"Start {r.title} instead (≈ {r.estimated_minutes} min)", QMessageBox.ButtonRole.AcceptRole)
        answers[b] = "calmer"
    if "rolling" in options:
        r = options["rolling"]
        b = box.addButton(f"Roll only (≈ {r.estimated_minutes} min)", QMessageBox.ButtonRole.AcceptRole)
        answers[b] = "rolling"
    b = box.addButton(f"Start {routine.title} anyway", QMessageBox.ButtonRole.DestructiveRole)
    answers[b] = "anyway"
    back = box.addButton("Go back", QMessageBox.ButtonRole.RejectRole)
    answers[back] = "back"
    box.setEscapeButton(back)
    box.setDefaultButton(next(iter(answers)) if len(answers) > 2 else back)
    for button in answers:
        button.setAccessibleName(button.text())
    return box, answers


def ask(parent: QWidget | None, pain: int, routine: Routine, routines: list[Routine]) -> tuple[str, Routine]:
    """Show the question; (answer, the routine to play): the gentler one, or ``routine`` for "anyway"/"back"."""
    options = gentler_options(routine, routines)
    box, answers = question(parent, pain, routine, options)
    box.exec()
    answer = answers.get(box.clickedButton(), "back")
    return answer, options.get(answer, routine)
