"""The JSON API under /api: thin routes over the catalog and the stage verbs.

Errors are JSON bodies `{"status": …, "message": …}` (see `app.py`): 404 for an unknown
document or policy, 422 for invalid input.

>>> sorted(r.path for r in router.routes)[:2]
['/api/documents', '/api/documents/{doc_id}']
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response

from gongbao.web import schemas, services
from gongbao.web.catalog import Catalog, DocumentFilter

router = APIRouter(prefix="/api", tags=["api"])
ERRORS = {404: {"model": schemas.ErrorBody}, 422: {"model": schemas.ErrorBody}}

Limit = Annotated[int, Query(ge=1, le=100, description="page size")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="items to skip")]
Year = Annotated[int | None, Query(ge=1949, le=2100)]
OnDate = Annotated[date | None, Query(description="status on this date (default today)")]


def catalog(request: Request) -> Catalog:
    return request.app.state.catalog


@router.get("/issues", response_model=list[schemas.IssueOut], summary="Gazette issues in the store")
def list_issues(request: Request) -> list[dict]:
    return catalog(request).issues()


@router.get("/documents", response_model=schemas.Page, responses=ERRORS, summary="Documents, filtered and paged")
def list_documents(
    request: Request,
    issue: str | None = None,
    year: Year = None,
    issuer: str | None = None,
    genre: str | None = None,
    status: str | None = None,
    title: Annotated[str | None, Query(max_length=200, description="title contains")] = None,
    forwarded: Annotated[bool, Query(description="include forwarded texts (转发件)")] = True,
    on: OnDate = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict:
    cat = catalog(request)
    wanted = DocumentFilter(issue, year, issuer, genre, status, title, forwarded)
    found = cat.filtered(wanted, on)
    items = [services.summary(r, cat.status_label(r, on)) for r in found[offset:offset + limit]]
    return {"total": len(found), "limit": limit, "offset": offset, "items": items}


@router.get("/documents/{doc_id}", response_model=schemas.DocumentDetail, responses=ERRORS,
            summary="One document with its provisions, tables, links, tasks and rules")
def get_document(request: Request, doc_id: str, on: OnDate = None) -> dict:
    cat = catalog(request)
    record = cat.document(doc_id)
    if record is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    detail = dict(record)
    detail.update(services.summary(record, cat.status_label(record, on)))
    detail["status_detail"] = services.document_status(cat, record, on)
    detail["cited_by"] = [services.summary(r) for r in cat.cited_by(doc_id)]
    detail["rules"] = services.rules_for_document(doc_id)
    return detail


@router.get("/search", response_model=schemas.SearchResult, responses=ERRORS, summary="Full-text search")
async def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200, description="words or a document number")],
    year: Year = None,
    issuer: str | None = None,
    genre: str | None = None,
    status: str | None = None,
    on: OnDate = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    wanted = DocumentFilter(year=year, issuer=issuer, genre=genre, status=status)
    result = services.run_search(catalog(request), q, wanted, limit, offset, on)
    # The hits already have the shape of `SearchResult` (services builds them field by
    # field): encode them directly rather than validate ~20 hits again per request.
    return Response(json.dumps(result, ensure_ascii=False, allow_nan=False, separators=(",", ":")),
                    media_type="application/json")


@router.get("/graph", response_model=schemas.Graph, summary="Citation graph: documents, citations, repeals")
def graph(request: Request, on: OnDate = None) -> dict:
    return services.citation_graph(catalog(request), on)


@router.get("/tasks", response_model=schemas.TaskList, responses=ERRORS, summary="Tasks by unit and deadline")
def tasks(
    request: Request,
    unit: Annotated[str | None, Query(max_length=100)] = None,
    due_before: date | None = None,
    overdue_on: Annotated[date | None, Query(description="mark (and with overdue=true keep only) tasks overdue on this date")] = None,
    overdue: bool = False,
) -> dict:
    return services.task_board(catalog(request), unit, due_before, overdue_on or (date.today() if overdue else None),
                               only_overdue=overdue)


@router.get("/rules", response_model=schemas.PolicyList, summary="Computable policies and their inputs")
def rules() -> dict:
    return services.policies()


@router.post("/rules/{policy}/calculate", response_model=schemas.CalculationResult, responses=ERRORS,
             summary="Run a policy on the facts given")
def calculate(policy: str, body: schemas.CalculationRequest) -> dict:
    try:
        on = date.fromisoformat(body.on) if body.on else date.today()
    except ValueError:
        raise HTTPException(422, f"invalid date {body.on!r}") from None
    try:
        result = services.calculate(policy, body.facts, on)
    except services.UnknownPolicyError:
        raise HTTPException(404, f"no policy {policy!r}") from None
    except services.InvalidFactsError as exc:
        raise HTTPException(422, str(exc)) from None
    return {"policy": policy, "on": on.isoformat(), "result": result if isinstance(result, dict) else {"value": result}}
