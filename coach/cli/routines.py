"""``coach routines list`` and ``coach routines check [FILES...]``.

Imports only the pure core and ``coach.paths`` (no Qt, OpenCV or MediaPipe), so it works in a bare install.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers) -> None:
    """Add the ``routines`` command to the top-level parser's subparsers."""
    p = subparsers.add_parser(
        "routines",
        help="list the routine library or check routine files",
        description="List the routine library or check routine TOML files.",
    )
    sub = p.add_subparsers(dest="routines_command", metavar="ACTION", required=True)
    lp = sub.add_parser("list", help="table of bundled and your own routines (bad files listed with their errors)")
    lp.set_defaults(func=cmd_list)
    cp = sub.add_parser("check", help="validate routine files (default: the whole library); exit 1 on any error")
    cp.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="routine .toml files or folders of them (default: bundled + your routines folder)",
    )
    cp.set_defaults(func=cmd_check)


def _minutes(r) -> str:
    return f"{r.estimated_minutes} min"


def _targets(keys: tuple[str, ...]) -> str:
    from coach.core.routines import ROLL_TARGETS

    return ", ".join(ROLL_TARGETS[k].split(" (")[0] for k in keys) or "-"


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def _safe_stdout() -> None:
    """Never crash on a title the console can't encode (e.g. a redirected Windows console)."""
    try:
        sys.stdout.reconfigure(errors="replace")
    except (AttributeError, ValueError):
        pass


def _print_failures(failures) -> None:
    for f in failures:
        for issue in f.issues:
            print(issue)


def cmd_list(args: argparse.Namespace) -> int:
    from coach import paths

    _safe_stdout()
    lib = paths.load_routines()
    rows = [("ID", "TITLE", "LEVEL", "DURATION", "ROLLS", "SOURCE")]
    rows += [
        (r.id, r.title, r.level, _minutes(r), _targets(r.roll_targets), "bundled" if r.bundled else "user")
        for r in lib.routines
    ]
    for line in _table(rows):
        print(line)
    print(f"\n{len(lib.routines)} routines. Your own routines go in {paths.data_dir() / 'routines'}")
    if lib.failures:
        print(f"\n{len(lib.failures)} invalid routine file(s), not loaded:")
        _print_failures(lib.failures)
    return 0


def _expand(files: list[Path]) -> list[Path]:
    out: list[Path] = []
    for f in files:
        out.extend(sorted(f.glob("*.toml")) if f.is_dir() else [f])
    return out


def cmd_check(args: argparse.Namespace) -> int:
    from coach import paths
    from coach.core.routines import check_files

    _safe_stdout()
    if args.files:
        files = _expand(args.files)
        if not files:
            print(f"no routine files (*.toml) found in {', '.join(map(str, args.files))}")
            return 1
        lib = check_files(files, assets_dir=paths.assets_or_none())
        what = f"{len(files)} file(s)"
    else:
        lib = paths.load_routines()
        what = "the routine library (bundled + your own)"
    _print_failures(lib.failures)
    n_issues = sum(len(f.issues) for f in lib.failures)
    if lib.failures:
        print(f"{n_issues} problem(s) in {len(lib.failures)} file(s); {len(lib.routines)} routine(s) OK in {what}")
        return 1
    print(f"all {len(lib.routines)} routine(s) OK in {what}")
    return 0
