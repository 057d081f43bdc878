"""Settings: camera (index, resolution, mirror), pose model (lite/full/heavy or a file), pelvic-drop
thresholds, sound and voice, and light/dark appearance; a Programme tab
(``coach.ui.programme_settings``). Values are validated before they are stored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coach import paths
from coach.ui import style
from coach.ui.audio import speech_available
from coach.ui.camera.picker import CameraPicker
from coach.ui.layout import scroll_area
from coach.ui.runs.settings_rows import RunningSettings
from coach.ui.settings import THEMES, VARIANTS, Settings

RESOLUTIONS = ((640, 480), (960, 540), (1280, 720))


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None, programme=None):
        """``programme``: the ProgrammeService; with it, a Programme tab (days, reminders, thresholds)."""
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs)
        general = QWidget()
        scroll = scroll_area(general)  # scrolls on a small screen, down only (asks room for its scroll bar)
        self.tabs.addTab(scroll, "General")
        lay = QVBoxLayout(general)
        self.programme_page = None
        if programme is not None:
            from coach.ui.programme_settings import ProgrammeSettings

            self.programme_page = ProgrammeSettings(settings, programme)
            self.tabs.addTab(self.programme_page, "Programme")

        cam = QGroupBox("Camera")
        f = QFormLayout(cam)
        size = (int(settings.get("camera/width")), int(settings.get("camera/height")))
        self.camera_index = CameraPicker(int(settings.get("camera/index")), size, bool(settings.get("camera/mirror")))
        f.addRow("Camera", self.camera_index)
        self.resolution = QComboBox()
        self.resolution.setAccessibleName("Camera resolution")
        for w, h in RESOLUTIONS:
            self.resolution.addItem(f"{w} × {h}", (w, h))
        current = (int(settings.get("camera/width")), int(settings.get("camera/height")))
        self.resolution.setCurrentIndex(max(0, self.resolution.findData(current)))
        f.addRow("Resolution", self.resolution)
        self.mirror = QCheckBox("Mirror the preview (like a mirror in front of you)")
        self.mirror.setChecked(bool(settings.get("camera/mirror")))
        self.mirror.setAccessibleName("Mirror the preview")
        self.mirror.toggled.connect(self.camera_index.set_mirror)
        f.addRow(self.mirror)
        lay.addWidget(cam)

        pose = QGroupBox("Pose model")
        f = QFormLayout(pose)
        self.variant = QComboBox()
        self.variant.setAccessibleName("Pose model size")
        for v, text in zip(VARIANTS, ("Lite (fast, default)", "Full (more accurate)", "Heavy (slowest)")):
            self.variant.addItem(text, v)
        self.variant.setCurrentIndex(max(0, self.variant.findData(settings.pose_variant)))
        f.addRow("Model", self.variant)
        row = QHBoxLayout()
        self.model_path = QLineEdit(str(settings.get("pose/model_path")))
        self.model_path.setPlaceholderText("automatic (data folder, COACH_POSE_MODEL, or download)")
        self.model_path.setAccessibleName("Pose model file")
        browse = QPushButton("Browse…")
        browse.setAccessibleName("Choose a pose model file")
        browse.clicked.connect(self._browse)
        clear = QPushButton("Clear")
        clear.setAccessibleName("Clear the model file")
        clear.clicked.connect(self.model_path.clear)
        row.addWidget(self.model_path, 1)
        row.addWidget(browse)
        row.addWidget(clear)
        self.model_path.textChanged.connect(self._file_or_size)
        f.addRow("Model file", row)
        where = QLabel(f"Model files are looked for in {paths.models_dir()}")
        where.setProperty("role", "muted")
        where.setWordWrap(True)
        f.addRow(where)
        lay.addWidget(pose)
        self._file_or_size(self.model_path.text())

        pelvis = QGroupBox("Pelvic drop")
        f = QFormLayout(pelvis)
        drop, marked = settings.drop_thresholds
        self.drop = self._degrees(drop, "Flag a pelvic drop from")
        self.marked = self._degrees(marked, "Call it marked from")
        f.addRow("Flag from", self.drop)
        f.addRow("Marked from", self.marked)
        lay.addWidget(pelvis)

        sound = QGroupBox("Sound")
        f = QFormLayout(sound)
        self.muted = QCheckBox("Mute all sounds (M during a session)")
        self.muted.setChecked(settings.muted)
        self.muted.setAccessibleName("Mute")
        self.speak = QCheckBox("Speak counts and side switches (when a voice is installed)")
        self.speak.setChecked(bool(settings.get("audio/speak")))
        self.speak.setAccessibleName("Spoken counts")
        f.addRow(self.muted)
        f.addRow(self.speak)
        self.speak.setVisible(speech_available())  # not offered without a voice on this computer
        lay.addWidget(sound)

        look = QGroupBox("Appearance")
        f = QFormLayout(look)
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for t, text in zip(THEMES, ("Same as the system", "Light", "Dark")):
            self.theme.addItem(text, t)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.running = RunningSettings(settings)  # km or miles, on the theme's row
        row = QHBoxLayout()
        row.addWidget(self.theme, 1)
        row.addWidget(self.running)
        f.addRow("Theme", row)
        self.large_text = QCheckBox("Large text in sessions, readable across the room (F)")
        self.large_text.setChecked(bool(settings.get("ui/large_text")))
        self.large_text.setAccessibleName("Large text in sessions")
        f.addRow(self.large_text)
        lay.addWidget(look)

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        for b in buttons.buttons():
            b.setAccessibleName(b.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addStretch(1)
        outer.addWidget(buttons)
        # tall enough to show every field without scrolling, when the screen allows (the tabs scroll otherwise)
        pages = [general] + ([self.programme_page.widget()] if self.programme_page is not None else [])
        tall = max(p.sizeHint().height() for p in pages) + self.tabs.tabBar().sizeHint().height() + 120
        room = self.screen().availableGeometry().height() - 60 if self.screen() is not None else tall
        self.resize(self.sizeHint().width(), min(tall, room))

    def _degrees(self, value: float, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(1.0, 30.0)
        box.setSingleStep(0.5)
        box.setDecimals(1)
        box.setSuffix(" °")
        box.setValue(value)
        box.setAccessibleName(name)
        return box

    def _file_or_size(self, text: str) -> None:
        """A chosen file wins over the size choice: say so rather than leave a setting that does nothing."""
        self.variant.setEnabled(not text.strip())
        self.variant.setToolTip("Clear the model file to choose a size" if text.strip() else "")

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Pose model file", str(paths.models_dir()), "MediaPipe task files (*.task)"
        )
        if path:
            self.model_path.setText(path)

    def accept(self) -> None:
        s = self.settings
        s.set("camera/index", self.camera_index.value())
        w, h = self.resolution.currentData()
        s.set("camera/width", w)
        s.set("camera/height", h)
        s.set("camera/mirror", self.mirror.isChecked())
        s.set("pose/variant", self.variant.currentData())
        text = self.model_path.text().strip()
        s.set("pose/model_path", str(Path(text).expanduser()) if text else "")
        drop = self.drop.value()
        s.set("analysis/drop_deg", drop)
        s.set("analysis/marked_deg", max(drop, self.marked.value()))
        s.muted = self.muted.isChecked()
        s.set("audio/speak", self.speak.isChecked())
        s.set("ui/large_text", self.large_text.isChecked())
        self.running.save()
        if s.theme != self.theme.currentData():
            s.theme = self.theme.currentData()
            app = QApplication.instance()
            if app is not None:
                style.apply(app, style.chosen(s.theme))  # at once, not at the next launch
        self.note = self.programme_page.save() if self.programme_page is not None else ""
        if s.problem:  # "saved" means on disk: say so when it isn't
            self.note = f"{s.problem} {self.note}".strip()
        super().accept()
