"""Timing helper shared by the `bench/*_bench.py` modules."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_seconds(work: Callable[[], object], runs: int = 3) -> float:
    """The fastest of `runs` wall-clock timings of `work()`, in seconds.

    The minimum is the least disturbed by other processes on a shared machine.
    """
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best
