"""What a physio's report says (pure): the numbers on its pages, gathered from the history, the programme and
the runs, so they are tested without Qt. ``coach.ui.report`` paints them; ``coach.store.report_source`` reads
them from the store."""

from coach.core.report.drops import DROP_ERROR_DEG, WeekDrops, weekly_drops
from coach.core.report.gather import Report, build_report, default_range

__all__ = ["DROP_ERROR_DEG", "Report", "WeekDrops", "build_report", "default_range", "weekly_drops"]
