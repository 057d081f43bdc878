"""Network helpers for tests that must not reach the internet."""

from __future__ import annotations

import socket


def closed_port_url() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    return f"http://127.0.0.1:{port}/pose_landmarker_lite.task"
