"""The "Running" group of the Settings dialog: km or miles, and where the return-to-run ladder starts."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox

from coach.core.runs.units import to_unit


class RunningSettings(QGroupBox):
    def __init__(self, settings, parent=None):
        super().__init__("Running", parent)
        self.settings = settings
        f = QFormLayout(self)
        self.unit = QComboBox()
        self.unit.setAccessibleName("Distances in")
        self.unit.addItem("Kilometres (km)", "km")
        self.unit.addItem("Miles (mi)", "mi")
        self.unit.setCurrentIndex(max(0, self.unit.findData(settings.distance_unit)))
        f.addRow("Distances in", self.unit)
        self.start = QDoubleSpinBox()
        self.start.setAccessibleName("First run back, in km")
        self.start.setRange(1.0, 20.0)
        self.start.setDecimals(1)
        self.start.setSingleStep(0.5)
        self.start.setSuffix(" km")
        self.start.setValue(settings.run_start_m / 1000)
        self.start.setToolTip(
            "Where the return-to-run ladder starts: 2–3 miles (3–5 km) at a conversational pace, even if you ran "
            "much more before."
        )
        f.addRow("First run back", self.start)
        self.unit.currentIndexChanged.connect(self._hint)
        self._hint()

    def _hint(self) -> None:
        mi = to_unit(self.start.value() * 1000, "mi")
        self.start.setStatusTip(f"{mi:.1f} mi")

    def save(self) -> None:
        self.settings.set("runs/unit", self.unit.currentData())
        self.settings.set("runs/start_km", float(self.start.value()))
