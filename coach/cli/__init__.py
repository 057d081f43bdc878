"""Command-line entry point: ``coach`` (the app) and its subcommands.

``coach``                      launch the desktop app
``coach --video FILE``         launch it with a recorded video standing in for the camera
``coach --tray``               start hidden in the system tray (reminders on the training days)
``coach routines list|check``  see coach/cli/routines.py
``coach history list|export``  see coach/cli/history.py
``coach analyze PATH ...``     see coach/cli/analyze.py
``coach plan``, ``coach checkin morning``  see coach/cli/plan.py
``coach runs import|add|list|load|delete``  see coach/cli/runs.py
``coach report --out FILE.pdf`` see coach/cli/report.py

Subcommand modules are imported lazily so that launching the app stays fast.
"""

from __future__ import annotations

import argparse
import sys

from coach import __version__


def build_parser() -> argparse.ArgumentParser:
    from coach.cli import analyze
    from coach.cli import history as cli_history
    from coach.cli import plan as cli_plan
    from coach.cli import report as cli_report
    from coach.cli import routines as cli_routines
    from coach.cli import runs as cli_runs

    p = argparse.ArgumentParser(prog="coach", description="IT-band coach: roll the muscles, then load them.")
    p.add_argument("--version", action="version", version=f"coach {__version__}")
    p.add_argument("--video", metavar="FILE", help="use a video file as the camera (paced at its frame rate)")
    p.add_argument("--camera", type=int, metavar="INDEX", help="webcam index (default: from settings, else 0)")
    p.add_argument("--model", metavar="PATH", help="pose model file (.task) to use")
    p.add_argument("--tray", action="store_true", help="start hidden in the system tray (reminders; click to open)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    cli_routines.register(sub)
    cli_history.register(sub)
    cli_plan.register(sub)
    cli_runs.register(sub)
    cli_report.register(sub)
    analyze.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].startswith("--") and argv[0] not in ("--help", "--version"):
        # Fast path for launching the GUI: skip building subcommand parsers.
        gui = argparse.ArgumentParser(prog="coach", add_help=False)
        gui.add_argument("--video")
        gui.add_argument("--camera", type=int)
        gui.add_argument("--model")
        gui.add_argument("--tray", action="store_true")
        args, rest = gui.parse_known_args(argv)
        if not rest:
            from coach.ui.app import run_gui

            return run_gui(args)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from coach.ui.app import run_gui

        return run_gui(args)
    return int(args.func(args) or 0)
