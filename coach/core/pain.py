"""The graded-return rules the app teaches, in one place, and the plain words it uses about pain scores.

Pain is rated 0-10. During activity it should stay at or below 3-4/10 (``PAIN_LIMIT`` = 4, the top of that
band), settle back to the person's usual level within a few hours, and weekly load should rise by no more
than 10-15 %.
"""

from __future__ import annotations

PAIN_LIMIT = 4  # the top of the 3-4/10 band
GRADED_RETURN = (
    "Graded return: keep pain at or below 3–4/10 during activity, let it settle back to your usual "
    "level within a few hours, and raise your weekly load by no more than 10–15 %."
)


def pain_words(value: int) -> str:
    if value == 0:
        return "no pain"
    if value <= 3:
        return "mild"
    if value <= 6:
        return "moderate"
    return "severe"


def pain_zone(value: int, *, after: bool = False) -> str:
    """Where a score sits against the 3-4/10 guide, in words and a symbol (never colour alone). ``after``: the
    session is over, so the advice is about what comes next, not about this session."""
    if value < PAIN_LIMIT:
        return "✓ Within the guide (3–4 / 10 or less)"
    if value == PAIN_LIMIT:
        return "● At the top of the guide" + (": do no more than this next time" if after else ": keep it easy")
    if after:
        return "⚠ Above the guide: rest today, do less next time, and check it settles within a few hours"
    return "⚠ Above the guide: choose a gentler routine or stop today"


def pain_advice(before: int | None, after: int | None, *, completed: bool = True) -> str:
    """One plain sentence on pain after a session, following the graded-return rules ("" if not rated).
    Praise and "build up" only for a session done in full: an interrupted one says what the score means."""
    if after is None:
        return ""
    if after > PAIN_LIMIT:
        return (
            f"Pain is {after}/10, above the 3–4/10 guide. Next time do less: fewer sets, or a gentler routine. "
            "It should settle to your usual level within a few hours; if it doesn't, rest and talk to a physio."
        )
    if before is not None and after - before >= 2:
        return (
            f"Pain rose by {after - before} points. Check it settles back to {before}/10 within a few hours "
            "before you add any load."
        )
    if not completed:
        rose = "" if before is None or after <= before else f" (it rose from {before}/10)"
        return (
            f"Pain is {after}/10{rose}, within the 3–4/10 guide. The session ended early: repeat this level "
            "next time before you add any load."
        )
    return "Pain stayed within the 3–4/10 guide. Good: build up by no more than 10–15 % a week."
