"""The whole ingest of the bundled corpus: the catalog as printed, the export contract, damaged files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gongbao.models import Issue
from gongbao.pipeline import (
    EmptyIssueError,
    bundled_issues,
    document_record,
    ingest_file,
    parse_issue,
)
from gongbao.read import ReadError

CORPUS = Path(__file__).resolve().parents[1] / "data" / "gazettes" / "zhengzhou"
CATALOG = yaml.safe_load((Path(__file__).parent / "fixtures" / "ingest" / "catalog.yaml").read_text(encoding="utf-8"))
CONTRACT_KEYS = {
    "id", "doc_no", "doc_no_parts", "date", "issuer", "genre", "title", "enclosed_title",
    "addressees", "attachment_of", "source", "text",
}


def catalog_entry(document) -> dict:
    entry = {
        "line": document.source.line_start,
        "id": document.id,
        "doc_no": str(document.doc_no) if document.doc_no else None,
        "date": document.date.isoformat() if document.date else None,
        "issuer": document.issuer,
        "genre": document.genre,
        "title": document.title,
    }
    if document.enclosed_titles:
        entry["enclosed_titles"] = document.enclosed_titles
    entry["addressees"] = document.addressees
    if document.attachment_of:
        entry["attachment_of"] = document.attachment_of
    return entry


@pytest.fixture(scope="module")
def issues() -> dict[str, Issue]:
    return {issue.name: issue for issue in bundled_issues()}


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_document_comes_out_as_printed_in_order_none_invented(issues: dict[str, Issue], name: str) -> None:
    issue = issues[name]
    assert [catalog_entry(d) for d in issue.documents] == CATALOG[name]
    assert issue.problems == []


def test_the_corpus_holds_106_documents_and_2_forwarded_texts(issues: dict[str, Issue]) -> None:
    documents = [d for issue in issues.values() for d in issue.documents]
    assert sum(1 for d in documents if d.attachment_of is None) == 106
    assert sum(1 for d in documents if d.attachment_of) == 2
    assert {name: len(issue.documents) for name, issue in issues.items()} == {
        "2017-08": 26, "2017-10": 23, "2018-08": 26, "2018-09": 14, "2022-03": 19,
    }
    assert len({d.id for d in documents}) == len(documents)


def test_documents_follow_each_other_without_overlap(issues: dict[str, Issue]) -> None:
    for issue in issues.values():
        hosts = [d for d in issue.documents if d.attachment_of is None]
        for before, after in zip(hosts, hosts[1:], strict=False):
            assert before.source.line_end < after.source.line_start
        for document in issue.documents:
            assert document.text and document.source.file == issue.file


def test_the_export_record_carries_the_contract_keys(issues: dict[str, Issue]) -> None:
    document = next(d for d in issues["2017-10"].documents if d.id == "郑政-2017-34")
    record = document_record(document)
    assert CONTRACT_KEYS <= set(record)
    assert record["doc_no"] == "郑政〔2017〕34号"
    assert record["doc_no_parts"] == {"prefix": "郑政", "year": 2017, "serial": 34}
    assert record["date"] == "2017-10-16"
    assert record["enclosed_title"] == "郑州市加快总部经济发展激励暂行办法"
    assert record["source"] == {"file": "2017-10.txt", "issue": "2017-10", "line_start": 3, "line_end": 169}
    assert record["text"].startswith("郑州市人民政府\n关于印发郑州市加快总部经济发展激励暂行办法的通知\n郑政〔2017〕34号")


def test_ids_and_records_are_the_same_on_every_ingest() -> None:
    path = CORPUS / "2018-09.txt"
    first = [document_record(d) for d in ingest_file(path).documents]
    again = [document_record(d) for d in ingest_file(path).documents]
    assert first == again


def test_a_gb18030_issue_ingests_the_same_documents_as_utf8() -> None:
    data = (CORPUS / "2018-08.txt").read_bytes()
    utf8 = parse_issue(data, "2018-08.txt", "2018-08")
    gb = parse_issue(data.decode("utf-8").encode("gb18030"), "2018-08.txt", "2018-08")
    assert [document_record(d) for d in gb.documents] == [document_record(d) for d in utf8.documents]
    assert gb.sha256 != utf8.sha256  # the bytes differ; the documents do not


def test_an_issue_cut_mid_sentence_keeps_what_is_complete_and_says_what_is_not() -> None:
    text = (CORPUS / "2018-09.txt").read_text(encoding="utf-8")
    cut = text[: text.index("以技术领先企业为集聚产业发展")] + "以技术领先企业为集聚"  # L1995, inside 郑政办〔2018〕89号
    issue = parse_issue(cut.encode(), "2018-09.txt", "2018-09")
    assert len(issue.documents) == 14
    assert issue.documents[-1].id == "郑政办-2018-89"
    assert issue.documents[-1].flags == ["truncated"]
    assert all(d.flags == [] for d in issue.documents[:-1])
    [problem] = issue.problems
    assert problem.startswith("2018-09.txt:") and "郑政办〔2018〕89号 ends in mid-sentence" in problem


def test_an_issue_cut_right_after_a_header_drops_the_empty_document_and_says_so() -> None:
    text = (CORPUS / "2018-09.txt").read_text(encoding="utf-8")
    cut = text[: text.index("郑政办〔2018〕89号") + len("郑政办〔2018〕89号 2018年9月30日")]
    issue = parse_issue(cut.encode(), "2018-09.txt", "2018-09")
    assert [d.id for d in issue.documents][-1] == "郑政办-2018-87"
    assert len(issue.documents) == 13
    assert any("郑政办〔2018〕89号 has a header but no body" in p for p in issue.problems)


def test_a_malformed_number_is_ingested_without_a_number_and_reported() -> None:
    text = (CORPUS / "2018-09.txt").read_text(encoding="utf-8").replace("郑政文〔2018〕157号", "郑政文〔2018〕l57号")
    issue = parse_issue(text.encode(), "2018-09.txt", "2018-09")
    assert len(issue.documents) == 14
    document = issue.documents[1]
    assert document.doc_no is None and document.id == "2018-09-n1"
    assert document.title == "郑州市人民政府关于2017年度郑州市依法行政工作先进集体的通报"
    assert issue.problems == [
        "2018-09.txt:181: 郑州市人民政府关于2017年度郑州市依法行政工作先进集体的通报: "
        "document number malformed: 郑政文〔2018〕l57号 2018年9月13日"
    ]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", ReadError),
        ("为深入贯彻执行中央八项规定及实施细则，进一步加强党风廉政建设。\n".encode(), EmptyIssueError),
    ],
)
def test_a_file_without_documents_is_an_error_naming_it(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error, match="^notes.txt: "):
        parse_issue(data, "notes.txt", "notes")


def test_a_forwarded_texts_citations_are_recorded_once_under_the_forwarded_text() -> None:
    from gongbao.pipeline import document_record, ingest_file

    issue = ingest_file(Path(__file__).resolve().parents[1] / "data/gazettes/zhengzhou/2017-10.txt")
    records = {d.id: document_record(d) for d in issue.documents}
    host, forwarded = records["郑政办文-2017-55"], records["郑政办文-2017-55-a1"]
    assert forwarded["attachment_of"] == host["id"]
    # The host's text still holds the forwarded text …
    assert forwarded["text"] in host["text"]
    # … but each citation is stated by one document only.
    host_lines = {(c["number"], c["line"]) for c in host["citations"]}
    forwarded_lines = {(c["number"], c["line"]) for c in forwarded["citations"]}
    assert forwarded_lines and not host_lines & forwarded_lines
