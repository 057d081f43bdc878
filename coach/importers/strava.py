"""The ``activities.csv`` of a Strava bulk export: its runs (Run, Trail Run, Virtual Run), one per row.

"Activity Date" is UTC ("Jan 5, 2025, 7:03:12 AM"); the export has two "Distance" columns: the first in the
athlete's display unit (km or miles, it doesn't say), the second, when present, in metres, which is the one
used; without it the first is taken as km. Time: "Moving Time", else the first "Elapsed Time". The "Activity ID"
is the run's id.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from coach.core.runs import Run, RunError
from coach.importers.common import ImportProblem

DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%d %b %Y, %H:%M:%S")
RUN_TYPES = {"run", "trail run", "virtual run"}


def looks_like_strava(head: bytes) -> bool:
    first = head.split(b"\n", 1)[0]
    return b"Activity ID" in first and b"Activity Type" in first


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "")) if text.strip() else None
    except ValueError:
        return None


def _date(text: str) -> datetime | None:
    s = " ".join(text.split())
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def read_strava(data: bytes, name: str = "") -> tuple[list[Run], list[str]]:
    """The export's runs and a note per row that looks like a run but can't be read; other sports are left
    out without a note (they are counted in the last note)."""
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    except (UnicodeDecodeError, csv.Error) as err:
        raise ImportProblem(f"is not a readable CSV file ({err})") from err
    if not rows or "Activity ID" not in rows[0]:
        raise ImportProblem("is not a Strava activities.csv (no 'Activity ID' column)")
    head = rows[0]

    def cols(label: str) -> list[int]:
        return [i for i, h in enumerate(head) if h.strip() == label]

    need = {k: cols(k) for k in ("Activity ID", "Activity Date", "Activity Type", "Distance")}
    if not all(need.values()):
        missing = ", ".join(k for k, v in need.items() if not v)
        raise ImportProblem(f"lacks the column(s) {missing}")
    moving, elapsed, title = cols("Moving Time"), cols("Elapsed Time"), cols("Activity Name")
    runs, notes, others = [], [], 0
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(head) - len(row))

        def cell(idx: int, cells: list[str] = cells) -> str:
            return cells[idx] if idx < len(cells) else ""

        kind = cell(need["Activity Type"][0]).strip()
        if kind.lower() not in RUN_TYPES:
            others += 1
            continue
        start = _date(cell(need["Activity Date"][0]))
        dist_cols = need["Distance"]
        metres = _number(cell(dist_cols[1])) if len(dist_cols) > 1 else None
        if metres is None:
            km = _number(cell(dist_cols[0]))
            metres = None if km is None else km * 1000
        secs = next((v for v in (_number(cell(i)) for i in moving + elapsed) if v is not None), 0.0)
        if start is None or metres is None:
            notes.append(f"row {n}: can't read its {'date' if start is None else 'distance'}")
            continue
        try:
            runs.append(
                Run(
                    start,
                    metres,
                    secs,
                    source="strava",
                    external_id=cell(need["Activity ID"][0]).strip(),
                    name=cell(title[0]).strip() if title else "",
                )
            )
        except RunError as err:
            notes.append(f"row {n}: {err}")
    if others:
        notes.append(f"{others} other activit{'y' if others == 1 else 'ies'} (not runs) left out")
    if not runs:
        raise ImportProblem("has no runs" + (f" ({'; '.join(notes)})" if notes else ""))
    return runs, notes
