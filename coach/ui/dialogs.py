"""Plain-words dialogs: questions whose buttons say what they do, messages with the technical part behind
"Details", and a folder's path with a Copy button for when no file manager opens it.

- ``question_box(parent, title, text, yes, no)``: e.g. "End session" / "Keep going"; the safe answer is the
  default (Return and Esc keep things as they are). ``ask(...)`` shows it and returns True for ``yes``.
- ``message_box(parent, title, text, details)``: one plain sentence; ``details`` (error codes, URLs, file
  names, environment variables) sit behind Qt's "Show Details…" button.
- ``FolderDialog``: the path, selectable, with "Copy path".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def question_box(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> tuple[QMessageBox, QPushButton]:
    """The box and its ``yes`` button (not shown yet)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setAccessibleName(title)
    yes_btn = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_btn = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    yes_btn.setAccessibleName(yes)
    no_btn.setAccessibleName(no)
    box.setDefaultButton(no_btn)
    box.setEscapeButton(no_btn)
    return box, yes_btn


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    box, yes_btn = question_box(parent, title, text, yes, no)
    box.exec()
    return box.clickedButton() is yes_btn


def message_box(
    parent: QWidget | None, title: str, text: str, details: str = "", icon=QMessageBox.Icon.Warning
) -> QMessageBox:
    """A message in plain words; ``details`` only when asked for ("Show Details…")."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    if details:
        box.setDetailedText(details)
    return box


class FolderDialog(QDialog):
    """Where a folder is, for when the system has no file manager to open it."""

    def __init__(self, path: Path, why: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Your routines folder")
        self.setAccessibleName("Your routines folder")
        lay = QVBoxLayout(self)
        note = QLabel(why)
        note.setWordWrap(True)
        lay.addWidget(note)
        row = QHBoxLayout()
        self.path = QLineEdit(str(path))
        self.path.setReadOnly(True)
        self.path.setAccessibleName("Folder path")
        self.path.setMinimumWidth(min(520, self.path.fontMetrics().horizontalAdvance(str(path)) + 24))
        self.copy = QPushButton("Copy path")
        self.copy.setAccessibleName("Copy path")
        self.copy.clicked.connect(self._copy)
        row.addWidget(self.path, 1)
        row.addWidget(self.copy)
        lay.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        self.path.setFocus(Qt.FocusReason.OtherFocusReason)
        self.path.selectAll()

    def _copy(self) -> None:
        QApplication.clipboard().setText(self.path.text())
        self.copy.setText("Copied ✓")
