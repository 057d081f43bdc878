"""Running a video through the pose model for ``coach analyze`` (and the throughput bench).

``process_video`` feeds every frame of an opened, ordered source to the estimator and the analyzer, at
``t_s = frame index / fps`` (seconds), with the background's motion for the camera-motion check;
``two_people`` / ``follow`` keep to the person doing the exercise when two are in view (landmarks are
normalised image coordinates of the full frame); ``_quiet_native_stderr`` keeps MediaPipe's native log
lines off stderr. cv2 and mediapipe load only when these run.
"""

from __future__ import annotations

import contextlib
import os
import sys


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
