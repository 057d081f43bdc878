"""What every reader shares: the one-line problem a file gives, the run words, time parsing, safe XML."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET  # no DTDs, no entity expansion: a hostile file can't blow up

MAX_ELEMENTS = 3_000_000  # a 64 MB GPX or TCX holds at most ~2 M; 15 M empty ones would take ~4.5 GB parsed
RUN_WORDS = ("run", "running", "trail_running", "trail run", "treadmill", "virtual run", "9")  # GPX/Strava type 9


class ImportProblem(Exception):
    """One file (or row) that can't be imported; the message is one line for the user."""


def is_run_type(kind: str | None) -> bool:
    """A sport/type label that means running (None or "" = not said: taken as a run)."""
    if not kind:
        return True
    k = kind.strip().lower().replace("-", "_")
    return k in RUN_WORDS or "run" in k


def parse_time(text: str | None) -> datetime | None:
    """An ISO 8601 time as aware UTC (no zone given: taken as UTC, as GPX and TCX say); None if unreadable."""
    if not text:
        return None
    s = text.strip()
    if s.endswith(("Z", "z")):
        s = s[:-1] + "+00:00"
    try:
        t = datetime.fromisoformat(s)
    except ValueError:
        return None
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def parse_xml(data: bytes) -> Element:
    """The root element; ImportProblem for a broken or hostile file.

    A file with a DTD is refused outright (no DTD, no entities to expand, no external references). A UTF-8 file
    without one goes to the stdlib's C parser (defusedxml's pure-Python handlers made it 2× slower); anything
    else (UTF-16, ...) where a byte search can't see a DTD is parsed by defusedxml, which forbids them itself.
    A file with more than ``MAX_ELEMENTS`` elements (counted in the bytes, UTF-8) is refused before parsing."""
    big = len(data) > 4 * MAX_ELEMENTS  # an element takes 4 bytes at least ("<a/>"): a smaller file can't be over
    elements = data.count(b"<") - data.count(b"</") - data.count(b"<?") - data.count(b"<!") if big else 0
    if elements > MAX_ELEMENTS:  # counted before parsing: each parsed element takes ~300 bytes
        raise ImportProblem(
            f"has more XML elements than an activity file can hold ({elements:,}; at most {MAX_ELEMENTS:,})"
        )
    head = data[:4]
    if b"\x00" not in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise ImportProblem("was refused: entities or a DTD are not allowed")
        try:
            return ET.fromstring(data)
        except ET.ParseError as err:
            raise ImportProblem(f"is not valid XML ({err})") from err
    try:
        return SafeET.fromstring(data)  # type: ignore[no-any-return]
    except SafeET.ParseError as err:
        raise ImportProblem(f"is not valid XML ({err})") from err
    except Exception as err:  # defusedxml's DTDForbidden, EntitiesForbidden, ...
        raise ImportProblem(f"was refused: {type(err).__name__} (entities or a DTD are not allowed)") from err


def local(tag: str) -> str:
    """The tag without its namespace: "{http://...}trkpt" -> "trkpt"."""
    return tag.rsplit("}", 1)[-1]
