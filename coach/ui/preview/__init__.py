"""The routine preview: what a routine holds before it starts (steps with pictures and doses, kit, time, why)."""

from coach.ui.preview.dialog import RoutinePreview, dose_text

__all__ = ["RoutinePreview", "dose_text"]
