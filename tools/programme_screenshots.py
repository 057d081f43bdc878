"""Screenshots of the programme's screens in a real window, for a person to look at: Today's programme setup,
the next-morning check, Today with its doses and reasons, the pain check-in before a session, and Settings'
Programme tab; light and dark, at 800×600 and 1920×1080.

    DISPLAY=:NN QT_QPA_PLATFORM=xcb .venv/bin/python tools/programme_screenshots.py [--out DIR]

Each theme runs in its own process (the theme is applied at start) on throw-away data folders.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]
SIZES = ((800, 600), (1920, 1080))


def _settle(app, ms: int = 150) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(out: Path, theme: str) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from coach.ui.app import build
    from coach.ui.settings_dialog import SettingsDialog
    from support.plan_cli import seed_yesterday

    saved: list[Path] = []
    for scene in ("setup", "morning", "today", "checkin", "settings"):
        home = Path(tempfile.mkdtemp(prefix=f"shots-{scene}-"))
        os.environ["COACH_HOME"] = str(home)
        if scene != "setup":
            seed_yesterday(home)
        if scene in ("today", "checkin", "settings"):
            from coach import paths
            from coach.core.programme.loader import load_programmes
            from coach.store import HistoryStore
            from coach.store.programme_desk import ProgrammeDesk

            routines = paths.load_routines().routines
            progs, _ = load_programmes(paths.programme_folders(), routine_ids={r.id for r in routines})
            with HistoryStore.open(paths.db_path())[0] as store:
                ProgrammeDesk(store, routines, progs, time.time).save_morning(1, "same")
        app, controller, window = build()
        for w, h in SIZES:
            window.resize(w, h)
            window.show()
            window.show_today()
            _settle(app)
            if scene == "checkin":
                window.today.start_btn.click()
                _settle(app)
                window.flow.before.slider.setValue(3)
                _settle(app)
            if scene == "settings":
                dlg = SettingsDialog(controller.settings, window, programme=controller.programme)
                dlg.tabs.setCurrentIndex(1)
                dlg.programme_page.rule_boxes["pain_limit"].setValue(8)  # shows a clamp and its reason
                dlg.show()
                size = dlg.size()  # as the dialog opens; bounded by the screen size being checked
                dlg.resize(min(size.width(), w), min(size.height(), h))
                _settle(app)
                path = out / f"programme_{scene}_{theme}_{w}x{h}.png"
                dlg.grab().save(str(path))
                dlg.reject()
            else:
                path = out / f"programme_{scene}_{theme}_{w}x{h}.png"
                window.grab().save(str(path))
            saved.append(path)
            if scene == "checkin":
                window.flow.before.cancelled.emit()
                _settle(app)
        window._confirm_quit = lambda: True
        window.close()
        _settle(app)
        controller.close()
    QApplication.quit()
    return saved


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(REPO / "artifacts" / "screenshots"))
    p.add_argument("--theme", choices=("light", "dark"), help=argparse.SUPPRESS)
    a = p.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    if a.theme:
        os.environ["COACH_THEME"] = a.theme
        for path in shoot(out, a.theme):
            print(path)
        return 0
    for theme in ("light", "dark"):
        r = subprocess.run([sys.executable, __file__, "--out", str(out), "--theme", theme], cwd=REPO)
        if r.returncode:
            return r.returncode
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
