"""The data model of gongbao, in one place: one module per pipeline stage's values."""

from gongbao.models.ingest import Document, DocumentNumber, Issue, Line, SourceSpan
from gongbao.models.links import (
    Citation,
    Effect,
    LawReference,
    Repeal,
    RepealKind,
    State,
    Status,
)
from gongbao.models.search import Hit, ParsedQuery, QueryTerm, SearchFilters, SearchUnit
from gongbao.models.structure import Cell, Provision, Table
from gongbao.models.tasks import Deadline, DeadlineKind, Task

__all__ = [
    "Cell",
    "Citation",
    "Deadline",
    "DeadlineKind",
    "Document",
    "DocumentNumber",
    "Effect",
    "Hit",
    "Issue",
    "LawReference",
    "Line",
    "ParsedQuery",
    "Provision",
    "QueryTerm",
    "Repeal",
    "RepealKind",
    "SearchFilters",
    "SearchUnit",
    "SourceSpan",
    "State",
    "Status",
    "Table",
    "Task",
]
