"""A small thread-safe LRU cache for answers the web layer derives from the store.

Search results and rendered document pages are the same for every reader until the store
changes, so they are kept here, keyed by the catalog's `generation` (bumped when an ingest
or upload changes the store) and by everything else the answer depends on (query,
filters, date, …). An old generation's entries are never looked up again and fall out as
new ones come in. Size 0 turns the cache off (every request computes: the "cold" figure
of the benchmark).

`GONGBAO_WEB_CACHE` (entries, default 1024) sets the size of each cache.

>>> cache = LRUCache(2)
>>> cache.get_or_compute("a", lambda: 1), cache.get_or_compute("a", lambda: 2)
(1, 1)
>>> LRUCache(0).get_or_compute("a", lambda: 3)
3
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

DEFAULT_SIZE = 1024


def configured_size() -> int:
    """Entries per cache from $GONGBAO_WEB_CACHE (0 = off), else `DEFAULT_SIZE`.

    Example: GONGBAO_WEB_CACHE=0 → 0; unset or not a number → 1024.
    """
    try:
        return max(0, int(os.environ.get("GONGBAO_WEB_CACHE", DEFAULT_SIZE)))
    except ValueError:
        return DEFAULT_SIZE


class LRUCache:
    """At most `size` entries; the least recently used one goes first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value for `key`, else `compute()` (stored unless the cache is off).

        Two threads missing the same key both compute; the answer is the same, and the
        lock is not held while computing (a search must not wait for another).
        """
        if self.size <= 0:
            return compute()
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
            self.misses += 1
        value = compute()
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
