"""The built wheel carries the routines and illustrations: an installed `coach routines list` finds them.

Builds the wheel, installs it with --no-deps (plus platformdirs) into a fresh venv and runs the
venv's `coach` from a folder outside the checkout, so nothing can come from the repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow


def run(cmd, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=600, **kw)


def test_installed_wheel_finds_bundled_routines_and_assets(tmp_path, coach_home):
    dist = tmp_path / "dist"
    built = run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", dist], cwd=REPO)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (wheel,) = dist.glob("itband_coach-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    bundled = sorted((REPO / "routines").glob("*.toml"))
    for f in bundled:
        assert f"coach/_data/routines/{f.name}" in names
    assert any(n.startswith("coach/_data/assets/illustrations/") and n.endswith(".svg") for n in names)

    venv = tmp_path / "venv"
    made = run([sys.executable, "-m", "venv", venv])
    assert made.returncode == 0, made.stderr
    py = venv / "bin" / "python"
    inst = run([py, "-m", "pip", "install", "-q", "--no-deps", wheel, "platformdirs"])
    assert inst.returncode == 0, inst.stdout + inst.stderr

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["COACH_HOME"] = str(coach_home)
    where = run([py, "-c", "import coach; print(coach.__file__)"], cwd=outside, env=env)
    assert where.stdout.strip().startswith(str(venv)), where.stdout + where.stderr

    listed = run([venv / "bin" / "coach", "routines", "list"], cwd=outside, env=env)
    assert listed.returncode == 0, listed.stdout + listed.stderr
    for f in bundled:
        title = tomllib.loads(f.read_text())["title"]
        assert title in listed.stdout, (title, listed.stdout)
    assert "invalid routine file" not in listed.stdout, listed.stdout  # illustrations were found too
    assert (
        str(venv) in run([py, "-c", "from coach import paths; print(paths.assets_dir())"], cwd=outside, env=env).stdout
    )

    checked = run([venv / "bin" / "coach", "routines", "check"], cwd=outside, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"all {len(bundled)} routine(s) OK" in checked.stdout
