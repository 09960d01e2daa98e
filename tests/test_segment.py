"""Stage 3, segment: real excerpts of the three layouts → documents with their header facts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongbao.clean import clean
from gongbao.models import Document
from gongbao.segment import genre_of, segment

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def documents_of(name: str) -> tuple[list[Document], int]:
    """Segment an excerpt; also return the source line its first line had in the gazette."""
    first = int(name.rsplit("-L", 1)[1].removesuffix(".txt"))
    issue = name.split("-", 1)[1].rsplit("-L", 1)[0]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return segment(clean(text, f"{issue}.txt", issue), issue), first


# fmt: off
HEADERS = [
    # excerpt, id, 文号, date, issuer, genre, title, addressees
    ("markdown-2018-09-L1.txt", "郑政-2018-43", "郑政〔2018〕43号", date(2018, 9, 25), "郑州市人民政府", "意见",
     "郑州市人民政府关于加强农村留守儿童关爱保护和困境儿童保障工作的实施意见",
     ["各县（市、区）人民政府", "市人民政府各部门", "各有关单位"]),
    ("column-2018-08-L1.txt", "郑政-2018-35", "郑政〔2018〕35号", date(2018, 8, 1), "郑州市人民政府", "意见",
     "郑州市人民政府关于印发郑州市加强财务管理严肃财经纪律的意见",
     ["各县（市、区）人民政府", "市人民政府有关部门", "各有关单位"]),
    # "各县" wrapped alone at L3486
    ("column-2018-08-L3478.txt", "郑政-2018-40", "郑政〔2018〕40号", date(2018, 8, 13), "郑州市人民政府", "意见",
     "郑州市人民政府关于促进建筑业持续健康发展的实施意见",
     ["各县（市、区）人民政府", "市人民政府各部门", "各有关单位"]),
    # the date on its own line (L16018), under a number line ending in spaces
    ("column-2018-08-L16005.txt", "郑政办-2018-80", "郑政办〔2018〕80号", date(2018, 8, 31), "郑州市人民政府办公厅", "通知",
     "郑州市人民政府办公厅关于印发郑州市解决就学难消除大班额三年行动计划（2018—2020年）的通知",
     ["各县（市、区）人民政府、市人民政府各部门", "各有关单位"]),
    ("paragraph-2017-08-L1879.txt", "郑政文-2017-146", "郑政文〔2017〕146号", date(2017, 8, 4), "郑州市人民政府", "通知",
     "郑州市人民政府关于印发郑州市化解过剩产能攻坚方案等五个方案的通知",
     ["各县（市、区）人民政府", "市人民政府各部门"]),
    ("paragraph-2022-03-L1.txt", "郑州市人民政府令-245", "郑州市人民政府令第245号", date(2022, 3, 28), "郑州市人民政府", "令",
     "郑州市警务辅助人员管理办法", []),
]
# fmt: on


@pytest.mark.parametrize(
    ("excerpt", "doc_id", "doc_no", "issued", "issuer", "genre", "title", "addressees"), HEADERS
)
def test_each_layout_yields_its_document_with_the_printed_header_facts(
    excerpt: str, doc_id: str, doc_no: str, issued: date, issuer: str, genre: str, title: str, addressees: list[str]
) -> None:
    documents, _ = documents_of(excerpt)
    assert len(documents) == 1
    document = documents[0]
    assert (document.id, str(document.doc_no), document.date) == (doc_id, doc_no, issued)
    assert (document.issuer, document.genre, document.title) == (issuer, genre, title)
    assert document.addressees == addressees
    assert document.attachment_of is None and document.flags == []


def test_the_source_span_runs_from_the_issuer_line_to_the_end_of_the_document() -> None:
    documents, first = documents_of("column-2018-08-L3478.txt")
    span = documents[0].source
    assert span.line_start + first - 1 == 3480  # 郑州市人民政府, not the tail of 39号 above it
    assert span.line_end + first - 1 == 3538  # the last line of the excerpt
    assert documents[0].lines[0].text == "郑州市人民政府"


def test_a_notice_issuing_several_instruments_lists_each_as_printed() -> None:
    documents, _ = documents_of("paragraph-2017-08-L1879.txt")
    assert documents[0].enclosed_titles == [
        "郑州市化解过剩产能攻坚方案",
        "郑州市推进工业绿色化改造攻坚方案",
        "郑州市推进工业智能化改造攻坚方案",
        "郑州市推进企业技术改造攻坚方案",
        "郑州市推进技术创新攻坚方案",
    ]
    assert documents[0].enclosed_title == "郑州市化解过剩产能攻坚方案"


def test_two_instruments_named_in_the_title_with_mixed_brackets() -> None:
    # 2018-08.txt L13326–13338: "(试行) 和 … (试行) 的通知", titles split across lines.
    documents, _ = documents_of("column-2018-08-L13322.txt")
    document = documents[0]
    assert document.title == (
        "郑州市人民政府办公厅关于印发郑州市政务服务容缺受理办法（试行）"
        "和郑州市政务服务办事大厅一口受理工作规则（试行）的通知"
    )
    assert document.enclosed_titles == ["郑州市政务服务容缺受理办法（试行）", "郑州市政务服务办事大厅一口受理工作规则（试行）"]


def test_a_decree_promulgates_the_regulation_printed_above_its_number() -> None:
    documents, first = documents_of("paragraph-2022-03-L1.txt")
    decree = documents[0]
    assert decree.doc_no is not None and decree.doc_no.is_decree and decree.doc_no.year is None
    assert decree.enclosed_title == "郑州市警务辅助人员管理办法"
    assert decree.source.line_start + first - 1 == 3


def test_a_forwarded_provincial_notice_is_its_own_document_inside_its_host() -> None:
    documents, first = documents_of("paragraph-2017-10-L3461.txt")
    assert [d.id for d in documents] == [
        "郑政办文-2017-55", "郑政办文-2017-55-a1", "郑政办文-2017-58", "郑政办文-2017-59", "2017-10-n1",
    ]
    host, forwarded = documents[0], documents[1]
    assert host.enclosed_title == "河南省人民政府办公厅关于规范发展区域性股权市场的通知"
    # The forwarded text has no number line of its own: the host cites it (L3472).
    assert str(forwarded.doc_no) == "豫政办〔2017〕95号"
    assert forwarded.attachment_of == host.id
    assert forwarded.issuer == "河南省人民政府办公厅"
    assert forwarded.title == "河南省人民政府办公厅关于规范发展区域性股权市场的通知"
    assert forwarded.genre == "通知" and forwarded.date is None
    assert forwarded.source.line_start + first - 1 == 3482
    # It is recorded as part of its host: the host's text holds it.
    assert forwarded.source.line_end == host.source.line_end
    assert forwarded.text in host.text


def test_an_unnumbered_personnel_list_is_found_by_its_title() -> None:
    documents, first = documents_of("paragraph-2017-10-L3461.txt")
    personnel = documents[-1]
    assert personnel.doc_no is None
    assert personnel.title == "郑州市人民政府任免人员"
    assert personnel.genre == "任免"
    assert personnel.date == date(2017, 10, 19)  # "2017年10月19日决定，任命："
    assert personnel.issuer == "郑州市人民政府"
    assert personnel.source.line_start + first - 1 == 3574


def test_a_plan_forwarded_from_several_bureaus_names_all_of_them() -> None:
    documents, first = documents_of("paragraph-2022-03-L3607.txt")
    host, forwarded = documents
    assert host.title == (
        "郑州市人民政府办公厅关于转发郑州市清理规范城镇供水供电供气供暖行业收费"
        "促进行业高质量发展工作方案的通知"
    )
    assert forwarded.attachment_of == "郑政办-2022-32"
    assert forwarded.title == "郑州市清理规范城镇供水供电供气供暖行业收费促进行业高质量发展工作方案"
    assert forwarded.genre == "方案"
    # Printed under the title on two lines (L3619–3620).
    assert forwarded.issuer == "市发展改革委、市财政局、市城建局、市城管局、市资源规划局、市住房保障局、市市场监管局"
    assert forwarded.doc_no is None and forwarded.flags == ["number of the forwarded text not printed"]
    assert forwarded.source.line_start + first - 1 == 3617


def test_a_malformed_number_still_makes_a_document_flagged_without_a_number() -> None:
    text = (FIXTURES / "markdown-2018-09-L1.txt").read_text(encoding="utf-8")
    broken = text.replace("郑政〔2018〕43号", "郑政〔2018〕号")
    documents = segment(clean(broken, "2018-09.txt", "2018-09"), "2018-09")
    assert len(documents) == 1
    document = documents[0]
    assert document.doc_no is None and document.id == "2018-09-n1"
    assert document.date == date(2018, 9, 25)
    assert document.title == "郑州市人民政府关于加强农村留守儿童关爱保护和困境儿童保障工作的实施意见"
    assert document.flags == ["document number malformed: 郑政〔2018〕号 2018年9月25日"]


def test_the_same_number_printed_twice_keeps_both_documents_distinct() -> None:
    text = (FIXTURES / "markdown-2018-09-L1.txt").read_text(encoding="utf-8")
    documents = segment(clean(text + "\n" + text, "2018-09.txt", "2018-09"), "2018-09")
    assert [d.id for d in documents] == ["郑政-2018-43", "郑政-2018-43~2"]
    assert documents[1].flags == ["document number printed twice in this issue"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "为深入贯彻执行中央八项规定及实施细则，进一步加强党风廉政建设。\n",
        "郑政〔2018〕43号 2018年9月25日\n",  # a number line with no title above it
        "一、总体要求\n（一）指导思想\n",
    ],
)
def test_text_without_a_header_yields_no_document(text: str) -> None:
    assert segment(clean(text, "x.txt", "x"), "x") == []


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("郑州市人民政府关于促进服务外包产业快速发展的实施意见", "意见"),
        ("郑州市人民政府关于印发郑州市加快总部经济发展激励暂行办法的通知", "通知"),
        ("郑州市人民政府关于表彰2016年度郑州市安全生产工作先进集体的通报", "通报"),
        ("郑州市政务服务容缺受理办法（试行）", "办法"),
        ("郑州市人民政府任免人员", "任免"),
        ("郑州市2017年电力行业燃煤削减", None),
    ],
)
def test_the_genre_is_the_word_a_title_ends_with(title: str, genre: str | None) -> None:
    assert genre_of(title) == genre
