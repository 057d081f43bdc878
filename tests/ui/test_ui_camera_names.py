"""Cameras by name with a small preview in Settings, and the camera's problems in one plain sentence
(issue 14, item 6)."""

from __future__ import annotations

import pytest

from coach.pose.sources import MemorySource
from coach.ui.camera.devices import CameraChoice, camera_label, index_from_id
from coach.ui.camera.messages import BY_HAND, manual_sentence
from coach.ui.camera.picker import NO_PICTURE, CameraPicker
from coach.ui.settings import Settings
from coach.ui.settings_dialog import SettingsDialog
from support.pose_fakes import numbered_frames

pytestmark = pytest.mark.usefixtures("qapp")
CAMS = [CameraChoice(0, "Integrated Webcam"), CameraChoice(2, "USB Camera C920")]


def test_indexes_come_from_the_device_path_or_the_list_position():
    assert index_from_id("/dev/video2", 0) == 2
    assert index_from_id("/dev/video10", 3) == 10
    assert index_from_id("0x14100000046d0825", 1) == 1  # macOS-style ids: Qt's order


def test_a_camera_is_named_or_numbered_from_one():
    assert camera_label(2, CAMS) == "USB Camera C920"
    assert camera_label(1, CAMS) == "Camera 2"
    assert camera_label(0, []) == "Camera 1"


@pytest.mark.parametrize(
    "reason, start",
    [
        ("No camera: No camera found at index 0: check that it is plugged in.", "No camera was found."),
        ("Camera lost: no frames for 2 s.", "The camera stopped sending pictures."),
        ("The pose model can't be used: [Errno 2] bad file.", "The pose model couldn't be loaded"),
        ("No pose model: camera preview only.", "Camera preview only"),
        ("Something new went wrong.", "The camera stopped."),
    ],
)
def test_manual_mode_in_one_plain_sentence(reason, start):
    text = manual_sentence(reason)
    assert text.startswith(start) and text.endswith(BY_HAND)
    assert "Errno" not in text and "index" not in text and "+" not in text  # no codes, no buttons a roll lacks


def test_the_picker_lists_cameras_by_name_and_keeps_a_missing_one(qtbot):
    picker = CameraPicker(2, (640, 480), True, cameras=CAMS)
    qtbot.addWidget(picker)
    names = [picker.combo.itemText(i) for i in range(picker.combo.count())]
    assert names == ["Integrated Webcam", "USB Camera C920"] and picker.value() == 2
    picker.setValue(5)
    assert picker.value() == 5 and picker.combo.currentText() == "Camera 6 (not connected)"


def test_no_camera_no_preview_and_one_line(qtbot):
    picker = CameraPicker(0, (640, 480), True, cameras=[])
    qtbot.addWidget(picker)
    picker.show()
    assert picker.preview is None
    assert picker.note.isVisible() and picker.note.text().startswith("No camera found.")
    assert picker.value() == 0 and picker.combo.currentText() == "Camera 1 (not connected)"


def test_the_preview_shows_the_chosen_camera_and_stops_when_hidden(qtbot):
    picker = CameraPicker(0, (640, 480), True, cameras=CAMS)
    qtbot.addWidget(picker)
    frames = numbered_frames(30)
    picker.preview.source = lambda: MemorySource(frames, fps=30.0, paced=True, loop=True)
    picker.show()
    qtbot.waitUntil(lambda: picker.preview.view.frame is not None, timeout=5000)
    assert not picker.preview.status_label.isVisible()  # a preview: no status lines, no model notice
    assert picker.preview.view.notice is None and not picker.preview.view.tracks_people  # no "No one in view"
    assert picker.preview.size().toTuple() == (240, 180)  # 4:3, like the picture
    picker.hide()
    assert not picker.preview.running()


def test_a_camera_that_cant_open_says_so_once(qtbot):
    picker = CameraPicker(7, (640, 480), True, cameras=[CameraChoice(7, "Broken cam")])
    qtbot.addWidget(picker)
    picker.show()  # index 7 doesn't exist on this machine: opening fails in the worker thread
    qtbot.waitUntil(lambda: picker.preview.view.placeholder == NO_PICTURE, timeout=15000)
    assert not picker.preview.retry_button.isVisible() and not picker.preview.status_label.isVisible()
    picker.stop()


def test_settings_store_the_chosen_camera(qtbot):
    s = Settings()
    dlg = SettingsDialog(s)
    qtbot.addWidget(dlg)
    dlg.camera_index.setValue(3)
    dlg.accept()
    assert Settings().get("camera/index") == 3


def test_no_camera_is_said_once_in_plain_words_during_a_session(qtbot):
    """The issue: "No camera found at index 0" three times at once (panel status, picture notice, status bar),
    even on a roll step that has no rep buttons."""
    from pathlib import Path

    from PySide6.QtWidgets import QLabel

    from coach.pose.sources import CameraSourceSpec
    from coach.ui.camera.panel import CameraPanel
    from support.pose_fakes import ScriptedEstimator
    from support.ui_helpers import FakeClock, make_window

    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    controller.make_camera = lambda parent: CameraPanel(
        CameraSourceSpec("camera", index=97),
        Path("scripted.task"),
        parent=parent,
        estimator_factory=lambda _p: ScriptedEstimator([None]),
    )
    window.start_session(next(r for r in controller.library().routines if r.title == "Glute med builder"))
    flow = window.flow
    flow.before.camera.setChecked(True)
    flow.before.accept()
    qtbot.waitUntil(lambda: flow.camera.manual_reason is not None and not flow.camera.running(), timeout=15000)
    qtbot.wait(50)
    assert flow.controller.state().step.title.lower().startswith("roll")  # a step without rep buttons
    shown = [lb.text() for lb in window.findChildren(QLabel) if lb.isVisible()]
    shown.append(window.statusBar().currentMessage())
    if flow.camera.view.isVisible():
        shown.append(flow.camera.view.placeholder)
    said = [t for t in shown if "camera" in t.lower() and "found" in t.lower()]
    assert len(said) == 1 and said[0].startswith("No camera was found."), shown
    assert not any("index" in t or "+ / −" in t for t in said)
    flow.camera.details_button.click()  # the technical words are there for whoever asks
    assert "No camera found at index 97" in flow.camera.details.text() and flow.camera.details.isVisible()
