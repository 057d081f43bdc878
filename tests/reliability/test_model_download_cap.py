"""The streamed model download stops as soon as more bytes than expected arrive (fake HTTP responses),
and uses the user's own proxy settings, not the environment's telemetry block (coach.pose.privacy)."""

from __future__ import annotations

import os
import socket

import pytest

from coach import paths
from coach.pose import model as pm
from coach.pose import privacy

SIZE = 1000


class FakeResponse:
    """An HTTP response that serves ``limit`` bytes (endless when None) and counts what was read."""

    def __init__(self, length: int | None, limit: int | None = None):
        self.headers = {"Content-Length": str(length)} if length is not None else {}
        self.limit, self.served = limit, 0

    def read(self, n: int = -1) -> bytes:
        assert self.served < 50 * SIZE, "the download kept reading past the expected size"
        if self.limit is not None:
            n = max(0, min(n, self.limit - self.served))
        self.served += n
        return b"x" * n

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def fetch_with(monkeypatch, resp):
    monkeypatch.setattr(pm, "_open", lambda url, timeout: resp)
    dest = paths.models_dir() / "pose_landmarker_lite.task"
    with pytest.raises(pm.ModelUnavailable) as e:
        pm.fetch("https://example.invalid/m.task", dest, "0" * 64, SIZE)
    assert list(paths.models_dir().iterdir()) == []  # no model, no temporary file
    return str(e.value)


def test_an_endless_body_is_cut_off_just_past_the_expected_size(monkeypatch):
    resp = FakeResponse(length=None)
    msg = fetch_with(monkeypatch, resp)
    assert "more than the expected 1000 bytes" in msg and "\n" not in msg
    assert resp.served <= SIZE + 1


def test_a_lying_content_length_is_cut_off_too(monkeypatch):
    resp = FakeResponse(length=SIZE)  # says 1000, sends forever
    assert "more than the expected" in fetch_with(monkeypatch, resp)
    assert resp.served <= SIZE + 1


def test_a_content_length_over_the_expected_size_is_refused_before_reading(monkeypatch):
    resp = FakeResponse(length=10**12)
    assert "more than the expected" in fetch_with(monkeypatch, resp)
    assert resp.served == 0


def test_a_short_body_still_fails_verification(monkeypatch):
    assert "failed verification" in fetch_with(monkeypatch, FakeResponse(length=None, limit=SIZE - 1))


def test_telemetry_block_points_https_proxy_at_a_refused_loopback_port_but_the_download_keeps_the_users(monkeypatch):
    for name in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("https_proxy", "http://proxy.example:3128")  # the user's own proxy
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setattr(privacy, "_sink", None)
    monkeypatch.setattr(privacy, "_saved_proxies", None)
    url = privacy.block_mediapipe_telemetry()
    assert privacy.block_mediapipe_telemetry() == url  # idempotent
    assert os.environ["https_proxy"] == os.environ["HTTPS_PROXY"] == url
    assert "*" not in os.environ["no_proxy"] and "googleapis" not in os.environ["NO_PROXY"]
    port = int(url.rsplit(":", 1)[1])
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2)
    assert privacy.download_proxies() == {"https": "http://proxy.example:3128"}
    privacy._sink.close()
