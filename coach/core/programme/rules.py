"""The progression thresholds, in one place: what the engine applies, what the app shows, what Settings edits."""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.pain import PAIN_LIMIT


@dataclass(frozen=True)
class Rules:
    pain_limit: int = PAIN_LIMIT  # pain during/after above this (0-10) regresses the dose
    max_rise: float = 0.15  # a dose rises by at most this share ...
    rise_every_days: int = 7  # ... once in this many days
    regress_to: float = 0.75  # a regress cuts the dose to this share (or steps back a variation)
    form_share: float = 0.8  # share of camera-measured reps with level hips for form to count as held
    worse_by: int = 2  # a next-morning pain this far above the usual level counts as worse

    def describe(self) -> list[str]:
        """The rules as a person reads them (shown beside the programme and in Settings)."""
        return [
            f"Progress only when pain stayed at or below {self.pain_limit}/10, the next morning was back to usual, "
            f"every set was done and your hips stayed level on at least {self.form_share:.0%} of measured reps.",
            f"Each exercise goes up by at most {self.max_rise:.0%}, once in {self.rise_every_days} days.",
            f"Pain above {self.pain_limit}/10, or a worse next morning, steps back (about "
            f"{1 - self.regress_to:.0%} less, or an easier variation).",
            "A missing pain rating or morning check never counts as a good one: the dose holds.",
        ]

    def checked(self) -> Rules:
        """Self, with each value clamped to a range that keeps the programme safe."""
        return Rules(
            pain_limit=min(6, max(1, int(self.pain_limit))),
            max_rise=min(0.15, max(0.0, self.max_rise)),
            rise_every_days=min(28, max(7, int(self.rise_every_days))),
            regress_to=min(0.9, max(0.5, self.regress_to)),
            form_share=min(1.0, max(0.5, self.form_share)),
            worse_by=min(5, max(1, int(self.worse_by))),
        )
