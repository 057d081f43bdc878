"""Problems found in a routine file: ``RoutineIssue`` (one problem) and ``RoutineError`` (all of a file's)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.core.errors import CoachError


@dataclass(frozen=True)
class RoutineIssue:
    """One problem in a routine (or programme) file. ``step`` is 1-based (None: the file's own fields); ``part``
    names what ``step`` counts ("step" in a routine, "phase" or "ladder" in a programme); ``field`` may be None."""

    file: str
    step: int | None
    field: str | None
    message: str
    part: str = "step"

    def __str__(self) -> str:
        parts = [self.file]
        if self.step is not None:
            parts.append(f"{self.part} {self.step}")
        if self.field is not None:
            parts.append(self.field)
        parts.append(self.message)
        return _CONTROL.sub(_escape, ": ".join(parts))  # a file name or key may hold ESC: never print it raw


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    o = ord(m.group())
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


class RoutineError(CoachError):
    """A routine file could not be used; ``issues`` lists every problem found in it (never empty)."""

    def __init__(self, issues: list[RoutineIssue]):
        if not issues:
            raise ValueError("RoutineError needs at least one issue")
        self.issues = list(issues)
        first = str(issues[0])
        more = f" (and {len(issues) - 1} more problem{'s' if len(issues) > 2 else ''})" if len(issues) > 1 else ""
        super().__init__(first + more)
