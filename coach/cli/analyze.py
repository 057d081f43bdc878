"""``coach analyze PATH --exercise KEY [--side left|right|auto] [--fps N] [--model PATH] [--json]``.

PATH is a video (decoded and run through the pose model, every frame in order, with a progress
bar on stderr) or a landmark file (``.npy`` / ``.csv``, see ``coach.pose.landmark_files``).
Prints reps, rep times, partial reps and pelvic-drop events, or one JSON object with ``--json``.
Exit 0 on success, 2 on bad input (unreadable or malformed file, unknown exercise, wrong shape, a model
path from --model or COACH_POSE_MODEL that names no file, a model file MediaPipe can't load or run),
1 when no model is configured and none can be found or downloaded. Errors are one line on stderr.
MediaPipe's native log lines are kept off stderr unless --verbose (or COACH_DEBUG=1).
Only stdlib at import time: numpy, cv2 and mediapipe load when the command runs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
import time
from pathlib import Path

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


def process_video(source, estimator, analyzer, fps: float, progress=None, info: dict | None = None) -> int:
    """Every frame of an opened ordered source through the estimator and the analyzer, in order, with
    the background's motion (``BackgroundMotion``) for the camera-motion check. Decoding and BGR->RGB
    run ahead in a reader thread, overlapping inference. With two people in view the one doing the
    exercise is followed (``coach.pose.people``); ``info["people_note"]`` then says which. Returns
    the frame count."""
    import cv2

    from coach.pose.background_motion import BackgroundMotion
    from coach.pose.sources import prefetch

    n = 0
    to_rgb = lambda im: cv2.cvtColor(im, cv2.COLOR_BGR2RGB)  # noqa: E731
    scenery = BackgroundMotion()  # the camera's own motion, for the analyzer's camera-motion check
    people = two_people(estimator)
    for frame, rgb in prefetch(source, to_rgb):
        t_s = frame.index / fps
        lm = follow(people, estimator, analyzer, rgb, t_s)
        others = people[0].others() if people is not None else ()
        analyzer.update(lm, t_s, scenery.update(frame.image, lm, others))
        n += 1
        if progress is not None:
            progress(n)
    if people is not None:
        people[1]()
        if info is not None:
            info["people_note"] = people[0].seen_note
    return n


def two_people(estimator):
    """(PersonFollower, close) for a real estimator (one with a ``model_path``), else None."""
    from coach.pose.people import PersonFollower, image_finder

    model = getattr(estimator, "model_path", None)
    if model is None:
        return None
    find, close = image_finder(model)
    return PersonFollower(find), close


def follow(people, estimator, analyzer, rgb, t_s: float):
    """This frame's landmarks of the person followed (see ``coach.pose.people``); after a switch of
    person the analysis starts afresh with the new person's earlier poses replayed."""
    t_ms = int(round(t_s * 1000))
    if people is None:
        return estimator.detect_rgb(rgb, t_ms)
    follower = people[0]
    image, box = follower.crop(rgb, t_s)
    lm = follower.place(estimator.detect_rgb(image, t_ms), box)
    if follower.switched:
        analyzer.new_person()
        for tb, lb in follower.backlog()[:-1]:
            analyzer.update(lb, tb)
        analyzer.camera.reset()  # the crop's first poses jump from the searches' ones: no camera motion
    return lm


@contextlib.contextmanager
def _quiet_native_stderr(verbose: bool = False):
    """MediaPipe's C++ side logs INFO/WARNING lines straight to file descriptor 2; send those to
    /dev/null while the model runs and yield a stream on the real stderr for our progress bar.
    --verbose (or COACH_DEBUG=1) keeps them."""
    if verbose or os.environ.get("COACH_DEBUG"):
        yield sys.stderr
        return
    try:
        sys.stderr.flush()
        saved = os.dup(2)
        null = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError, AttributeError):
        yield sys.stderr
        return
    stream = os.fdopen(os.dup(saved), "w", buffering=1)
    os.dup2(null, 2)
    try:
        yield stream
    finally:
        stream.flush()
        os.dup2(saved, 2)
        for fd in (saved, null):
            os.close(fd)
        stream.close()


def _mb(done: int, total: int | None) -> str:
    return f"{done / 1e6:.1f}/{total / 1e6:.1f} MB" if total else f"{done / 1e6:.1f} MB"


def _result(s, path: Path, kind: str, fps: float, side: str, model: str | None) -> dict:
    return {
        "exercise": s.exercise,
        "side": side,
        "path": str(path),
        "kind": kind,
        "reps": s.reps,
        "partial_reps": s.partial_reps,
        "rep_times_s": list(s.rep_times_s),
        "reps_by_side": dict(s.reps_by_side),
        "pelvic_drop_events": [
            {"t_s": round(e.t_s, 3), "side": e.side, "peak_deg": round(e.peak_deg, 2)} for e in s.pelvic_drop_events
        ],
        "drops_by_side": dict(s.drops_by_side),
        "peak_drop_by_side": dict(s.peak_by_side),
        "asymmetry_deg": s.asymmetry_deg,
        "hold_s": s.hold_s,
        "rep_sides": list(s.rep_sides),
        "rep_peak_drop_deg": list(s.rep_peak_drop_deg),
        # "not measured" (0 frames, a reason) is never "no drop" (frames measured, 0 events)
        "pelvic_measured": s.pelvic_measured_frames > 0,
        "pelvic_measured_frames": s.pelvic_measured_frames,
        "pelvic_stance_frames": s.pelvic_stance_frames,
        "pelvic_not_measured_reason": s.pelvic_reason,
        "normalised_input": s.normalised_input,
        "camera_moved_s": list(s.camera_moved_s),
        "camera_moving_frames": s.camera_moving_frames,
        "frames": s.frames,
        "frames_with_pose": s.frames_with_pose,
        "fps": round(float(fps), 3),
        "model": model,
    }


def format_text(r: dict) -> str:
    share = r["frames_with_pose"] / r["frames"] if r["frames"] else 0.0
    lines = [
        f"{Path(r['path']).name}: {r['exercise']} (side: {r['side']})",
        f"Reps: {r['reps']}"
        + (f"  (left {r['reps_by_side']['left']}, right {r['reps_by_side']['right']})" if r["reps_by_side"] else ""),
        "Rep times (s): " + (", ".join(f"{t:.2f}" for t in r["rep_times_s"]) or "-"),
        f"Partial reps: {r['partial_reps']}",
    ]
    if r["hold_s"]:
        lines.append(f"Time in the hold position: {r['hold_s']:.1f} s")
    if r.get("rep_sides") and any(r["rep_sides"]):
        lines.append("Rep sides (stance leg): " + ", ".join(x or "-" for x in r["rep_sides"]))
    if r.get("rep_peak_drop_deg"):
        lines.append(
            "Peak pelvic drop per rep (deg, + = the free side's hip lower): "
            + ", ".join("not measured" if x is None else f"{x:.1f}" for x in r["rep_peak_drop_deg"])
        )
    events = r["pelvic_drop_events"]
    if r.get("pelvic_measured", True):
        lines.append(
            f"Pelvic-drop events: {len(events) or 'none'}"
            + (
                f"  (hip line measured on {r['pelvic_measured_frames']} frames)"
                if "pelvic_measured_frames" in r
                else ""
            )
        )
    else:
        lines.append(f"Pelvic drop: not measured ({r.get('pelvic_not_measured_reason') or 'no measurement'})")
    if r.get("normalised_input"):
        lines.append(
            "Note: the landmarks look normalised per axis (x, y, z each spanning 0..1 in every frame); "
            "counted from scale-free signals, angles are not meaningful"
        )
    for e in events:
        lines.append(f"  at {e['t_s']:6.2f} s  standing on the {e['side']} leg  peak drop {e['peak_deg']:.1f} deg")
    if r.get("people_note"):
        lines.append(r["people_note"])
    if r.get("camera_moved_s"):
        times = ", ".join(f"{t:.1f} s" for t in r["camera_moved_s"])
        lines.append(
            f"The camera moved ({len(r['camera_moved_s'])}x, at {times}; {r['camera_moving_frames']} frames): "
            "nothing was counted or flagged while it moved, and the start position and hip line were measured again"
        )
    lines.append(f"Frames: {r['frames']} at {r['fps']:g} fps, a pose in {r['frames_with_pose']} ({share:.0%})")
    return "\n".join(lines)
