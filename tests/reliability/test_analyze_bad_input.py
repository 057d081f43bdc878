"""`coach analyze` on hostile input: exit 2 and one line on stderr, never a traceback.

Run in-process through ``coach.cli.main`` (capsys); the swapped-model case runs the real model in a child.
"""

from __future__ import annotations

import io
import os
import pathlib
import subprocess
import sys
import warnings
import zipfile

import numpy as np
import numpy.lib.format as npformat
import pytest

from coach.cli import main
from conftest import REPO, clip

GOOD = np.zeros((5, 33, 4), np.float32)


def analyze(capsys, *args) -> tuple[int, str, str]:
    code = main(["analyze", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def one_line(capsys, *args, needles=()) -> str:
    code, out, err = analyze(capsys, *args)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and out == "" and len(lines) == 1, (code, out, err)
    assert lines[0].startswith("coach analyze: error: ") and "Traceback" not in err
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


def npy_header(path, shape, descr="<f8", data=b"\0" * 64):
    buf = io.BytesIO()
    npformat.write_array_header_1_0(buf, {"descr": descr, "fortran_order": False, "shape": shape})
    path.write_bytes(buf.getvalue() + data)
    return path


def test_an_npz_renamed_npy(tmp_path, capsys):
    np.savez(tmp_path / "a.npz", x=GOOD)
    (tmp_path / "a.npz").rename(tmp_path / "a.npy")
    one_line(capsys, tmp_path / "a.npy", "--exercise", "squat", needles=["a.npy", ".npz"])


def test_an_empty_npy(tmp_path, capsys):
    (tmp_path / "e.npy").write_bytes(b"")
    one_line(capsys, tmp_path / "e.npy", "--exercise", "squat", needles=["e.npy", "empty"])


@pytest.mark.parametrize("shape", [(10**12, 33, 4), (2**40, 132), (3_000_000, 33, 4)])
def test_an_npy_header_claiming_a_huge_shape_is_refused_before_allocating(tmp_path, capsys, shape):
    p = npy_header(tmp_path / "h.npy", shape)
    line = one_line(capsys, p, "--exercise", "squat", needles=["h.npy", "shape"])
    assert "bytes" in line


def test_an_npy_header_larger_than_the_file(tmp_path, capsys):
    p = npy_header(tmp_path / "t.npy", (1000, 33, 4))
    one_line(capsys, p, "--exercise", "squat", needles=["t.npy", "truncated"])


@pytest.mark.parametrize("descr", ["|O", "<U4", "|V8"])
def test_an_npy_of_objects_text_or_records(tmp_path, capsys, descr):
    p = npy_header(tmp_path / "o.npy", (5, 33, 4), descr=descr, data=b"\0" * 10_000)
    one_line(capsys, p, "--exercise", "squat", needles=["o.npy"])


def test_an_npy_with_a_damaged_header(tmp_path, capsys):
    (tmp_path / "d.npy").write_bytes(b"\x93NUMPY\x01\x00\xff\xff{'descr': ")
    one_line(capsys, tmp_path / "d.npy", "--exercise", "squat", needles=["d.npy"])


def test_a_csv_field_over_the_csv_limit(tmp_path, capsys):
    p = tmp_path / "long.csv"
    p.write_text("1," + "2" * 140_000 + "\n")
    one_line(capsys, p, "--exercise", "squat", needles=["long.csv", "131,072"])


@pytest.mark.parametrize("text", ['1,2,"3\n4,5\n', '"' + "1," * 131 + "1\n", "1,2\n" + '"' * 3])
def test_a_csv_with_an_unterminated_quote(tmp_path, capsys, text):
    p = tmp_path / "q.csv"
    p.write_text(text)
    one_line(capsys, p, "--exercise", "squat", needles=["q.csv"])


def test_an_unreadable_csv(tmp_path, capsys, monkeypatch):
    p = tmp_path / "locked.csv"
    p.write_text("1,2\n")
    p.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        real_open = pathlib.Path.open

        def denied(self, *a, **k):
            if self == p:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *a, **k)

        monkeypatch.setattr(pathlib.Path, "open", denied)
    one_line(capsys, p, "--exercise", "squat", needles=["locked.csv", "Permission denied"])


def test_a_missing_model_through_the_environment_exits_2_like_model(tmp_path, capsys, monkeypatch, videos_dir):
    monkeypatch.setenv("COACH_POSE_MODEL", str(tmp_path / "gone.task"))
    v = clip("squat_front_4reps.mp4")
    env_line = one_line(capsys, v, "--exercise", "squat", needles=["COACH_POSE_MODEL", "gone.task"])
    monkeypatch.delenv("COACH_POSE_MODEL")
    flag_line = one_line(capsys, v, "--exercise", "squat", "--model", tmp_path / "gone.task", needles=["gone.task"])
    assert "not" in env_line and "not found" in flag_line


@pytest.mark.model
@pytest.mark.video
def test_a_model_whose_inner_files_are_swapped_fails_at_the_first_frame_with_one_line(tmp_path, model_path):
    """End to end in a child process: the bundle loads, then MediaPipe fails on the first frame."""
    swapped = tmp_path / "swapped.task"
    with zipfile.ZipFile(model_path) as z:
        names = z.namelist()
        assert len(names) == 2
        with zipfile.ZipFile(swapped, "w") as out:
            out.writestr(names[0], z.read(names[1]))
            out.writestr(names[1], z.read(names[0]))
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "coach",
            "analyze",
            str(clip("squat_front_4reps.mp4")),
            "--exercise",
            "squat",
            "--model",
            str(swapped),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert res.returncode == 2 and res.stdout == "" and len(lines) == 1, res.stderr[-2000:]
    assert lines[0].startswith("coach analyze: error: swapped.task loaded but fails on a frame")


# ---- fuzz: mutated landmark files only ever give exit 0, or exit 2 with one line --------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "insert", "delete", "truncate", "dup"]), st.integers(0, 10**6), st.integers(0, 255)
    ),
    min_size=1,
    max_size=6,
)


def _good_npy() -> bytes:
    buf = io.BytesIO()
    np.save(buf, np.random.default_rng(1).random((6, 33, 4)).astype(np.float32))
    return buf.getvalue()


def _good_csv() -> bytes:
    rows = np.random.default_rng(2).random((6, 133))
    rows[:, 0] = np.arange(6) / 30
    return (
        ("t," + ",".join(f"c{i}" for i in range(132)) + "\n").encode()
        + b"\n".join(",".join(f"{v:.4f}" for v in r).encode() for r in rows)
        + b"\n"
    )


SEEDS = {".npy": _good_npy(), ".csv": _good_csv()}


def mutate(data: bytes, edits) -> bytes:
    b = bytearray(data)
    for op, pos, byte in edits:
        pos %= max(1, len(b))
        if op == "flip" and b:
            b[pos] ^= byte or 0x80
        elif op == "insert":
            b.insert(pos, byte)
        elif op == "delete" and b:
            del b[pos]
        elif op == "truncate":
            del b[pos:]
        elif op == "dup":
            b[pos:pos] = b[pos : pos + 200] * (byte % 8 + 1)
    return bytes(b)


@FUZZ
@given(suffix=st.sampled_from([".npy", ".csv"]), edits=EDITS)
def test_fuzz_mutated_landmark_files_exit_0_or_one_line_2(tmp_path, capsys, suffix, edits):
    p = tmp_path / f"f{suffix}"
    p.write_bytes(mutate(SEEDS[suffix], edits))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy warning would be a second line on stderr
        code, out, err = analyze(capsys, p, "--exercise", "squat", "--json")
    if code == 0:
        assert out.startswith("{") and err == ""
        return
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and out == "" and len(lines) == 1 and lines[0].startswith("coach analyze: error: "), (code, err)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", ["pipe.csv", "pipe.npy", "pipe.mp4"])
def test_a_fifo_is_refused_without_blocking(tmp_path, capsys, name):
    os.mkfifo(tmp_path / name)
    one_line(capsys, tmp_path / name, "--exercise", "squat", needles=[name, "not a regular file"])


@pytest.mark.timeout(30)
@pytest.mark.parametrize("device,name", [("/dev/zero", "z.csv"), ("/dev/urandom", "r.npy"), ("/dev/zero", "z.mp4")])
def test_a_symlink_to_a_device_is_refused(tmp_path, capsys, device, name):
    (tmp_path / name).symlink_to(device)
    one_line(capsys, tmp_path / name, "--exercise", "squat", needles=[name, "not a regular file"])


def test_a_csv_too_big_to_parse_is_refused_before_reading(tmp_path, capsys):
    from coach.pose.input_checks import MAX_CSV_BYTES

    p = tmp_path / "big.csv"
    with open(p, "wb") as fh:
        fh.truncate(MAX_CSV_BYTES + 1)  # sparse: no disk used, and nothing is read
    one_line(capsys, p, "--exercise", "squat", needles=["big.csv", "too big"])
