"""Commands over links: `status [DOC] --on DATE`, `graph --format graphml|json`, and the
`--links` view of `show` (`print_links`)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import networkx as nx
import typer
from rich.table import Table

from gongbao import store
from gongbao.cli.app import DbOption, app, console, err_console, fail
from gongbao.config import default_db_path
from gongbao.status import Corpus, citation_graph, status, status_of_number


def _corpus(db: Path | None) -> Corpus:
    return Corpus.from_records(store.documents(store.connect(db or default_db_path())))


def _parse_on(on: str | None) -> date:
    if on is None:
        return date.today()
    try:
        return date.fromisoformat(on)
    except ValueError:
        raise fail(f"--on {on!r} is not a date; write it as YYYY-MM-DD, e.g. 2020-01-01") from None


def print_links(conn: sqlite3.Connection, record: dict[str, Any]) -> None:
    """What a document cites (resolved), what it repeals, its life, and what cites it."""
    corpus = Corpus.from_records(store.documents(conn))
    console.print(f"[bold]{record.get('doc_no') or record['id']}[/] {record['title']}", highlight=False)
    effect = record.get("effect") or {}
    if effect.get("rule_text"):
        console.print(f"施行: {effect.get('effective_from') or '?'} → {effect.get('valid_until') or '—'}"
                      f"  (line {effect.get('line')}: {effect['rule_text']})", highlight=False, markup=False)
    today = status(record, date.today(), corpus)
    console.print(f"status today: {today.state.value} — {today.reason}", highlight=False, markup=False)
    cites = Table(title="cites")
    for column in ("line", "文号", "title", "resolves to", "flags"):
        cites.add_column(column, overflow="fold")
    for citation in record.get("citations") or []:
        res = corpus.resolve(citation)
        cites.add_row(str(citation["line"]), citation["number"], citation.get("title") or "—",
                      res.target + ("" if res.in_corpus else f" ({res.issuer or 'issuer unknown'})"),
                      "; ".join(citation["flags"] + res.flags))
    console.print(cites)
    for repeal in record.get("repeals") or []:
        what = repeal.get("number") or repeal.get("title") or "(no title or number)"
        console.print(f"{repeal['kind']} (line {repeal['line']}): {what} — {repeal['rule_text']}",
                      highlight=False, markup=False)
    cited_by = Table(title="cited by")
    for column in ("document", "line", "cited title"):
        cited_by.add_column(column, overflow="fold")
    for citing_id, citation in corpus.cited_by(record["id"]):
        cited_by.add_row(citing_id, str(citation["line"]), citation.get("title") or "—")
    console.print(cited_by)


@app.command("status")
def status_command(
    doc: Annotated[str | None, typer.Argument(help="Document number or id (default: every document).")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Date, YYYY-MM-DD (default: today).")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """Status on a date: not yet in force, in force, expired, repealed (by which document), unknown."""
    when = _parse_on(on)
    corpus = _corpus(db)
    if doc is not None:
        record = corpus.find(doc)
        result = status(record, when, corpus) if record else status_of_number(doc, when, corpus)
        if as_json:
            print(json.dumps({"id": record["id"] if record else None, **result.to_dict()}, ensure_ascii=False))
            return
        name = f"{record.get('doc_no') or record['id']} {record['title']}" if record else doc
        console.print(f"{name}: [bold]{result.state.value}[/] on {when} — {result.reason}", highlight=False)
        for note in result.notes:
            console.print(f"  note: {note}", highlight=False, markup=False)
        return
    rows = [(r, status(r, when, corpus)) for r in corpus.records]
    if as_json:
        for record, result in rows:
            print(json.dumps({"id": record["id"], **result.to_dict()}, ensure_ascii=False))
        return
    table = Table(title=f"status on {when}")
    for column in ("id", "文号", "state", "reason"):
        table.add_column(column, overflow="fold")
    for record, result in rows:
        table.add_row(record["id"], record.get("doc_no") or "—", result.state.value, result.reason)
    console.print(table)


@app.command()
def graph(
    format: Annotated[str, typer.Option("--format", help="graphml or json (node-link).")] = "json",
    out: Annotated[Path | None, typer.Option(help="Output file (default: standard output).")] = None,
    db: DbOption = None,
) -> None:
    """Export the citation graph: documents and external numbers, cites and repeals edges."""
    if format not in ("graphml", "json"):
        raise fail(f"unknown format {format!r}; choose graphml or json")
    g = citation_graph(_corpus(db))
    if format == "graphml":
        text = "\n".join(nx.generate_graphml(g))
    else:
        text = json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, indent=1)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
        err_console.print(f"wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} edges to {out}")
    else:
        print(text)
