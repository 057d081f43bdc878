"""Routines: the dataclasses (model.py), TOML files to validated routines (loader.py, fields.py, steps.py),
the problems found in a file (issues.py) and the muscles that may be rolled (targets.py)."""

from coach.core.routines.issues import RoutineError, RoutineIssue
from coach.core.routines.loader import Library, RoutineFailure, check_files, load_library, load_routine
from coach.core.routines.model import EducationStep, RestStep, RollStep, Routine, Step, StrengthStep
from coach.core.routines.targets import ROLL_TARGETS

__all__ = [
    "ROLL_TARGETS",
    "EducationStep",
    "Library",
    "RestStep",
    "RollStep",
    "Routine",
    "RoutineError",
    "RoutineFailure",
    "RoutineIssue",
    "Step",
    "StrengthStep",
    "check_files",
    "load_library",
    "load_routine",
]
