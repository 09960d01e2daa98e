"""Response models of the JSON API (pydantic), shown in the OpenAPI schema at /docs.

Fields owned by a later stage (provisions, tables, citations, tasks, rules) are typed as
JSON objects: their shape is the export-record contract of that stage, documented in its
own docs page, and the API passes it through unchanged.

>>> Page(total=0, limit=20, offset=0, items=[]).total
0
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

Json = dict[str, Any]


class ErrorBody(BaseModel):
    """Every error: {"status": 404, "message": "no document 'x'"}."""

    status: int
    message: str
    detail: list[Json] | None = None


class Source(BaseModel):
    file: str
    issue: str
    line_start: int
    line_end: int


class IssueOut(BaseModel):
    name: str = Field(examples=["2018-08"])
    file: str
    ingested_at: str
    documents: int
    problems: list[str]


class DocumentSummary(BaseModel):
    id: str = Field(examples=["郑政-2017-34"])
    doc_no: str | None = Field(default=None, examples=["郑政〔2017〕34号"])
    date: str | None = None
    issuer: str | None = None
    genre: str | None = None
    title: str
    issue: str
    attachment_of: str | None = None
    status: str | None = None


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[DocumentSummary]


class LineOut(BaseModel):
    text: str
    line_start: int
    line_end: int


class DocumentDetail(DocumentSummary):
    enclosed_title: str | None = None
    addressees: list[str] = []
    source: Source
    flags: list[str] = []
    text: str
    lines: list[LineOut]
    work_uri: str | None = None
    provisions: list[Json] | None = None
    tables: list[Json] | None = None
    citations: list[Json] | None = None
    law_references: list[Json] | None = None
    repeals: list[Json] | None = None
    effect: Json | None = None
    status_detail: Json | None = None
    cited_by: list[DocumentSummary] = []
    tasks: list[Json] | None = None
    rules: Json | None = Field(default=None, description="provisions implemented by the rules package")


class HitUnit(BaseModel):
    eid: str | None = None
    heading: str | None = None
    snippet: str


class Hit(BaseModel):
    """One document found, with its best-matching unit; matches in `snippet` are in 【】."""

    doc_id: str
    doc_no: str | None = None
    title: str
    eid: str | None = None
    heading: str | None = None
    snippet: str
    score: float
    more: list[HitUnit] = Field(default=[], description="other matching units of the same document")
    date: str | None = None
    issuer: str | None = None
    genre: str | None = None
    status: str | None = None


class FacetValue(BaseModel):
    value: str
    count: int


class SearchResult(BaseModel):
    query: str
    engine: str = Field(description="'fulltext' (search stage) or 'title' (title match, before it lands)")
    total: int
    limit: int
    offset: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]


class GraphNode(BaseModel):
    id: str
    label: str
    title: str
    issue: str | None = None
    status: str | None = None
    external: bool = False


class GraphEdge(BaseModel):
    source: str
    target: str
    kind: str = Field(examples=["cites", "repeals", "forwards"])


class Graph(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class TaskList(BaseModel):
    available: bool = Field(description="False until the tasks stage is installed")
    total: int
    tasks: list[Json]


class PolicyList(BaseModel):
    available: bool = Field(description="False until the rules package is installed")
    policies: list[Json]


class CalculationRequest(BaseModel):
    facts: Json = Field(default_factory=dict, examples=[{"paid_in_capital": 600000000}])
    on: str | None = Field(default=None, description="date the policy is applied on (YYYY-MM-DD); default today",
                           pattern=r"^\d{4}-\d{2}-\d{2}$")


class CalculationResult(BaseModel):
    policy: str
    on: str
    result: Json
