"""``CameraPicker``: the camera choice in Settings, by name, with a small live preview.

``value()`` is the chosen camera's index (what ``camera/index`` stores). The preview is a ``CameraPanel``
without a pose model (picture only); it starts when the picker is shown and the person has a camera, follows
the choice, and stops when the picker is hidden or closed. With no camera there is no preview and one plain
line says so; a camera that can't be opened shows one plain sentence in the preview's place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from coach.pose.sources import CameraSourceSpec
from coach.ui.camera.devices import CameraChoice, fallback_name, list_cameras
from coach.ui.camera.panel import CameraPanel

PREVIEW_W, PREVIEW_H = 240, 180  # px
NO_PICTURE = "No picture from this camera: it may be in use by another app."


class PreviewPanel(CameraPanel):
    """A camera panel for a look only: no model, no counting, no retry; a failure is one sentence."""

    def start(self) -> None:
        super().start()
        self.status_label.hide()

    def _on_manual(self, reason: str) -> None:
        if not self._mine() or reason.startswith("No pose model"):  # a preview needs no model
            return
        self.manual_reason = reason
        self.view.set_placeholder(NO_PICTURE)

    def _on_finished(self) -> None:
        if self._mine() and self.manual_reason is not None:
            self.view.set_placeholder(NO_PICTURE)  # in the preview's place: it keeps its size


class CameraPicker(QWidget):
    def __init__(self, index: int, size: tuple[int, int], mirror: bool, cameras: list[CameraChoice] | None = None):
        super().__init__()
        self.size_wanted = size
        self.cameras = list_cameras() if cameras is None else cameras
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setAccessibleName("Camera")
        for c in self.cameras:
            self.combo.addItem(c.name, c.index)
        self.setValue(index)
        lay.addWidget(self.combo)
        self.preview: PreviewPanel | None = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        if self.cameras:
            self.preview = PreviewPanel(self._spec(), None, mirror=mirror)
            self.preview.view.tracks_people = False  # a look at the picture: nobody is looked for
            self.preview.setFixedSize(PREVIEW_W, PREVIEW_H)  # 4:3, the picture only (no status lines)
            self.preview.setAccessibleName("Camera preview")
            lay.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignLeft)
            self.combo.currentIndexChanged.connect(self._follow)
        else:
            self.note.setText("No camera found. Plug one in and open Settings again to see its picture.")
        lay.addWidget(self.note)
        self.note.setVisible(bool(self.note.text()))

    def value(self) -> int:
        return int(self.combo.currentData())

    def setValue(self, index: int) -> None:  # noqa: N802 (the spin box's name it replaces)
        if self.combo.findData(index) < 0:  # the saved camera isn't connected now: keep it, say so
            self.combo.addItem(f"{fallback_name(index)} (not connected)", index)
        self.combo.setCurrentIndex(self.combo.findData(index))

    def _spec(self) -> CameraSourceSpec:
        w, h = self.size_wanted
        return CameraSourceSpec("camera", index=self.value(), width=w, height=h)

    def _follow(self) -> None:
        if self.preview is not None:
            self.preview.source = self._spec()
            if self.isVisible():
                self.preview.restart()

    def set_mirror(self, mirror: bool) -> None:
        if self.preview is not None:
            self.preview.set_mirror(mirror)

    def showEvent(self, e) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(e)
        if self.preview is not None:
            self.preview.start()

    def hideEvent(self, e) -> None:  # noqa: N802 (Qt's name)
        self.stop()
        super().hideEvent(e)

    def stop(self) -> None:
        if self.preview is not None:
            self.preview.stop()
            self.preview.status_label.hide()
