"""Errors of the history store (all CoachErrors with a message fit for the user)."""

from __future__ import annotations

from coach.core.errors import CoachError


class StoreError(CoachError):
    """The history could not be read or written."""


class BadTarget(StoreError):
    """A file name the user gave can't be written: its folder doesn't exist, or it is a folder, a link, a device or
    a FIFO. Bad input (the commands exit 2), not a failure to write."""


class CorruptHistory(StoreError):
    """The file is not a readable coach history (garbage, truncated, foreign or damaged schema)."""


class HistoryReadOnly(StoreError):
    """The file must be migrated but can't be written; it is left untouched (no backup is made)."""


class HistoryTooNew(StoreError):
    """The file was written by a newer app version; it is left untouched."""

    def __init__(self, found: int, supported: int):
        self.found, self.supported = found, supported
        super().__init__(
            f"the history was saved by a newer version of the coach (format v{found}; "
            f"this version reads up to v{supported})"
        )
