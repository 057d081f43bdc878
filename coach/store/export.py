"""Export the history: CSV for people (one row per set, the columns in reading order, sessions numbered 1, 2, 3...
oldest first, exercise names in words, local ISO 8601 times) and JSON for machines (every field of the records,
sets and pelvic-drop flags nested, Unix seconds, so ``load_json`` reads an export back into the same records).
Pelvic drop "not measured" (camera off, side view, no single-leg rep) is never written as "no drop": the CSV says
``pelvic_drop_measured`` no and leaves the peak and flag count empty; the JSON has null peaks and explicit
``drop_measured`` / ``pelvic_measured`` flags."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import asdict, fields
from datetime import datetime
from pathlib import Path
from typing import IO

from coach.core.exercises import EXERCISES
from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord
from coach.core.routines.targets import ROLL_TARGETS
from coach.store.errors import StoreError
from coach.store.safe_write import write_text_file

FORMATS = ("csv", "json")

CSV_COLUMNS = [
    "session",  # 1 for the oldest session exported, then 2, 3...
    "started",  # local ISO 8601 with the UTC offset
    "routine",
    "exercise",
    "side",
    "set",
    "target",
    "done",
    "unit",  # reps, steps or s
    "source",  # camera, manual or timer
    "pelvic_drop_measured",  # yes / no on drills where the pelvis is judged, else empty
    "pelvic_drop_peak_deg",  # empty when not measured (never 0 for "not measured")
    "pelvic_drops_flagged",  # empty when not measured
    "pain_before",
    "pain_after",
    "status",
    "skipped",
    "notes",
]


def iso(t: float | None) -> str:
    """Unix seconds -> local ISO 8601 with UTC offset ("" for None)."""
    return "" if t is None else datetime.fromtimestamp(t).astimezone().isoformat(timespec="seconds")


def _blank(v: object) -> object:
    return "" if v is None else v


def pelvic_measured(s: SetRecord) -> bool:
    """True when the camera measured the pelvis in this set (a peak or a flag)."""
    return s.peak_drop_deg is not None or bool(s.pelvic_drops)


def _name(s: SetRecord) -> str:
    if s.kind == "roll":
        return f"Roll: {ROLL_TARGETS.get(s.exercise, s.exercise)}"
    info = EXERCISES.get(s.exercise)
    return info.name if info else s.exercise


def _set_cells(s: SetRecord) -> list[object]:
    info = EXERCISES.get(s.exercise)
    hold = s.target_reps is None and (s.target_hold_s is not None or s.kind == "roll")
    unit = "s" if hold else "steps" if info is not None and info.mode == "steps" else "reps"
    measured = pelvic_measured(s)
    judged = measured or (s.kind == "strength" and info is not None and info.pelvic_drop)
    peak = max(
        [e.peak_deg for e in s.pelvic_drops] + ([s.peak_drop_deg] if s.peak_drop_deg is not None else []), default=None
    )
    return [
        _name(s),
        _blank(s.side),
        s.set_number,
        _blank(s.target_hold_s if hold else s.target_reps),
        round(s.achieved_hold_s, 1) if hold else s.achieved_reps,
        unit,
        s.source,
        ("yes" if measured else "no") if judged else "",
        "" if peak is None else round(peak, 1),
        len(s.pelvic_drops) if measured else "",
    ]


def export_csv(records: Iterable[SessionRecord], fp: IO[str]) -> int:
    """Write one row per set, sessions oldest first (a session without sets gets one row with empty set
    columns); returns rows."""
    w = csv.writer(fp, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    n = 0
    for number, r in enumerate(sorted(records, key=lambda r: r.started_at), start=1):
        head = [number, iso(r.started_at), r.routine_title]
        tail = [_blank(r.pain_before), _blank(r.pain_after), r.status.replace("_", " ")]
        for s in r.sets or (None,):
            cells = _set_cells(s) if s else [""] * 10
            skipped = ("yes" if s.skipped else "no") if s else ""
            w.writerow(head + cells + tail + [skipped, r.notes])
            n += 1
    return n


def _json(r: SessionRecord) -> dict[str, object]:
    d = asdict(r)
    d["drop_measured"] = r.drop_measured
    for s, sd in zip(r.sets, d["sets"]):
        sd["pelvic_measured"] = pelvic_measured(s)  # False: not measured (peak_drop_deg null), not "no drop"
    return d


def export_json(records: Iterable[SessionRecord], fp: IO[str]) -> int:
    """Write a JSON list of sessions (every ``SessionRecord`` field, sets nested, flags nested: lossless), with
    explicit measured flags: ``drop_measured`` per session and ``pelvic_measured`` per set (a peak that wasn't
    measured is null, never 0); returns sessions."""
    out = [_json(r) for r in records]
    json.dump(out, fp, indent=2, ensure_ascii=False)
    fp.write("\n")
    return len(out)


def load_json(fp: IO[str]) -> list[SessionRecord]:
    """Read an ``export_json`` file back into records."""
    set_names = {f.name for f in fields(SetRecord)}
    session_names = {f.name for f in fields(SessionRecord)}
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
        out.append(SessionRecord(**{**{k: v for k, v in d.items() if k in session_names}, "sets": sets}))
    return out


def export_to_file(records: list[SessionRecord], path: Path, fmt: str, *, overwrite: bool = True) -> int:
    """Write ``records`` to ``path`` as "csv" or "json", via a temporary file renamed into place, so an
    existing file is only replaced by a complete export. Only a new path or an existing regular file is
    written: a device (``/dev/null``), FIFO, symlink or folder is refused, never replaced. ``overwrite``
    False: an existing file is refused too (the CLI's default; the GUI's file dialog asks instead). Returns
    the number of sessions written; raises StoreError with a plain message."""
    if fmt not in FORMATS:
        raise StoreError(f"Unknown export format {fmt!r}: choose CSV or JSON.")
    write = export_csv if fmt == "csv" else export_json
    write_text_file(path, lambda fp: write(records, fp), what="export", overwrite=overwrite)
    return len(records)
