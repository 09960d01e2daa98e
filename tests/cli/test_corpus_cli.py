"""`gongbao ingest/list/show/export/summary` as a person runs them, including every bad input."""

from __future__ import annotations

import gc
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongbao.cli import app

CORPUS = Path(__file__).resolve().parents[2] / "data" / "gazettes" / "zhengzhou"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def squeeze(text: str) -> str:
    """Output without white space: rich wraps long messages at the console width."""
    return re.sub(r"\s+", "", text)


def db_checksum(db: Path) -> str:
    """The bytes of the store (database and write-ahead log), after open connections close."""
    gc.collect()
    digest = hashlib.sha256()
    for path in sorted(db.parent.glob(db.name + "*")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store already holding the 2018-09 issue."""
    path = tmp_path / "db" / "gongbao.sqlite3"
    result = run("ingest", str(CORPUS / "2018-09.txt"), "--db", str(path))
    assert result.exit_code == 0, result.output
    return path


def exported(db: Path) -> list[dict]:
    result = run("export", "--format", "jsonl", "--db", str(db))
    assert result.exit_code == 0
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_ingest_list_show_and_export_one_issue(db: Path, tmp_path: Path) -> None:
    listed = run("list", "--issue", "2018-09", "--db", str(db))
    assert listed.exit_code == 0 and "郑政-2018-43" in listed.stdout and "郑政办-2018-89" in listed.stdout

    for typed in ("郑政〔2018〕43号", "郑政[2018]43号", "郑政2018 43", "郑政-2018-43"):
        shown = run("show", typed, "--db", str(db))
        assert shown.exit_code == 0, typed
        assert "郑州市人民政府关于加强农村留守儿童关爱保护和困境儿童保障工作的实施意见" in squeeze(shown.stdout)
        assert "2018-09.txtlines3–179" in squeeze(shown.stdout)

    record = json.loads(run("show", "郑政办〔2018〕81号", "--json", "--db", str(db)).stdout)
    assert record["date"] == "2018-08-31" and record["enclosed_title"] == "郑州市智能传感器产业培育专案"

    out = tmp_path / "export.jsonl"
    assert run("export", "--format", "jsonl", "--out", str(out), "--db", str(db)).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records][:3] == ["郑政-2018-43", "郑政文-2018-157", "郑政文-2018-158"]
    assert len(records) == 14

    summary = run("summary", "--db", str(db))
    assert summary.exit_code == 0 and "2018-09" in summary.stdout


def test_show_and_export_refuse_what_they_cannot_do(db: Path) -> None:
    missing = run("show", "郑政〔2030〕1号", "--db", str(db))
    assert missing.exit_code == 1 and squeeze("no document 郑政〔2030〕1号 in the store") in squeeze(missing.stderr)
    nonsense = run("show", "hello", "--db", str(db))
    assert nonsense.exit_code == 1 and "neither a document id nor a document number" in nonsense.stderr
    wrong_format = run("export", "--format", "csv", "--db", str(db))
    assert wrong_format.exit_code == 1 and "unknown format 'csv'" in wrong_format.stderr


def test_re_ingesting_the_same_issue_changes_nothing(db: Path) -> None:
    before = exported(db)
    checksum = db_checksum(db)
    again = run("ingest", str(CORPUS / "2018-09.txt"), "--db", str(db))
    assert again.exit_code == 0 and "no (unchanged)" in again.stdout
    assert exported(db) == before
    assert db_checksum(db) == checksum


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _png(path: Path) -> None:
    path.write_bytes(PNG + bytes(200))


def _huge(path: Path) -> None:
    with path.open("wb") as sparse:  # 200 MB of holes: nothing is written to disk or memory
        sparse.truncate(200 * 1024 * 1024)


def _no_documents(path: Path) -> None:
    path.write_text("为深入贯彻执行中央八项规定及实施细则，进一步加强党风廉政建设。\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (_empty, "the file is empty"),
        (_png, "this is a PNG image, not gazette text"),
        (_huge, "the file is 209,715,200 bytes, over the limit of"),
        (_no_documents, "no gazette document found"),
    ],
    ids=["empty", "png renamed .txt", "200 MB", "no document"],
)
def test_bad_input_is_refused_by_name_and_leaves_the_store_unchanged(db: Path, tmp_path: Path, make, problem) -> None:
    bad = tmp_path / "2019-01.txt"
    make(bad)
    before, checksum = exported(db), db_checksum(db)
    result = run("ingest", str(bad), "--db", str(db))
    assert result.exit_code == 1
    message = squeeze(result.stderr)
    assert squeeze(f"error: {bad}") in message
    assert squeeze(problem) in message
    assert "Nothingwaswrittentothestore." in message
    assert db_checksum(db) == checksum
    assert exported(db) == before


def test_a_200_mb_file_is_refused_before_it_is_read(db: Path, tmp_path: Path, monkeypatch) -> None:
    huge = tmp_path / "2019-02.txt"
    _huge(huge)
    real_read_bytes = Path.read_bytes

    def guarded_read_bytes(self: Path) -> bytes:
        assert self != huge, "the oversized file was read"
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)
    result = run("ingest", str(huge), "--db", str(db))
    assert result.exit_code == 1 and "over the limit" in result.stderr


def test_a_bad_file_in_a_batch_writes_nothing_of_the_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(CORPUS / "2017-10.txt", folder / "2017-10.txt")
    _png(folder / "2017-11.txt")
    shutil.copy(CORPUS / "2018-09.txt", folder / "2018-09.txt")
    db = tmp_path / "fresh.sqlite3"
    result = run("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 1
    assert squeeze(str(folder / "2017-11.txt")) in squeeze(result.stderr)
    assert not db.exists()  # every file is parsed before the store is opened


def test_a_gb18030_issue_ingests_the_same_documents_as_the_utf8_one(db: Path, tmp_path: Path) -> None:
    gb = tmp_path / "gb" / "2018-09.txt"
    gb.parent.mkdir()
    gb.write_bytes((CORPUS / "2018-09.txt").read_text(encoding="utf-8").encode("gb18030"))
    gb_db = tmp_path / "gb.sqlite3"
    assert run("ingest", str(gb), "--db", str(gb_db)).exit_code == 0
    assert exported(gb_db) == exported(db)


def test_a_truncated_issue_keeps_what_is_complete_and_warns(tmp_path: Path) -> None:
    text = (CORPUS / "2018-09.txt").read_text(encoding="utf-8")
    cut = tmp_path / "2018-09.txt"
    cut.write_text(text[: text.index("以技术领先企业为集聚产业发展")] + "以技术领先企业为集聚", encoding="utf-8")
    db = tmp_path / "cut.sqlite3"
    result = run("ingest", str(cut), "--db", str(db))
    assert result.exit_code == 0
    assert "warning:" in result.stderr
    assert squeeze("郑政办〔2018〕89号 ends in mid-sentence; ingested as far as it goes and flagged 'truncated'") in squeeze(
        result.stderr
    )
    records = exported(db)
    assert len(records) == 14 and records[-1]["flags"] == ["truncated"]


def test_malformed_document_numbers_are_ingested_unnumbered_with_a_warning(tmp_path: Path) -> None:
    text = (CORPUS / "2018-09.txt").read_text(encoding="utf-8")
    odd = tmp_path / "2018-09.txt"
    odd.write_text(text.replace("郑政文〔2018〕157号", "郑政文〔2018〕号").replace("郑政办〔2018〕82号", "郑政办〔2O18〕82号"), encoding="utf-8")
    db = tmp_path / "odd.sqlite3"
    result = run("ingest", str(odd), "--db", str(db))
    assert result.exit_code == 0
    warnings = squeeze(result.stderr)
    assert squeeze("document number malformed: 郑政文〔2018〕号 2018年9月13日") in warnings
    assert squeeze("document number malformed: 郑政办〔2O18〕82号 2018年9月5日") in warnings
    records = exported(db)
    assert len(records) == 14
    assert [r["id"] for r in records if r["doc_no"] is None] == ["2018-09-n1", "2018-09-n2"]


def test_a_missing_path_is_named(tmp_path: Path) -> None:
    result = run("ingest", str(tmp_path / "nowhere.txt"), "--db", str(tmp_path / "x.sqlite3"))
    assert result.exit_code == 1 and "no such file or folder" in result.stderr
