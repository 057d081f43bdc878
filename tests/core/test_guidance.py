"""The graded-return rules in words: the 3-4/10 band, settling within hours, 10-15 % a week."""

from __future__ import annotations


def test_graded_return_words_follow_the_3_to_4_out_of_10_rule():
    from coach.core.pain import PAIN_LIMIT, pain_advice, pain_zone

    assert PAIN_LIMIT == 4
    assert pain_zone(3).startswith("✓") and pain_zone(4).startswith("●") and pain_zone(5).startswith("⚠")
    assert pain_advice(2, None) == ""
    assert "above the 3–4/10 guide" in pain_advice(2, 5)
    assert "rose by 2 points" in pain_advice(1, 3) and "settles back to 1/10" in pain_advice(1, 3)
    assert "10–15 %" in pain_advice(3, 3)
