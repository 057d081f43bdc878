"""What lies at a path, to tell that a test neither made nor changed it, even where another program on the machine
left a file there already (``/dev/null.pdf`` in a shared ``/dev``)."""

from __future__ import annotations

from pathlib import Path


def snapshot(path: Path) -> tuple[int, int, int] | None:
    """(inode, size, modification time in ns) of ``path`` (not following a link), or None when nothing is there."""
    try:
        st = Path(path).lstat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns
