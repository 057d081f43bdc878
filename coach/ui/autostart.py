"""Starting the coach hidden in the system tray at login: an XDG autostart entry (Linux and other freedesktop
systems), ``$XDG_CONFIG_HOME/autostart/itband-coach.desktop`` (``~/.config`` by default).

``enable()`` writes the entry (launching ``coach --tray`` from this Python's environment), ``disable()`` removes
it (only a file this app wrote). Elsewhere (macOS, Windows) ``supported()`` is False and the option is not offered.
Raises OSError with the file's path when it can't be written or removed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NAME = "itband-coach.desktop"
MARK = "X-ItbandCoach-Autostart=true"  # only a file carrying this line is ever removed


def supported() -> bool:
    return sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def entry_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "autostart" / NAME


def _quote(arg: str) -> str:
    """One argument of a desktop entry's Exec line (freedesktop quoting rules)."""
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`%"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return '"' + escaped.replace("%", "%%") + '"'


def command() -> list[str]:
    """What the login session runs: this Python, the coach, hidden in the tray (and the data folder in use)."""
    script = Path(sys.executable).with_name("coach")  # the installed command beside this Python, if there is one
    cmd = [str(script), "--tray"] if script.is_file() else [sys.executable, "-m", "coach", "--tray"]
    home = os.environ.get("COACH_HOME", "").strip()
    return ["env", f"COACH_HOME={home}", *cmd] if home else cmd


def text() -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=IT-band coach",
            "Comment=Reminders for your exercise programme (starts hidden in the system tray)",
            "Exec=" + " ".join(_quote(a) for a in command()),
            "Icon=itband-coach",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            MARK,
            "",
        ]
    )


def enabled() -> bool:
    return entry_path().is_file()


def enable() -> Path:
    path = entry_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{NAME}.tmp")
    tmp.write_text(text(), encoding="utf-8")
    os.replace(tmp, path)
    return path


def disable() -> bool:
    """Remove the entry this app wrote; True if one was removed. A file without ``MARK`` is left alone."""
    path = entry_path()
    try:
        if MARK not in path.read_text(encoding="utf-8", errors="replace"):
            return False
    except FileNotFoundError:
        return False
    path.unlink()
    return True


def apply(want: bool) -> str:
    """Write or remove the entry to match ``want``; returns a status line for the user."""
    if want:
        return f"The coach will start in the system tray when you log in ({enable()})."
    return "The coach will no longer start at login." if disable() else ""
