"""Checks on ``coach analyze``'s landmark files before numpy or the CSV reader touch their contents.

- ``check_npy``: a ``.npy`` file must start with numpy's magic (an ``.npz`` archive renamed ``.npy``
  does not), have a readable header (an empty file does not), hold numbers, and its header's shape must
  fit both the bytes actually in the file and ``MAX_NPY_BYTES``, checked from the header alone, before
  anything is allocated (a 10^12-frame header on a 200-byte file would ask for TiBs).
- ``check_csv``: a CSV over ``MAX_CSV_BYTES`` is refused before it is parsed into Python lists.
- ``read_error``: one plain line for whatever reading a landmark file raised (a CSV field over the csv
  module's limit, a file that can't be opened, a truncated array...).
"""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path

MAX_NPY_BYTES = 1 << 30  # 1 GiB of landmark numbers: hours of frames
MAX_CSV_BYTES = 256 << 20  # ~2 hours of 30 fps rows; read as Python floats it takes several times that
_ZIP = b"PK\x03\x04"


class BadInput(ValueError):
    """A landmark file that can't be used; the message is one line naming the file."""


def check_npy(path: Path) -> None:
    """Raise BadInput unless ``path`` is a numeric .npy array whose data is all in the file."""
    from numpy.lib import format as npformat

    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(6)
            if not head:
                raise BadInput(f"{path}: empty file, not a .npy array")
            if head.startswith(_ZIP):
                raise BadInput(f"{path}: a .npz/zip archive, not a .npy array; save one array with numpy.save")
            if head != b"\x93NUMPY":
                raise BadInput(f"{path}: not a .npy array (no numpy header)")
            fh.seek(0)
            version = npformat.read_magic(fh)
            if version == (1, 0):
                shape, fortran, dtype = npformat.read_array_header_1_0(fh)
            elif version in ((2, 0), (3, 0)):
                shape, fortran, dtype = npformat.read_array_header_2_0(fh)
            else:
                raise BadInput(f"{path}: unsupported .npy format version {version}")
            offset = fh.tell()
    except BadInput:
        raise
    except OSError as e:
        raise BadInput(f"{path}: can't be read ({e.strerror or e})") from None
    except Exception as e:  # a damaged header: numpy raises ValueError, EOFError, SyntaxError, TokenError...
        raise BadInput(f"{path}: not a readable .npy array (damaged header: {_first_line(e)})") from None
    if dtype.hasobject or dtype.kind not in "biuf":
        raise BadInput(f"{path}: expected real numbers, got {dtype}")
    count = math.prod(shape)
    need = count * dtype.itemsize
    if need > MAX_NPY_BYTES:
        raise BadInput(
            f"{path}: the header claims shape {shape} ({need:,} bytes); at most {MAX_NPY_BYTES:,} "
            "bytes of landmarks are read"
        )
    if need > size - offset:
        raise BadInput(
            f"{path}: truncated: the header claims shape {shape} ({need:,} bytes) but the file holds "
            f"{max(0, size - offset):,}"
        )


def check_csv(path: Path) -> None:
    """Raise BadInput when a CSV is too big to read into memory as rows of numbers."""
    try:
        size = os.path.getsize(path)
    except OSError as e:
        raise BadInput(f"{path}: can't be read ({e.strerror or e})") from None
    if size > MAX_CSV_BYTES:
        raise BadInput(
            f"{path}: {size:,} bytes is too big for a landmark CSV (at most {MAX_CSV_BYTES:,}); "
            "use .npy for long recordings"
        )


def read_error(path: Path, e: BaseException) -> str:
    """One line for an exception raised while reading landmark file ``path``."""
    if isinstance(e, csv.Error):
        msg = str(e)
        if "field larger than field limit" in msg:
            msg = f"a CSV field is longer than {csv.field_size_limit():,} characters"
        return f"{path}: not a readable CSV file ({msg})"
    if isinstance(e, OSError):
        return f"{path}: can't be read ({e.strerror or e})"
    if isinstance(e, MemoryError):
        return f"{path}: too large to read into memory"
    return f"{path}: not a readable landmark file ({_first_line(e)})"


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0][:200] if text else type(e).__name__
