"""The core must import without Qt, OpenCV or MediaPipe (they are adapters' business)."""

import subprocess
import sys

from conftest import REPO


def test_core_imports_no_adapters():
    code = (
        "import pkgutil, importlib, sys, coach.core as c\n"
        "mods = [m.name for m in pkgutil.walk_packages(c.__path__, 'coach.core.')]\n"
        "for m in mods: importlib.import_module(m)\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'cv2', 'mediapipe'))\n"
        "print(len(mods)); assert not bad, bad\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 3
