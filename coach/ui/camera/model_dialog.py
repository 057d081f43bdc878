"""``ensure_model``: find the pose model, or offer to download the official file with a progress dialog.

The download runs in a plain Python thread (stdlib urllib, no Qt objects touched there); the GUI
polls its progress with a QTimer and a local event loop keeps the window responsive, so it never
freezes. Cancel stops it and leaves no partial file. On failure or offline the user is told in one
plain sentence, with the technical part (the error, the URL, where to put a model file by hand) behind
"Show Details…", and ``None`` is returned: the app continues in manual mode.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from coach.core.errors import CoachError
from coach.pose import model as pm
from coach.ui.dialogs import message_box, question_box

MANUAL = "Until then the coach works in manual mode: you count your reps with the buttons."


def ensure_model(settings, parent: QWidget | None, explicit: str | Path | None = None) -> Path | None:
    """The model file to use, or None (manual mode). Asks before any download."""
    variant = settings.pose_variant
    chosen = explicit or settings.get("pose/model_path") or None
    try:
        found = pm.find_model(chosen, variant)
    except pm.ModelUnavailable as e:
        show_error(parent, "Pose model not found", "The pose model file that was chosen can't be found.", str(e))
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
        show_error(
            parent,
            "Manual mode",
            f"No pose model for now. {MANUAL} You can download it at your next session.",
            pm.where_to_put(variant),
        )
        return None
    return download_with_dialog(variant, parent)


def download_box(parent: QWidget | None, variant: str, size: int, url: str) -> tuple[QMessageBox, QPushButton]:
    """The question before a download (not shown yet) and its "Download" button."""
    box, yes = question_box(
        parent,
        "Download the pose model?",
        f"To count your reps and watch your hips, the camera needs a pose model: a {size / 1e6:.1f} MB file "
        "from Google. Download it now? It stays on this computer.",
        "Download",
        "Not now",
    )
    box.setDetailedText(
        f"Model: MediaPipe pose landmarker ({variant})\nFrom: {url}\nSaved in: {pm.paths.models_dir()}\n"
        "The file is checked against its published SHA-256 checksum before it is used."
    )
    box.setDefaultButton(yes)
    return box, yes


def ask_download(parent: QWidget | None, variant: str, size: int, url: str) -> bool:
    box, yes = download_box(parent, variant, size, url)
    box.exec()
    return box.clickedButton() is yes


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    message_box(parent, title, text, details).exec()


def download_failure(error: str) -> str:
    """One plain sentence for a failed download (the error itself goes in the details)."""
    if "verification" in error or "checksum" in error.lower():
        return "The downloaded pose model was damaged on the way, so it was deleted."
    if "offline" in error or "Errno" in error or "server answered" in error:
        return (
            "The pose model couldn't be downloaded: this computer seems to be offline, "
            "or Google's server can't be reached."
        )
    return "The pose model couldn't be downloaded."


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
        show_error(parent, "Pose model download failed", f"{download_failure(state.error)} {MANUAL}", state.error)
    else:
        show_error(parent, "Manual mode", f"Download cancelled. {MANUAL}", pm.where_to_put(variant))
    return None
