"""Which sessions a running app holds right now, told apart from sessions whose app died.

A session in progress is saved with status ``in_progress``. The process running it also holds an exclusive
advisory lock on ``<folder>/<session id>.lock`` (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows)
from ``begin_session`` until it finishes. The operating system drops the lock when the process ends, however
it ends (kill -9 included), so another process (``coach history list``, a second window) can tell a session
that is still running ("in progress") from one that was cut off ("interrupted") by trying the lock.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

if sys.platform != "win32":  # POSIX: fcntl (a platform check rather than try/except ImportError, so mypy can tell)
    import fcntl

    def _try_lock(f: IO[bytes], exclusive: bool) -> bool:
        try:
            fcntl.flock(f.fileno(), (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
            return True
        except OSError:
            return False
else:  # Windows
    import msvcrt

    def _try_lock(f: IO[bytes], exclusive: bool) -> bool:
        try:
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False


class LiveSessions:
    """Lock files for the sessions this process runs, in ``folder`` (made on first use, mode 0700)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._held: dict[str, IO[bytes]] = {}

    def _path(self, session_id: str) -> Path | None:
        return self.folder / f"{session_id}.lock" if _SAFE_ID.match(session_id) else None

    def hold(self, session_id: str) -> None:
        """Mark ``session_id`` as running in this process (best effort: a failure only logs)."""
        path = self._path(session_id)
        if path is None or session_id in self._held:
            return
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            f = open(path, "a+b")  # noqa: SIM115 (kept open: the lock lives as long as the file is open)
            os.chmod(path, 0o600)
            if _try_lock(f, exclusive=True):
                self._held[session_id] = f
            else:
                f.close()
        except OSError as err:
            log.warning("can't mark session %s as running: %s", session_id, err)

    def release(self, session_id: str) -> None:
        """The session finished (or was deleted): drop its lock and its file."""
        f = self._held.pop(session_id, None)
        if f is None:
            return
        path = self._path(session_id)
        try:
            if path is not None:
                path.unlink(missing_ok=True)
        except OSError:
            pass
        f.close()

    def running_elsewhere(self, session_id: str) -> bool:
        """True if another live process holds ``session_id`` (its lock file is locked)."""
        if session_id in self._held:
            return False
        path = self._path(session_id)
        if path is None:
            return False
        try:
            with open(path, "rb") as f:
                if _try_lock(f, exclusive=False):
                    return False  # nobody holds it: that run is gone (closing the file drops our lock)
                return True
        except OSError:
            return False  # no lock file: not running anywhere

    def close(self) -> None:
        for session_id in list(self._held):
            self.release(session_id)
