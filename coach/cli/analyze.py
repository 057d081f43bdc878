"""``coach analyze PATH --exercise KEY [--side left|right|auto] [--fps N] [--model PATH] [--json]``.

PATH is a video (decoded and run through the pose model, every frame in order, with a progress
bar on stderr) or a landmark file (``.npy`` / ``.csv``, see ``coach.pose.landmark_files``).
Prints reps, rep times, partial reps and pelvic-drop events, or one JSON object with ``--json``.
Exit 0 on success, 2 on bad input (unreadable or malformed file, unknown exercise, wrong shape, a model
path from --model or COACH_POSE_MODEL that names no file, a model file MediaPipe can't load or run),
1 when no model is configured and none can be found or downloaded. Errors are one line on stderr.
MediaPipe's native log lines are kept off stderr unless --verbose (or COACH_DEBUG=1).
Only stdlib at import time: numpy, cv2 and mediapipe load when the command runs.
The video pipeline is in ``coach.cli.video_analysis``, the output (dict and text) in ``coach.cli.analyze_output``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

from coach.cli.analyze_output import _result, format_text
from coach.cli.video_analysis import _quiet_native_stderr, follow, process_video, two_people

__all__ = ["analyze", "follow", "format_text", "process_video", "register", "run", "two_people"]


LANDMARK_SUFFIXES = (".npy", ".csv")
DEFAULT_FILE_ASPECT = 4 / 3  # landmark files carry no image size: assume a 640x480-like camera


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "analyze",
        help="count reps and flag pelvic drop in a video or landmark file",
        description="Count reps and flag contralateral pelvic drop offline, from a video file or a landmark file "
        "(.npy shaped (frames, 33, 3|4) or (frames, 99|132), or .csv).",
    )
    p.add_argument("path", metavar="PATH", help="video file, or .npy/.csv landmark file (normalised image coordinates)")
    p.add_argument("--exercise", required=True, metavar="KEY", help="exercise key, e.g. squat, lunge, single_leg_squat")
    p.add_argument("--side", default="auto", metavar="left|right|auto", help="working side (default: auto)")
    p.add_argument("--fps", metavar="N", help="frame rate (default: the video's, the CSV's times, else 30)")
    p.add_argument("--model", dest="analyze_model", metavar="PATH", help="pose model .task file (videos only)")
    p.add_argument("--variant", default="lite", metavar="lite|full|heavy", help="model variant to find or download")
    p.add_argument("--aspect", metavar="W:H", help="landmark files: image width:height (default 4:3)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.add_argument("--verbose", action="store_true", help="keep MediaPipe's own log lines on stderr")
    p.set_defaults(func=run)


class _Exit(Exception):
    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code


def run(args: argparse.Namespace) -> int:
    from coach.core.errors import CoachError

    try:
        result = analyze(args)
    except _Exit as e:
        _fail(str(e))
        return e.code
    except CoachError as e:
        _fail(str(e))
        return 2
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    if args.json:
        print(json.dumps(result))
    else:
        print(format_text(result))
    return 0


def _fail(message: str) -> None:
    print(f"coach analyze: error: {' '.join(message.split())}", file=sys.stderr)


def _options(args: argparse.Namespace) -> tuple[str, float | None, float | None]:
    from coach.core.analysis import SPECS

    if args.exercise not in SPECS:
        raise _Exit(2, f"unknown exercise {args.exercise!r}; choose one of: {', '.join(sorted(SPECS))}")
    if args.variant not in ("lite", "full", "heavy"):
        raise _Exit(2, f"--variant must be lite, full or heavy, not {args.variant!r}")
    if args.side not in ("left", "right", "auto"):
        raise _Exit(2, f"--side must be left, right or auto, not {args.side!r}")
    fps = None
    if args.fps is not None:
        try:
            fps = float(args.fps)
        except ValueError:
            fps = float("nan")
        if not (math.isfinite(fps) and 1.0 <= fps <= 1000.0):
            raise _Exit(2, f"--fps must be a number between 1 and 1000, not {args.fps!r}")
    aspect = None
    if args.aspect is not None:
        aspect = _parse_aspect(args.aspect)
    return args.side, fps, aspect


def _parse_aspect(text: str) -> float:
    for sep in (":", "x", "/"):
        if sep in text:
            a, _, b = text.partition(sep)
            break
    else:
        a, b = text, "1"
    try:
        value = float(a) / float(b)
    except (ValueError, ZeroDivisionError):
        value = float("nan")
    if not (math.isfinite(value) and 0.1 <= value <= 10):
        raise _Exit(2, f"--aspect must look like 16:9, 640x480 or 1.33, not {text!r}")
    return value


def analyze(args: argparse.Namespace) -> dict:
    """Run the analysis described by the parsed arguments and return the result as a dict."""
    side, fps, aspect = _options(args)
    path = Path(args.path).expanduser()
    if not path.exists():
        raise _Exit(2, f"{path}: no such file")
    if path.is_dir():
        raise _Exit(2, f"{path}: is a folder, not a video or landmark file")
    if not path.is_file():  # a FIFO would block the read forever, a device never ends
        raise _Exit(2, f"{path}: not a regular file (a pipe, device or socket); save it to a file first")
    t0 = time.monotonic()
    if path.suffix.lower() in LANDMARK_SUFFIXES:
        out = _analyze_landmarks(path, args.exercise, side, fps, aspect)
    else:
        if aspect is not None:
            raise _Exit(2, "--aspect is for landmark files; a video's frame size gives its aspect")
        out = _analyze_video(path, args.exercise, side, fps, args)
    out["elapsed_s"] = round(time.monotonic() - t0, 3)
    return out


def _analyze_landmarks(path: Path, exercise: str, side: str, fps: float | None, aspect: float | None) -> dict:
    import csv

    import numpy as np

    from coach.core.analysis import MovementAnalyzer
    from coach.pose.input_checks import BadInput, check_csv, check_npy, read_error
    from coach.pose.landmark_files import load_landmark_file

    try:
        if path.suffix.lower() == ".npy":
            check_npy(path)  # header, dtype and shape against the file's size, before numpy allocates
        else:
            check_csv(path)
        with np.errstate(all="ignore"):  # odd values are reported by the checks, not as numpy warnings
            frames, times = load_landmark_file(path)
    except BadInput as e:
        raise _Exit(2, str(e)) from None
    except (OSError, EOFError, ValueError, MemoryError, csv.Error) as e:
        raise _Exit(2, read_error(path, e)) from None
    if times is not None and fps is None:
        if len(times) > 1 and not (np.diff(times) > 0).all():
            raise _Exit(2, f"{path}: the time column must increase from row to row")
        fps = 1.0 / float(np.median(np.diff(times))) if len(times) > 1 else 30.0
    else:
        fps = fps or 30.0
        times = np.arange(len(frames)) / fps
    an = MovementAnalyzer(exercise, side=side, aspect=aspect or DEFAULT_FILE_ASPECT)
    for lm, t in zip(frames, times):
        an.update(None if not lm.any() else lm, float(t))
    return _result(an.summary(), path, "landmarks", fps, side, None)


def _analyze_video(path: Path, exercise: str, side: str, fps: float | None, args: argparse.Namespace) -> dict:
    from coach.cli.progress import ProgressBar
    from coach.core.analysis import MovementAnalyzer
    from coach.pose.estimator import PoseEstimator
    from coach.pose.model import ModelPathInvalid, ModelUnavailable, resolve_model
    from coach.pose.sources import VideoSource

    explicit = args.analyze_model or getattr(args, "model", None)
    source = VideoSource(path, paced=False)
    source.open()  # SourceError -> exit 2 before any model work
    try:
        try:
            bar = None

            def dl(done: int, total: int) -> None:
                nonlocal bar
                if bar is None:
                    bar = ProgressBar(total, "downloading pose model", unit=_mb, rate=None)
                bar.update(done, total)

            model = resolve_model(explicit, args.variant, progress=dl)
            if bar is not None:
                bar.close()
        except ModelUnavailable as e:
            raise _Exit(2 if explicit or isinstance(e, ModelPathInvalid) else 1, str(e)) from None
        fps = fps or source.fps
        w, h = source.size
        an = MovementAnalyzer(exercise, side=side, aspect=w / h)
        with _quiet_native_stderr(getattr(args, "verbose", False)) as err:
            estimator = PoseEstimator(model)  # ModelLoadError (a CoachError) -> exit 2
            progress = ProgressBar(source.frame_count or None, path.name, rate=" frames/s", stream=err)
            info: dict = {}
            try:
                process_video(source, estimator, an, fps, progress.update, info)
            except BaseException:
                progress.abandon()  # only the error line follows
                raise
            finally:
                progress.close()
                estimator.close()
    finally:
        source.close()
    out = _result(an.summary(), path, "video", fps, side, str(model))
    out["people_note"] = info.get("people_note")
    return out


def _mb(done: int, total: int | None) -> str:
    return f"{done / 1e6:.1f}/{total / 1e6:.1f} MB" if total else f"{done / 1e6:.1f} MB"
