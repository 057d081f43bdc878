"""coach.ui.session."""
