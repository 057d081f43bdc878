"""The project's own error types. Anything a user can cause ends in a CoachError with a clear message."""


class CoachError(Exception):
    """Base class for errors that carry a message fit to show a user."""
