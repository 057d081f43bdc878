"""The screenshot tour, in a real window: run by tests/e2e/test_tour.py under Xvfb (xcb), once per theme.

    COACH_THEME=dark python tests/e2e/tour_driver.py OUTDIR [--sizes 800x600,1280x800,1920x1080] [--pages a,b]

Builds the app as ``coach`` builds it (fake session clock, scripted camera) and, for each window size and each
page of ``support.tour_pages.PAGES``, opens the page, saves OUTDIR/<theme>-<W>x<H>-<page>.png and checks what a
person would notice: the window (or dialog) larger than the screen it was given, a widget outside it, a label
cut off, a horizontal scroll bar. Prints one JSON line: {"shots": [...], "problems": {shot: [...]}}; exits 0
only if there were no problems.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import sys
import traceback
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

from coach.ui.app import build  # noqa: E402
from support.layout_checks import clipped_labels, horizontal_scrollbars, outside, overlapping  # noqa: E402
from support.tour_pages import PAGES, Tour, scripted_camera  # noqa: E402
from support.ui_helpers import FakeClock  # noqa: E402

SIZES = ((800, 600), (1280, 800), (1920, 1080))


def fit(widget, window, size: tuple[int, int]) -> None:
    """The main window takes the whole 'screen'; a dialog opens at its own size, capped to the screen."""
    w, h = size
    if widget is not window:
        hint = widget.sizeHint()
        widget.resize(min(w, hint.width()), min(h, hint.height()))
    else:
        widget.resize(w, h)


def check(widget, size: tuple[int, int]) -> list[str]:
    w, h = size
    problems = []
    if widget.width() > w or widget.height() > h:
        problems.append(f"{type(widget).__name__} is {widget.width()}x{widget.height()}, larger than {w}x{h}")
    problems += [f"outside: {p}" for p in outside(widget)]
    problems += [f"clipped: {p}" for p in clipped_labels(widget)]
    problems += [f"horizontal scroll bar: {p}" for p in horizontal_scrollbars(widget)]
    problems += [f"overlap: {p}" for p in overlapping(widget)]
    return problems


def main() -> int:
    faulthandler.enable()  # a crash in Qt prints the Python stack to stderr
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES))
    ap.add_argument("--pages", default="")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]
    wanted = set(filter(None, args.pages.split(",")))
    theme = os.environ.get("COACH_THEME", "system")
    clock = FakeClock()
    _app, controller, window = build(clock=clock, wall=clock.wall)
    window._confirm_quit = lambda: True
    window._tell_unsaved = lambda note: None
    scripted_camera(controller)
    controller.open_store()
    tour = Tour(window, controller, clock, [])
    window.move(0, 0)
    window.show()
    report: dict = {"shots": [], "problems": {}}
    for size in sizes:
        window.resize(*size)
        tour.settle(200)
        for name, opener in PAGES:
            if wanted and name not in wanted:
                continue
            shot = f"{theme}-{size[0]}x{size[1]}-{name}"
            try:
                widget = opener(tour)
                fit(widget, window, size)
                tour.settle(250)
                problems = check(widget, size)
                path = args.out / f"{shot}.png"
                if not widget.grab().save(str(path)):
                    problems.append(f"could not save {path}")
                report["shots"].append({"name": shot, "path": str(path), "w": widget.width(), "h": widget.height()})
            except Exception as err:  # noqa: BLE001 (one broken page must not hide the others)
                traceback.print_exc()
                problems = [f"opener failed: {type(err).__name__}: {err}"]
            if problems:
                report["problems"][shot] = problems
    print(json.dumps(report), flush=True)  # before the teardown: what was seen is reported whatever happens next
    tour.home()
    window.close()
    return 0 if not report["problems"] else 1


if __name__ == "__main__":
    sys.exit(main())
