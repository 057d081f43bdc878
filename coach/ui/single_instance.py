"""One app window per data folder: a second ``coach`` asks the first to come to the front, then exits.

Two windows on one history would both save into it and both replay the recovery file. A ``QLockFile``
(``<data>/app.lock``, freed by the OS-level stale-lock check if the holder died) says who is first; the first
also listens on a ``QLocalServer`` whose name is derived from the data folder, so the second can ask it to
raise its window. ``COACH_ALLOW_SECOND=1`` turns the check off (tests run many app objects in one process).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

WAIT_MS = 500  # how long the second instance waits to reach the first (milliseconds)


class SingleInstance(QObject):
    activated = Signal()  # a second instance asked this one to show itself

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.name = "itband-coach-" + hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
        self._lock = QLockFile(str(Path(data_dir) / "app.lock"))
        self._lock.setStaleLockTime(0)  # only a dead holder makes the lock stale, never its age
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True if this is the first instance (it then listens for others); False if one is running. A data
        folder that can't hold the lock file doesn't stop the app (True)."""
        if not self._lock.tryLock(100):
            if self._lock.error() == QLockFile.LockFailedError:
                return False
            return True  # e.g. the folder can't be written: run without the guard
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a socket left by a crashed first instance (we hold the lock)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self.name)
        return True

    def notify(self) -> bool:
        """Ask the running instance to come to the front; True if it was reached."""
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(WAIT_MS):
            return False
        sock.write(b"show\n")
        sock.flush()
        sock.waitForBytesWritten(WAIT_MS)
        sock.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            conn = self._server.nextPendingConnection()
            conn.disconnected.connect(conn.deleteLater)
            self.activated.emit()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()


def allowed_twice() -> bool:
    return os.environ.get("COACH_ALLOW_SECOND") == "1"
