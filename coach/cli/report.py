"""``coach report --out FILE.pdf [--from DATE] [--to DATE] [--name NAME] [--force]``: the physio's report as a PDF.

Dates are YYYY-MM-DD (local calendar, inclusive); the default is the last 6 weeks up to today. Works without a
display (Qt's offscreen platform). Exit 0 when written, 1 when the history can't be read or the file can't be
written, 2 on bad input (argparse, a range that ends before it starts, or an --out that can't be a file: a folder,
a device, FIFO or link, or a missing folder). ``--out`` without ``.pdf`` gets it added, when it names a new or
regular file.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, datetime
from pathlib import Path


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD, e.g. 2026-11-02") from None


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report",
        help="a PDF report for your physio: pain, adherence, doses, pelvic drop per side",
        description="Write a PDF report of your sessions for a physiotherapist (default: the last 6 weeks).",
    )
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    p.add_argument("--from", dest="first", type=_day, metavar="DATE", help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=_day, metavar="DATE", help="last day, YYYY-MM-DD (default: today)")
    p.add_argument("--name", default="", help="your name on the report (default: a line to write it on)")
    p.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    p.set_defaults(func=cmd_report)


def report_range(first: date | None, last: date | None, today: date) -> tuple[date, date]:
    """The range asked for: ``--to`` defaults to today, ``--from`` to 6 weeks before the end."""
    from coach.core.report import default_range

    end = last or today
    return (first, end) if first else (default_range(end)[0], end)


def cmd_report(args: argparse.Namespace) -> int:
    from coach import paths
    from coach.core.errors import CoachError
    from coach.core.programme.loader import load_programmes
    from coach.store import HistoryStore
    from coach.store.errors import BadTarget, StoreError
    from coach.store.report_source import gather_report
    from coach.store.safe_write import check_target, file_target
    from coach.ui.report.pdf import flag_deg, write_report

    now = datetime.fromtimestamp(time.time())
    first, last = report_range(args.first, args.last, now.date())
    if first > last:
        print(f"coach: error: --from {first} is after --to {last}", file=sys.stderr)
        return 2
    if args.out.strip() in ("", "-"):
        print("coach: error: the report is a PDF file: give --out FILE.pdf", file=sys.stderr)
        return 2
    try:  # a device, FIFO, link or folder is refused as given (never "/dev/null.pdf"); so is a missing folder
        out = file_target(Path(args.out), ".pdf", "write the report")
        check_target(out, args.force, "write the report")
    except StoreError as err:
        print(f"coach: error: {err}", file=sys.stderr)
        return 2 if isinstance(err, BadTarget) else 1
    try:
        routines = paths.load_routines().routines
        programmes, _errors = load_programmes(paths.programme_folders(), routine_ids={r.id for r in routines})
        store, message = HistoryStore.open(paths.db_path(), strict=True)
        if message:
            print(f"coach: {message}", file=sys.stderr)
        try:
            report = gather_report(store, routines, programmes, first, last, now, args.name, flag_deg())
        finally:
            store.close()
    except (CoachError, ValueError) as err:
        print(f"coach: error: {err}", file=sys.stderr)
        return 1
    try:
        pages = write_report(report, out, overwrite=args.force)  # synced and renamed into place, or nothing
    except CoachError as err:  # a folder or device put there while the report was made is a BadTarget
        print(f"coach: error: {err}", file=sys.stderr)
        return 2 if isinstance(err, BadTarget) else 1
    print(
        f"Wrote {out}: {pages} page{'s' if pages != 1 else ''}, {report.sessions_count} session"
        f"{'s' if report.sessions_count != 1 else ''} from {first} to {last}",
        file=sys.stderr,
    )
    return 0
