"""The sets a session has recorded, in order, and the rule for a pelvic-drop flag that arrives late.

A set recorded again under the same key (step, kind, side, set number) replaces the earlier record: it was
done again after "back", or amended. New and replaced records wait in ``unsent`` until the engine hands
them to its ``on_set`` callback (the store replaces by the same key).
"""

from __future__ import annotations

from dataclasses import replace

from coach.core.record import PelvicDropEvent, SetRecord

LATE_DROP_S = 3.0  # a pelvic-drop flag this soon after its set ended still belongs to that set (wall s)


def key(s: SetRecord) -> tuple:
    return s.step_index, s.kind, s.side, s.set_number


class SetLog:
    def __init__(self) -> None:
        self.sets: list[SetRecord] = []
        self.unsent: list[SetRecord] = []  # recorded, not yet passed to on_set

    def keep(self, rec: SetRecord) -> None:
        k = key(rec)
        self.sets = [s for s in self.sets if key(s) != k] + [rec]
        self.unsent.append(rec)

    def last(self) -> SetRecord | None:
        return self.sets[-1] if self.sets else None


def with_late_drop(last: SetRecord | None, event: PelvicDropEvent, now: float) -> SetRecord | None:
    """``last`` with ``event`` added, if the flag can still belong to it: a strength set on the flag's stance
    side (or both legs) that ended at most LATE_DROP_S before ``now`` (wall seconds). Else None.
    The camera reports a drop once its rep is over, so the rep that completes a set beats its own flag."""
    if last is None or last.kind != "strength" or last.side not in (event.side, None) \
            or now - last.ended_at > LATE_DROP_S:
        return None
    t = round(max(0.0, last.ended_at - last.started_at), 3)
    peak = max(event.peak_deg, last.peak_drop_deg or event.peak_deg)
    return replace(last, pelvic_drops=last.pelvic_drops + (replace(event, t_s=t),), peak_drop_deg=peak)
