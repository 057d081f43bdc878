"""``ensure_model``: find the pose model, or offer to download the official file with a progress dialog.

The download runs in a plain Python thread (stdlib urllib, no Qt objects touched there); the GUI
polls its progress with a QTimer and a local event loop keeps the window responsive, so it never
freezes. Cancel stops it and leaves no partial file. On failure or offline the user is told where
to put a model file, and ``None`` is returned: the app continues in manual mode.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from coach.core.errors import CoachError
from coach.pose import model as pm

MANUAL = "Until then the coach works in manual mode: count your reps with the buttons."


def ensure_model(settings, parent: QWidget | None, explicit: str | Path | None = None) -> Path | None:
    """The model file to use, or None (manual mode). Asks before any download."""
    variant = settings.pose_variant
    chosen = explicit or settings.get("pose/model_path") or None
    try:
        found = pm.find_model(chosen, variant)
    except pm.ModelUnavailable as e:
        show_error(parent, "Pose model not found", str(e))
        try:
            found = pm.find_model(None, variant) if chosen else None
        except pm.ModelUnavailable:
            found = None
        if found is None and not chosen:
            return None  # a bad COACH_POSE_MODEL: said so; no download behind the user's back
    if found is not None:
        return found
    url, _sha, size = pm.VARIANTS[variant]
    if not ask_download(parent, variant, size, url):
        show_error(parent, "Manual mode", f"No pose model. {pm.where_to_put(variant)} {MANUAL}")
        return None
    return download_with_dialog(variant, parent)


def ask_download(parent: QWidget | None, variant: str, size: int, url: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Download the pose model?",
        f"Camera tracking needs MediaPipe's pose model ({variant}, {size / 1e6:.1f} MB).\n\n"
        f"Download the official file from Google now? It is checked against its published "
        f"checksum and kept in {pm.paths.models_dir()}.\n\n{url}",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setAccessibleName("Download the pose model?")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    box.exec()


class _Download:
    """State shared between the download thread and the GUI (plain attributes behind a lock)."""

    def __init__(self, variant: str):
        self.variant = variant
        self.lock = threading.Lock()
        self.done = self.total = 0
        self.cancel = threading.Event()
        self.finished = threading.Event()
        self.result: Path | None = None
        self.error: str | None = None

    def progress(self, done: int, total: int) -> None:
        with self.lock:
            self.done, self.total = done, total
        if self.cancel.is_set():
            raise pm.DownloadCancelled("Download cancelled")

    def run(self) -> None:
        try:
            self.result = pm.download_model(self.variant, self.progress)
        except pm.DownloadCancelled:
            self.error = None
        except CoachError as e:
            self.error = str(e)
        except Exception as e:  # reported to the user, never lost
            self.error = f"The download failed: {type(e).__name__}: {e}"
        finally:
            self.finished.set()


def download_with_dialog(variant: str, parent: QWidget | None) -> Path | None:
    state = _Download(variant)
    dlg = QProgressDialog(f"Downloading the pose model ({variant})…", "Cancel", 0, 1000, parent)
    dlg.setWindowTitle("Pose model")
    dlg.setAccessibleName("Pose model download progress")
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(0)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    dlg.canceled.connect(state.cancel.set)
    loop = QEventLoop()
    timer = QTimer(interval=50)

    def poll() -> None:
        if dlg.wasCanceled():
            state.cancel.set()
        with state.lock:
            done, total = state.done, state.total
        if total:
            dlg.setValue(int(1000 * min(done, total) / total))
            dlg.setLabelText(f"Downloading the pose model ({variant})… {done / 1e6:.1f} of {total / 1e6:.1f} MB")
        if state.finished.is_set():
            loop.quit()

    timer.timeout.connect(poll)
    thread = threading.Thread(target=state.run, name="model-download", daemon=True)
    dlg.show()
    thread.start()
    timer.start()
    if not state.finished.is_set():
        loop.exec()
    timer.stop()
    thread.join()
    dlg.close()
    if state.result is not None:
        return state.result
    if state.error:
        show_error(parent, "Pose model download failed", f"{state.error} {MANUAL}")
    else:
        show_error(parent, "Manual mode", f"Download cancelled. {pm.where_to_put(variant)} {MANUAL}")
    return None
