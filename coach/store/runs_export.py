"""The run log in the history export: written beside the sessions' file as ``<name>-runs.csv`` or
``<name>-runs.json`` (the sessions' formats have one row per set, which a run has none of).

CSV columns: started_at (ISO 8601, UTC), local_date, distance_m, duration_s, effort, pain_during, pain_after,
source, name, spike (the 30-day rule's level), longest_30d_m. JSON: a list of objects with the same keys.
Written to a temporary file and renamed into place; an existing file is only replaced by a complete one.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any

from coach.core.runs import Run, spikes
from coach.store.db import HistoryStore
from coach.store.safe_write import write_text_file

COLUMNS = (
    "started_at",
    "local_date",
    "distance_m",
    "duration_s",
    "effort",
    "pain_during",
    "pain_after",
    "source",
    "name",
    "spike",
    "longest_30d_m",
)


def run_fields(r: Run) -> dict[str, Any]:
    """One run as plain values (ISO time, metres and seconds to 0.1): the export's and ``coach runs --json``'s."""
    return {
        "started_at": r.started_at.isoformat(),
        "distance_m": round(r.distance_m, 1),
        "duration_s": round(r.duration_s, 1),
        "effort": r.effort,
        "pain_during": r.pain_during,
        "pain_after": r.pain_after,
        "source": r.source,
        "name": r.name,
    }


def rows(runs: list[Run]) -> list[dict[str, Any]]:
    out = []
    for s in spikes(runs):
        r = s.run
        fields = run_fields(r)
        out.append(
            {
                "started_at": fields.pop("started_at"),
                "local_date": r.started_at.astimezone().date().isoformat(),
                **fields,
                "spike": s.level,
                "longest_30d_m": None if s.longest_before_m is None else round(s.longest_before_m, 1),
            }
        )
    return out


def write_runs(runs: list[Run], fp: IO[str], fmt: str) -> int:
    data = rows(runs)
    if fmt == "json":
        json.dump(data, fp, indent=2, ensure_ascii=False)
        fp.write("\n")
    else:
        w = csv.DictWriter(fp, COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows({k: "" if v is None else v for k, v in d.items()} for d in data)
    return len(data)


def beside(path: Path) -> Path:
    """``history.csv`` -> ``history-runs.csv``."""
    return path.with_name(f"{path.stem}-runs{path.suffix}")


def export_runs_beside(store: HistoryStore, path: Path, fmt: str, *, overwrite: bool = True) -> str:
    """Write the runs beside the sessions' export ``path``; returns a note for the user ("" with no runs).
    ``overwrite`` False refuses an existing ``<name>-runs`` file. Raises StoreError with a plain message."""
    runs = store.runs()
    if not runs:
        return ""
    out = beside(Path(path).expanduser())
    n = write_text_file(out, lambda fp: write_runs(runs, fp, fmt), what="export the runs", overwrite=overwrite)
    return f"{n} run{'' if n == 1 else 's'} to {out}"
