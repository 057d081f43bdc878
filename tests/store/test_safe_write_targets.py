"""``file_target`` and the checks every user-named file goes through: a suffix is added only to a new or regular
file's name; a folder, device, FIFO, link or missing folder is a ``BadTarget`` (the commands' exit 2)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coach.store.errors import BadTarget, StoreError
from coach.store.safe_write import file_target, write_file
from support.file_targets import snapshot


def test_the_suffix_goes_only_on_a_new_or_regular_files_name(tmp_path):
    assert file_target(tmp_path / "physio", ".pdf", "write") == tmp_path / "physio.pdf"
    assert file_target(tmp_path / "r.PDF", ".pdf", "write") == tmp_path / "r.PDF"
    (tmp_path / "notes.txt").write_text("mine")
    assert file_target(tmp_path / "notes.txt", ".pdf", "write") == tmp_path / "notes.txt.pdf"
    assert file_target(tmp_path / "notes.txt", ".csv", "export", bare_only=True) == tmp_path / "notes.txt"
    assert file_target(tmp_path / "h", ".csv", "export", bare_only=True) == tmp_path / "h.csv"


@pytest.mark.parametrize("kind", ["folder", "fifo", "link", "device"])
def test_what_is_not_a_regular_file_is_refused_as_given(tmp_path, kind):
    target = tmp_path / "x"
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "link":
        (tmp_path / "real.pdf").write_text("keep")
        target.symlink_to(tmp_path / "real.pdf")
    else:
        target = Path("/dev/null")
    beside = snapshot(Path(f"{target}.pdf"))
    with pytest.raises(BadTarget, match=f"Can't write.*{target}") as got:
        file_target(target, ".pdf", "write the report")
    assert "\n" not in str(got.value) and snapshot(Path(f"{target}.pdf")) == beside
    with pytest.raises(BadTarget):
        write_file(target, lambda fp: fp.write(b"x"), what="export")
    assert not target.is_file() or kind == "link" and (tmp_path / "real.pdf").read_text() == "keep"


def test_a_missing_folder_is_bad_input_and_an_existing_file_without_overwrite_is_not(tmp_path):
    with pytest.raises(BadTarget, match="does not exist"):
        file_target(tmp_path / "no" / "r", ".pdf", "write the report")
    (tmp_path / "f").write_text("a file")
    with pytest.raises(BadTarget, match="is not a folder"):
        file_target(tmp_path / "f" / "r", ".pdf", "write the report")
    with pytest.raises(StoreError, match="already exists") as got:
        write_file(tmp_path / "f", lambda fp: fp.write(b"x"), what="export", overwrite=False)
    assert not isinstance(got.value, BadTarget) and (tmp_path / "f").read_text() == "a file"


def test_a_name_too_long_is_bad_input_in_one_line(tmp_path):
    with pytest.raises(BadTarget, match="too long") as got:
        file_target(tmp_path / ("r" * 300), ".pdf", "write the report")
    assert "\n" not in str(got.value)
    with pytest.raises(BadTarget, match="too long"):
        write_file(tmp_path / ("r" * 300), lambda fp: fp.write(b"x"), what="export")
