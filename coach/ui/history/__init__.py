"""coach.ui.history."""
