"""The run log's setting in the Settings dialog: distances in km or miles, beside the theme (a display choice;
runs are stored in metres). Where the return-to-run ladder starts is set on the Runs page."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget


class RunningSettings(QWidget):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 0, 0, 0)
        self.unit = QComboBox()
        self.unit.setAccessibleName("Distances in")
        self.unit.addItem("km", "km")
        self.unit.addItem("miles", "mi")
        self.unit.setCurrentIndex(max(0, self.unit.findData(settings.distance_unit)))
        label = QLabel("Distances in")
        label.setBuddy(self.unit)
        lay.addWidget(label)
        lay.addWidget(self.unit)

    def save(self) -> None:
        self.settings.set("runs/unit", self.unit.currentData())
