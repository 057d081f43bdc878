"""Find the files under the paths given, read each with the reader its name (or content) calls for."""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.runs import Run
from coach.importers.common import ImportProblem
from coach.importers.fit import read_fit
from coach.importers.gpx import read_gpx
from coach.importers.strava import looks_like_strava, read_strava
from coach.importers.tcx import read_tcx

Reader = Callable[[bytes, str], tuple[list[Run], list[str]]]
READERS: dict[str, Reader] = {".gpx": read_gpx, ".tcx": read_tcx, ".fit": read_fit, ".csv": read_strava}
MAX_BYTES = 64 * 1024 * 1024  # a single activity file bigger than this is not one (a day at 1 point/s: ~10 MB)


@dataclass
class ImportResult:
    runs: list[Run] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per file skipped (or partly read)
    files: int = 0  # files looked at
    skipped: list[Path] = field(default_factory=list)  # files (and unreadable folders) that gave no run
    skip_lines: list[str] = field(default_factory=list)  # their lines in ``problems``, same order

    def skip(self, path: Path, line: str) -> None:
        """``path`` gave nothing: one line for the user."""
        self.problems.append(line)
        self.skipped.append(path)
        self.skip_lines.append(line)

    stopped: bool = False  # the caller stopped the import part way (what was read is kept)


def _kind(path: Path) -> str:
    """ ".gpx", ".fit"...: the suffix under an optional ".gz"."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        return suffixes[0] if len(suffixes) == 2 else ""
    return suffixes[-1] if suffixes else ""


def candidates(paths: Iterable[Path], unreadable: Callable[[Path, OSError], object] | None = None) -> Iterator[Path]:
    """The files to read: each file given, and every file with a known suffix under each folder (sorted). Links
    to folders are not followed (no loops). ``unreadable(folder, error)`` hears of each folder that can't be
    listed (permission denied...), which would otherwise be passed over in silence."""

    def listing_failed(err: OSError) -> None:
        if unreadable is not None:
            unreadable(Path(err.filename or "?"), err)

    for p in paths:
        if p.is_dir():
            for root, dirs, names in os.walk(p, onerror=listing_failed):
                dirs.sort()
                for n in sorted(names):
                    f = Path(root) / n
                    if _kind(f) in READERS and not n.startswith("."):
                        yield f
        else:
            yield p


def read_file(path: Path) -> tuple[list[Run], list[str]]:
    """One file's runs and notes; ImportProblem (one line, without the name) when it gives none."""
    kind = _kind(path)
    try:
        data = _read_regular(path)
        if path.suffix.lower() == ".gz":
            data = _gunzip(data)
    except FileNotFoundError as err:
        raise ImportProblem("was not found") from err
    except IsADirectoryError as err:
        raise ImportProblem("is a folder") from err
    except PermissionError as err:
        raise ImportProblem("can't be read (permission denied)") from err
    except OSError as err:
        raise ImportProblem(f"can't be read ({err.strerror or err})") from err
    reader = READERS.get(kind)
    if reader is None:
        head = data[:4096]
        if head[8:12] == b".FIT":
            reader = read_fit
        elif looks_like_strava(head):
            reader = read_strava
        elif b"<gpx" in head:
            reader = read_gpx
        elif b"<TrainingCenterDatabase" in head:
            reader = read_tcx
        else:
            raise ImportProblem("is not a GPX, TCX, FIT or Strava activities.csv file")
    if kind == ".csv" and not looks_like_strava(data[:4096]):
        raise ImportProblem("is a CSV file but not a Strava activities.csv")
    return reader(data, path.stem.removesuffix(".gpx").removesuffix(".tcx").removesuffix(".fit"))


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file; a pipe, socket or device is refused without waiting on it (opened
    non-blocking and checked on the open file, so it can't be swapped in between)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fp:
        st = os.fstat(fp.fileno())
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):
            raise ImportProblem("is not a regular file (a pipe or a device)")
        if st.st_size > MAX_BYTES:
            raise ImportProblem(
                f"is too big for an activity file ({st.st_size / 2**20:.0f} MB; at most {MAX_BYTES // 2**20} MB)"
            )
        return fp.read(MAX_BYTES + 1)


def _gunzip(data: bytes) -> bytes:
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(data, MAX_BYTES + 1)
    except zlib.error as err:
        raise ImportProblem(f"is not a readable .gz file ({err})") from err
    if len(out) > MAX_BYTES:
        raise ImportProblem("unpacks to more than an activity file can be")
    return out


def import_line(added: int, duplicates: int, skipped: list[str]) -> str:
    """The one-line result: "Imported 12 runs; 2 already there; 1 skipped: x.gpx is not a run"."""
    parts = [f"Imported {added} run{'' if added == 1 else 's'}"]
    if duplicates:
        parts.append(f"{duplicates} already there")
    if skipped:
        more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
        parts.append(f"{len(skipped)} skipped: {skipped[0]}{more}")
    return "; ".join(parts)


def count_files(paths: Iterable[Path | str]) -> int:
    """How many files ``import_paths`` would read (for a progress bar)."""
    return sum(1 for _ in candidates(Path(p) for p in paths))


def import_paths(paths: Iterable[Path | str], on_file: Callable[[int], object] | None = None) -> ImportResult:
    """Read every file under ``paths``; a bad file costs one line in ``problems``, never the others.
    ``on_file(n)`` is called after each file (for a progress display); when it returns False the import stops
    there (``stopped``), keeping what was read."""
    out = ImportResult()

    def unreadable(folder: Path, err: OSError) -> None:
        why = "permission denied" if isinstance(err, PermissionError) else (err.strerror or str(err))
        out.skip(folder, f"{folder.name or folder} (a folder) can't be read ({why}); its files were left out")

    for f in candidates((Path(p) for p in paths), unreadable):
        out.files += 1
        try:
            runs, notes = read_file(f)
        except ImportProblem as err:
            out.skip(f, f"{f.name} {err}")
        except Exception as err:  # a reader's bug must not lose the other files  # noqa: BLE001
            out.skip(f, f"{f.name} could not be read ({type(err).__name__}: {str(err)[:120]})")
        else:
            out.runs.extend(runs)
            out.problems.extend(f"{f.name}: {n}" for n in notes)
        if on_file is not None and on_file(out.files) is False:
            out.stopped = True
            break
    return out
