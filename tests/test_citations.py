"""Citations by number and law references, on real excerpts of the bundled gazettes."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest

from gongbao.citations import (
    find_citations,
    find_law_references,
    numbers_in,
    physical_line,
    provision_eid,
)
from gongbao.config import BUNDLED_CORPUS
from gongbao.models import Document, DocumentNumber, Line, SourceSpan
from gongbao.pipeline import bundled_issues, ingest_file

FIXTURES = Path(__file__).parent / "fixtures"


def doc(*texts: str, doc_id: str = "郑政-2017-99", issuer: str = "郑州市人民政府", doc_no=None) -> Document:
    lines = [Line(t, SourceSpan("x.txt", "x", 10 + 2 * i, 10 + 2 * i), t) for i, t in enumerate(texts)]
    return Document(doc_id, doc_no, None, issuer, "通知", "标题", None, [], None,
                    SourceSpan("x.txt", "x", 10, 10 + 2 * len(texts)), lines)


# fmt: off
CASES = [
    # 《题名》（文号） — 2017-10 L169
    ("《郑州市人民政府关于印发郑州市加快总部经济发展激励暂行办法的通知》（郑政〔2011〕109号）于本办法施行之日同时废止。",
     [("郑政〔2011〕109号", "郑州市人民政府关于印发郑州市加快总部经济发展激励暂行办法的通知", ())]),
    # bare numbers in a list — 2018-09 L1943
    ("按照国家网络安全战略总体部署要求，结合郑政〔2017〕48号、郑政办〔2018〕34号等，立足现有基础",
     [("郑政〔2017〕48号", None, ()), ("郑政办〔2018〕34号", None, ())]),
    # bare number after 按照 — 2017-08 L3804
    ("按照国办发〔2016〕39号文件要求，结合城市整体规划", [("国办发〔2016〕39号", None, ())]),
    # decrees — 2018-08 L154, 2017-08 L1636 (no 第), 2017-10 L883
    ("按照《财政违法行为处罚处分条例》（国务院令第427号）", [("国务院令第427号", "财政违法行为处罚处分条例", ())]),
    ("按照《中华人民共和国政府信息公开条例》（国务院令492号）要求", [("国务院令第492号", "中华人民共和国政府信息公开条例", ())]),
    ("《固定资产投资项目节能审查办法》（国家发展改革委令第44号）", [("国家发展改革委令第44号", "固定资产投资项目节能审查办法", ())]),
    # city decree — 2018-08 L5895
    ("《郑州市政府信息资源共享管理办法》（市政府令第213号）",
     [("郑州市人民政府令第213号", "郑州市政府信息资源共享管理办法", ("city decree prefix expanded",))]),
    # year printed first — 2017-08 L1830
    ("《郑州市人民政府关于下发郑州市南水北调中线防洪影响处理工程实施方案的通知》〔2016〕郑政文21号早已下发",
     [("郑政文〔2016〕21号", "郑州市人民政府关于下发郑州市南水北调中线防洪影响处理工程实施方案的通知",
       ("year printed before the prefix",))]),
    # stray bracket — 2018-08 L3599; missing 号 — 2017-08 L1564
    ("《郑州市人民政府关于印发郑州市建设中国制造强市若干政策的通知》（郑政〔2016〕29）号）等有关规定",
     [("郑政〔2016〕29号", "郑州市人民政府关于印发郑州市建设中国制造强市若干政策的通知", ("stray bracket before 号",))]),
    ("商务部等九部委《关于新增中国服务外包示范城市的通知》（商服贸函〔2016〕208）文件精神",
     [("商服贸函〔2016〕208号", "关于新增中国服务外包示范城市的通知", ("号 missing",))]),
    # small tortoise-shell brackets and square brackets — 2018-08 L3493, 2017-10 L479
    ("《国务院办公厅关于促进建筑业持续健康发展的意见》（国办发﹝ 2017﹞ 19号）",
     [("国办发〔2017〕19号", "国务院办公厅关于促进建筑业持续健康发展的意见", ())]),
    ("《中共郑州市委郑州市人民政府关于构建和谐劳动关系的实施意见》（郑发[2016] 23号）精神",
     [("郑发〔2016〕23号", "中共郑州市委郑州市人民政府关于构建和谐劳动关系的实施意见", ())]),
    # 第N号令 after a list of ministries — 2018-08 L291
    ("监察部、人力资源和社会保障部、财政部、审计署《违规发放津贴补贴行为处分规定》（第31号令），对单位主要领导",
     [("监察部令第31号", "违规发放津贴补贴行为处分规定",
       ("ordinal printed before 令", "issuer taken from the text before the title"))]),
    # periods in parentheses are not numbers
    ("《郑州市人口发展规划（2016—2030年）》已经市政府同意", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_citation_forms(text, expected):
    found = find_citations(doc(text))
    assert [(c.key, c.title, c.flags) for c in found] == expected


def test_a_document_never_cites_itself():
    own = DocumentNumber("郑政", 2017, 34)
    assert find_citations(doc("郑政〔2017〕34号 2017年10月16日", doc_no=own)) == []


def test_title_closing_the_line_before_belongs_to_the_number():
    # 2022-03 L3622–3624: a page break keeps the title and its number on two lines.
    found = find_citations(doc("为贯彻落实《国务院办公厅转发国家发展改革委等部门关于清理规范城镇供水供电供气供暖行业收费促进行业高质量发展意见的通知》",
                               "（国办函〔2020〕129号）、《河南省人民政府办公厅关于转发…实施方案的通知》（豫政办〔2021〕66号）精神"))
    assert found[0].key == "国办函〔2020〕129号"
    assert found[0].title.startswith("国务院办公厅转发国家发展改革委")


def test_numbers_split_across_printed_lines_are_found_after_cleaning():
    # 2018-08 L13344–13363: a citation broken by a page footer and header; the line is the
    # printed line where the number starts (L13361 "…的通知》 (郑办文 〔2018〕"), not a blank one.
    issue = ingest_file(BUNDLED_CORPUS / "2018-08.txt")
    document = next(d for d in issue.documents if d.id == "郑政办-2018-78")
    keys = [(c.key, c.line) for c in find_citations(document)]
    assert ("郑办文〔2018〕24号", 13361) in keys
    assert ("郑政文〔2018〕46号", 13344) in keys


def test_physical_line_in_the_pdf_column_layout():
    line = Line("甲乙丙", SourceSpan("f", "i", 101, 105), "甲\n乙\n丙")
    assert [physical_line(line, k) for k in range(3)] == [101, 103, 105]


def test_provision_eid_is_the_innermost_holding_provision():
    provisions = [(1, 50, 0, "chp_1"), (10, 20, 1, "chp_1__art_3"), (12, 14, 2, "chp_1__art_3__para_2")]
    assert provision_eid(13, provisions) == "chp_1__art_3__para_2"
    assert provision_eid(18, provisions) == "chp_1__art_3"
    assert provision_eid(60, provisions) is None


def test_eids_come_from_nested_provision_records():
    provisions = [{"eid": "art_1", "line_start": 10, "line_end": 13,
                   "children": [{"eid": "art_1__para_2", "span": {"line_start": 12, "line_end": 12}}]}]
    found = find_citations(doc("第一条 总则。", "按照《…的意见》（国发〔2016〕34号）"), provisions)
    assert [(c.line, c.eid) for c in found] == [(12, "art_1__para_2")]


def test_numbers_in_odd_text_never_raises():
    for text in ("", "〔〕号", "令第号", "《《》》", "第号令", "〔2016〕", "郑政〔9999〕1号", "x" * 5000):
        numbers_in(text)


# fmt: off
LAW_CASES = [
    ("为加强财政管理，根据《中华人民共和国预算法》《中华人民共和国会计法》", ["中华人民共和国预算法", "中华人民共和国会计法"]),
    ("按照《财政违法行为处罚处分条例》（国务院令第427号）", []),       # numbered: a citation
    ("认真贯彻执行《郑州市2017年电力行业燃煤削减实施方案》", []),       # a plan, not a law
    ("组织实施《国家手语和盲文规范化行动计划（2015—2020年）》", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), LAW_CASES)
def test_law_references(text, expected):
    assert [r.title for r in find_law_references(doc(text))] == expected


def test_forward_references_are_marked():
    refs = find_law_references(doc("研究制定《热线工作考评办法》，建立考核机制。"))
    assert [(r.title, r.forward) for r in refs] == [("热线工作考评办法", True)]


@lru_cache(maxsize=1)
def _corpus_citations() -> set[tuple[str, str, int, str]]:
    found = set()
    for issue in bundled_issues():
        for document in issue.documents:
            found |= {(issue.name, c.citing_id, c.line, c.key) for c in find_citations(document)}
    return found


def test_precision_and_recall_on_the_labelled_set():
    with (FIXTURES / "links_citations.tsv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")]
    gold = {(r["issue"], r["citing_id"], int(r["line"]), r["number"]) for r in rows}
    found = _corpus_citations()
    precision = len(found & gold) / len(found)
    recall = len(found & gold) / len(gold)
    assert precision >= 0.98 and recall >= 0.98, (sorted(found - gold)[:5], sorted(gold - found)[:5])


def test_a_title_opened_on_the_line_before_is_kept():
    # 2018-08 L6971–6975: the cleaner makes "（五）按照《…加快推进" a heading line of its own.
    found = find_citations(doc("（五）按照《国务院办公厅关于加快推进",
                               "“五证合一、一照一码”登记制度改革的通知》（国发〔2016〕53号）精神，取消办理营业执照后补采集税务登记信息的程序。"))
    assert [(c.key, c.title) for c in found] == [
        ("国发〔2016〕53号", "国务院办公厅关于加快推进“五证合一、一照一码”登记制度改革的通知")]
