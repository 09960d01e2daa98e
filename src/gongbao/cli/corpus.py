"""Commands over the corpus: ingest, list, show, export, summary."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from gongbao import store
from gongbao.cli.app import DbOption, app, console, err_console, fail
from gongbao.cli.links import print_links
from gongbao.cli.structure_view import print_provision, print_toc, write_akn
from gongbao.config import BUNDLED_CORPUS, default_db_path
from gongbao.docnumber import parse_document_number
from gongbao.pipeline import EmptyIssueError, ingest_file
from gongbao.read import ReadError
from gongbao.status import annotate


def open_store(db: Path | None) -> sqlite3.Connection:
    return store.connect(db or default_db_path())


def gazette_files(paths: list[Path]) -> list[Path]:
    """The .txt files named, or found in the folders named (sorted), or the bundled corpus."""
    if not paths:
        paths = [BUNDLED_CORPUS]
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt"))
        elif path.exists():
            files.append(path)
        else:
            raise fail(f"{path}: no such file or folder")
    if not files:
        raise fail("no gazette files (*.txt) found in " + ", ".join(map(str, paths)))
    return files


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Gazette files or folders (default: the bundled corpus).")] = None,
    db: DbOption = None,
) -> None:
    """Ingest gazette issues into the store. Every file is checked before anything is written."""
    files = gazette_files(paths or [])
    parsed = []
    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True, disable=not err_console.is_terminal,
    ) as progress:
        task = progress.add_task("reading", total=len(files))
        for path in files:
            try:
                parsed.append(ingest_file(path))
            except (ReadError, EmptyIssueError) as exc:
                raise fail(f"{exc}. Nothing was written to the store.") from None
            progress.advance(task)
    conn = open_store(db)
    table = Table(title="ingested")
    for column in ("issue", "documents", "changed"):
        table.add_column(column)
    warnings: list[str] = []
    # One transaction for the whole batch: a failure while writing leaves the store as it was.
    # Structuring, linking and indexing happen here: the longest part of an ingest.
    with err_console.status(f"structuring, linking and indexing {len(parsed)} issue(s) …"):
        results = store.save_issues(conn, parsed)
    for result in results:
        table.add_row(result.issue, str(result.documents), "yes" if result.changed else "no (unchanged)")
        warnings.extend(result.problems)
    console.print(table)
    for warning in warnings:
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False)


@app.command("list")
def list_documents(
    issue: Annotated[str | None, typer.Option(help="Only this issue, e.g. 2018-08.")] = None,
    db: DbOption = None,
) -> None:
    """List the stored documents in printed order."""
    records = store.documents(open_store(db), issue)
    if issue and not records:
        raise fail(f"no documents for issue {issue!r}")
    table = Table()
    for column in ("id", "文号", "date", "genre", "title"):
        table.add_column(column, overflow="fold")
    for r in records:
        table.add_row(r["id"], r["doc_no"] or "—", r["date"] or "—", r["genre"] or "—", r["title"])
    console.print(table)


def resolve_document(conn: sqlite3.Connection, wanted: str) -> dict[str, Any]:
    """A document by id, or by its number in any spelling people type."""
    record = store.document(conn, wanted)
    if record:
        return record
    number = parse_document_number(wanted)
    if number is None:
        raise fail(f"{wanted!r} is neither a document id nor a document number (e.g. 郑政〔2018〕43号)")
    found = store.find_by_number(conn, number.prefix, number.year, number.serial)
    if not found:
        raise fail(f"no document {number} in the store")
    return found[0]


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document number as typed (郑政〔2018〕43号, 郑政2018 43) or id.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the export record.")] = False,
    links: Annotated[bool, typer.Option("--links", help="What it cites and repeals, and what cites it.")] = False,
    toc: Annotated[bool, typer.Option("--toc", help="The outline of its provisions, with eIds.")] = False,
    eid: Annotated[str | None, typer.Option("--eid", help="One provision, e.g. chp_4__art_11__point_1.")] = None,
    rules: Annotated[bool, typer.Option("--rules", help="Which policies and variables implement its provisions.")] = False,
) -> None:
    """Show one document."""
    conn = open_store(db)
    record = resolve_document(conn, doc)
    if rules:
        print_rules(record)
        return
    if toc or eid:
        print_toc(record) if toc else print_provision(record, eid or "")
        return
    if links:
        print_links(conn, record)
        return
    if as_json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    source = record["source"]
    console.print(f"[bold]{record['title']}[/]", highlight=False)
    for label, key in (("文号", "doc_no"), ("日期", "date"), ("发文机关", "issuer"), ("文种", "genre"),
                       ("印发/转发", "enclosed_title"), ("附属于", "attachment_of")):
        if record.get(key):
            console.print(f"{label}: {record[key]}", highlight=False)
    if record["addressees"]:
        console.print("主送: " + "，".join(record["addressees"]), highlight=False)
    console.print(f"来源: {source['file']} lines {source['line_start']}–{source['line_end']}", highlight=False)
    console.print()
    console.print(record["text"], highlight=False, markup=False)


def print_rules(record: dict[str, Any]) -> None:
    """Per provision eId of the document: the policy and the variables/parameters implementing it.

    E.g. 郑政-2017-34 → ``chp_6__art_22 第二十二条`` then ``headquarters: in_force_period (…)``.
    """
    from gongbao.rules.api import rules_for_document  # OpenFisca is slow to import: only when asked

    found = rules_for_document(record["id"])
    if found is None:
        console.print(f"no rule implements {record.get('doc_no') or record['id']}", highlight=False)
        return
    console.print(f"[bold]{record['title']}[/]", highlight=False)
    console.print("policies: " + ", ".join(found["policies"]), highlight=False)
    for entry in found["provisions"]:
        console.print()
        console.print(f"[bold]{entry['eid']}[/] {entry['article']}", highlight=False)
        for variable in entry["variables"]:
            console.print(f"  {variable['policy']}: {variable['name']} ({variable['label']})", highlight=False, markup=False)
        for parameter in entry["parameters"]:
            console.print(f"  parameter {parameter}", highlight=False, markup=False)
        if not entry["variables"] and not entry["parameters"]:
            console.print("  (cited in outputs only)", highlight=False)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", help="jsonl, or akn (one Akoma Ntoso XML per document)")] = "jsonl",
    out: Annotated[Path | None, typer.Option(help="Output file (default: standard output); a folder for akn.")] = None,
    db: DbOption = None,
) -> None:
    """Export every stored document."""
    if format == "akn":
        if out is None:
            raise fail("--format akn writes one file per document: give a folder with --out DIR")
        count = write_akn(store.documents(open_store(db)), out)
        err_console.print(f"wrote {count} Akoma Ntoso files to {out}")
        return
    if format != "jsonl":
        raise fail(f"unknown format {format!r}; choose jsonl or akn")
    records = annotate(store.documents(open_store(db)), date.today())  # adds status_today
    stream = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out:
            stream.close()
    if out:
        err_console.print(f"wrote {len(records)} documents to {out}")


@app.command()
def summary(db: DbOption = None) -> None:
    """Counts by issue and by genre."""
    conn = open_store(db)
    records = store.documents(conn)
    by_issue = Table(title="documents per issue")
    for column in ("issue", "documents", "forwarded texts", "problems"):
        by_issue.add_column(column)
    for issue in store.issues(conn):
        own = [r for r in records if r["source"]["issue"] == issue["name"]]
        by_issue.add_row(
            issue["name"],
            str(sum(1 for r in own if not r["attachment_of"])),
            str(sum(1 for r in own if r["attachment_of"])),
            str(len(issue["problems"])),
        )
    console.print(by_issue)
    genres = Counter(r["genre"] or "—" for r in records if not r["attachment_of"])
    by_genre = Table(title="documents per genre (文种)")
    by_genre.add_column("genre")
    by_genre.add_column("documents")
    for genre, count in genres.most_common():
        by_genre.add_row(genre, str(count))
    console.print(by_genre)
