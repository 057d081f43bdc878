"""ensure_model (GUI): found models need no dialog; otherwise ask, download with a real QProgressDialog
from a local HTTP server while the GUI stays responsive, cancel cleanly, and explain manual mode on
refusal or when offline. Dialogs are answered by a timer that clicks the real buttons."""

from __future__ import annotations

import hashlib
import http.server
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from coach import paths
from coach.pose import model as pm
from coach.ui.camera.model_dialog import ensure_model
from coach.ui.settings import Settings
from support.net import closed_port_url

PAYLOAD = bytes(range(256)) * 4096 * 2  # 2 MiB
SHA = hashlib.sha256(PAYLOAD).hexdigest()


class _Slow(http.server.BaseHTTPRequestHandler):
    delay = 0.02

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Length", str(len(PAYLOAD)))
        self.end_headers()
        try:
            for i in range(0, len(PAYLOAD), 65536):
                self.wfile.write(PAYLOAD[i : i + 65536])
                self.wfile.flush()
                time.sleep(self.delay)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *a):
        pass


@pytest.fixture
def slow_server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/pose_landmarker_lite.task"
    httpd.shutdown()
    httpd.server_close()


class DialogBot:
    """Answers the dialogs ensure_model shows, through their real buttons; records what they said."""

    def __init__(self, download: bool = True, cancel_progress: bool = False):
        self.download, self.cancel_progress = download, cancel_progress
        self.boxes: list[tuple[str, str]] = []  # (title, text)
        self.details: list[str] = []  # each box's "Show Details…" text
        self.progress_values: list[int] = []
        self.ticks = 0
        self.timer = QTimer(interval=15)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self):
        self.ticks += 1
        for w in QApplication.topLevelWidgets():
            if not w.isVisible():
                continue
            if isinstance(w, QMessageBox):
                self.boxes.append((w.windowTitle(), w.text()))
                self.details.append(w.detailedText())
                roles = {w.buttonRole(b): b for b in w.buttons()}
                yes = roles.get(QMessageBox.ButtonRole.AcceptRole)
                no = roles.get(QMessageBox.ButtonRole.RejectRole)
                if yes is not None and no is not None:
                    (yes if self.download else no).click()
                else:
                    w.button(QMessageBox.StandardButton.Ok).click()
            elif isinstance(w, QProgressDialog):
                self.progress_values.append(w.value())
                if self.cancel_progress and w.value() > 100:
                    button = next(b for b in w.findChildren(QPushButton) if b.text() == "Cancel")
                    button.click()

    def stop(self):
        self.timer.stop()


@pytest.fixture
def make_bot():
    bots = []

    def make(**kw):
        bots.append(DialogBot(**kw))
        return bots[-1]

    yield make
    for b in bots:  # a failed test must not leave a bot clicking in the next one
        b.stop()


def no_models_anywhere(monkeypatch):
    monkeypatch.delenv("COACH_POSE_MODEL", raising=False)


def test_existing_model_needs_no_dialog(qtbot, make_bot, monkeypatch):
    no_models_anywhere(monkeypatch)
    p = paths.models_dir() / "pose_landmarker_lite.task"
    p.write_bytes(b"model")
    bot = make_bot()
    assert ensure_model(Settings(), None) == p
    other = paths.data_dir() / "mine.task"
    other.write_bytes(b"m")
    s = Settings()
    s.set("pose/model_path", str(other))
    assert ensure_model(s, None) == other
    bot.stop()
    assert bot.boxes == []


def test_missing_settings_file_is_reported_then_the_data_dir_model_used(qtbot, make_bot, monkeypatch):
    no_models_anywhere(monkeypatch)
    p = paths.models_dir() / "pose_landmarker_lite.task"
    p.write_bytes(b"model")
    s = Settings()
    s.set("pose/model_path", "/nonexistent/chosen.task")
    bot = make_bot()
    assert ensure_model(s, None) == p
    bot.stop()
    assert len(bot.boxes) == 1 and "chosen.task" in bot.details[0]
    assert "/nonexistent" not in bot.boxes[0][1]  # the path is a detail; the sentence is plain


def test_declining_the_download_explains_manual_mode(qtbot, make_bot, monkeypatch):
    no_models_anywhere(monkeypatch)
    bot = make_bot(download=False)
    assert ensure_model(Settings(), None) is None
    bot.stop()
    question, info = bot.boxes[0], bot.boxes[-1]
    assert "MB" in question[1] and "Download" in question[0]
    assert "checksum" not in question[1] and "http" not in question[1]  # plain words first...
    assert "checksum" in bot.details[0] and "https://" in bot.details[0]  # ...the technical part in Details
    assert "manual mode" in info[1] and str(paths.models_dir()) in bot.details[-1]


def test_download_with_progress_dialog_keeps_the_gui_responsive(qtbot, make_bot, monkeypatch, slow_server):
    no_models_anywhere(monkeypatch)
    monkeypatch.setitem(pm.VARIANTS, "lite", (slow_server, SHA, len(PAYLOAD)))
    bot = make_bot(download=True)
    t0 = time.monotonic()
    p = ensure_model(Settings(), None)
    elapsed = time.monotonic() - t0
    bot.stop()
    assert p == paths.models_dir() / "pose_landmarker_lite.task" and p.read_bytes() == PAYLOAD
    assert bot.progress_values and max(bot.progress_values) >= 300  # seen moving (sampled every 15 ms)
    assert bot.progress_values == sorted(bot.progress_values)
    # the GUI timer kept ticking through the ~0.7 s download: the event loop was never stuck
    assert bot.ticks >= elapsed / 0.015 * 0.3
    assert [b for b in bot.boxes if "failed" in b[0].lower()] == []
    assert sorted(x.name for x in paths.models_dir().iterdir()) == ["pose_landmarker_lite.task"]


def test_cancel_leaves_no_file(qtbot, make_bot, monkeypatch, slow_server):
    no_models_anywhere(monkeypatch)
    monkeypatch.setattr(_Slow, "delay", 0.05)
    monkeypatch.setitem(pm.VARIANTS, "lite", (slow_server, SHA, len(PAYLOAD)))
    bot = make_bot(download=True, cancel_progress=True)
    assert ensure_model(Settings(), None) is None
    bot.stop()
    assert list(paths.models_dir().iterdir()) == []
    assert any("cancelled" in text and "manual mode" in text for _, text in bot.boxes)


def test_offline_says_where_to_put_the_file(qtbot, make_bot, monkeypatch):
    no_models_anywhere(monkeypatch)
    monkeypatch.setitem(pm.VARIANTS, "lite", (closed_port_url(), SHA, len(PAYLOAD)))
    bot = make_bot(download=True)
    assert ensure_model(Settings(), None) is None
    bot.stop()
    title, text = bot.boxes[-1]
    assert "failed" in title.lower()
    assert "offline" in text and "manual mode" in text
    assert "Errno" not in text and "COACH_POSE_MODEL" not in text and "http" not in text
    assert "Couldn't download" in bot.details[-1] and str(paths.models_dir()) in bot.details[-1]
    assert list(paths.models_dir().iterdir()) == []


def test_hash_mismatch_is_reported_and_deleted(qtbot, make_bot, monkeypatch, slow_server):
    no_models_anywhere(monkeypatch)
    monkeypatch.setitem(pm.VARIANTS, "lite", (slow_server, "f" * 64, len(PAYLOAD)))
    bot = make_bot(download=True)
    assert ensure_model(Settings(), None) is None
    bot.stop()
    assert "damaged" in bot.boxes[-1][1] and "deleted" in bot.boxes[-1][1]
    assert "failed verification" in bot.details[-1]
    assert list(paths.models_dir().iterdir()) == []
