"""Privacy: `coach analyze` on a real clip with the real model makes no network connection and no DNS query.

MediaPipe's native usage logger would resolve play.googleapis.com (see coach/pose/privacy.py). The run is
traced with strace; every connect/sendto/sendmmsg to an internet socket must go to loopback, and nothing may
go to port 53. The same run checks that MediaPipe's native log lines stay off stderr without --verbose.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, clip

pytestmark = [pytest.mark.model, pytest.mark.video, pytest.mark.slow]

NATIVE_LOG = re.compile(
    r"Sparsity|LiteRT|TfLite|INFO: |WARNING: |^[IWE]\d{4} |absl::|"
    r"inference_feedback_manager|landmark_projection_calculator|gl_context"
)
_INET = re.compile(
    r"(connect|sendto|sendmsg|sendmmsg)\(.*sa_family=AF_INET6?, sin6?_port=htons\((\d+)\),[^}]*?"
    r"(?:sin_addr=inet_addr\(\"([^\"]+)\"\)|inet_pton\(AF_INET6, \"([^\"]+)\")"
)
TRACE = "trace=connect,sendto,sendmsg,sendmmsg"


def traced_analyze(tmp_path, *args, env_extra=None):
    strace = shutil.which("strace")
    if strace is None:
        if os.environ.get("CI"):
            pytest.fail("strace is missing in CI: .ci/run must install the strace package")
        pytest.skip("strace not installed (apt-get install strace)")
    log = tmp_path / "strace.txt"
    cmd = [strace, "-f", "-qq", "-e", TRACE, "-o", str(log), sys.executable, "-m", "coach", "analyze", *map(str, args)]
    out = subprocess.run(
        cmd, cwd=REPO, capture_output=True, text=True, timeout=300, env={**os.environ, **(env_extra or {})}
    )
    if out.returncode != 0 and "ptrace" in out.stderr.lower():
        pytest.skip(f"strace can't trace here: {out.stderr.strip().splitlines()[0]}")
    return out, log.read_text()


def internet_calls(trace: str) -> list[str]:
    """Trace lines that reach a non-loopback address, or port 53 anywhere (DNS)."""
    bad = []
    for line in trace.splitlines():
        if "htons(53)" in line or "googleapis" in line:
            bad.append(line)
            continue
        m = _INET.search(line)
        if m:
            addr = m.group(3) or m.group(4)
            if not (addr.startswith("127.") or addr in ("::1", "::ffff:127.0.0.1")):
                bad.append(line)
    return bad


def test_analyze_on_a_real_clip_makes_no_dns_query_and_no_internet_connection(tmp_path, model_path):
    out, trace = traced_analyze(
        tmp_path,
        clip("squat_front_4reps.mp4"),
        "--exercise",
        "squat",
        "--json",
        "--model",
        model_path,
        env_extra={"no_proxy": "*"},
    )  # a no_proxy=* user too
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["reps"] == 4
    assert internet_calls(trace) == [], "\n".join(internet_calls(trace)[:5])
    native = [line for line in out.stderr.splitlines() if NATIVE_LOG.search(line)]
    assert native == [], native[:5]


def test_the_checker_sees_a_dns_query():
    line = (
        '123 sendmmsg(11, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="\\4play\\ngoogleapis"'
        "}]}}], 2, MSG_NOSIGNAL) = 2"
    )
    connect_dns = '123 connect(11, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.53")}, 16) = 0'
    remote = (
        "9 connect(6, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), "
        'inet_pton(AF_INET6, "2a00:1450::1"), sin6_scope_id=0}, 28) = -1 ENETUNREACH'
    )
    local = '9 connect(6, {sa_family=AF_INET, sin_port=htons(41234), sin_addr=inet_addr("127.0.0.1")}, 16) = -1'
    assert internet_calls("\n".join([connect_dns, remote, local])) == [connect_dns, remote]
    assert internet_calls(line) == [line]  # the query's payload names the host
    loop6 = (
        '9 connect(6, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1")}'
    )
    assert internet_calls(loop6) == []


def test_verbose_keeps_mediapipe_s_own_log_lines(model_path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "coach",
            "analyze",
            str(clip("squat_front_4reps.mp4")),
            "--exercise",
            "squat",
            "--json",
            "--verbose",
            "--model",
            str(model_path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={k: v for k, v in os.environ.items() if k != "COACH_DEBUG"},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)["reps"] == 4
    assert any(NATIVE_LOG.search(line) for line in out.stderr.splitlines()), out.stderr[-2000:]


def test_the_live_session_path_makes_no_internet_connection_either(tmp_path, model_path):
    """The GUI's camera worker builds its estimator with ``_default_estimator`` after ``prewarm()``; traced in a
    child (no window needed): prewarm, then the worker's factory, a few frames, close."""
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace not installed (apt-get install strace)")
    code = (
        "import numpy as np\n"
        "from coach.pose.prewarm import prewarm\n"
        "from coach.ui.camera.worker import _default_estimator\n"
        "prewarm().join()\n"
        f"est = _default_estimator({str(model_path)!r})\n"
        "for i in range(5):\n"
        "    est.detect(np.zeros((480, 640, 3), np.uint8), i * 33)\n"
        "import time; time.sleep(1.0)\n"
        "est.close()\n"
    )
    log = tmp_path / "strace.txt"
    out = subprocess.run(
        [strace, "-f", "-qq", "-e", TRACE, "-o", str(log), sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    if out.returncode != 0 and "ptrace" in out.stderr.lower():
        pytest.skip("strace can't trace here")
    assert out.returncode == 0, out.stderr[-2000:]
    bad = internet_calls(log.read_text())
    assert bad == [], "\n".join(bad[:5])
