"""Keep MediaPipe's usage logging on this machine.

MediaPipe's native library (``mediapipe/tasks/c/libmediapipe.so``, 0.10.x / 1.x wheels) carries a
usage-statistics client: creating a task (``PoseLandmarker.create_from_options``) starts a
``TasksStatsProtoLogger`` whose ``HttpLoggingClient`` posts through libcurl (``CurlClient``) to
``https://play.googleapis.com/log`` (Clearcut) from a worker thread: a DNS query for
play.googleapis.com, then an HTTPS connection. No option, flag or environment variable of the
library turns it off.

libcurl honours the ``https_proxy`` environment variable, read when a request starts. So before
MediaPipe creates anything, ``block_mediapipe_telemetry()`` points ``https_proxy``/``HTTPS_PROXY``
at a loopback port this process holds bound but never listens on: the connection is refused on
127.0.0.1, with no DNS query and nothing leaving the machine. ``no_proxy`` is narrowed to loopback
so that a user's ``no_proxy=*`` can't route around it. The user's own proxy settings are kept for
the app's one legitimate download (the official model file, ``coach.pose.model``), which uses
``download_proxies()`` instead of the environment. Child processes inherit the blocked variables.

Called from ``PoseEstimator`` (the CLI's ``coach analyze`` and the GUI's camera worker) and from
``prewarm()`` on the GUI thread before its import thread starts, so the environment is already set when
the worker thread creates the landmarker. Stdlib only.
"""

from __future__ import annotations

import os
import socket
import threading
import urllib.request

PROXY_VARS = ("https_proxy", "HTTPS_PROXY")
NO_PROXY_VARS = ("no_proxy", "NO_PROXY")
LOOPBACK_ONLY = "localhost,127.0.0.1,::1"

_lock = threading.Lock()
_sink: socket.socket | None = None  # bound, never listening: connections to it are refused
_saved_proxies: dict[str, str] | None = None


def block_mediapipe_telemetry() -> str:
    """Idempotent. Returns the proxy URL the native logging client is sent to (a refused loopback port)."""
    global _sink, _saved_proxies
    with _lock:
        if _sink is None:
            _saved_proxies = {k: v for k, v in urllib.request.getproxies().items() if k != "no"}
            sink = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sink.bind(("127.0.0.1", 0))  # held for the life of the process; no listen(): connect -> refused
            _sink = sink
        url = f"http://127.0.0.1:{_sink.getsockname()[1]}"
        wanted = {**dict.fromkeys(PROXY_VARS, url), **dict.fromkeys(NO_PROXY_VARS, LOOPBACK_ONLY)}
        for name, value in wanted.items():
            if os.environ.get(name) != value:  # setenv only when needed: other threads may be reading the env
                os.environ[name] = value
        return url


def download_proxies() -> dict[str, str]:
    """The user's proxy settings as they were before ``block_mediapipe_telemetry`` (for urllib's ProxyHandler)."""
    with _lock:
        if _saved_proxies is not None:
            return dict(_saved_proxies)
    return {k: v for k, v in urllib.request.getproxies().items() if k != "no"}
