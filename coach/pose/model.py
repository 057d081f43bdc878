"""Pose model files: where the app looks for them and how it downloads the official ones.

Resolution order (``resolve_model``):
  1. the explicit path (the Settings file or ``--model PATH``);
  2. the ``COACH_POSE_MODEL`` environment variable;
  3. ``pose_landmarker_<variant>.task`` in ``paths.models_dir()``;
  4. a download of Google's official file (URL and sha256 pinned below).
User-supplied files (1-3) are not hash-checked: any PoseLandmarker bundle MediaPipe can load will do.
A download is written to a temporary file next to the target, checked (size and sha256) and only
then renamed into place, so an interrupted or corrupt download never leaves a model file behind.
Stdlib only: no cv2 or mediapipe here.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from coach import paths
from coach.core.errors import CoachError

_BASE = "https://storage.googleapis.com/mediapipe-models/pose_landmarker"
# variant -> (official URL, sha256, size in bytes); see ../shared/README.md
VARIANTS: dict[str, tuple[str, str, int]] = {
    "lite": (
        f"{_BASE}/pose_landmarker_lite/float16/1/pose_landmarker_lite.task",
        "59929e1d1ee95287735ddd833b19cf4ac46d29bc7afddbbf6753c459690d574a",
        5_777_746,
    ),
    "full": (
        f"{_BASE}/pose_landmarker_full/float16/latest/pose_landmarker_full.task",
        "4eaa5eb7a98365221087693fcc286334cf0858e2eb6e15b506aa4a7ecdcec4ad",
        9_398_198,
    ),
    "heavy": (
        f"{_BASE}/pose_landmarker_heavy/float16/latest/pose_landmarker_heavy.task",
        "64437af838a65d18e5ba7a0d39b465540069bc8aae8308de3e318aad31fcbc7b",
        30_664_242,
    ),
}
ENV_VAR = "COACH_POSE_MODEL"
CHUNK = 256 * 1024
Progress = Callable[[int, int], None]  # (bytes done, total bytes)


class ModelUnavailable(CoachError):
    """No usable pose model; the message says where to put one. The app goes on in manual mode."""


class ModelPathInvalid(ModelUnavailable):
    """A model path the user gave (``--model``, Settings or ``COACH_POSE_MODEL``) names no file."""


class ModelLoadError(ModelUnavailable):
    """A model file exists but MediaPipe cannot load it (raised by ``PoseEstimator``)."""


class DownloadCancelled(CoachError):
    """The user cancelled a model download (raise it from a progress callback)."""


def model_filename(variant: str = "lite") -> str:
    _check_variant(variant)
    return f"pose_landmarker_{variant}.task"


def where_to_put(variant: str = "lite") -> str:
    """One sentence telling the user how to supply a model file by hand."""
    name = model_filename(variant)
    try:
        folder = str(paths.models_dir())
    except OSError:
        folder = str(paths.data_dir() / "models") if os.environ.get("COACH_HOME") else "the app's models folder"
    return (
        f"Put {name} in {folder}, or set {ENV_VAR}=/path/to/{name}, or choose a model file in Settings "
        f"(coach --model PATH)."
    )


def find_model(explicit: str | Path | None = None, variant: str = "lite") -> Path | None:
    """Steps 1-3 (no network). An explicit path or env var that names no file raises ModelUnavailable."""
    _check_variant(variant)
    if explicit not in (None, ""):
        p = Path(explicit).expanduser()
        if not p.is_file():
            raise ModelPathInvalid(f"Pose model file not found: {p}. {where_to_put(variant)}")
        return p
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        p = Path(env).expanduser()
        if not p.is_file():
            raise ModelPathInvalid(f"{ENV_VAR} is set to {p}, which is not a file. {where_to_put(variant)}")
        return p
    try:
        p = paths.models_dir() / model_filename(variant)
    except OSError:
        return None
    return p if p.is_file() else None


def resolve_model(
    explicit: str | Path | None = None,
    variant: str = "lite",
    *,
    download: bool = True,
    progress: Progress | None = None,
) -> Path:
    """Steps 1-4. ``progress(done_bytes, total_bytes)`` is called during a download; raise from it to
    cancel. Raises ModelUnavailable (offline, failed verification, download=False) with a clear message."""
    p = find_model(explicit, variant)
    if p is not None:
        return p
    if not download:
        raise ModelUnavailable(f"No pose model found. {where_to_put(variant)}")
    return download_model(variant, progress)


def download_model(variant: str = "lite", progress: Progress | None = None, *, timeout: float = 20.0) -> Path:
    """Download the official file for ``variant`` into ``paths.models_dir()`` (verified) and return its path."""
    url, sha256, size = VARIANTS[_check_variant(variant)]
    try:
        dest = paths.models_dir() / model_filename(variant)
    except OSError as e:
        raise ModelUnavailable(f"Can't create the models folder ({e.strerror or e}). {where_to_put(variant)}") from None
    return fetch(url, dest, sha256, size, progress, timeout=timeout, variant=variant)


def fetch(
    url: str,
    dest: Path,
    sha256: str,
    size: int | None = None,
    progress: Progress | None = None,
    *,
    timeout: float = 20.0,
    variant: str = "lite",
) -> Path:
    """Download ``url`` to ``dest`` atomically, checking ``sha256`` (and ``size`` when given)."""
    try:
        fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    except OSError as e:
        raise ModelUnavailable(f"Can't write to {dest.parent} ({e.strerror or e}). {where_to_put(variant)}") from None
    tmp = Path(tmp_name)
    ok = False
    try:
        digest, done = _download_to(fd, url, size, progress, timeout, variant)
        if digest != sha256 or (size is not None and done != size):
            raise ModelUnavailable(
                f"The downloaded model failed verification (sha256 {digest[:12]}…, {done} bytes; expected "
                f"{sha256[:12]}…, {size} bytes) and was deleted. {where_to_put(variant)}"
            )
        os.replace(tmp, dest)
        ok = True
        return dest
    finally:
        if not ok:
            tmp.unlink(missing_ok=True)


def _download_to(
    fd: int, url: str, size: int | None, progress: Progress | None, timeout: float, variant: str
) -> tuple[str, int]:
    h = hashlib.sha256()
    done = 0
    with os.fdopen(fd, "wb") as out:
        try:
            with _open(url, timeout) as resp:
                total = int(resp.headers.get("Content-Length") or size or 0)
                if size is not None and total > size:
                    raise _too_big(total, size, variant)
                if progress:
                    progress(0, total)
                while True:
                    chunk = resp.read(CHUNK if size is None else min(CHUNK, size + 1 - done))
                    if not chunk:
                        break
                    if size is not None and done + len(chunk) > size:
                        raise _too_big(done + len(chunk), size, variant)  # more than expected: stop reading
                    h.update(chunk)
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
        except urllib.error.HTTPError as e:
            raise ModelUnavailable(
                f"Couldn't download the pose model: the server answered {e.code} {e.reason} "
                f"({url}). {where_to_put(variant)}"
            ) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as e:
            reason = getattr(e, "reason", None) or e
            raise ModelUnavailable(
                f"Couldn't download the pose model (offline? {reason}). {where_to_put(variant)}"
            ) from None
        out.flush()
        os.fsync(out.fileno())
    return h.hexdigest(), done


def _open(url: str, timeout: float):
    """urlopen with the user's own proxy settings (the environment's https_proxy is the telemetry block)."""
    from coach.pose.privacy import download_proxies

    opener = urllib.request.build_opener(urllib.request.ProxyHandler(download_proxies()))
    return opener.open(url, timeout=timeout)  # noqa: S310 (https URL pinned above)


def _too_big(got: int, size: int, variant: str) -> ModelUnavailable:
    return ModelUnavailable(
        f"The model download was stopped: the server sent more than the expected {size} bytes "
        f"({got} or more); nothing was kept. {where_to_put(variant)}"
    )


def _check_variant(variant: str) -> str:
    if variant not in VARIANTS:
        raise ModelUnavailable(f"Unknown pose model variant {variant!r}; choose one of: {', '.join(VARIANTS)}")
    return variant
