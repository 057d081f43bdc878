"""Frame sources: ordered and live (latest frame wins), end and stall, real clips, bad files, a missing camera."""

from __future__ import annotations

import time

import numpy as np
import pytest

from coach.pose.sources import (
    CameraSource,
    CameraSourceSpec,
    MemorySource,
    SourceError,
    VideoSource,
    open_source,
    prefetch,
)
from conftest import clip
from support.pose_fakes import frame_number, numbered_frames


def read_all(src, limit=10_000):
    out = []
    while len(out) < limit:
        f = src.read(0.5)
        if f is None:
            if src.ended:
                break
            continue
        out.append(f)
    return out


def test_memory_source_ordered_gives_every_frame_then_ends():
    with MemorySource(numbered_frames(25)) as src:
        frames = read_all(src)
        assert [frame_number(f.image) for f in frames] == list(range(25))
        assert [f.index for f in frames] == list(range(25))
        assert src.ended and src.read() is None
        assert src.size == (160, 120) and src.captured == 25 and src.dropped == 0
    ts = [f.t for f in frames]
    assert ts == sorted(ts)


def test_memory_frames_own_their_pixels():
    base = numbered_frames(2)
    with MemorySource(base) as src:
        f = src.read()
        f.image[:] = 0
    assert frame_number(base[0]) == 0  # the source's frames are untouched


def test_fake_clock_times_for_unpaced_memory_source():
    with MemorySource(numbered_frames(3), times=[0.0, 0.5, 1.25]) as src:
        frames = read_all(src)
    assert np.allclose(np.diff([f.t for f in frames]), [0.5, 0.75])


def test_live_source_latest_frame_wins_and_stale_frames_are_dropped():
    src = MemorySource(numbered_frames(400), fps=400.0, paced=True)
    src.open()
    try:
        got = []
        for _ in range(8):
            time.sleep(0.05)  # a slow reader: the source runs ahead
            f = src.read(0.5)
            if f is not None:
                got.append(f)
        nums = [frame_number(f.image) for f in got]
        assert nums == sorted(nums) and len(set(nums)) == len(nums)  # newest first, never an old one again
        assert src.dropped > 0
        assert max(np.diff(nums)) > 1  # frames in between were skipped, not queued
        assert src.captured >= src.dropped + len(got)
    finally:
        src.close()
    assert src._thread is not None and not src._thread.is_alive()


def test_stalled_source_returns_none_without_ending():
    with MemorySource(numbered_frames(3), fps=100.0, paced=True, then="stall") as src:
        frames = read_all(src, limit=3)
        assert len(frames) >= 1
        assert src.read(0.3) is None and not src.ended


def test_paced_source_ends_after_the_last_frame():
    with MemorySource(numbered_frames(5), fps=200.0, paced=True) as src:
        read_all(src)
        assert src.ended


def test_real_clip_every_frame_in_order(videos_dir):
    with VideoSource(clip("squat_front_4reps.mp4")) as src:
        assert src.size == (640, 480) and src.fps == pytest.approx(20.0)
        frames = read_all(src)
    assert len(frames) == 238 == src.captured
    assert [f.index for f in frames] == list(range(238))
    assert frames[0].image.shape == (480, 640, 3) and frames[0].image.dtype == np.uint8


def _tiny_video(path, n=12, fps=100.0):
    import cv2

    w = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (64, 48))
    assert w.isOpened()
    for i in range(n):
        img = np.zeros((48, 64, 3), np.uint8)
        img[:, : 4 * (i + 1)] = 255  # a white bar that grows with the frame number
        w.write(img)
    w.release()
    return path


def test_video_paced_and_looping_stands_in_for_a_camera(tmp_path):
    path = _tiny_video(tmp_path / "tiny.avi")
    spec = CameraSourceSpec("video", path=path, paced=True, loop=True)
    src = open_source(spec)
    src.open()
    try:
        assert src.live and src.fps == pytest.approx(100.0)
        frames = read_all(src, limit=30)
        assert frames[-1].index > 12  # went on past the end of the file
        assert not src.ended
    finally:
        src.close()


def test_prefetch_keeps_order_applies_the_transform_and_reports_errors(tmp_path):
    with MemorySource(numbered_frames(50)) as src:
        got = [(f.index, x) for f, x in prefetch(src, lambda im: frame_number(im) * 2, depth=3)]
    assert got == [(i, 2 * i) for i in range(50)]

    class Broken(MemorySource):
        def _next(self):
            if self._i == 7:
                raise ValueError("decoder broke")
            return super()._next()

    with Broken(numbered_frames(20)) as src, pytest.raises(ValueError, match="decoder broke"):
        list(prefetch(src))


@pytest.mark.parametrize("content,name", [(b"this is not a video", "clip.mp4"), (b"", "empty.avi")])
def test_unreadable_video_is_a_one_line_source_error(tmp_path, content, name):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(SourceError) as e:
        VideoSource(p).open()
    assert str(p) in str(e.value) and "\n" not in str(e.value)


def test_missing_video_file():
    with pytest.raises(SourceError, match="no such video file"):
        VideoSource("/nonexistent/clip.mp4").open()


def test_missing_camera_is_a_clear_error():
    with pytest.raises(SourceError) as e:
        CameraSource(99).open()
    assert "No camera found at index 99" in str(e.value)


class BlockingCapture:
    """A V4L capture whose read() blocks (a stuck webcam) until release() is called."""

    def __init__(self):
        import threading

        self.released = threading.Event()
        self.reading = threading.Event()

    def read(self):
        self.reading.set()
        self.released.wait(30)
        return False, None

    def release(self):
        self.released.set()


def test_close_releases_a_blocked_webcam_and_the_grab_thread_ends():
    src = CameraSource(0)
    src.join_s = 0.3  # the first join gives up quickly: read() is blocked
    cap = BlockingCapture()
    src._cap = cap
    src._start_grabbing("camera-test")
    assert cap.reading.wait(5)
    t0 = time.monotonic()
    src.close()
    assert cap.released.is_set()  # released although the grab thread was still inside read()
    assert not src._thread.is_alive()  # ... which unblocked it, and the second join saw it end
    assert src._cap is None and time.monotonic() - t0 < 2.0
