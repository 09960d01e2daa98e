"""The data model of gongbao, in one place: one module per pipeline stage's values."""

from gongbao.models.ingest import Document, DocumentNumber, Issue, Line, SourceSpan

__all__ = ["Document", "DocumentNumber", "Issue", "Line", "SourceSpan"]
