"""`gongbao serve`: the web application and JSON API on a local port."""

from __future__ import annotations

from typing import Annotated

import typer

from gongbao import store
from gongbao.cli.app import DbOption, app, err_console, fail
from gongbao.config import BUNDLED_CORPUS, default_db_path
from gongbao.pipeline import EmptyIssueError, ingest_file
from gongbao.read import ReadError


def ensure_corpus(db_path) -> int:
    """Ingest the bundled corpus when the store holds no issue yet; returns issues added.

    Example: a fresh store → 5 (the five bundled issues); a store with documents → 0.
    """
    conn = store.connect(db_path)
    try:
        if conn.execute("SELECT COUNT(*) FROM issues").fetchone()[0]:
            return 0
        added = 0
        for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
            try:
                store.save_issue(conn, ingest_file(path))
            except (ReadError, EmptyIssueError) as exc:
                raise fail(f"{exc}") from None
            added += 1
        return added
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
) -> None:
    """Serve the web application (and the JSON API, OpenAPI at /docs), ingesting the bundled corpus first if the store is empty."""
    import uvicorn

    from gongbao.web import create_app

    db_path = db or default_db_path()
    added = ensure_corpus(db_path)
    if added:
        err_console.print(f"ingested the bundled corpus ({added} issues) into {db_path}")
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/] serving on {host}: reachable from other machines")
    application = create_app(db_path, admin_token=admin_token)
    warm_up(application)
    err_console.print(f"gongbao on http://{host}:{port}/  (store {db_path})", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


def warm_up(application) -> None:
    """Load what the first requests would otherwise wait for: the records, the status of
    every document and the search stage's word segmenter (about 2 s, once).
    """
    from gongbao.web.catalog import DocumentFilter
    from gongbao.web.services import run_search

    catalog = application.state.catalog
    for record in catalog.records():
        catalog.status_label(record)
    run_search(catalog, "公报", DocumentFilter())
