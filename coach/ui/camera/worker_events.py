"""The pose worker's analyzer and its events (mixed into ``PoseWorker``, run on the worker thread).

``AnalyzerEvents`` makes the ``MovementAnalyzer`` for the current exercise (or says why there is no automatic
counting), retires it with its open pelvic-drop episode flushed and emitted, emits each update's drops,
reps and partial reps (drops first, so a drop released with a set's last rep belongs to that set), and
says once when the camera starts moving and once when it is still. It expects ``_an``, ``_config``,
``_camera_moving`` and the ``pelvicDrop``, ``repCounted``, ``partialRep`` and ``status`` signals.
"""

from __future__ import annotations

import logging

from coach.core.analysis import AnalysisUpdate, MovementAnalyzer
from coach.core.analysis.framing import CAMERA_MOVED
from coach.core.errors import CoachError

log = logging.getLogger("coach.ui.camera.worker")  # the worker's logger: its records keep their name


class AnalyzerEvents:
    """Analyzer lifecycle and event emission for ``PoseWorker`` (see the module docstring)."""

    def _retire_analyzer(self) -> None:
        """Drop the current analyzer, emitting the pelvic-drop event of an episode it still has open."""
        an, self._an = self._an, None
        if an is None or an.pelvic is None:
            return
        try:
            drops = an.pelvic.flush()
        except Exception:  # must not hide the outcome that ended the loop; still logged
            log.exception("flushing the pelvic-drop detector failed")
            return
        for ev in drops:
            self.pelvicDrop.emit(ev)

    def _analyzer(self, key: str | None, side: str | None, aspect: float) -> MovementAnalyzer | None:
        if key is None:
            return None
        try:
            return MovementAnalyzer(key, side=side or "auto", aspect=aspect, config=self._config)
        except CoachError as e:
            self.status.emit(f"No automatic counting for {key}: count by hand ({e})")
            return None

    def _emit_events(self, u: AnalysisUpdate) -> None:
        # drops first: a drop released with the rep that completes a set belongs to that (still open) set
        for ev in u.new_drops:
            self.pelvicDrop.emit(ev)
        for ev in u.new_reps:
            self.repCounted.emit(ev)
        for ev in u.new_partials:
            self.partialRep.emit(ev)

    def _camera_status(self, u: AnalysisUpdate) -> None:
        """One status line when the camera starts moving and one when it is still again."""
        moving = u.guidance == CAMERA_MOVED
        if moving != self._camera_moving:
            self._camera_moving = moving
            self.status.emit(
                "The camera moved: counting paused until it is still"
                if moving
                else "The camera is still again: counting from the start position"
            )
