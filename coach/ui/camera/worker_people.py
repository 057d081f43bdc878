"""Following the person doing the exercise when two are in view (mixed into ``PoseWorker``, run on the worker
thread).

``PeopleFollowing`` makes the ``PersonFollower`` for a real estimator (with a background ``SearchThread`` for the
other people, so a search never holds up a frame) and detects the followed person's landmarks in each frame (a
crop around them, the landmarks mapped back to the whole frame). When the follower switches to the other
person, the analyzer starts a new person and is fed the follower's backlog, and ``status`` says who is followed.
It expects ``_emit_events`` (``AnalyzerEvents``) and the ``status`` signal. Without a real estimator, or when the
second-person finder can't be made, the single-person path goes on (``people`` None).
"""

from __future__ import annotations

import logging

log = logging.getLogger("coach.ui.camera.worker")  # the worker's logger: its records keep their name


class PeopleFollowing:
    """Two-people support for ``PoseWorker`` (see the module docstring)."""

    def _people(self, est):
        """(PersonFollower, close) for a real estimator (one with a ``model_path``), else None."""
        if getattr(est, "model_path", None) is None or not hasattr(est, "detect_rgb"):
            return None
        from coach.pose.people import PersonFollower, image_finder
        from coach.pose.search_thread import SearchThread

        try:
            find, close = image_finder(est.model_path)
        except Exception:  # two-people support is a bonus: the single-person path goes on without it
            log.exception("the second-person finder could not be made")
            return None
        searches = SearchThread(find)  # live: the search never holds up a frame

        def stop() -> None:
            searches.close()
            close()

        return PersonFollower(searches), stop

    def _detect(self, est, people, f, an, t0: float):
        """The followed person's landmarks (two people in view: the one doing the exercise)."""
        if people is None:
            return est.detect(f.image, int(f.t * 1000))
        import cv2

        follower = people[0]
        before = follower.note
        image, box = follower.crop(cv2.cvtColor(f.image, cv2.COLOR_BGR2RGB), f.t)
        lm = follower.place(est.detect_rgb(image, int(f.t * 1000)), box)
        if follower.note != before and follower.note is not None:
            self.status.emit(follower.note)
        if follower.switched and an is not None:
            an.new_person()
            for tb, lb in follower.backlog()[:-1]:
                if tb >= t0:
                    self._emit_events(an.update(lb, tb - t0))
            an.camera.reset()  # the crop's first poses jump from the searches' ones: no camera motion
        return lm
