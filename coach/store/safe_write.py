"""Write a file the user named, safely: through a temporary file beside it, renamed into place, so an existing
file is only ever replaced by a complete one. Only a new path or an existing regular file is written: a device
(``/dev/null``), FIFO, symlink or folder is refused, never replaced. With ``overwrite`` False an existing file is
refused too, and the rename can't race another writer (a hard link, which fails if the name is taken). Every
problem is a StoreError with one plain sentence that starts "Can't <what>"; a name that can't be a file at all (a
missing folder, a folder, link, device or FIFO) is a ``BadTarget``. ``file_target`` adds the expected suffix
(``.pdf``) to a name given without it, only when that name is a new or regular file. The data is synced to disk
before the rename and the folder after it, so a file reported written survives a crash or power cut. Used by the
history export, the runs export, the calendar file and the physio's report."""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

from coach.store.errors import BadTarget, StoreError

T = TypeVar("T")


def write_file(
    path: Path, fill: Callable[[BinaryIO], T], *, what: str, overwrite: bool = True, mode: int | None = None
) -> T:
    """Write ``path`` with ``fill(binary file)`` and return what ``fill`` returned. ``what`` names the act in the
    messages ("export", "save the calendar"); ``mode``: permission bits for the new file (default: private, as
    ``mkstemp`` makes it)."""
    out = Path(path).expanduser()
    check_folder(out, what)
    check_target(out, overwrite, what)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        with os.fdopen(fd, "wb") as fp:
            result = fill(fp)
            fp.flush()
            os.fsync(fp.fileno())  # on disk before it takes the name: a crash can't leave an empty file there
        if mode is not None:
            os.chmod(tmp, mode)
        check_target(out, overwrite, what)  # again, just before the rename: something may have appeared there
        if overwrite:
            os.replace(tmp, out)  # replaces a regular file (a symlink appearing now is replaced, not followed)
        else:
            _place_new(tmp, out, what)
        tmp = None
        sync_folder(out.parent)
    except OSError as err:
        raise StoreError(f"Can't {what} to {out}: {err.strerror or err}") from err
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return result


def file_target(path: Path, suffix: str, what: str, *, bare_only: bool = False) -> Path:
    """The file to write for the name the user gave: ``path`` with ``suffix`` (".pdf") added when it doesn't end in
    it (any case; ``bare_only``: only when it has no suffix at all), but only when ``path`` is a new name or a
    regular file: a device (``/dev/null``), FIFO, link or folder is refused as given (BadTarget), never turned
    into a new name beside it. A missing folder is refused too."""
    out = Path(path).expanduser()
    check_folder(out, what)
    check_target(out, True, what)
    keep = out.suffix.lower() == suffix.lower() or (bare_only and out.suffix != "")
    return out if keep else out.with_name(out.name + suffix)


def check_folder(out: Path, what: str) -> None:
    """Refuse a name whose folder doesn't exist or isn't a folder (BadTarget), or can't be looked at (StoreError)."""
    try:
        st = out.parent.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise BadTarget(f"Can't {what}: the folder {out.parent} does not exist.") from None
    except OSError as err:
        raise StoreError(f"Can't {what} to {out}: {err.strerror or err}") from err
    if not stat.S_ISDIR(st.st_mode):
        raise BadTarget(f"Can't {what}: {out.parent} is not a folder.")


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a new or renamed file's name) to disk; a file system that can't is left be."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # EINVAL: this file system doesn't sync folders
        pass
    finally:
        os.close(fd)


def check_target(out: Path, overwrite: bool, what: str) -> None:
    """Refuse a folder, a link, a device or FIFO (BadTarget), and (``overwrite`` False) an existing file."""
    try:
        st = out.lstat()
    except FileNotFoundError:
        return
    except OSError as err:
        bad = err.errno in (errno.ENAMETOOLONG, errno.ENOTDIR)  # the name itself can't be a file here
        raise (BadTarget if bad else StoreError)(f"Can't {what} to {out}: {err.strerror or err}") from err
    if stat.S_ISDIR(st.st_mode):
        raise BadTarget(f"Can't {what}: {out} is a folder; choose a file name.")
    if not stat.S_ISREG(st.st_mode):
        raise BadTarget(f"Can't {what} to {out}: it is {_kind(st.st_mode)}; choose a new file name.")
    if not overwrite:
        raise StoreError(f"Can't {what}: {out} already exists (use --force to replace it).")


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    return "not a regular file"


def _place_new(tmp: str, out: Path, what: str) -> None:
    """Give the finished temporary file the name ``out`` only if nothing has that name (no race)."""
    try:
        os.link(tmp, out)  # fails if ``out`` exists
    except FileExistsError:
        raise StoreError(f"Can't {what}: {out} already exists (use --force to replace it).") from None
    except OSError:  # no hard links on this file system: the check above is as good as it gets
        if out.exists() or out.is_symlink():
            raise StoreError(f"Can't {what}: {out} already exists (use --force to replace it).") from None
        os.replace(tmp, out)
        return
    os.unlink(tmp)


def write_text_file(path: Path, write: Callable[[TextIO], T], *, what: str, overwrite: bool = True) -> T:
    """``write_file`` for text: ``write`` gets a UTF-8 text file with newlines as written (csv's own)."""

    def fill(fp: BinaryIO) -> T:
        text = io.TextIOWrapper(fp, encoding="utf-8", newline="")
        try:
            return write(text)
        finally:
            text.flush()
            text.detach()  # the binary file is closed by write_file

    return write_file(path, fill, what=what, overwrite=overwrite)
