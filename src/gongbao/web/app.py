"""The FastAPI application: JSON API under /api (OpenAPI at /docs) and server-rendered pages.

`create_app(db_path)` builds one application over one store. Templates and static files
ship inside this package (no CDN, no network); Jinja autoescaping is on for every
template, so gazette text is always shown as text.

>>> app = create_app(Path("/tmp/gongbao-doctest.sqlite3"))
>>> app.title
'gongbao'
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from gongbao.web import api, pages, upload
from gongbao.web.catalog import Catalog
from gongbao.web.render import table_html

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"

# `gongbao.models.links.State` values → what a reader sees.
STATUS_LABELS = {
    "in force": "现行有效", "not yet in force": "尚未施行", "expired": "已失效", "repealed": "已废止",
    "unknown": "效力不明",
}


def create_app(db_path: Path, admin_token: str | None = None, data_dir: Path | None = None) -> FastAPI:
    """The gongbao web application over the store at `db_path`.

    Args:
        db_path: the SQLite store (created if missing; `gongbao serve` ingests into it first).
        admin_token: token that allows uploads; default $GONGBAO_ADMIN_TOKEN; none = uploads off.
        data_dir: where uploads are kept (`pending/`, `gazettes/`); default `<db folder>/uploads`.
    """
    app = FastAPI(
        title="gongbao",
        summary="郑州市人民政府公报: documents, search, citations, tasks and policy calculators",
        version="0.1.0",
    )
    app.state.admin_token = admin_token if admin_token is not None else os.environ.get("GONGBAO_ADMIN_TOKEN") or None
    app.state.data_dir = (data_dir or db_path.parent / "uploads").resolve()
    app.state.catalog = Catalog(db_path, gazette_dirs=(app.state.data_dir / "gazettes",))
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    _error_handlers(app)
    return app


def warm_up(application: FastAPI) -> None:
    """Load what the first requests would otherwise wait for: the records, the status of
    every document and the search stage's word segmenter (about 2 s, once per process).
    """
    from gongbao.web.catalog import DocumentFilter
    from gongbao.web.services import run_search

    catalog = application.state.catalog
    for record in catalog.records():
        catalog.status_label(record)
    run_search(catalog, "公报", DocumentFilter())


def app_from_environment() -> FastAPI:
    """The warmed-up application over the store of $GONGBAO_DB (uvicorn's factory when
    `gongbao serve --workers N` runs several processes: each builds its own).
    """
    from gongbao.config import default_db_path

    application = create_app(default_db_path())
    warm_up(application)
    return application


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = templates.env
    env.autoescape = True
    env.auto_reload = False  # templates ship with the package: no stat() of each file per render
    env.filters["highlight"] = highlight
    env.filters["status_label"] = lambda s: STATUS_LABELS.get(s or "", s or "")
    env.filters["status_slug"] = lambda s: (s or "").replace(" ", "-")
    env.filters["docurl"] = lambda doc_id: "/documents/" + quote(doc_id)
    env.filters["cells"] = lambda line: line.split("\t")
    env.filters["table_html"] = table_html
    env.globals["today"] = date.today
    return templates


def highlight(text: str, query: str) -> Markup:
    """Escape `text`, then wrap each occurrence of the query's words in <mark>.

    The search stage marks matches with 【】 or «»; those markers become <mark> too.

    >>> str(highlight("废止<b>办法</b>", "办法"))
    '废止&lt;b&gt;<mark>办法</mark>&lt;/b&gt;'
    """
    escaped = str(escape(text))
    for opening, closing in (("【", "】"), ("«", "»"), ("[[", "]]")):
        if opening in escaped and closing in escaped:
            return Markup(escaped.replace(opening, "<mark>").replace(closing, "</mark>"))
    words = sorted({str(escape(w)) for w in query.split() if w}, key=len, reverse=True)
    for word in words:
        escaped = escaped.replace(word, f"\x00{word}\x01")
    return Markup(escaped.replace("\x00", "<mark>").replace("\x01", "</mark>"))


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", "")


def _error(request: Request, status: int, message: str, detail: list[dict[str, Any]] | None = None) -> Response:
    if _wants_json(request):
        body: dict[str, Any] = {"status": status, "message": message}
        if detail is not None:
            body["detail"] = detail
        return JSONResponse(body, status_code=status)
    return pages.render(request, "error.html", status_code=status, status=status, message=message)


def _error_handlers(app: FastAPI) -> None:
    # Starlette's class covers FastAPI's HTTPException and the router's own 404/405.
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.status_code != 404 or exc.detail != "Not Found" else f"没有 {request.url.path}"
        return _error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        summary = "; ".join(f"{'.'.join(p['loc'])}: {p['msg']}" for p in problems)
        return _error(request, 422, f"invalid input: {summary}", problems)

    @app.exception_handler(upload.TokenError)
    async def forbidden(request: Request, exc: upload.TokenError) -> Response:
        return _error(request, 403, str(exc))

    @app.exception_handler(upload.UploadError)
    async def bad_upload(request: Request, exc: upload.UploadError) -> Response:
        return _error(request, exc.status, str(exc))
