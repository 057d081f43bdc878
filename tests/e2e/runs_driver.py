"""Drive the Runs page in a real window (run by test_runs_e2e.py under Xvfb, as ``coach`` would start):
Ctrl+4, Import… → A folder… (the folder dialog answered), then screenshots at 800×600 and 1920×1080 in the
theme given by COACH_THEME. Prints one JSON report line: what the page shows.

    python tests/e2e/runs_driver.py FOLDER OUT_DIR
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def settle(app: QApplication, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    from coach.ui.app import build

    app, _controller, window = build()
    window._confirm_quit = lambda: True
    window.resize(1920, 1080)
    window.show()
    window.activateWindow()
    settle(app)
    QTest.keyClick(window, Qt.Key_4, Qt.ControlModifier)  # the Runs page, by its shortcut
    settle(app)
    page = window.runs_view
    page._ask_folder = lambda: folder  # the folder dialog, answered
    menu = page.import_btn.menu()
    folder_action = next(a for a in menu.actions() if a.text().startswith("A folder"))
    folder_action.trigger()
    settle(app)
    theme = "dark" if app.palette().color(app.palette().ColorRole.Base).lightness() < 128 else "light"
    shots = []
    for w, h in ((1920, 1080), (800, 600)):
        window.resize(w, h)
        settle(app)
        for name in ("runs", "today"):
            (window.show_runs if name == "runs" else window.show_today)()
            settle(app)
            path = out / f"{name}-{w}x{h}-{theme}.png"
            window.grab().save(str(path))
            shots.append(path.name)
    report = {
        "result": page.result.text(),
        "advice": page.advice.text(),
        "next_run": page.next_run.text(),
        "rows": [
            [page.table.item(r, c).text() for c in range(page.table.columnCount())]
            for r in range(page.table.rowCount())
        ],
        "series": page.chart.series_names,
        "chart_visible": page.chart.isVisible() or page.chart.isVisibleTo(page),
        "card": window.ladder_card.text.text() if window.ladder_card.isVisibleTo(window.today) else "",
        "screens": shots,
        "theme": theme,
    }
    print(json.dumps(report, ensure_ascii=False))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
