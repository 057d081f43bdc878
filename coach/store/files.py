"""File-level care of the history: connecting, backups before migrations, moving a bad file aside."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

from coach.store.errors import CorruptHistory, HistoryReadOnly, HistoryTooNew
from coach.store.migrations import CURRENT_VERSION, check_schema, read_version

BUSY_TIMEOUT_MS = 5000
PRIVATE = 0o600  # history files and backups: readable by their owner only
_SIDECARS = ("-wal", "-shm", "-journal")


def connect(path: Path, busy_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """Autocommit connection with foreign keys and a busy timeout (``busy_ms``, milliseconds: how long a write
    waits for another process's lock); the file is checked for damage first and left unwritten (the caller
    migrates, then switches to WAL with ``use_wal``)."""
    private(path)
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=busy_ms / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        problems = [r[0] for r in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise CorruptHistory(f"SQLite reports damage: {problems[0]}")
        version = read_version(conn)  # before anything is written: a file we must not touch stays as it is
        if version > CURRENT_VERSION:
            raise HistoryTooNew(version, CURRENT_VERSION)
        if version == CURRENT_VERSION:
            check_schema(conn)
        elif version > 0 and not writable(path):  # an update that can't be written: no backup, no retry loop
            raise HistoryReadOnly(
                f"The history file {path} is read-only, and this version of the coach must "
                f"update its format (v{version} to v{CURRENT_VERSION}) before using it. "
                "Make the file and its folder writable, then start the coach again."
            )
    except BaseException:
        conn.close()
        raise
    return conn


def private(path: Path) -> None:
    """Make the history file (created empty if missing) and its -wal/-shm readable by their owner only
    (0600; SQLite gives new -wal/-shm files the database's mode)."""
    # Only a missing file is opened here: closing a descriptor of a file this process has open in SQLite drops
    # all of the process's POSIX locks on it, and another process could then delete the WAL under that connection
    if not os.path.lexists(path):
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))
        except FileExistsError:
            pass
        except OSError:
            return  # a read-only place...: connecting reports it
    for p in (path, *(path.with_name(path.name + s) for s in _SIDECARS)):
        try:
            st = p.stat()
            if st.st_mode & 0o077 and st.st_uid == os.getuid():
                os.chmod(p, PRIVATE)
        except (OSError, AttributeError):
            pass


def writable(path: Path) -> bool:
    """Can this process change the file (and create its journal next to it)?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def use_wal(conn: sqlite3.Connection, timeout_s: float = BUSY_TIMEOUT_MS / 1000) -> None:
    """Switch the file to WAL (once per file: it stays WAL). The switch needs every other connection out of
    the file and SQLite's busy handler does not wait for that, so a busy answer is retried for ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() == "wal":
                return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err):
                raise
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked (could not switch it to WAL)")
        time.sleep(0.02)


def is_damage(err: BaseException) -> bool:
    """True if ``err`` means the file's content is bad (not e.g. a lock or a permission problem)."""
    if isinstance(err, CorruptHistory):
        return True
    if isinstance(err, sqlite3.DatabaseError):
        name = getattr(err, "sqlite_errorname", "")
        return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or (
            not isinstance(err, sqlite3.OperationalError) and type(err) is sqlite3.DatabaseError
        )
    return False


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def free_name(path: Path) -> Path:
    """``path`` or, if taken, ``path-1``, ``path-2``, ... (before the suffix for ``*.json``)."""
    n, out = 0, path
    while out.exists() or out.is_symlink():
        n += 1
        out = path.with_name(f"{path.stem}-{n}{path.suffix}" if path.suffix == ".json" else f"{path.name}-{n}")
    return out


_free = free_name


def db_file(conn: sqlite3.Connection) -> Path | None:
    """The main database file of a connection (None for an in-memory or temporary database)."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def identity(path: Path | None) -> tuple[int, int] | None:
    """(device, inode) of the file now at ``path``; None if there is none (or no path)."""
    if path is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def backup_before_migration(conn: sqlite3.Connection, version: int) -> Path | None:
    """Copy the database (consistently, via the SQLite backup API) to ``<file>.bak-v{version}-{timestamp}``
    (0600). A copy identical to the newest earlier backup of that version is dropped and that one returned:
    a migration that keeps failing (a read-only or full disk) leaves one backup, not one per attempt."""
    src = db_file(conn)
    if src is None:
        return None
    dest = _free(src.with_name(f"{src.name}.bak-v{version}-{_stamp()}"))
    earlier = sorted(src.parent.glob(f"{src.name}.bak-v{version}-*"), key=lambda p: p.stat().st_mtime)
    os.close(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))
    # A second connection reads the file: ``conn`` may hold the write lock (the migration's transaction),
    # which still lets readers in but would make a backup through ``conn`` itself wait forever.
    reader = sqlite3.connect(str(src), timeout=BUSY_TIMEOUT_MS / 1000)
    target = sqlite3.connect(str(dest))
    try:
        reader.backup(target)
    finally:
        target.close()
        reader.close()
    if earlier and _same_bytes(earlier[-1], dest):
        dest.unlink()
        return earlier[-1]
    return dest


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with open(a, "rb") as fa, open(b, "rb") as fb:
            while True:
                x, y = fa.read(1 << 20), fb.read(1 << 20)
                if x != y:
                    return False
                if not x:
                    return True
    except OSError:
        return False


def move_aside(path: Path) -> Path:
    """Rename a bad file (and its -wal/-shm) to ``<file>.corrupt-{timestamp}``; returns the new name."""
    dest = _free(path.with_name(f"{path.name}.corrupt-{_stamp()}"))
    path.rename(dest)
    for suffix in _SIDECARS:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(dest.with_name(dest.name + suffix))
    return dest


def full_disk_hint(path: Path) -> str:
    """ " (the disk holding it is full)" when less than 1 MB is free beside ``path``, else "": SQLite only says
    "disk I/O error" when it can't even make its shared-memory file."""
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return ""
    return " (the disk holding it is full)" if free < 2**20 else ""
