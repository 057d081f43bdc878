"""Hostile routine files: FIFOs, devices, sockets, deep keys, control characters.

Each case must end quickly with a RoutineError naming the file (or, for the library, a listed failure);
never a hang, a MemoryError or gigabytes of parsing. Cases that would exhaust memory on a regression run in
a child process under a 1 GB address-space limit and a timeout.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach import paths
from coach.core.routines import RoutineError, load_routine
from coach.core.routines.loader import MAX_FILE_BYTES
from coach.core.routines.prescan import MAX_NESTING
from conftest import REPO

GOOD = sorted(paths.bundled_routines_dir().glob("*.toml"))[0].read_text()
LIMITED = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    from coach import paths
    from coach.core.routines import RoutineError, load_routine
    try:
        load_routine(sys.argv[1], assets_dir=paths.assets_or_none())
    except RoutineError as e:
        print("\\n".join(str(i) for i in e.issues))
        sys.exit(3)
    """)


def load_in_child(path, timeout=20) -> str:
    """load_routine(path) in a child limited to 1 GB; returns its issue lines (exit 3 = RoutineError)."""
    out = subprocess.run(
        [sys.executable, "-c", LIMITED, str(path)], cwd=REPO, capture_output=True, text=True, timeout=timeout
    )
    assert out.returncode == 3, (out.returncode, out.stdout, out.stderr[-500:])
    return out.stdout


def fifo(tmp_path, name="pipe.toml"):
    p = tmp_path / name
    os.mkfifo(p)
    return p


@pytest.mark.timeout(20)
def test_a_fifo_is_refused_without_blocking(tmp_path):
    p = fifo(tmp_path)
    with pytest.raises(RoutineError) as e:
        load_routine(p, assets_dir=paths.assets_or_none())
    assert e.value.issues[0].file == str(p) and "named pipe" in str(e.value)


@pytest.mark.timeout(60)
def test_a_fifo_in_the_routines_folder_does_not_hang_routines_list(coach_home):
    user = coach_home / "routines"
    user.mkdir(exist_ok=True)
    os.mkfifo(user / "pipe.toml")
    lib = paths.load_routines()
    assert lib.routines and [f.path.name for f in lib.failures] == ["pipe.toml"]
    out = subprocess.run(
        [sys.executable, "-m", "coach", "routines", "list"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "COACH_HOME": str(coach_home)},
    )
    assert out.returncode == 0, out.stderr
    assert "pipe.toml: is a named pipe (FIFO), not a routine file" in out.stdout


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null", "/dev/full"])
def test_a_symlink_to_a_device_is_refused_before_reading(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"{device} missing")
    p = tmp_path / "dev.toml"
    p.symlink_to(device)
    assert "is a device, not a routine file" in load_in_child(p)


def test_a_folder_and_a_socket_are_refused(tmp_path):
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(RoutineError, match="is a folder"):
        load_routine(tmp_path / "dir.toml", assets_dir=paths.assets_or_none())
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(tmp_path / "s.toml"))
        with pytest.raises(RoutineError, match="is a socket"):
            load_routine(tmp_path / "s.toml", assets_dir=paths.assets_or_none())
    finally:
        s.close()


def test_a_file_over_the_cap_is_refused(tmp_path):
    p = tmp_path / "big.toml"
    p.write_text("# " + "x" * MAX_FILE_BYTES + "\n")
    with pytest.raises(RoutineError, match="too large"):
        load_routine(p, assets_dir=paths.assets_or_none())


def test_a_50000_level_dotted_key_is_refused_before_parsing(tmp_path):
    p = tmp_path / "deep.toml"
    p.write_text("a" + ".a" * 50_000 + " = 1\n")  # 100 KB
    assert "dotted key with more than 16 parts at line 1" in load_in_child(p, timeout=10)


@pytest.mark.parametrize(
    "text",
    ["x = " + "[" * 5000 + "]" * 5000, "x = " + "{a = " * 3000 + "1" + "}" * 3000, "[" + ".".join(["t"] * 40) + "]\n"],
)
def test_deep_brackets_and_table_headers_are_refused(tmp_path, text):
    p = tmp_path / "deep.toml"
    p.write_text(text)
    assert "refused before parsing" in load_in_child(p, timeout=10)


def test_dots_in_strings_numbers_and_comments_are_not_nesting(tmp_path):
    from support.routine_files import make_assets

    extra = "\n# a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t\n"
    text = GOOD.replace('summary = "', 'summary = "v1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18 ', 1) + extra
    p = tmp_path / "ok.toml"
    p.write_text(text)
    assert load_routine(p, assets_dir=make_assets(tmp_path / "assets")).steps


@pytest.mark.parametrize(
    "field,value",
    [
        ("title", "Reset\x1b[2J\x1b[H"),
        ("summary", "ok\x07bell"),
        ("title", "abc\u202eevil"),
        ("title", "C1\x9bcontrol"),
    ],
)
def test_control_characters_in_routine_text_are_refused(tmp_path, field, value):
    import tomllib

    from support.routine_files import emit

    doc = tomllib.loads(GOOD)
    doc[field] = value
    p = tmp_path / "esc.toml"
    p.write_text(emit(doc))
    with pytest.raises(RoutineError) as e:
        load_routine(p, assets_dir=paths.assets_or_none())
    issue = next(i for i in e.value.issues if i.field == field)
    assert issue.file == str(p) and issue.step is None and "control character" in issue.message


def test_a_control_character_in_a_step_cue_names_the_step_and_the_check_output_stays_clean(tmp_path):
    import tomllib

    from support.routine_files import emit

    doc = tomllib.loads(GOOD)
    n = next(i for i, s in enumerate(doc["steps"], 1) if "cues" in s)
    doc["steps"][n - 1]["cues"] = ["fine", "clear\x1b[2J"]
    doc["steps"][n - 1]["k\x1bey"] = 1
    p = tmp_path / "esc\x1b[31m.toml"
    p.write_text(emit(doc))
    with pytest.raises(RoutineError) as e:
        load_routine(p, assets_dir=paths.assets_or_none())
    cue = next(i for i in e.value.issues if i.field == "cues")
    assert cue.step == n and "entry 2 contains a control character (U+001B)" in cue.message
    out = subprocess.run(
        [sys.executable, "-m", "coach", "routines", "check", str(p)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1 and "\x1b" not in out.stdout and "\\x1b" in out.stdout


# ---- fuzz: odd file kinds and deep nesting around real routines --------------------------------------
KINDS = st.sampled_from(["fifo", "dir", "dangling", "dev_null", "dev_zero", "regular"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=KINDS,
    depth=st.integers(1, 3000),
    style=st.sampled_from(["dotted", "array", "inline", "header"]),
    at=st.integers(0, 10_000),
)
@pytest.mark.timeout(120)
def test_fuzz_file_kinds_and_nesting_only_raise_routine_error(tmp_path_factory, kind, depth, style, at):
    d = tmp_path_factory.mktemp("k")
    p = d / "r.toml"
    if kind == "fifo":
        os.mkfifo(p)
    elif kind == "dir":
        p.mkdir()
    elif kind == "dangling":
        p.symlink_to(d / "gone")
    elif kind.startswith("dev_"):
        p.symlink_to("/dev/" + kind[4:])
    else:
        nest = {
            "dotted": "k" + ".k" * (depth - 1) + " = 1\n",
            "array": "z = " + "[" * depth + "]" * depth + "\n",
            "inline": "z = " + "{a = " * depth + "1" + "}" * depth + "\n",
            "header": "[" + ".".join(["h"] * depth) + "]\n",
        }[style]
        cut = at % (len(GOOD) + 1)
        cut = GOOD.rfind("\n", 0, cut) + 1
        p.write_text(GOOD[:cut] + nest + GOOD[cut:])
    try:
        load_routine(p, assets_dir=paths.assets_or_none())
    except RoutineError as e:
        assert e.issues and all(i.file == str(p) and i.message for i in e.issues)
        if kind == "regular" and depth > MAX_NESTING + 1:
            assert any("refused before parsing" in i.message for i in e.issues)
