"""Movement analysis: rep counting and pelvic-drop flags from pose landmarks (pure Python + numpy).

Use ``MovementAnalyzer(exercise, side=..., aspect=...)``: ``update(landmarks, t_s)`` per frame,
``summary()`` at the end of the set. Per-exercise rules live in ``specs``.
"""

from coach.core.analysis.analyzer import AnalysisError, MovementAnalyzer
from coach.core.analysis.results import AnalysisConfig, AnalysisSummary, AnalysisUpdate, RepEvent
from coach.core.analysis.specs import SPECS, ExerciseSpec

__all__ = [
    "AnalysisConfig",
    "AnalysisError",
    "AnalysisSummary",
    "AnalysisUpdate",
    "ExerciseSpec",
    "MovementAnalyzer",
    "RepEvent",
    "SPECS",
]
