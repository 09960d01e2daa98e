"""The embedded store: one SQLite file holding issues and the export records of documents.

Ingesting an issue is one transaction: either every document of the issue is written (and
every index that derives from them), or nothing changes. Re-ingesting an issue whose bytes
have not changed is a no-op. The schema uses plain SQL types (TEXT, INTEGER) so that the
same tables can be created in PostgreSQL; SQLite-only features (FTS5) live in separate
tables that the search stage owns.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gongbao.models import Issue
from gongbao.pipeline import document_record, pipeline_fingerprint
from gongbao.search import add_dictionary_words, create_search_schema, index_issue

SCHEMA = """
CREATE TABLE IF NOT EXISTS issues (
    name        TEXT PRIMARY KEY,
    file        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    pipeline    TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL,
    problems    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id            TEXT PRIMARY KEY,
    issue         TEXT NOT NULL REFERENCES issues(name) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL,
    doc_no        TEXT,
    prefix        TEXT,
    year          INTEGER,
    serial        INTEGER,
    date          TEXT,
    issuer        TEXT,
    genre         TEXT,
    title         TEXT NOT NULL,
    attachment_of TEXT,
    record        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_issue ON documents(issue, ordinal);
CREATE INDEX IF NOT EXISTS documents_doc_no ON documents(prefix, year, serial);
"""



@dataclass
class IngestResult:
    issue: str
    documents: int
    changed: bool
    problems: list[str]


def connect(path: Path) -> sqlite3.Connection:
    """Open (and create if needed) the store at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    create_schema(conn)
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(issues)")}
    if "pipeline" not in columns:  # a store written before the pipeline was fingerprinted
        conn.execute("ALTER TABLE issues ADD COLUMN pipeline TEXT NOT NULL DEFAULT ''")
    create_search_schema(conn)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception.

    Inside a transaction already open it joins it: the outer one commits or rolls back, so
    that a batch of issues (`save_issues`) is written whole or not at all.
    """
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def save_issue(conn: sqlite3.Connection, issue: Issue) -> IngestResult:
    """Write one parsed issue, replacing an earlier version of it, atomically."""
    row = conn.execute("SELECT sha256, pipeline FROM issues WHERE name = ?", (issue.name,)).fetchone()
    # Unchanged bytes read by unchanged code: nothing to do. New code re-derives the records.
    if row is not None and row["sha256"] == issue.sha256 and row["pipeline"] == pipeline_fingerprint():
        count = conn.execute("SELECT COUNT(*) FROM documents WHERE issue = ?", (issue.name,)).fetchone()[0]
        return IngestResult(issue.name, count, False, issue.problems)
    records = [document_record(document) for document in issue.documents]
    with transaction(conn):
        conn.execute("DELETE FROM documents WHERE issue = ?", (issue.name,))
        conn.execute("DELETE FROM issues WHERE name = ?", (issue.name,))
        taken = {r[0] for r in conn.execute("SELECT id FROM documents")}
        _make_ids_unique(records, taken)
        conn.execute(
            "INSERT INTO issues (name, file, sha256, pipeline, ingested_at, problems)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                issue.name,
                issue.file,
                issue.sha256,
                pipeline_fingerprint(),
                datetime.now(UTC).isoformat(timespec="seconds"),
                json.dumps(issue.problems, ensure_ascii=False),
            ),
        )
        conn.executemany(
            "INSERT INTO documents (id, issue, ordinal, doc_no, prefix, year, serial, date, issuer,"
            " genre, title, attachment_of, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_document_row(issue.name, n, record) for n, record in enumerate(records)],
        )
        index_issue(conn, issue.name, records)
    return IngestResult(issue.name, len(records), True, issue.problems)


def save_issues(conn: sqlite3.Connection, issues: list[Issue]) -> list[IngestResult]:
    """Write several parsed issues in one transaction: all of them, or none.

    The search dictionary words of the whole batch are registered before any issue of it is
    indexed, so a bulk load segments every issue with every word (none left `late`).
    """
    with transaction(conn):
        add_dictionary_words(conn, {issue.name: _line_texts(issue) for issue in issues})
        return [save_issue(conn, issue) for issue in issues]


def _line_texts(issue: Issue) -> list[dict[str, Any]]:
    """The part of the export records the dictionary rules read: each document's line texts."""
    return [{"lines": [{"text": line.text} for line in document.lines]} for document in issue.documents]


def _make_ids_unique(records: list[dict[str, Any]], taken: set[str]) -> None:
    """A number already used by a document of another issue gets a ~N suffix."""
    renamed: dict[str, str] = {}
    for record in records:
        base, n = record["id"], 1
        while record["id"] in taken:
            n += 1
            record["id"] = f"{base}~{n}"
        if record["id"] != base:
            renamed[base] = record["id"]
        taken.add(record["id"])
    for record in records:
        if record.get("attachment_of") in renamed:
            record["attachment_of"] = renamed[record["attachment_of"]]


def _document_row(issue: str, ordinal: int, record: dict[str, Any]) -> tuple:
    parts = record.get("doc_no_parts") or {}
    return (
        record["id"],
        issue,
        ordinal,
        record["doc_no"],
        parts.get("prefix"),
        parts.get("year"),
        parts.get("serial"),
        record["date"],
        record["issuer"],
        record["genre"],
        record["title"],
        record["attachment_of"],
        json.dumps(record, ensure_ascii=False),
    )


def issues(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT i.name, i.file, i.ingested_at, i.problems, COUNT(d.id) AS documents "
        "FROM issues i LEFT JOIN documents d ON d.issue = i.name GROUP BY i.name ORDER BY i.name"
    ).fetchall()
    return [
        {
            "name": r["name"],
            "file": r["file"],
            "ingested_at": r["ingested_at"],
            "documents": r["documents"],
            "problems": json.loads(r["problems"]),
        }
        for r in rows
    ]


def documents(conn: sqlite3.Connection, issue: str | None = None) -> list[dict[str, Any]]:
    """Every stored record, in issue and printed order (optionally of one issue)."""
    if issue is None:
        rows = conn.execute("SELECT record FROM documents ORDER BY issue, ordinal")
    else:
        rows = conn.execute("SELECT record FROM documents WHERE issue = ? ORDER BY ordinal", (issue,))
    return [json.loads(r[0]) for r in rows]


def document(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT record FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return json.loads(row[0]) if row else None


def find_by_number(conn: sqlite3.Connection, prefix: str, year: int | None, serial: int) -> list[dict[str, Any]]:
    if year is None:
        rows = conn.execute(
            "SELECT record FROM documents WHERE prefix = ? AND year IS NULL AND serial = ? ORDER BY issue",
            (prefix, serial),
        )
    else:
        rows = conn.execute(
            "SELECT record FROM documents WHERE prefix = ? AND year = ? AND serial = ? ORDER BY issue",
            (prefix, year, serial),
        )
    return [json.loads(r[0]) for r in rows]
