"""coach.ui.camera."""
