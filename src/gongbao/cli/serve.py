"""`gongbao serve`: the web application and JSON API on a local port."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from gongbao import store
from gongbao.cli.app import DbOption, app, err_console, fail
from gongbao.config import default_db_path
from gongbao.pipeline import EmptyIssueError, bundled_issues
from gongbao.read import ReadError

# Two processes use both cores of a small machine: one Python process is bound by its
# interpreter lock to about one core (docs/web.md, Benchmark).
DEFAULT_WORKERS = 1


def ensure_corpus(db_path) -> int:
    """Ingest the bundled corpus when the store holds no issue yet; returns issues added.

    Example: a fresh store → 5 (the five bundled issues); a store with documents → 0.
    """
    conn = store.connect(db_path)
    try:
        if conn.execute("SELECT COUNT(*) FROM issues").fetchone()[0]:
            return 0
        try:
            issues = bundled_issues()
        except (ReadError, EmptyIssueError) as exc:
            raise fail(f"{exc}") from None
        # One batch, as `gongbao ingest` writes it: the search dictionary of every issue is
        # known before any issue is indexed.
        store.save_issues(conn, issues)
        return len(issues)
    finally:
        conn.close()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    db: DbOption = None,
    admin_token: Annotated[str | None, typer.Option(
        envvar="GONGBAO_ADMIN_TOKEN", help="Token that allows uploads (default: $GONGBAO_ADMIN_TOKEN; none: uploads off).",
        show_default=False)] = None,
    workers: Annotated[int, typer.Option(
        min=1, max=32, envvar="GONGBAO_WEB_WORKERS",
        help="Server processes sharing the port (each loads the records and the segmenter).")] = DEFAULT_WORKERS,
) -> None:
    """Serve the web application (and the JSON API, OpenAPI at /docs), ingesting the bundled corpus first if the store is empty."""
    import uvicorn

    from gongbao.web import create_app
    from gongbao.web.app import warm_up
    from gongbao.web.serving import HTTP_PROTOCOL

    db_path = db or default_db_path()
    added = ensure_corpus(db_path)
    if added:
        err_console.print(f"ingested the bundled corpus ({added} issues) into {db_path}")
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/] serving on {host}: reachable from other machines")
    err_console.print(f"gongbao on http://{host}:{port}/  (store {db_path}, {workers} process(es))", highlight=False)
    if workers == 1:
        application = create_app(db_path, admin_token=admin_token)
        warm_up(application)
        uvicorn.run(application, host=host, port=port, http=HTTP_PROTOCOL, log_level="warning", access_log=False)
        return
    # Several processes: uvicorn starts each from an import string, so the store and the
    # token travel in the environment the worker processes inherit.
    os.environ["GONGBAO_DB"] = str(db_path)
    os.environ["GONGBAO_ADMIN_TOKEN"] = admin_token or ""
    uvicorn.run("gongbao.web.app:app_from_environment", factory=True, host=host, port=port, http=HTTP_PROTOCOL,
                workers=workers, log_level="warning", access_log=False)
