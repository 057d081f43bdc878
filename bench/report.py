"""How long the physio's report takes for a year of history: seed a store with a year of sessions (Mon/Wed/Fri,
camera on, the bundled programme with decisions), then time reading it (``gather_report``) and writing the PDF
(``write_report``). The bar (issue 15): under 5 s to write.

Run: nice .venv/bin/python bench/report.py [days]   (offscreen; no display needed)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    days = int(sys.argv[1]) if len(sys.argv) > 1 else 365
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COACH_HOME"] = tmp
        from coach import paths
        from coach.core.programme.loader import load_programmes
        from coach.store import HistoryStore
        from coach.store.report_source import gather_report
        from coach.ui.report.pdf import ensure_app, write_report
        from support.report_history import seed

        ensure_app()
        today = date.today()
        store, _ = HistoryStore.open(paths.db_path())
        sessions = seed(store, today - timedelta(days=days - 1), days)
        routines = paths.load_routines().routines
        programmes, _ = load_programmes(paths.programme_folders())
        gather_s, write_s, total_s = [], [], []
        for i in range(3):
            t0 = time.perf_counter()
            report = gather_report(
                store, routines, programmes, today - timedelta(days=days - 1), today, datetime.now(), "Bench"
            )
            t1 = time.perf_counter()
            pages = write_report(report, Path(tmp) / f"r{i}.pdf")
            t2 = time.perf_counter()
            gather_s.append(t1 - t0)
            write_s.append(t2 - t1)
            total_s.append(t2 - t0)
        size = (Path(tmp) / "r0.pdf").stat().st_size
        store.close()
    print(f"{days} days, {len(sessions)} sessions, {pages} pages, {size / 1024:.0f} KiB")
    print(f"read (gather_report): median {statistics.median(gather_s):.2f} s")
    print(f"write (write_report): median {statistics.median(write_s):.2f} s")
    print(f"total: median {statistics.median(total_s):.2f} s, worst {max(total_s):.2f} s (bar: < 5 s)")


if __name__ == "__main__":
    main()
