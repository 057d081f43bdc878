"""MessageBar: the History tab's inline message (warning or information icon, the text, a Dismiss button).

Errors from the ``HistoryController`` show as "Problem: ..." with a warning icon; confirmations (deleted,
exported) as plain text with an information icon. ``kind`` keeps which one is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QWidget


class MessageBar(QWidget):
    """An inline message with an icon (warning or information) and a Dismiss button."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.icon, self.text = QLabel(), QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName("History message")
        self.kind = ""
        close = QPushButton("Dismiss")
        close.setAccessibleName("Dismiss message")
        close.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.icon)
        lay.addWidget(self.text, 1)
        lay.addWidget(close)
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        """``kind`` "error" (warning icon, "Problem:" prefix) or "info"."""
        self.kind = kind
        icon = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if kind == "error"
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        self.text.setText(f"Problem: {text}" if kind == "error" else text)
        self.show()
