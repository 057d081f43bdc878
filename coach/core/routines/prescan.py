"""Cheap checks on a routine file before ``tomllib`` sees it.

- ``read_regular_file``: open only a regular file (a FIFO would block forever, ``/dev/zero`` never ends),
  and read at most the cap plus one byte.
- ``nesting_problem``: ``tomllib`` spends memory and time quadratic in a dotted key's length (a 100 KB
  file with a 50,000-part key took 8 GB and 33 s) and recurses on nested arrays and inline tables. One
  regular-expression pass outside strings and comments measures the longest dotted run (``a.b.c`` = 3,
  in keys and table headers) and the deepest bracket nesting; either beyond ``MAX_NESTING`` is refused.
  A routine needs 2 of each (``[[steps]]``, ``cues = ["..."]``).
"""

from __future__ import annotations

import os
import re
import stat

MAX_NESTING = 16

_TOKEN = re.compile(
    r'''"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|#[^\n]*'''
    r"|[A-Za-z0-9_+\-:]+|[ \t]+|.",
    re.S,
)
_KINDS = {
    "file": "a regular file",
    "fifo": "a named pipe (FIFO)",
    "chr": "a device",
    "blk": "a device",
    "sock": "a socket",
    "dir": "a folder",
}


class NotARegularFile(OSError):
    """The path names a FIFO, a device, a socket or a folder: not something to read a routine from."""


def _kind(mode: int) -> str:
    for name, test in (
        ("dir", stat.S_ISDIR),
        ("fifo", stat.S_ISFIFO),
        ("chr", stat.S_ISCHR),
        ("blk", stat.S_ISBLK),
        ("sock", stat.S_ISSOCK),
    ):
        if test(mode):
            return _KINDS[name]
    return "not a regular file"


def read_regular_file(path: str | os.PathLike[str], cap: int) -> bytes:
    """The bytes of a regular file (after following symlinks), at most ``cap + 1`` of them.
    Raises NotARegularFile for anything else, before opening it; other OSErrors as usual."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotARegularFile(f"is {_kind(st.st_mode)}, not a routine file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)  # O_NONBLOCK: if it was swapped for a FIFO since the stat, open can't block
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotARegularFile(f"is {_kind(st.st_mode)}, not a routine file")
        chunks, left = [], cap + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def nesting_problem(text: str, limit: int = MAX_NESTING) -> str | None:
    """A message when a dotted key or the bracket nesting goes deeper than ``limit``, else None."""
    run = depth = 0
    after_dot = False
    line = 1
    for m in _TOKEN.finditer(text):
        tok = m.group()
        c = tok[0]
        if c in " \t":
            continue
        if c == "\n":
            line += 1
            run, after_dot = 0, False
            continue
        if c == ".":
            after_dot = True
            continue
        if c in "[{":
            depth += 1
            if depth > limit:
                return f"brackets nested more than {limit} deep at line {line}"
        elif c in "]}":
            depth = max(0, depth - 1)
        elif c == "#":
            pass
        elif c in "\"'" or c.isalnum() or c in "_-+:":
            run = run + 1 if after_dot else 1
            if run > limit:
                return f"a dotted key with more than {limit} parts at line {line}"
            line += tok.count("\n")
        else:
            run = 0
        after_dot = False
    return None
