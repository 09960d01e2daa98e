"""The read side of the web application: the store, seen as pages and API responses need it.

A `Catalog` owns one SQLite connection per worker thread and a cache of the parsed export
records, keyed by the store's fingerprint (the issues and their hashes), so that a page
that needs every record (graph, cited-by, facets, boards) does not re-parse 100 JSON
records per request, and an upload is seen at once. It filters, pages and joins what the
stages computed; it never parses gazette text or applies a rule itself.

>>> Catalog(Path("/tmp/gongbao-doctest.sqlite3")).counts()["documents"] >= 0
True
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from gongbao import store
from gongbao.config import BUNDLED_CORPUS
from gongbao.read import ReadError, decode_gazette
from gongbao.web import capabilities
from gongbao.web.cache import LRUCache, configured_size

# How long the record cache is trusted before the store's fingerprint is read again.
RECHECK_SECONDS = 1.0


@dataclass(frozen=True)
class DocumentFilter:
    """Filters shared by the document list and search: all optional, all exact except `title`."""

    issue: str | None = None
    year: int | None = None
    issuer: str | None = None
    genre: str | None = None
    status: str | None = None
    title: str | None = None
    include_forwarded: bool = True

    def accepts(self, record: dict[str, Any], status: str | None = None) -> bool:
        """Does the record pass every filter that is set?

        >>> DocumentFilter(year=2018).accepts({"date": "2018-08-01", "source": {"issue": "2018-08"}})
        True
        """
        if self.issue and record["source"]["issue"] != self.issue:
            return False
        if self.year and record_year(record) != self.year:
            return False
        if self.issuer and record.get("issuer") != self.issuer:
            return False
        if self.genre and record.get("genre") != self.genre:
            return False
        if self.status and status != self.status:
            return False
        if self.title and self.title not in record.get("title", ""):
            return False
        return self.include_forwarded or not record.get("attachment_of")


def record_year(record: dict[str, Any]) -> int | None:
    """The year a document was issued: its date, else the year of its number.

    >>> record_year({"date": None, "doc_no_parts": {"year": 2017}})
    2017
    """
    if record.get("date"):
        return int(record["date"][:4])
    parts = record.get("doc_no_parts") or {}
    return parts.get("year")


class Catalog:
    """Stored documents for the web layer (one per application)."""

    def __init__(self, db_path: Path, gazette_dirs: tuple[Path, ...] = ()) -> None:
        self.db_path = db_path
        # Where original gazette files are looked up by `source.file` (uploads first).
        self.gazette_dirs = (*gazette_dirs, BUNDLED_CORPUS)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._cache_key: str | None = None
        self._records: list[dict[str, Any]] = []
        self._by_id: dict[str, dict[str, Any]] = {}
        self._by_number: dict[tuple[str, int | None, int], str] = {}
        self._corpus: Any = None
        self._cited_by: dict[str, list[str]] = {}
        self._forwarded: dict[str, list[dict[str, Any]]] = {}
        self._labels: dict[str, str] = {}
        self._checked_at = float("-inf")
        self._status_cache: dict[tuple[str, date], dict[str, Any] | None] = {}
        # Bumped each time the store is seen to have changed: caches of derived answers
        # (search results, rendered pages) key on it, so an ingest or upload empties them.
        self.generation = 0
        self.search_cache = LRUCache(configured_size())
        self.page_cache = LRUCache(configured_size())
        self.conn.execute("SELECT 1")  # open the store (and create its schema) once, up front

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (sqlite3 connections are not shared between threads)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = store.connect(self.db_path)
            self._local.conn = conn
        return conn

    def fingerprint(self) -> str:
        row = self.conn.execute(
            "SELECT COUNT(*), COALESCE(group_concat(name || ':' || sha256, ','), '') FROM issues"
        ).fetchone()
        return f"{row[0]}|{row[1]}"

    def invalidate(self) -> None:
        """Look at the store again on the next read (after an upload through the app)."""
        self._checked_at = float("-inf")

    def records(self) -> list[dict[str, Any]]:
        """Every stored record in issue and printed order.

        Cached until the store changes; the store is looked at again at most once per
        `RECHECK_SECONDS`, so an ingest from the command line shows up within a second.
        """
        now = time.monotonic()
        if now - self._checked_at < RECHECK_SECONDS:
            return self._records
        key = self.fingerprint()
        with self._lock:
            self._checked_at = now
            if key != self._cache_key:
                self._records = store.documents(self.conn)
                self._by_id = {r["id"]: r for r in self._records}
                self._by_number = {}
                for r in self._records:
                    parts = r.get("doc_no_parts")
                    if parts:
                        self._by_number.setdefault((parts["prefix"], parts["year"], parts["serial"]), r["id"])
                corpus = capabilities.corpus_class()
                self._corpus = corpus.from_records(self._records) if corpus is not None else None
                self._status_cache = {}
                self._cited_by = self._reverse_links()
                self._forwarded = {}
                for r in self._records:
                    if r.get("attachment_of"):
                        self._forwarded.setdefault(r["attachment_of"], []).append(r)
                self._labels = {r["id"]: r.get("doc_no") or r["title"] for r in self._records}
                self._cache_key = key
                self.generation += 1
            return self._records

    def document(self, doc_id: str) -> dict[str, Any] | None:
        self.records()
        return self._by_id.get(doc_id)

    def current_generation(self) -> int:
        """The store version the cached records belong to (rechecked at most once a second)."""
        self.records()
        return self.generation

    def forwarded(self, doc_id: str) -> list[dict[str, Any]]:
        """The texts a document forwards (转发件), in printed order."""
        self.records()
        return self._forwarded.get(doc_id, [])

    def labels(self) -> dict[str, str]:
        """id → what a link to the document shows: its number, else its title."""
        self.records()
        return self._labels

    def issues(self) -> list[dict[str, Any]]:
        return store.issues(self.conn)

    def counts(self) -> dict[str, int]:
        records = self.records()
        return {
            "issues": len(self.issues()),
            "documents": sum(1 for r in records if not r.get("attachment_of")),
            "forwarded": sum(1 for r in records if r.get("attachment_of")),
            "provisions": sum(_count_provisions(r.get("provisions") or []) for r in records),
            "citations": sum(len(r.get("citations") or []) for r in records),
            "tasks": sum(len(r.get("tasks") or []) for r in records),
        }

    def latest(self, n: int = 10) -> list[dict[str, Any]]:
        """The most recently dated documents (forwarded texts left out)."""
        own = [r for r in self.records() if not r.get("attachment_of")]
        return sorted(own, key=lambda r: (r.get("date") or "", r["id"]), reverse=True)[:n]

    # -- status (links stage) -------------------------------------------------------

    def corpus(self) -> Any | None:
        """The links stage's `Corpus` over the stored records (None before it lands)."""
        self.records()
        return self._corpus

    def status(self, record: dict[str, Any], on: date | None = None) -> dict[str, Any] | None:
        """The status of a document on a date ({state, reason, by, since, …}), from the links
        stage (None before it lands). Cached per store version, document and date.
        """
        verb = capabilities.status_verb()
        corpus = self.corpus()
        if verb is None or corpus is None:
            return None
        key = (record["id"], on or date.today())
        if key not in self._status_cache:
            if len(self._status_cache) > 50_000:  # many distinct dates asked: start over
                self._status_cache.clear()
            self._status_cache[key] = _as_dict(verb(record, key[1], corpus))
        return self._status_cache[key]

    def status_label(self, record: dict[str, Any], on: date | None = None) -> str | None:
        """The state alone: "in force", "expired", "repealed", … (None before links land)."""
        found = self.status(record, on)
        return found.get("state") if found else None

    # -- list, filter, facets ---------------------------------------------------------

    def filtered(self, wanted: DocumentFilter, on: date | None = None) -> list[dict[str, Any]]:
        needs_status = wanted.status is not None
        return [
            r for r in self.records()
            if wanted.accepts(r, self.status_label(r, on) if needs_status else None)
        ]

    def facets(self, records: list[dict[str, Any]], on: date | None = None) -> dict[str, list[tuple[str, int]]]:
        """Counts per year, issuer, genre (and status when links land), most frequent first."""
        facets: dict[str, Counter] = {"year": Counter(), "issuer": Counter(), "genre": Counter()}
        with_status = capabilities.status_verb() is not None
        if with_status:
            facets["status"] = Counter()
        for r in records:
            year = record_year(r)
            if year:
                facets["year"][str(year)] += 1
            if r.get("issuer"):
                facets["issuer"][r["issuer"]] += 1
            if r.get("genre"):
                facets["genre"][r["genre"]] += 1
            if with_status:
                label = self.status_label(r, on)
                if label:
                    facets["status"][label] += 1
        ordered = {
            "year": sorted(facets["year"].items(), reverse=True),
        }
        for name, counter in facets.items():
            if name != "year":
                ordered[name] = counter.most_common()
        return ordered

    # -- links --------------------------------------------------------------------

    def resolve(self, link: dict[str, Any]) -> str | None:
        """The id of the stored document a citation or repeal names, or None.

        The links stage's `Corpus.resolve` decides; before it lands, the printed number
        (`number_parts`) is looked up among the stored documents, as `gongbao show` does.
        """
        self.records()
        corpus = self._corpus
        if corpus is not None and isinstance(link, dict) and link.get("number"):
            resolution = corpus.resolve(link)
            return resolution.target if resolution.in_corpus else None
        parts = link.get("number_parts") if isinstance(link, dict) else None
        if not parts:
            return None
        return self._by_number.get((parts.get("prefix"), parts.get("year"), parts.get("serial")))

    def _reverse_links(self) -> dict[str, list[str]]:
        """cited document id → ids of the documents citing or repealing it (printed order)."""
        reverse: dict[str, list[str]] = {}
        for r in self._records:
            for link in (r.get("citations") or []) + (r.get("repeals") or []):
                target = self.resolve(link) if isinstance(link, dict) else None
                if target and target != r["id"] and r["id"] not in reverse.get(target, []):
                    reverse.setdefault(target, []).append(r["id"])
        return reverse

    def cited_by(self, doc_id: str) -> list[dict[str, Any]]:
        """Documents whose citations or repeals resolve to `doc_id`."""
        self.records()
        return [self._by_id[i] for i in self._cited_by.get(doc_id, [])]

    # -- original gazette text ------------------------------------------------------

    def source_lines(self, file: str) -> list[str] | None:
        """The physical lines of an original gazette file, or None when it is not on disk."""
        for folder in self.gazette_dirs:
            path = folder / file
            if path.name == file and path.is_file():
                return _read_lines(str(path), path.stat().st_mtime_ns)
        return None

    def side_by_side(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        """Each cleaned line of a document next to the original lines it came from."""
        original = self.source_lines(record["source"]["file"]) or []
        rows = []
        for line in record.get("lines") or []:
            start, end = line["line_start"], line["line_end"]
            raw = [text for text in original[start - 1:end] if text.strip()]
            rows.append({"text": line["text"], "line_start": start, "line_end": end, "raw": raw})
        return rows


@lru_cache(maxsize=16)
def _read_lines(path: str, _mtime: int) -> list[str] | None:
    try:
        return decode_gazette(Path(path).read_bytes(), Path(path).name).split("\n")
    except (OSError, ReadError):
        return None


def _count_provisions(nodes: list[dict[str, Any]]) -> int:
    return sum(1 + _count_provisions(n.get("children") or []) for n in nodes)



def _as_dict(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return value
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(value)
    return {"status": str(value)}
