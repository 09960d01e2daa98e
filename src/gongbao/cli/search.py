"""Commands over the search index: search, reindex."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.markup import escape

from gongbao import search as search_stage
from gongbao.cli.app import DbOption, app, console, err_console, fail
from gongbao.cli.corpus import open_store
from gongbao.models import SearchFilters
from gongbao.status import in_force_ids


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help='Words (留守儿童 奖励), "a phrase", -excluded, or a 文号.')],
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many documents.")] = 10,
    year: Annotated[int | None, typer.Option(help="Year of the document number (or of the date).")] = None,
    issue: Annotated[str | None, typer.Option(help="Gazette issue, e.g. 2018-08.")] = None,
    issuer: Annotated[str | None, typer.Option(help="Issuing body, or part of it (办公厅).")] = None,
    genre: Annotated[str | None, typer.Option(help="文种: 通知, 意见, 令 …")] = None,
    prefix: Annotated[str | None, typer.Option(help="Number prefix (发文字号代字): 郑政, 郑政办 …")] = None,
    per_document: Annotated[int, typer.Option("--per-doc", help="Provisions shown per document.")] = 3,
    in_force_on: Annotated[
        datetime | None, typer.Option("--in-force-on", formats=["%Y-%m-%d"], help="Only documents in force on this date.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the hits as a JSON list.")] = False,
    db: DbOption = None,
) -> None:
    """Full-text search over documents and provisions, best documents first."""
    if limit < 1 or per_document < 1:
        raise fail("--limit and --per-doc must be at least 1")
    conn = open_store(db)
    ids = frozenset(in_force_ids(conn, in_force_on.date())) if in_force_on else None
    filters = SearchFilters(year=year, issue=issue, issuer=issuer, genre=genre, prefix=prefix, ids=ids)
    hits = search_stage.search(conn, query, filters, limit=limit, per_document=per_document)
    if as_json:
        print(json.dumps([hit.to_dict() for hit in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        if search_stage.index_size(conn) == 0 and conn.execute("SELECT 1 FROM documents").fetchone():
            err_console.print("the search index is empty: run [bold]gongbao reindex[/]")
        else:
            err_console.print("no match")
        return
    current = None
    for hit in hits:
        if hit.doc_id != current:
            current = hit.doc_id
            console.print()
            console.print(f"[bold]{escape(hit.doc_no or hit.doc_id)}[/]  {escape(hit.title)}", highlight=False)
        where = hit.eid or f"lines {hit.line_start}–{hit.line_end}"
        text = escape(hit.snippet).replace(search_stage.MARK_OPEN, "[bold yellow]")
        text = text.replace(search_stage.MARK_CLOSE, "[/]")
        console.print(f"  [dim]{escape(where)}[/]  {text}", highlight=False)


@app.command()
def reindex(db: DbOption = None) -> None:
    """Rebuild the search index (and its user dictionary) from the stored documents."""
    conn = open_store(db)
    units = search_stage.reindex(conn)
    words = conn.execute("SELECT COUNT(*) FROM search_dictionary").fetchone()[0]
    console.print(f"indexed {units} units; user dictionary of {words} words")
