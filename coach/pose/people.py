"""``PersonFollower``: with two people in view, follow the one doing the exercise.

The main landmarker (VIDEO mode, one pose) follows whoever it found first. Looking for several
people on every frame (``num_poses=2``) doubles the inference time (bench/num_poses_cost.py), which a
30 fps camera on a 2-core machine can't afford, so the search is cheap and occasional:
- every ``CHECK_EVERY`` frames a second landmarker (IMAGE mode, see ``image_finder``) looks at the
  whole frame for up to two people; each person found is matched to a track by position (nearest
  hip centre, in image widths);
- each track keeps its movement: the hip height above the ankles in leg lengths, whose range over
  the last ``WINDOW_S`` seconds is large for the person squatting, lunging or stepping and small for
  someone standing by; the followed track is the first to move more than ``MIN_ACTIVITY`` (until
  then the searches run every ``FIRST_EVERY`` frames, so the mover's first rep is kept); the person
  the main landmarker follows by itself is kept while they move, and left only for one who moves
  when they stand still (more than ``MIN_ACTIVITY``, and ``SWITCH`` times more);
- the main landmarker is then fed a crop of the frame around the followed person (their box grown by
  ``MARGIN``, moved with them frame by frame), and its landmarks are mapped back to the whole frame.
``image_finder(model_path)`` makes the second landmarker. After a switch (``switched``) the caller
starts its analysis afresh and replays ``backlog()``.
``note`` is the sentence to show ("Two people in view: following the one on the left") or None.
With one person in view nothing changes: the whole frame goes to the main landmarker. A search that
fails (a model that loads but can't run) turns the searches off; the main landmarker reports it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

CHECK_EVERY = 30  # frames between searches for a second person (1 s at 30 fps) ...
FIRST_EVERY = 3  # ... and while two people are in view and neither has moved yet (at most UNDECIDED_S)
UNDECIDED_S = 10.0
START_SEARCHES = 4  # searches FIRST_EVERY frames apart when the follower starts
MIN_SPAN_S = 1.2  # seconds of movement samples of each person before one is chosen
WINDOW_S = 4.0  # seconds of movement compared
SWITCH = 1.5  # another person must move this many times more to be followed instead ...
MIN_ACTIVITY = 0.1  # ... and at least this much (hip height range, leg lengths): standing by never does
MARGIN = 0.35  # the crop: the person's box grown by this share of its height on each side
FORGET_S = 3.0  # a track not seen this long is dropped
MATCH = 0.25  # image widths: a person this near a track's last place is that track
CONFIRM = 3  # searches a person must be found in before they count (one-off false finds do not)


@dataclass
class Track:
    x: float  # hip centre, share of the image width
    last_t: float
    heights: deque[tuple[float, float]] = field(default_factory=deque)  # (t, hip height in leg lengths)
    poses: deque[tuple[float, np.ndarray]] = field(default_factory=deque)  # (t, landmarks) seen by the searches

    def span(self) -> float:
        return self.heights[-1][0] - self.heights[0][0] if self.heights else 0.0

    def activity(self) -> float:
        if len(self.heights) < 3:
            return 0.0
        v = [h for _, h in self.heights]
        return max(v) - min(v)


def hip_height(lm: np.ndarray) -> float:
    """Hip height above the lower ankle in leg lengths (hip to knee to ankle): 1 standing, less crouched."""
    hip = 0.5 * (lm[23, 1] + lm[24, 1])
    ankle = max(lm[27, 1], lm[28, 1])
    leg = 0.5 * sum(float(np.hypot(*(lm[a, :2] - lm[b, :2]))) for a, b in ((23, 25), (25, 27), (24, 26), (26, 28)))
    return float((ankle - hip) / max(leg, 1e-6))


class PersonFollower:
    def __init__(self, find_people) -> None:
        """``find_people(rgb) -> list of (33, 4) arrays``: all people in a whole frame (IMAGE mode), or None when
        a search on its own thread (``coach.pose.search_thread``) has no answer yet."""
        self._find = find_people
        self.tracks: list[Track] = []
        self.followed: Track | None = None
        self.body: tuple[float, float, float, float] | None = None  # the followed person's x0, y0, x1, y1 (shares)
        self.frame = 0
        self.note: str | None = None
        self.seen_note: str | None = None  # the last note shown (kept after the second person left)
        self.switched = False  # the followed person changed at the last search: the caller starts afresh
        self._next = 0  # frame of the next search
        self._t = 0.0  # time of the current frame
        self._two_since: float | None = None  # when two people were first seen together
        self._main_x: float | None = None  # hip centre of the person the main landmarker found on its own

    def crop(self, rgb: np.ndarray, t: float) -> tuple[np.ndarray, tuple[float, float, float, float] | None]:
        """The image to give the main landmarker this frame, and the crop box (None: the whole frame)."""
        self.switched = False
        self._t = t
        if self.frame >= self._next and not self._search(rgb, t):
            self._next = self.frame + 1  # a search on its own thread has no answer yet: ask again next frame
        elif self.frame >= self._next:
            if len(self.tracks) < 2:
                self._two_since = None
            elif self._two_since is None:
                self._two_since = t
            undecided = self._two_since is not None and self.followed is None and t - self._two_since < UNDECIDED_S
            early = self.frame < START_SEARCHES * FIRST_EVERY  # the finder can miss someone on one frame
            self._next = self.frame + (FIRST_EVERY if undecided or early else CHECK_EVERY)
        self.frame += 1
        if self.body is None:
            return rgb, None
        h, w = rgb.shape[:2]
        x0, y0, x1, y1 = self.body
        my = MARGIN * max(y1 - y0, 0.05)
        mx = my * h / w  # the same margin in pixels across as down
        c0, c1 = int(max(0.0, x0 - mx) * w), int(np.ceil(min(1.0, x1 + mx) * w))
        r0, r1 = int(max(0.0, y0 - my) * h), int(np.ceil(min(1.0, y1 + my) * h))
        if c1 - c0 < 16 or r1 - r0 < 16:
            return rgb, None
        return np.ascontiguousarray(rgb[r0:r1, c0:c1]), (c0 / w, r0 / h, c1 / w, r1 / h)

    def place(self, lm: np.ndarray | None, box: tuple[float, float, float, float] | None) -> np.ndarray | None:
        """Landmarks found in the crop, mapped back to the whole frame (and the crop moved with them)."""
        if lm is not None and box is None:
            self._main_x = float(0.5 * (lm[23, 0] + lm[24, 0]))  # whom the main landmarker follows by itself
        if lm is None or box is None:
            return lm
        x0, y0, x1, y1 = box
        out = np.array(lm, dtype=np.float32, copy=True)
        out[:, 0] = x0 + out[:, 0] * (x1 - x0)
        out[:, 1] = y0 + out[:, 1] * (y1 - y0)
        out[:, 2] = out[:, 2] * (x1 - x0)
        self._follow_box(out)
        tr = self.followed
        if tr is not None:  # every frame of the followed person counts toward their movement
            tr.heights.append((self._t, hip_height(out)))
            while tr.heights and self._t - tr.heights[0][0] > WINDOW_S:
                tr.heights.popleft()
        return out

    # ---- the occasional search --------------------------------------------------------------------
    def _search(self, rgb: np.ndarray, t: float) -> bool:
        """Look for people (False: the finder, on its own thread, has no answer yet; see ``SearchThread``)."""
        if self._find is None:
            return True
        try:
            found = self._find(rgb)
        except Exception:  # a bonus, never a failure: the main landmarker reports a broken model itself
            self._find, self.tracks, self.followed, self.body, self.note = None, [], None, None, None
            return True
        if found is None:
            return False
        people = [p for p in found if p is not None]
        self.tracks = [tr for tr in self.tracks if t - tr.last_t <= FORGET_S]
        for lm in people:
            x = float(0.5 * (lm[23, 0] + lm[24, 0]))
            near = min(self.tracks, key=lambda tr: abs(tr.x - x), default=None)
            if near is None or abs(near.x - x) > MATCH or near.last_t == t:
                near = Track(x, t)
                self.tracks.append(near)
            near.x, near.last_t = x, t
            near.heights.append((t, hip_height(lm)))
            near.poses.append((t, lm))
            while near.heights and t - near.heights[0][0] > WINDOW_S:
                near.heights.popleft()
            while near.poses and t - near.poses[0][0] > WINDOW_S:
                near.poses.popleft()
            if near is self.followed:
                self._follow_box(lm)
        if self.followed is not None and self.followed not in self.tracks:
            self.followed, self.body, self.note = None, None, None  # not seen for FORGET_S: look at the whole frame
        seen = [tr for tr in self.tracks if tr.last_t == t and len(tr.poses) >= CONFIRM]
        if self.followed is not None and self.followed not in seen:
            seen.append(self.followed)  # missed by this search (the finder is not perfect): still followed
        if len(seen) < 2:
            if self.followed is not None:
                self.note = None  # the other person left
            return True
        if min(tr.span() for tr in seen) < MIN_SPAN_S:
            return True  # not yet known who moves: the whole frame, as before
        best = max(seen, key=Track.activity)
        cur = self.followed
        if cur is None and self._main_x is not None:  # the person the main landmarker already follows
            main_x = self._main_x
            cur = min(seen, key=lambda tr: abs(tr.x - main_x))
        moves = best is not cur and best.activity() > MIN_ACTIVITY
        if moves and (cur is None or (cur.activity() <= MIN_ACTIVITY and best.activity() > SWITCH * cur.activity())):
            self.switched = True
            self.followed = best
            if best.poses:
                self._follow_box(best.poses[-1][1])
        target = self.followed or cur
        others = [tr.x for tr in seen if tr is not target]
        if target is None or not others:
            return True
        where = "left" if target.x < min(others) else "right" if target.x > max(others) else "middle"
        self.note = self.seen_note = f"Two people in view: following the one on the {where}"
        return True

    def others(self) -> list[np.ndarray]:
        """The last pose seen of everyone not followed (to keep them out of the background)."""
        return [tr.poses[-1][1] for tr in self.tracks if tr is not self.followed and tr.poses]

    def backlog(self) -> list[tuple[float, np.ndarray]]:
        """The followed person's poses from the searches (time, landmarks), oldest first: after a switch
        the caller replays them, so a rep begun before the choice was made still counts."""
        return list(self.followed.poses) if self.followed is not None else []

    def _follow_box(self, lm: np.ndarray) -> None:
        seen = lm[lm[:, 3] > 0.3] if (lm[:, 3] > 0.3).sum() >= 8 else lm
        self.body = (float(seen[:, 0].min()), float(seen[:, 1].min()), float(seen[:, 0].max()), float(seen[:, 1].max()))


def image_finder(model_path, most: int = 2):
    """``find_people(rgb)`` for ``PersonFollower``: up to ``most`` people as (33, 4) arrays. MediaPipe's
    ``num_poses=2`` found only one of two people standing side by side (bench/num_poses_cost.py), so a
    one-pose landmarker in IMAGE mode looks again with each person found blanked out (their box grown
    by ``MARGIN / 2``). Returns (find_people, close)."""
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    from coach.pose.privacy import block_mediapipe_telemetry

    block_mediapipe_telemetry()
    opts = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(model_path)), running_mode=vision.RunningMode.IMAGE, num_poses=1
    )
    lmk = vision.PoseLandmarker.create_from_options(opts)

    def find(rgb: np.ndarray) -> list[np.ndarray]:
        image, found = np.ascontiguousarray(rgb), []
        h, w = image.shape[:2]
        for _ in range(most):
            res = lmk.detect(mp.Image(image_format=mp.ImageFormat.SRGB, data=image))
            if not res.pose_landmarks:
                break
            lm = np.array([(p.x, p.y, p.z, p.visibility or 0.0) for p in res.pose_landmarks[0]], dtype=np.float32)
            if found and not _another_person(lm, found):
                break
            found.append(lm)
            if len(found) < most:
                x0, y0, x1, y1 = (
                    float(lm[:, 0].min()),
                    float(lm[:, 1].min()),
                    float(lm[:, 0].max()),
                    float(lm[:, 1].max()),
                )
                my = 0.5 * MARGIN * (y1 - y0)
                mx = my * h / w
                image = image.copy()
                image[
                    max(0, int((y0 - my) * h)) : int((y1 + my) * h) + 1,
                    max(0, int((x0 - mx) * w)) : int((x1 + mx) * w) + 1,
                ] = 0
        return found

    return find, lmk.close


BODY = [11, 12, 23, 24, 25, 26, 27, 28]  # shoulders, hips, knees, ankles
MIN_VISIBLE = 0.85  # mean visibility of those for a second find to be a person (a chair was 0.77) ...
MIN_HEIGHT = 0.5  # ... and at least this share of the first person's height in the picture


def _another_person(lm: np.ndarray, found: list[np.ndarray]) -> bool:
    """A find in the blanked picture is another person: a whole body seen well (trunk and legs), not
    much smaller than the first, its hips outside everyone found before."""
    if float(lm[BODY, 3].mean()) < MIN_VISIBLE:
        return False
    height = float(lm[:, 1].max() - lm[:, 1].min())
    if height < MIN_HEIGHT * float(found[0][:, 1].max() - found[0][:, 1].min()):
        return False
    hx, hy = float(lm[[23, 24], 0].mean()), float(lm[[23, 24], 1].mean())
    for f in found:
        if f[:, 0].min() <= hx <= f[:, 0].max() and f[:, 1].min() <= hy <= f[:, 1].max():
            return False
    return True
