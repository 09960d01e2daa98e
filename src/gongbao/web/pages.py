"""Server-rendered pages (Jinja2, autoescaped): usable without JavaScript, better with it.

Each route gathers what the catalog and the stage verbs give and hands it to a template;
templates only lay it out. A capability that has not landed shows a short note instead.

>>> "/documents/{doc_id}" in {r.path for r in router.routes}
True
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gongbao.web import capabilities, services, upload
from gongbao.web.catalog import Catalog, DocumentFilter
from gongbao.web.forms import coerce_facts, input_fields
from gongbao.web.graph_svg import render_svg
from gongbao.web.render import provisions_html

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20


def _catalog(request: Request) -> Catalog:
    return request.app.state.catalog


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("capabilities", capabilities.available())
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status_code)


def _pages(total: int, page: int, params: dict[str, Any]) -> dict[str, Any]:
    count = max(1, math.ceil(total / PAGE_SIZE))
    keep = {k: v for k, v in params.items() if v not in (None, "")}

    def link(n: int) -> str:
        return "?" + urlencode({**keep, "page": n})

    return {"page": page, "count": count, "prev": link(page - 1) if page > 1 else None,
            "next": link(page + 1) if page < count else None}


def _facet_link(params: dict[str, Any], name: str, value: str | None) -> str:
    keep = {k: v for k, v in params.items() if v not in (None, "") and k not in (name, "page")}
    if value is not None:
        keep[name] = value
    return "?" + urlencode(keep)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    cat = _catalog(request)
    latest = [services.summary(r, cat.status_label(r)) for r in cat.latest(12)]
    return render(request, "home.html", issues=cat.issues(), counts=cat.counts(), latest=latest)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    year: Annotated[int | None, Query(ge=1949, le=2100)] = None,
    issuer: str | None = None,
    genre: str | None = None,
    status: str | None = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    cat = _catalog(request)
    params = {"q": q, "year": year, "issuer": issuer, "genre": genre, "status": status}
    wanted = DocumentFilter(year=year, issuer=issuer, genre=genre, status=status)
    result = services.run_search(cat, q.strip(), wanted, PAGE_SIZE, (page - 1) * PAGE_SIZE) if q.strip() else None
    facets = []
    if result:
        for name, values in result["facets"].items():
            facets.append({
                "name": name,
                "selected": params.get(name),
                "clear": _facet_link(params, name, None),
                "values": [{"value": v["value"], "count": v["count"],
                            "href": _facet_link(params, name, v["value"])} for v in values[:12]],
            })
    return render(request, "search.html", q=q, result=result, facets=facets,
                  pager=_pages(result["total"], page, params) if result else None)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    issue: str | None = None,
    year: Annotated[int | None, Query(ge=1949, le=2100)] = None,
    genre: str | None = None,
    issuer: str | None = None,
) -> HTMLResponse:
    cat = _catalog(request)
    wanted = DocumentFilter(issue=issue, year=year, genre=genre, issuer=issuer)
    records = cat.filtered(wanted)
    rows = [services.summary(r, cat.status_label(r)) for r in records]
    return render(request, "documents.html", rows=rows, issue=issue, year=year, genre=genre, issuer=issuer)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
async def document_page(request: Request, doc_id: str, original: bool = False) -> HTMLResponse:
    cat = _catalog(request)
    record = cat.document(doc_id)
    if record is None:
        raise HTTPException(404, f"没有文件 {doc_id}")
    # The page is the same for every reader until the store changes or the day turns (the
    # status is computed for today): render it once per store generation and day.
    key = ("document", cat.current_generation(), doc_id, original, date.today(),
           tuple(sorted(capabilities.available().items())))
    body = cat.page_cache.get_or_compute(key, lambda: _render_document(request, cat, record, original))
    return HTMLResponse(body)


def _render_document(request: Request, cat: Catalog, record: dict[str, Any], original: bool) -> bytes:
    doc_id = record["id"]
    host = cat.document(record["attachment_of"]) if record.get("attachment_of") else None
    rules = services.rule_links(doc_id)
    rules_by_eid: dict[str, list[dict[str, Any]]] = {}
    calculators: dict[str, dict[str, Any]] = {}
    for rule in rules:
        if rule["eid"]:
            rules_by_eid.setdefault(rule["eid"], []).append(rule)
        calc = calculators.setdefault(rule["policy"], {"policy": rule["policy"], "label": rule["label"], "articles": []})
        calc["articles"].append((rule["eid"], rule["article"]))
    tables = {t["eid"]: t for t in record.get("tables") or [] if t.get("eid")}
    placed = _kinds_by_eid(record.get("provisions") or [])
    return render(
        request, "document.html",
        provisions_html=provisions_html(record.get("provisions") or [], tables, rules_by_eid),
        loose_tables=[t for t in record.get("tables") or [] if placed.get(t.get("eid")) != "table"],
        doc=record,
        host=host,
        forwarded=cat.forwarded(doc_id),
        status=services.document_status(cat, record),
        cited_by=cat.cited_by(doc_id),
        links=services.document_links(cat, record),
        calculators=list(calculators.values()),
        original=original,
        side_by_side=cat.side_by_side(record),
        known_ids=cat.labels(),
    ).body


def _kinds_by_eid(nodes: list[dict[str, Any]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in nodes:
        found[node["eid"]] = node["kind"]
        found.update(_kinds_by_eid(node.get("children") or []))
    return found


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request, all: bool = False) -> HTMLResponse:
    graph = services.citation_graph(_catalog(request))
    linked = {e["source"] for e in graph["edges"]} | {e["target"] for e in graph["edges"]}
    shown = graph if all else {"nodes": [n for n in graph["nodes"] if n["id"] in linked], "edges": graph["edges"]}
    kinds: dict[str, int] = {}
    for edge in graph["edges"]:
        kinds[edge["kind"]] = kinds.get(edge["kind"], 0) + 1
    return render(request, "graph.html", svg=render_svg(shown), all=all, kinds=kinds,
                  nodes=len(shown["nodes"]), total_nodes=len(graph["nodes"]))


@router.get("/tasks", response_class=HTMLResponse)
def tasks_page(
    request: Request,
    unit: Annotated[str | None, Query(max_length=100)] = None,
    on: date | None = None,
    overdue: bool = False,
) -> HTMLResponse:
    today = on or date.today()
    board = services.task_board(_catalog(request), unit=unit or None, overdue_on=today, only_overdue=overdue)
    # One board per lead unit (牵头单位); a task led jointly is on each lead's board.
    units: dict[str, list[dict[str, Any]]] = {}
    for task in board["tasks"]:
        for lead in task.get("lead") or task.get("responsible") or ["未明确牵头单位"]:
            units.setdefault(lead, []).append(task)
    late = sum(1 for t in board["tasks"] if t.get("overdue"))
    query = urlencode({k: v for k, v in {"unit": unit}.items() if v})
    return render(request, "tasks.html", board=board, units=sorted(units.items(), key=lambda kv: -len(kv[1])),
                  unit=unit, today=today, overdue=overdue, late=late, query=("?" + query) if query else "")


@router.get("/tasks.{fmt}")
def tasks_download(
    request: Request,
    fmt: str,
    unit: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    if fmt not in ("csv", "ics"):
        raise HTTPException(404, "只提供 tasks.csv 与 tasks.ics")
    text = services.task_export(_catalog(request), fmt, unit or None)
    if text is None:
        raise HTTPException(404, "任务提取尚未可用")
    media = "text/csv; charset=utf-8" if fmt == "csv" else "text/calendar; charset=utf-8"
    return Response(text, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="gongbao-tasks.{fmt}"'})


@router.get("/rules", response_class=HTMLResponse)
def rules_page(request: Request) -> HTMLResponse:
    return render(request, "rules.html", listing=services.policies())


def _policy_or_404(policy_id: str) -> dict[str, Any]:
    try:
        return services.policy(policy_id)
    except services.UnknownPolicyError:
        raise HTTPException(404, f"没有计算器 {policy_id}") from None


@router.get("/rules/{policy_id}", response_class=HTMLResponse)
def calculator_page(request: Request, policy_id: str) -> HTMLResponse:
    policy = _policy_or_404(policy_id)
    return render(request, "calculator.html", policy=policy, fields=input_fields(policy, {}),
                  on=date.today().isoformat(), result=None, error=None)


@router.post("/rules/{policy_id}", response_class=HTMLResponse)
async def calculator_submit(request: Request, policy_id: str) -> HTMLResponse:
    policy = _policy_or_404(policy_id)
    form = await request.form()
    values = {k: str(v) for k, v in form.items()}
    on_text = values.pop("_on", "") or date.today().isoformat()
    result, error, status_code = None, None, 200
    try:
        on = date.fromisoformat(on_text)
        facts = coerce_facts(policy, values)
        result = services.calculate(policy_id, facts, on)
    except (ValueError, services.InvalidFactsError) as exc:
        error, status_code = str(exc), 422
    return render(request, "calculator.html", status_code=status_code, policy=policy,
                  fields=input_fields(policy, values), on=on_text, result=result, error=error)


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request) -> HTMLResponse:
    return render(request, "upload.html", enabled=bool(request.app.state.admin_token), preview=None,
                  error=None, limit=upload.MAX_UPLOAD_BYTES)


@router.post("/upload", response_class=HTMLResponse)
async def upload_preview(
    request: Request,
    file: Annotated[UploadFile, File()],
    token: Annotated[str, Form()] = "",
) -> HTMLResponse:
    upload.check_token(request.app.state.admin_token, token or request.headers.get("x-admin-token"))
    data = await file.read(upload.MAX_UPLOAD_BYTES + 1)
    preview = upload.stage(request.app.state.data_dir, _catalog(request).conn, file.filename or "",
                           file.content_type or "", data)
    return render(request, "upload.html", enabled=True, preview=preview, token=token, error=None,
                  limit=upload.MAX_UPLOAD_BYTES)


@router.post("/upload/confirm")
def upload_confirm(
    request: Request,
    digest: Annotated[str, Form(max_length=64)],
    name: Annotated[str, Form(max_length=40)],
    token: Annotated[str, Form()] = "",
) -> RedirectResponse:
    upload.check_token(request.app.state.admin_token, token or request.headers.get("x-admin-token"))
    result = upload.confirm(request.app.state.data_dir, _catalog(request).conn, digest, name)
    _catalog(request).invalidate()
    return RedirectResponse(f"/documents?{urlencode({'issue': result.issue})}", status_code=303)
