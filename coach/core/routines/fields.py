"""Typed, bounded reads of one TOML table that collect problems as ``RoutineIssue``s instead of raising."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from coach.core.routines.issues import RoutineIssue

MISSING: Any = object()  # returned when a field is missing or invalid (an issue has been recorded)


def type_name(value: object) -> str:
    """Plain-language name of a TOML value's type."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"  # dates and times


_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def control_char(value: str, *, allow_newlines: bool = False) -> str | None:
    """A description of the first control character in ``value`` (ESC, C1, bidi overrides...), or None.
    Such characters could rewrite a terminal (``coach routines list``) or reorder text on screen."""
    for i, ch in enumerate(value, 1):
        o = ord(ch)
        if allow_newlines and ch in "\n\t":
            continue
        if o < 0x20 or 0x7F <= o <= 0x9F or ch in _BIDI:
            return f"a control character (U+{o:04X}) at character {i}"
    return None


def suggest(word: str, options: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a close option, else ''."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class FieldReader:
    """Reads the fields of one table (the routine, or one step); every problem goes to ``issues``."""

    def __init__(
        self,
        data: dict[str, Any],
        *,
        file: str,
        step: int | None,
        issues: list[RoutineIssue],
        allowed: Iterable[str],
        what: str,
        part: str = "step",
    ):
        self.data, self.file, self.step, self.issues, self.part = data, file, step, issues, part
        self._start = len(issues)
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                self.add(
                    str(key),
                    f"unknown key {key!r} for {what}{suggest(str(key), allowed)}; allowed: {', '.join(allowed)}",
                )

    @property
    def ok(self) -> bool:
        """True while no problem has been recorded for this table."""
        return len(self.issues) == self._start

    def add(self, field: str | None, message: str) -> None:
        self.issues.append(RoutineIssue(self.file, self.step, field, message, self.part))

    def _get(self, key: str, required: bool, default: Any) -> Any:
        if key in self.data:
            return self.data[key]
        if required:
            self.add(key, "missing (required)")
            return MISSING
        return default

    def text(
        self, key: str, *, required: bool = True, default: str = "", max_len: int = 120, allow_empty: bool = False
    ) -> Any:
        """A string, stripped, at most ``max_len`` characters."""
        value = self._get(key, required, default)
        if value is MISSING or key not in self.data:
            return value
        if not isinstance(value, str):
            self.add(key, f"must be text, got {type_name(value)}")
            return MISSING
        value = value.strip()
        if not value and not allow_empty:
            self.add(key, "must not be empty")
            return MISSING
        if len(value) > max_len:
            self.add(key, f"is too long ({len(value)} characters, at most {max_len})")
            return MISSING
        bad = control_char(value, allow_newlines=max_len > 120)
        if bad:
            self.add(key, f"contains {bad}; remove it")
            return MISSING
        return value

    def integer(
        self, key: str, lo: int, hi: int, *, unit: str = "", required: bool = True, default: int | None = None
    ) -> Any:
        """A whole number in ``lo..hi`` (``unit`` only decorates messages, e.g. "seconds")."""
        value = self._get(key, required, default)
        if value is MISSING or key not in self.data:
            return value
        suffix = f" {unit}" if unit else ""
        if isinstance(value, float) and value.is_integer():
            self.add(key, f"must be a whole number, got {value!r} (write {int(value)})")
            return MISSING
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(key, f"must be a whole number, got {type_name(value)}")
            return MISSING
        if not lo <= value <= hi:
            self.add(key, f"{value}{suffix} is out of range: must be between {lo} and {hi}{suffix}")
            return MISSING
        return value

    def boolean(self, key: str, default: bool | None) -> Any:
        value = self._get(key, default is None, default)
        if value is MISSING or key not in self.data:
            return value
        if not isinstance(value, bool):
            self.add(key, f"must be true or false, got {type_name(value)}")
            return MISSING
        return value

    def choice(self, key: str, options: Iterable[str], *, required: bool = True, default: str | None = None) -> Any:
        options = tuple(options)
        value = self._get(key, required, default)
        if value is MISSING or key not in self.data:
            return value
        if not isinstance(value, str):
            self.add(key, f"must be text, one of: {', '.join(options)}; got {type_name(value)}")
            return MISSING
        if value not in options:
            self.add(key, f"{value!r} is not one of: {', '.join(options)}{suggest(value, options)}")
            return MISSING
        return value

    def texts(self, key: str, *, max_items: int = 12, max_len: int = 300) -> Any:
        """An optional list of non-empty strings (cues, faults, tags)."""
        value = self._get(key, False, ())
        if key not in self.data:
            return ()
        if not isinstance(value, list):
            self.add(key, f'must be a list of text, e.g. ["...", "..."]; got {type_name(value)}')
            return MISSING
        if len(value) > max_items:
            self.add(key, f"has {len(value)} entries, at most {max_items}")
            return MISSING
        out: list[str] = []
        for i, item in enumerate(value, 1):
            if not isinstance(item, str):
                self.add(key, f"entry {i} must be text, got {type_name(item)}")
            elif not item.strip():
                self.add(key, f"entry {i} is empty")
            elif len(item.strip()) > max_len:
                self.add(key, f"entry {i} is too long ({len(item.strip())} characters, at most {max_len})")
            elif control_char(item):
                self.add(key, f"entry {i} contains {control_char(item)}; remove it")
            else:
                out.append(item.strip())
        return tuple(out) if len(out) == len(value) else MISSING

    def illustration(self, assets_dir: Path | None, *, required: bool = True, default: str = "") -> Any:
        """A relative path like "illustrations/roll_tfl.svg" naming an existing file under ``assets_dir``."""
        key = "illustration"
        value = self.text(key, required=required, default=default, max_len=200)
        if value is MISSING:
            return value
        rel = PurePosixPath(value)
        if "\\" in value or "\0" in value or rel.is_absolute() or ".." in rel.parts:
            self.add(key, f'{value!r} must be a path inside the assets folder, like "illustrations/rest.svg"')
            return MISSING
        if assets_dir is None:
            self.add(key, f"{value!r} can't be checked: the app's assets folder was not found")
            return MISSING
        try:
            exists = (assets_dir / rel).is_file()
        except (OSError, ValueError):
            exists = False
        if not exists:
            self.add(key, f"{value!r} not found in {assets_dir}")
            return MISSING
        return value
