"""The second-person search on its own thread: the caller never waits, each answer is handed over once, a failed
search turns the searches off, and the follower asks again on the next frame while a search runs."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from coach.pose.people import PersonFollower
from coach.pose.search_thread import SearchThread


def _wait(pred, s=5.0):
    end = time.monotonic() + s
    while not pred():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.005)


def test_a_slow_search_never_holds_up_the_caller_and_answers_once():
    go, seen = threading.Event(), []
    person = np.zeros((33, 4), np.float32)

    def find(rgb):
        seen.append(rgb)
        go.wait(5)
        return [person]

    st = SearchThread(find)
    frame = np.ones((4, 4, 3), np.uint8)
    t0 = time.monotonic()
    assert st(frame) is None  # started: no news yet
    frame[:] = 7  # the caller reuses its buffer: the search has its own copy
    assert st(frame) is None and st.busy
    assert time.monotonic() - t0 < 0.5
    go.set()
    _wait(lambda: not st.busy)
    got = st(frame)
    assert got is not None and len(got) == 1 and got[0] is person
    assert int(seen[0].max()) == 1
    assert st(frame) is None  # the answer was handed over once; this call started the next search
    _wait(lambda: not st.busy)
    assert st(frame) is not None
    st.close()


def test_a_failed_search_re_raises_once_and_the_follower_stops_searching():
    def find(rgb):
        raise RuntimeError("model broke")

    st = SearchThread(find)
    f = PersonFollower(st)
    rgb = np.zeros((48, 64, 3), np.uint8)
    f.crop(rgb, 0.0)  # starts the search
    _wait(lambda: not st.busy)
    f.crop(rgb, 0.033)  # the answer is the error: searches off, the whole frame as before
    assert f._find is None and f.crop(rgb, 0.066)[1] is None
    with pytest.raises(RuntimeError):
        SearchThread(find)._find(rgb)
    st.close()


def test_the_follower_asks_again_each_frame_while_the_thread_has_no_answer():
    answers = iter([None, None, [], None])
    calls = []

    def find(rgb):
        calls.append(1)
        return next(answers)

    f = PersonFollower(find)
    rgb = np.zeros((48, 64, 3), np.uint8)
    for i in range(3):
        f.crop(rgb, i / 30)
    assert len(calls) == 3  # no answer twice: asked on frames 0, 1 and 2
    f.crop(rgb, 3 / 30)  # the answer came on frame 2: the next search waits its turn
    assert len(calls) == 3
