"""Model resolution order and the verified, atomic download (a local HTTP server on 127.0.0.1)."""

from __future__ import annotations

import hashlib
import http.server
import re
import socket
import threading

import pytest

from coach import paths
from coach.pose import model as pm
from conftest import shared_dir
from support.net import closed_port_url

PAYLOAD = bytes(range(256)) * 4096  # 1 MiB, several download chunks


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = PAYLOAD
        if self.path == "/missing":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path == "/truncated":  # promises 1 MiB, sends half, hangs up
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


SHA = hashlib.sha256(PAYLOAD).hexdigest()


def leftovers():
    return [p.name for p in paths.models_dir().iterdir()]


# ---- resolution order -----------------------------------------------------------------------------
def test_resolution_order_explicit_then_env_then_data_dir(tmp_path, monkeypatch):
    explicit, env = tmp_path / "mine.task", tmp_path / "env.task"
    explicit.write_bytes(b"x")
    env.write_bytes(b"y")
    in_data = paths.models_dir() / "pose_landmarker_lite.task"
    in_data.write_bytes(b"z")
    monkeypatch.setenv("COACH_POSE_MODEL", str(env))
    assert pm.find_model(explicit) == explicit
    assert pm.find_model(str(explicit), "full") == explicit
    assert pm.find_model(None) == env
    assert pm.find_model("") == env  # an empty setting means "not set"
    monkeypatch.delenv("COACH_POSE_MODEL")
    assert pm.find_model(None) == in_data
    assert pm.find_model(None, "full") is None  # variants are separate files
    assert pm.resolve_model(None, download=False) == in_data


def test_explicit_or_env_path_that_is_no_file_says_where_to_put_one(tmp_path, monkeypatch):
    with pytest.raises(pm.ModelUnavailable) as e:
        pm.find_model(tmp_path / "nope.task")
    msg = str(e.value)
    assert "nope.task" in msg and str(paths.models_dir()) in msg and "COACH_POSE_MODEL" in msg
    monkeypatch.setenv("COACH_POSE_MODEL", str(tmp_path / "gone.task"))
    with pytest.raises(pm.ModelUnavailable, match="COACH_POSE_MODEL is set to .*gone.task"):
        pm.find_model(None)


def test_no_model_without_download_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("COACH_POSE_MODEL", raising=False)
    assert pm.find_model(None) is None
    with pytest.raises(pm.ModelUnavailable) as e:
        pm.resolve_model(None, download=False)
    assert str(paths.models_dir()) in str(e.value) and "pose_landmarker_lite.task" in str(e.value)
    with pytest.raises(pm.ModelUnavailable, match="Unknown pose model variant"):
        pm.find_model(None, "huge")


def test_pinned_official_urls_and_digests_match_the_shared_readme():
    readme = shared_dir() / "README.md"
    if not readme.is_file():
        pytest.skip(f"{readme} not found")
    text = readme.read_text()
    for variant, (url, sha, size) in pm.VARIANTS.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| {variant}") and sha in line)
        assert f"{size:,}" in row
        assert url.startswith("https://storage.googleapis.com/mediapipe-models/pose_landmarker/")
        tail = re.search(r"(…|https://\S+)(/\S+\.task)", row).group(2)
        assert url.endswith(tail)


# ---- download ----------------------------------------------------------------------------------------
def test_download_reports_progress_and_lands_atomically(server, monkeypatch):
    monkeypatch.delenv("COACH_POSE_MODEL", raising=False)
    monkeypatch.setitem(pm.VARIANTS, "lite", (f"{server}/lite.task", SHA, len(PAYLOAD)))
    calls = []
    p = pm.resolve_model(None, "lite", progress=lambda d, t: calls.append((d, t)))
    assert p == paths.models_dir() / "pose_landmarker_lite.task"
    assert p.read_bytes() == PAYLOAD
    assert calls[0] == (0, len(PAYLOAD)) and calls[-1] == (len(PAYLOAD), len(PAYLOAD))
    assert [d for d, _ in calls] == sorted(d for d, _ in calls) and len(calls) > 3
    assert leftovers() == ["pose_landmarker_lite.task"]  # no temporary file left
    assert pm.find_model(None) == p  # found next time, no network


def test_hash_mismatch_deletes_the_file_and_says_so(server):
    dest = paths.models_dir() / "pose_landmarker_lite.task"
    with pytest.raises(pm.ModelUnavailable) as e:
        pm.fetch(f"{server}/lite.task", dest, "0" * 64, len(PAYLOAD))
    assert "failed verification" in str(e.value) and "deleted" in str(e.value)
    assert leftovers() == []


def test_truncated_download_leaves_no_partial_file(server):
    dest = paths.models_dir() / "pose_landmarker_lite.task"
    with pytest.raises(pm.ModelUnavailable):
        pm.fetch(f"{server}/truncated", dest, SHA, len(PAYLOAD))
    assert leftovers() == []


def test_http_error_is_reported(server):
    with pytest.raises(pm.ModelUnavailable, match="404"):
        pm.fetch(f"{server}/missing", paths.models_dir() / "x.task", SHA)
    assert leftovers() == []


def test_cancel_from_the_progress_callback_leaves_nothing(server):
    def progress(done, total):
        if done > len(PAYLOAD) // 3:
            raise pm.DownloadCancelled("cancelled")

    with pytest.raises(pm.DownloadCancelled):
        pm.fetch(f"{server}/lite.task", paths.models_dir() / "pose_landmarker_lite.task", SHA, len(PAYLOAD), progress)
    assert leftovers() == []


def test_offline_gives_a_clear_message(monkeypatch):
    monkeypatch.delenv("COACH_POSE_MODEL", raising=False)
    monkeypatch.setitem(pm.VARIANTS, "lite", (closed_port_url(), SHA, len(PAYLOAD)))
    with pytest.raises(pm.ModelUnavailable) as e:
        pm.resolve_model(None, "lite")
    msg = str(e.value)
    assert "Couldn't download the pose model" in msg and "offline" in msg
    assert str(paths.models_dir()) in msg and "COACH_POSE_MODEL" in msg and "\n" not in msg
    assert leftovers() == []


def test_unusable_target_folder_is_reported(server, tmp_path):
    blocker = tmp_path / "models"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(pm.ModelUnavailable, match="Can't write to"):
        pm.fetch(f"{server}/lite.task", blocker / "m.task", SHA)
