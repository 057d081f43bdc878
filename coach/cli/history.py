"""``coach history list`` (a table of past sessions) and ``coach history export --format csv|json``.

``export --out FILE`` writes FILE and, with runs logged, ``FILE-runs.csv`` beside it: new files, or (``--force``)
regular files replaced. Exit 0 written, 1 when the history can't be read or a file written, 2 when a name can't be
a file (a folder, device, FIFO or link, or a missing folder).

Light imports only (stdlib + coach.store): no Qt, OpenCV or MediaPipe.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from coach.core.errors import CoachError
from coach.core.record import SessionRecord

COLUMNS = ("Date", "Routine", "Duration", "Done", "Pain", "Reps", "Drops L/R", "Status")
TITLE_WIDTH = 32


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "history", help="past sessions: list or export", description="Your session history, kept locally."
    )
    p.set_defaults(func=cmd_list, limit=None)
    sub = p.add_subparsers(dest="history_command", metavar="ACTION")
    lp = sub.add_parser("list", help="table of sessions, newest first")
    lp.add_argument("--limit", type=int, metavar="N", help="show only the N newest sessions")
    lp.set_defaults(func=cmd_list)
    ep = sub.add_parser("export", help="write every session as CSV (one row per set) or JSON")
    ep.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    ep.add_argument(
        "--out",
        metavar="FILE",
        help="file to write; '-' or none: standard output. Only a new file "
        "or (with --force) an existing regular file is written",
    )
    ep.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    ep.set_defaults(func=cmd_export)


def _records() -> list[SessionRecord]:
    from coach import paths
    from coach.store import HistoryStore

    store, message = HistoryStore.open(paths.db_path(), strict=True)
    if message:
        print(f"coach: {message}", file=sys.stderr)
    try:
        records = store.list_sessions()
        note = store.skipped_note()
        if note:
            print(f"coach: {note}", file=sys.stderr)
        return records
    finally:
        store.close()


def _duration(r: SessionRecord) -> str:
    d = r.duration_s
    if d is None:
        return "-"
    m, s = divmod(int(round(d)), 60)
    return f"{m // 60}:{m % 60:02d}:{s:02d}" if m >= 60 else f"{m}:{s:02d}"


def _pain(r: SessionRecord) -> str:
    if r.pain_before is None and r.pain_after is None:
        return "-"
    fmt = lambda v: "-" if v is None else str(v)  # noqa: E731
    return f"{fmt(r.pain_before)}→{fmt(r.pain_after)}"


def row(r: SessionRecord) -> tuple[str, ...]:
    """One table row for a session (local date and time)."""
    title = r.routine_title if len(r.routine_title) <= TITLE_WIDTH else r.routine_title[: TITLE_WIDTH - 1] + "…"
    drops = r.drops_by_side()
    return (
        datetime.fromtimestamp(r.started_at).strftime("%Y-%m-%d %H:%M"),
        title,
        _duration(r),
        f"{round(100 * r.completion)} %",
        _pain(r),
        str(r.total_reps),
        f"{drops['left']}/{drops['right']}" if r.drop_measured else "—",
        r.status.replace("_", " "),
    )


def format_table(records: list[SessionRecord]) -> str:
    rows = [COLUMNS] + [row(r) for r in records]
    widths = [max(len(x[i]) for x in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(x, widths)).rstrip() for x in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def cmd_list(args: argparse.Namespace) -> int:
    try:
        records = _records()
    except CoachError as err:
        print(f"coach: error: {err}", file=sys.stderr)
        return 1
    if args.limit is not None:
        records = records[: max(0, args.limit)]
    print(format_table(records) if records else "No sessions yet.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from coach.store.errors import BadTarget
    from coach.store.export import export_csv, export_json, export_to_file
    from coach.store.runs_export import beside
    from coach.store.safe_write import check_folder, check_target

    write = export_csv if args.format == "csv" else export_json
    try:
        records = _records()
    except CoachError as err:
        print(f"coach: error: {err}", file=sys.stderr)
        return 1
    if not args.out or args.out == "-":
        try:
            write(records, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:  # e.g. piped into `head`: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    out = Path(args.out).expanduser()
    try:  # both files are checked before either is written: a bad name writes nothing
        check_folder(out, "export")
        check_target(out, args.force, "export")
        with_runs = _has_runs()
        if with_runs:  # the runs go beside it
            check_target(beside(out), args.force, "export the runs")
        export_to_file(records, out, args.format, overwrite=args.force)  # atomic; never a device or link
    except CoachError as err:
        print(f"coach: error: {err}", file=sys.stderr)
        return 2 if isinstance(err, BadTarget) else 1
    n_sets = sum(len(r.sets) for r in records)
    print(f"Exported {len(records)} sessions ({n_sets} sets) to {out}", file=sys.stderr)
    if not with_runs:
        return 0
    try:
        note = _export_runs(out, args.format, args.force)
    except CoachError as err:
        print(f"coach: error: {err}", file=sys.stderr)
        return 2 if isinstance(err, BadTarget) else 1
    if note:
        print(f"Exported {note}", file=sys.stderr)
    return 0


def _has_runs() -> bool:
    from coach import paths
    from coach.store import HistoryStore

    store, _message = HistoryStore.open(paths.db_path(), strict=True)
    try:
        return bool(store.runs())
    finally:
        store.close()


def _export_runs(out: Path, fmt: str, overwrite: bool) -> str:
    """The run log beside the sessions' export (``<name>-runs.<fmt>``); "" when there are no runs. Raises
    CoachError (BadTarget when that name is a folder, device or link)."""
    from coach import paths
    from coach.store import HistoryStore
    from coach.store.runs_export import export_runs_beside

    store, _message = HistoryStore.open(paths.db_path(), strict=True)
    try:
        return export_runs_beside(store, out, fmt, overwrite=overwrite)
    finally:
        store.close()
