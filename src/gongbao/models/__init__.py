"""The data model of gongbao, in one place: one module per pipeline stage's values."""

from gongbao.models.ingest import Document, DocumentNumber, Issue, Line, SourceSpan
from gongbao.models.links import Citation as Citation, Effect as Effect, LawReference as LawReference, Repeal as Repeal, RepealKind as RepealKind, State as State, Status as Status  # noqa: E501
from gongbao.models.structure import Cell as Cell, Provision as Provision, Table as Table
from gongbao.models.tasks import Deadline as Deadline, DeadlineKind as DeadlineKind, Task as Task
from gongbao.models.search import Hit as Hit, ParsedQuery as ParsedQuery, QueryTerm as QueryTerm, SearchFilters as SearchFilters, SearchUnit as SearchUnit  # noqa: E501

__all__ = ["Document", "DocumentNumber", "Issue", "Line", "SourceSpan"]
