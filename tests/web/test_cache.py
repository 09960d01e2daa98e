"""The web layer's LRU cache: least recently used out first, size 0 = off."""

from __future__ import annotations

from gongbao.web.cache import LRUCache, configured_size


def test_least_recently_used_entry_goes_first():
    cache = LRUCache(2)
    calls: list[str] = []

    def compute(key: str):
        return lambda: calls.append(key) or key.upper()

    assert cache.get_or_compute("郑政", compute("郑政")) == "郑政"
    cache.get_or_compute("煤", compute("煤"))
    cache.get_or_compute("郑政", compute("郑政"))  # used again: 煤 is now the oldest
    cache.get_or_compute("儿童", compute("儿童"))  # evicts 煤
    cache.get_or_compute("郑政", compute("郑政"))
    cache.get_or_compute("煤", compute("煤"))
    assert calls == ["郑政", "煤", "儿童", "煤"]
    assert (cache.hits, cache.misses) == (2, 4)


def test_size_zero_computes_every_time():
    cache = LRUCache(0)
    calls: list[int] = []
    for _ in range(3):
        cache.get_or_compute("煤", lambda: calls.append(1))
    assert len(calls) == 3 and len(cache) == 0


def test_size_from_environment(monkeypatch):
    for value, size in (("0", 0), ("16", 16), ("-3", 0), ("many", 1024)):
        monkeypatch.setenv("GONGBAO_WEB_CACHE", value)
        assert configured_size() == size
    monkeypatch.delenv("GONGBAO_WEB_CACHE")
    assert configured_size() == 1024
