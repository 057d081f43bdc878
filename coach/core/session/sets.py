"""The sets a session has recorded, in order, and the rule for a pelvic-drop flag that arrives late.

A set recorded again under the same key (step, kind, side, set number) replaces the earlier record when it
was done again after "back", or amended. Going back never loses finished work: a set that is passed over
again (skipped or cut short by ending the session) keeps its earlier result, unless that earlier result was
itself cut short with less done. New and replaced records wait in ``unsent`` until the engine hands them to
its ``on_set`` callback (the store replaces by the same key).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from coach.core.record import PelvicDropEvent, SetRecord

LATE_DROP_S = 3.0  # a pelvic-drop flag this soon after its set ended still belongs to that set (wall s)


@dataclass
class SetProgress:
    """What has happened so far in the set (or roll side) in progress. ``started_at``: wall-clock seconds;
    ``peak_drop_deg``: the largest pelvic drop measured in it (per-rep peaks and flags, degrees)."""

    started_at: float
    reps: int = 0
    camera_reps: int = 0
    partials: int = 0
    drops: list[PelvicDropEvent] = field(default_factory=list)
    peak_drop_deg: float | None = None

    def note_peak(self, deg: float | None) -> None:
        if deg is not None:
            self.peak_drop_deg = deg if self.peak_drop_deg is None else max(self.peak_drop_deg, deg)

    @property
    def eventful(self) -> bool:
        return bool(self.reps or self.partials or self.drops)


SetKey = tuple[int, str, str | None, int]
"""(step index, kind, side, set number) of a set or roll side."""


def key(s: SetRecord) -> SetKey:
    return s.step_index, s.kind, s.side, s.set_number


class SetLog:
    def __init__(self) -> None:
        self.sets: list[SetRecord] = []
        self.unsent: list[SetRecord] = []  # recorded, not yet passed to on_set

    def keep(self, rec: SetRecord) -> bool:
        """Record ``rec`` (True), or keep the earlier record of that set when ``rec`` would lose work (False)."""
        k = key(rec)
        old = next((s for s in self.sets if key(s) == k), None)
        if old is not None and rec.skipped and not _less_done(old, rec):
            return False
        self.sets = [s for s in self.sets if key(s) != k] + [rec]
        self.unsent.append(rec)
        return True

    def amend(self, rec: SetRecord) -> None:
        """Replace the record of the same set in place (a correction, a late flag): its order is kept."""
        k = key(rec)
        self.sets = [rec if key(s) == k else s for s in self.sets]
        self.unsent.append(rec)

    def done_keys(self) -> set[SetKey]:
        """Keys of the sets and roll sides finished (not skipped)."""
        return {key(s) for s in self.sets if not s.skipped}

    def last(self) -> SetRecord | None:
        return self.sets[-1] if self.sets else None


def _less_done(old: SetRecord, new: SetRecord) -> bool:
    """True if ``old`` was cut short and ``new`` achieved more reps or hold time."""
    return old.skipped and (new.achieved_reps, new.achieved_hold_s) > (old.achieved_reps, old.achieved_hold_s)


def with_late_drop(last: SetRecord | None, event: PelvicDropEvent, now: float) -> SetRecord | None:
    """``last`` with ``event`` added, if the flag can still belong to it: a strength set on the flag's stance
    side (or both legs) that ended at most LATE_DROP_S before ``now`` (wall seconds). Else None.
    The camera reports a drop once its rep is over, so the rep that completes a set beats its own flag."""
    if (
        last is None
        or last.kind != "strength"
        or last.side not in (event.side, None)
        or now - last.ended_at > LATE_DROP_S
    ):
        return None
    t = round(max(0.0, last.ended_at - last.started_at), 3)
    peak = max(event.peak_deg, last.peak_drop_deg or event.peak_deg)
    return replace(last, pelvic_drops=last.pelvic_drops + (replace(event, t_s=t),), peak_drop_deg=peak)
