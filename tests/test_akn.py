"""Akoma Ntoso export: every document of the corpus is schema-valid AKN 3.0."""

from __future__ import annotations

from functools import cache

from gongbao.akn import to_akn, to_akn_bytes, validate
from gongbao.pipeline import bundled_issues, document_record


@cache
def records() -> dict[str, dict]:
    return {d.id: document_record(d) for issue in bundled_issues() for d in issue.documents}


def test_every_document_of_the_corpus_is_valid_akn() -> None:
    invalid = {doc_id: validate(to_akn(r))[:3] for doc_id, r in records().items()}
    invalid = {k: v for k, v in invalid.items() if v}
    assert len(records()) >= 100
    assert invalid == {}


def test_articles_carry_eids_and_numbers() -> None:
    root = to_akn(records()["郑政-2017-34"])
    article = root.find(".//{*}article[@eId='chp_4__art_11']")
    assert article.findtext("{*}num") == "第十一条"
    assert [p.get("eId") for p in article.findall("{*}point")] == [f"chp_4__art_11__point_{k}" for k in (1, 2, 3)]
    assert root.find(".//{*}FRBRWork/{*}FRBRuri").get("value") == "/akn/cn-410100/act/郑政/2017/34"


def test_tables_and_omitted_attachments_in_xml() -> None:
    root = to_akn(records()["郑政-2017-24"])
    table = root.find(".//{*}table")
    assert [th.findtext("{*}p") for th in table.find("{*}tr")][-1] == "年度任务"
    omitted = to_akn(records()["郑政-2017-26"]).findall(".//{*}hcontainer[@name='attachment']")
    assert len(omitted) == 6


def test_bytes_are_utf8_xml() -> None:
    data = to_akn_bytes(records()["郑州市人民政府令-245"])
    assert data.startswith(b"<?xml") and "郑州市警务辅助人员管理办法".encode() in data
