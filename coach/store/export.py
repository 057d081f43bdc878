"""Export the history: CSV (one row per set, session columns repeated) and JSON (sessions, nested sets
and pelvic-drop flags). CSV times are local ISO 8601 with offset; JSON keeps the records' Unix seconds
so ``load_json`` reads an export back into the same records."""

from __future__ import annotations

import csv
import json
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, fields
from datetime import datetime
from pathlib import Path
from typing import IO

from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord
from coach.store.errors import StoreError

FORMATS = ("csv", "json")

SESSION_COLUMNS = [
    "session_id",
    "routine_id",
    "routine_title",
    "session_started",
    "session_ended",
    "duration_s",
    "status",
    "completion_pct",
    "pain_before",
    "pain_after",
    "steps_done",
    "steps_total",
    "camera_used",
    "notes",
]
SET_COLUMNS = [
    "step_index",
    "kind",
    "exercise",
    "side",
    "set_number",
    "target_reps",
    "achieved_reps",
    "partial_reps",
    "target_hold_s",
    "achieved_hold_s",
    "set_started",
    "set_ended",
    "source",
    "skipped",
    "pelvic_drops",
    "peak_drop_deg",
]
CSV_COLUMNS = SESSION_COLUMNS + SET_COLUMNS


def iso(t: float | None) -> str:
    """Unix seconds -> local ISO 8601 with UTC offset ("" for None)."""
    return "" if t is None else datetime.fromtimestamp(t).astimezone().isoformat(timespec="seconds")


def _blank(v: object) -> object:
    return "" if v is None else v


def _session_cells(r: SessionRecord) -> list[object]:
    dur = r.duration_s
    return [
        r.id,
        r.routine_id,
        r.routine_title,
        iso(r.started_at),
        iso(r.ended_at),
        "" if dur is None else round(dur, 1),
        r.status,
        round(100 * r.completion),
        _blank(r.pain_before),
        _blank(r.pain_after),
        r.steps_done,
        r.steps_total,
        int(r.camera_used),
        r.notes,
    ]


def _set_cells(s: SetRecord) -> list[object]:
    peak = max(
        [e.peak_deg for e in s.pelvic_drops] + ([s.peak_drop_deg] if s.peak_drop_deg is not None else []), default=None
    )
    return [
        s.step_index,
        s.kind,
        s.exercise,
        _blank(s.side),
        s.set_number,
        _blank(s.target_reps),
        s.achieved_reps,
        s.partial_reps,
        _blank(s.target_hold_s),
        s.achieved_hold_s,
        iso(s.started_at),
        iso(s.ended_at),
        s.source,
        int(s.skipped),
        len(s.pelvic_drops),
        "" if peak is None else round(peak, 1),
    ]


def export_csv(records: Iterable[SessionRecord], fp: IO[str]) -> int:
    """Write one row per set (a session without sets gets one row with empty set columns); returns rows."""
    w = csv.writer(fp, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    n = 0
    for r in records:
        head = _session_cells(r)
        for s in r.sets or (None,):
            w.writerow(head + (_set_cells(s) if s else [""] * len(SET_COLUMNS)))
            n += 1
    return n


def export_json(records: Iterable[SessionRecord], fp: IO[str]) -> int:
    """Write a JSON list of sessions (``SessionRecord`` fields, sets nested, flags nested); returns sessions."""
    out = [asdict(r) for r in records]
    json.dump(out, fp, indent=2, ensure_ascii=False)
    fp.write("\n")
    return len(out)


def load_json(fp: IO[str]) -> list[SessionRecord]:
    """Read an ``export_json`` file back into records."""
    set_names = {f.name for f in fields(SetRecord)}
    out = []
    for d in json.load(fp):
        sets = tuple(
            SetRecord(
                **{
                    **{k: v for k, v in s.items() if k in set_names},
                    "pelvic_drops": tuple(PelvicDropEvent(**e) for e in s.get("pelvic_drops", [])),
                }
            )
            for s in d.get("sets", [])
        )
        out.append(SessionRecord(**{**d, "sets": sets}))
    return out


def export_to_file(records: list[SessionRecord], path: Path, fmt: str, *, overwrite: bool = True) -> int:
    """Write ``records`` to ``path`` as "csv" or "json", via a temporary file renamed into place, so an
    existing file is only replaced by a complete export. Only a new path or an existing regular file is
    written: a device (``/dev/null``), FIFO, symlink or folder is refused, never replaced. ``overwrite``
    False: an existing file is refused too (the CLI's default; the GUI's file dialog asks instead). Returns
    the number of sessions written; raises StoreError with a plain message."""
    if fmt not in FORMATS:
        raise StoreError(f"Unknown export format {fmt!r}: choose CSV or JSON.")
    out = Path(path).expanduser()
    if not out.parent.is_dir():
        raise StoreError(f"Can't export: the folder {out.parent} does not exist.")
    _check_target(out, overwrite)
    write = export_csv if fmt == "csv" else export_json
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fp:
            write(records, fp)
        _check_target(out, overwrite)  # again, just before the rename: something may have appeared there
        if overwrite:
            os.replace(tmp, out)  # replaces a regular file (a symlink appearing now is replaced, not followed)
        else:
            _place_new(tmp, out)
        tmp = None
    except OSError as err:
        raise StoreError(f"Can't write the export to {out}: {err.strerror or err}") from err
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return len(records)


def _check_target(out: Path, overwrite: bool) -> None:
    try:
        st = out.lstat()
    except FileNotFoundError:
        return
    except OSError as err:
        raise StoreError(f"Can't export to {out}: {err.strerror or err}") from err
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(f"Can't export: {out} is a folder; choose a file name.")
    if not stat.S_ISREG(st.st_mode):
        kind = "a link" if stat.S_ISLNK(st.st_mode) else "not a regular file"
        raise StoreError(f"Can't export to {out}: it is {kind}; choose a new file name.")
    if not overwrite:
        raise StoreError(f"Can't export: {out} already exists (use --force to replace it).")


def _place_new(tmp: str, out: Path) -> None:
    """Give the finished temporary file the name ``out`` only if nothing has that name (no race)."""
    try:
        os.link(tmp, out)  # fails if ``out`` exists
    except FileExistsError:
        raise StoreError(f"Can't export: {out} already exists (use --force to replace it).") from None
    except OSError:  # no hard links on this file system: the check above is as good as it gets
        if out.exists() or out.is_symlink():
            raise StoreError(f"Can't export: {out} already exists (use --force to replace it).") from None
        os.replace(tmp, out)
        return
    os.unlink(tmp)
