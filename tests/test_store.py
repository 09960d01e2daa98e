"""The embedded store: issues written whole or not at all, re-ingest a no-op, lookups by id and number."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gongbao import store
from gongbao.models import Issue
from gongbao.pipeline import document_record, ingest_file, parse_issue

CORPUS = Path(__file__).resolve().parents[1] / "data" / "gazettes" / "zhengzhou"


def snapshot(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    """Every stored row, for comparing the store before and after."""
    return (
        [tuple(r) for r in conn.execute("SELECT name, file, sha256, ingested_at, problems FROM issues ORDER BY name")],
        [tuple(r) for r in conn.execute("SELECT * FROM documents ORDER BY issue, ordinal")],
    )


@pytest.fixture(scope="module")
def parsed() -> dict[str, Issue]:
    return {name: ingest_file(CORPUS / f"{name}.txt") for name in ("2017-10", "2018-09", "2022-03")}


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    return store.connect(tmp_path / "store" / "gongbao.sqlite3")


def test_a_saved_issue_reads_back_as_its_export_records_in_printed_order(conn, parsed) -> None:
    result = store.save_issue(conn, parsed["2017-10"])
    assert (result.issue, result.documents, result.changed, result.problems) == ("2017-10", 23, True, [])
    records = store.documents(conn, "2017-10")
    assert records == [document_record(d) for d in parsed["2017-10"].documents]
    assert store.document(conn, "郑政办文-2017-55-a1")["attachment_of"] == "郑政办文-2017-55"
    assert store.document(conn, "nothing") is None
    [issue] = store.issues(conn)
    assert (issue["name"], issue["file"], issue["documents"]) == ("2017-10", "2017-10.txt", 23)


@pytest.mark.parametrize(
    ("prefix", "year", "serial", "found"),
    [
        ("郑政", 2017, 34, "郑政-2017-34"),
        ("豫政办", 2017, 95, "郑政办文-2017-55-a1"),  # a forwarded text, found by its cited number
        ("郑州市人民政府令", None, 245, "郑州市人民政府令-245"),
        ("郑政", 2018, 43, "郑政-2018-43"),
    ],
)
def test_documents_are_found_by_their_number(conn, parsed, prefix, year, serial, found) -> None:
    store.save_issues(conn, list(parsed.values()))
    assert [r["id"] for r in store.find_by_number(conn, prefix, year, serial)] == [found]


def test_re_ingesting_the_same_issue_changes_nothing(conn, parsed) -> None:
    store.save_issue(conn, parsed["2018-09"])
    before = snapshot(conn)
    again = store.save_issue(conn, ingest_file(CORPUS / "2018-09.txt"))
    assert (again.changed, again.documents) == (False, 14)
    assert snapshot(conn) == before


def test_a_changed_issue_replaces_its_documents_and_keeps_the_others(conn, parsed) -> None:
    store.save_issues(conn, [parsed["2017-10"], parsed["2018-09"]])
    text = (CORPUS / "2018-09.txt").read_text(encoding="utf-8")
    shorter = text[: text.index("## 郑州市人民政府办公厅 关于印发郑州市信息安全产业发展规划")]
    result = store.save_issue(conn, parse_issue(shorter.encode(), "2018-09.txt", "2018-09"))
    assert (result.changed, result.documents) == (True, 13)
    assert store.document(conn, "郑政办-2018-89") is None
    assert len(store.documents(conn, "2017-10")) == 23


def test_a_failure_while_writing_leaves_the_store_as_it_was(conn, parsed, monkeypatch) -> None:
    store.save_issue(conn, parsed["2017-10"])
    before = snapshot(conn)
    real_row = store._document_row

    def failing_row(issue, ordinal, record):
        if ordinal == 5:
            raise sqlite3.OperationalError("disk I/O error")
        return real_row(issue, ordinal, record)

    monkeypatch.setattr(store, "_document_row", failing_row)
    changed = parse_issue(
        (CORPUS / "2017-10.txt").read_bytes() + b"\n", "2017-10.txt", "2017-10"
    )  # new bytes: a real rewrite is attempted
    with pytest.raises(sqlite3.OperationalError):
        store.save_issue(conn, changed)
    assert snapshot(conn) == before
    assert not conn.in_transaction


def test_a_batch_is_written_whole_or_not_at_all(conn, parsed, monkeypatch) -> None:
    real_save = store.save_issue

    def save_then_fail(connection, issue):
        if issue.name == "2022-03":
            raise sqlite3.OperationalError("database or disk is full")
        return real_save(connection, issue)

    monkeypatch.setattr(store, "save_issue", save_then_fail)
    with pytest.raises(sqlite3.OperationalError):
        store.save_issues(conn, [parsed["2017-10"], parsed["2018-09"], parsed["2022-03"]])
    assert snapshot(conn) == ([], [])


def test_a_number_used_in_another_issue_gets_a_suffix_and_its_forwarded_text_follows(conn, parsed) -> None:
    store.save_issue(conn, parsed["2017-10"])
    # The same documents under another issue name (a reprint in a later gazette).
    reprint = parse_issue((CORPUS / "2017-10.txt").read_bytes(), "2017-10-reprint.txt", "2017-10-reprint")
    store.save_issue(conn, reprint)
    records = {r["id"]: r for r in store.documents(conn, "2017-10-reprint")}
    assert "郑政办文-2017-55~2" in records
    assert records["郑政办文-2017-55-a1~2"]["attachment_of"] == "郑政办文-2017-55~2"
    assert store.document(conn, "郑政办文-2017-55")["source"]["issue"] == "2017-10"


def test_records_written_by_older_code_are_derived_again(conn, parsed, monkeypatch) -> None:
    issue = parsed["2018-09"]
    store.save_issue(conn, issue)
    monkeypatch.setattr(store, "pipeline_fingerprint", lambda: "newer-code")
    result = store.save_issue(conn, issue)
    assert result.changed
    assert store.save_issue(conn, issue).changed is False
    assert conn.execute("SELECT pipeline FROM issues WHERE name = '2018-09'").fetchone()[0] == "newer-code"
