"""Values of the search stage: the units that are indexed, parsed queries and ranked hits.

A *unit* is the smallest piece of a document that search returns: a provision (when the
structure stage has added `provisions` to the record) or a paragraph of the document's
logical lines. Every unit keeps the line span it came from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchUnit:
    """One indexed piece of a document.

    `eid` is the provision eId (``sec_3__subsec_1__para_2``) or None for a paragraph of the
    fallback granularity (the record has no `provisions`).
    """

    doc_id: str
    eid: str | None
    heading: str | None
    text: str
    line_start: int
    line_end: int


@dataclass(frozen=True)
class QueryTerm:
    """One positive part of a query: a word as typed (``留守儿童``) or a quoted phrase.

    `tokens` are the jieba search-mode tokens the index is matched against; a phrase must in
    addition occur verbatim (after normalisation) in the unit's text.
    """

    text: str
    tokens: tuple[str, ...]
    phrase: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """A query split into positive terms and excluded words (``-word``), all normalised."""

    terms: tuple[QueryTerm, ...]
    excluded: tuple[QueryTerm, ...] = ()


@dataclass(frozen=True)
class SearchFilters:
    """Restrictions on the documents a search may return (all optional, combined with AND).

    `ids` restricts to a set of document ids (e.g. the documents in force on a date).
    """

    year: int | None = None
    issue: str | None = None
    issuer: str | None = None
    genre: str | None = None
    prefix: str | None = None
    ids: frozenset[str] | None = None


@dataclass
class Hit:
    """A ranked search result: one unit of one document.

    Hits of the same document are adjacent, documents in order of their best unit. The
    snippet marks matched words with 【 and 】. `score` is higher for better matches.
    """

    doc_id: str
    doc_no: str | None
    title: str
    eid: str | None
    snippet: str
    score: float
    heading: str | None = None
    issue: str | None = None
    line_start: int | None = None
    line_end: int | None = None

    def to_dict(self) -> dict:
        """The JSON form used by `gongbao search --json` and the API."""
        return {
            "doc_id": self.doc_id,
            "doc_no": self.doc_no,
            "title": self.title,
            "eid": self.eid,
            "snippet": self.snippet,
            "score": round(self.score, 4),
            "heading": self.heading,
            "issue": self.issue,
            "line_start": self.line_start,
            "line_end": self.line_end,
        }
