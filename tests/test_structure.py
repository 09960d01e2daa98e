"""Structure stage: provision trees of real documents of the bundled corpus, and excerpts."""

from __future__ import annotations

import re
from functools import cache

import pytest

from gongbao.config import BUNDLED_CORPUS
from gongbao.models import Document, Provision
from gongbao.pipeline import bundled_issues, ingest_file, parse_issue
from gongbao.structure import cn_number, find_provision, structure, structure_keys, work_uri


@cache
def corpus() -> dict[str, Document]:
    return {document.id: document for issue in bundled_issues() for document in issue.documents}


def nodes(document: Document) -> list[Provision]:
    return [n for top in structure(document).provisions for n in top.walk()]


def articles(document: Document) -> list[str]:
    return [n.num for n in nodes(document) if n.kind == "article"]


def excerpt(text: str, issue: str = "2017-10") -> Document:
    return parse_issue(text.encode(), f"{issue}.txt", issue).documents[0]


CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]


def cn(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else CN[tens - 1]) + "十" + (CN[units - 1] if units else "")


# fmt: off
DONE_WHEN = [
    # (document id, chapters, articles)
    ("郑政-2017-34", 6, 22),             # 郑州市加快总部经济发展激励暂行办法 (2017-10)
    ("郑州市人民政府令-245", 5, 36),      # 郑州市警务辅助人员管理办法 (2022-03)
    ("郑政文-2018-158", 0, 22),           # bus lanes, articles printed as **第一条** (2018-09)
]
# fmt: on


@pytest.mark.parametrize(("doc_id", "chapters", "count"), DONE_WHEN)
def test_articles_in_printed_order(doc_id: str, chapters: int, count: int) -> None:
    document = corpus()[doc_id]
    tree = structure(document).provisions
    assert sum(1 for n in tree if n.kind == "chapter") == chapters
    assert articles(document) == [f"第{cn(k)}条" for k in range(1, count + 1)]
    assert not [n.flags for n in nodes(document) if n.kind == "article" and n.flags]


def test_chapters_hold_their_articles_in_eids() -> None:
    tree = structure(corpus()["郑政-2017-34"]).provisions
    chapter4 = next(n for n in tree if n.eid == "chp_4")
    assert chapter4.heading == "激励措施"
    assert [c.eid for c in chapter4.children] == [f"chp_4__art_{k}" for k in (11, 12, 13, 14)]


# The eIds the rules package cites (src/gongbao/rules) resolve to the printed provision.
# fmt: off
EIDS = [
    ("郑政-2017-34", "chp_2__art_8__point_1", "现代农业总部企业"),
    ("郑政-2017-34", "chp_4__art_11__point_1__para_3", "奖励资金由市、县（市、区）两级财政各承担50%。"),
    ("郑政-2017-34", "chp_4__art_11__point_3__para_2", "经认定的现有总部企业，自认定之日起5年内"),
    ("郑政-2017-34", "chp_6__art_22", "本办法自2017年11月1日起施行，有效期两年。"),
    ("郑政-2017-34", "chp_1__art_4__para_2", "市财政局负责本暂行办法的组织实施"),
    ("郑州市人民政府令-245", "chp_2__art_12__point_6", "国家和省规定的其他优先聘用情形。"),
    ("郑州市人民政府令-245", "chp_2__art_12__para_2", "对前款第一项和第二项可以单列计划，定向招聘。"),
    ("郑政文-2018-158", "art_19__point_4", "其他影响公交专用车道正常通行的行为。"),
    ("郑政-2018-43", "sec_2__subsec_2__para_1", "孤儿。失去父母"),           # 一、（一）1. outline
    ("郑政办-2017-101", "sec_5__subsec_2__para_1", None),                  # 5.2.1 decimal headings
]
# fmt: on


@pytest.mark.parametrize(("doc_id", "eid", "text"), EIDS)
def test_eid_points_at_printed_provision(doc_id: str, eid: str, text: str | None) -> None:
    found = {n.eid: n for n in nodes(corpus()[doc_id])}
    assert eid in found
    if text is not None:
        assert found[eid].text.startswith(text)


def test_paragraph_between_two_items_belongs_to_the_first() -> None:
    # 郑政办〔2018〕78号 容缺受理办法 三、（二）…等。 / 其中，材料承诺提交时限最长… (2018-08.txt
    # L13431) / （三）…: the 其中 paragraph is the last paragraph of （二）, not of 三、.
    found = {n.eid: n for n in nodes(corpus()["郑政办-2018-78"])}
    node = found["att_1__sec_3__subsec_2__hcontainer_1"]
    assert node.text.startswith("其中，材料承诺提交时限最长不超过行政审批事项承诺办结时限")
    assert node.span.line_start == 13431
    assert "att_1__sec_3__hcontainer_1" not in found
    assert [c.num for c in found["att_1__sec_3"].children] == ["（一）", "（二）", "（三）", "（四）", "（五）"]


def test_paragraph_after_the_last_item_stays_with_the_heading() -> None:
    text = (
        "郑州市人民政府\n关于某事的意见\n郑政〔2017〕99号 2017年10月16日\n各有关单位：\n现提出以下意见。\n"
        "一、工作流程\n（一）窗口对材料进行核验，一次告知所缺材料。\n其中，时限最长5日。\n"
        "（二）窗口收件后出具回执，流转至审批后台。\n各单位要抓好落实。\n"
    )
    found = {n.eid: n for n in nodes(excerpt(text))}
    assert found["sec_1__subsec_1__hcontainer_1"].text == "其中，时限最长5日。"
    assert found["sec_1__hcontainer_1"].text == "各单位要抓好落实。"


@pytest.mark.parametrize(
    ("doc_id", "counties"),
    [
        ("郑政办-2017-102", ["登封市", "新密市", "荥阳市", "新郑市", "中牟县", "中原区", "二七区", "金水区", "管城回族区",
                            "惠济区", "上街区", "郑州航空港经济综合实验区", "郑州高新区", "郑东新区", "郑州经济开发区"]),
        ("郑政办-2018-76", ["巩义市", "登封市", "新密市", "荥阳市", "新郑市", "中牟县", "中原区", "二七区", "金水区",
                            "管城回族区", "惠济区", "上街区", "郑州航空港经济综合实验区", "郑州高新区", "郑东新区",
                            "郑州经济开发区"]),
    ],
)
def test_outline_repeated_under_each_county_is_nested_under_its_name(doc_id: str, counties: list[str]) -> None:
    # 附件 2017/2018年各县（市、区）、开发区经济社会发展主要指标: 一、…六、 printed again under each name.
    tree = {n.eid: n for n in nodes(corpus()[doc_id])}
    heads = [n for eid, n in tree.items() if n.kind == "jurisdiction"]
    assert [n.heading for n in heads] == counties
    assert [n.eid for n in heads] == [f"att_1__hcontainer_{k}" for k in range(1, len(counties) + 1)]
    assert tree["att_1"].heading == "2017年各县（市、区）、开发区经济社会发展主要指标".replace("2017", doc_id[4:8])
    assert [c.num for c in heads[1].children][:2] == ["一、", "二、"]
    assert not any("twice" in f or f.startswith("numbering") for n in tree.values() for f in n.flags)


def test_decimal_headings_of_an_emergency_plan() -> None:
    found = {n.eid: n for n in nodes(corpus()["郑政办-2017-101"])}
    assert found["sec_5__subsec_2__para_1"].num == "5.2.1"
    assert found["sec_5__subsec_2__para_1"].heading == "市大面积停电事件应急指挥部应对"
    assert found["sec_5__subsec_2__para_1__subpara_4"].text.startswith("统一组织信息发布")


def test_every_attachment_is_a_node_with_its_title() -> None:
    for document in corpus().values():
        for line in document.lines:
            m = re.fullmatch(r"附\s*件\s*(\d*)", line.text)
            if not m:
                continue
            attachments = [n for n in nodes(document) if n.kind == "attachment" and n.span.line_start == line.span.line_start]
            assert len(attachments) == 1, (document.id, line.text)
            assert attachments[0].heading, (document.id, line.text)
            assert attachments[0].eid.endswith(f"att_{m[1] or 1}")


def test_every_omitted_attachment_is_flagged() -> None:
    omitted = 0
    for document in corpus().values():
        printed = re.sub(r"\s+", "", "".join(line.text for line in document.lines))
        found = [n for n in nodes(document) if n.kind == "attachment" and "omitted" in n.flags]
        omitted += len(found)
        for node in found:
            assert node.heading and node.heading in printed
    assert omitted >= 30


# fmt: off
OMITTED = [
    # 2018-08 prints "（略" and ")" on lines of their own: the list item is still one attachment.
    ("郑政文-2018-150", ["压缩企业开办时间工作月报（文字版）", "企业开办各环节所需时间情况表（样表）"]),
    ("郑政-2017-26", ["2017年郑州市产业集聚区建设重点任务分工", "2017年郑州市产业集聚区建设发展目标",
                      "2017年郑州市工业专业园区建设发展目标", "2017年郑州市产业集聚区新开重大项目表",
                      "2017年郑州市产业集聚区续建重大项目表", "2017年郑州市产业集聚区竣工重大项目表"]),
]
# fmt: on


@pytest.mark.parametrize(("doc_id", "titles"), OMITTED)
def test_omitted_attachments_from_the_list(doc_id: str, titles: list[str]) -> None:
    found = [n for n in nodes(corpus()[doc_id]) if n.kind == "attachment"]
    assert [n.heading for n in found] == titles
    assert all("omitted" in n.flags for n in found)


def test_several_instruments_are_wrapped_in_attachments() -> None:
    tree = structure(corpus()["郑政文-2017-146"]).provisions
    wrapped = [n for n in tree if n.kind == "attachment"]
    assert len(wrapped) == 5
    assert wrapped[0].heading == "郑州市化解过剩产能攻坚方案"
    # The table attachment printed after the fifth 方案 belongs to it.
    assert wrapped[4].children[-1].eid == "att_5__att_1"


@pytest.mark.parametrize(
    ("doc_id", "eid", "num", "heading", "first_items"),
    [
        # 三、（一）1. 重点打造… / 专栏1 “中原科技创新谷” / 一、建设主体： … 四、管理运营：
        ("郑政-2017-28", "sec_3__subsec_1__para_1__column_1", "专栏1", "“中原科技创新谷”", ["一、", "二、", "三、", "四、"]),
        # 专栏 19 “创业郑州郑创汇”国际创新创业大赛**一、活动宗旨：** — the first item run into the title.
        ("郑政-2017-28", "sec_3__subsec_3__para_6__column_19", "专栏19", "“创业郑州郑创汇”国际创新创业大赛",
         ["一、", "二、", "三、", "四、"]),
        # 三、（一）5. … / 专栏2 残疾人民生兜底保障重点政策 / 1. 最低生活保障制度 … 9. 阳光家园计划
        ("郑政办-2017-99", "sec_3__subsec_1__para_5__column_2", "专栏2", "残疾人民生兜底保障重点政策",
         [f"{k}." for k in range(1, 10)]),
        # 专栏 1：全面推进通信网络基础设施建设 — the colon is neither number nor heading.
        ("郑政-2022-4", "sec_4__subsec_1__column_1", "专栏1", "全面推进通信网络基础设施建设", []),
    ],
)
def test_a_column_box_has_its_own_eid_and_numbers_its_own_items(
    doc_id: str, eid: str, num: str, heading: str, first_items: list[str]
) -> None:
    found = {n.eid: n for n in nodes(corpus()[doc_id])}
    box = found[eid]
    assert (box.kind, box.num.replace(" ", ""), box.heading) == ("column", num, heading)
    assert [c.num for c in box.children if c.num][: len(first_items)] == first_items
    assert not any("twice" in f or f.startswith("numbering") for n in found.values() for f in n.flags)


def test_text_resumes_after_a_column_box_with_the_next_outer_number() -> None:
    # 专栏2 … 9. 阳光家园计划 / （二）促进城乡残疾人及其家庭就业增收 / 1. 确保农村贫困残疾人家庭…
    found = {n.eid: n for n in nodes(corpus()["郑政办-2017-99"])}
    assert found["sec_3__subsec_2"].heading == "促进城乡残疾人及其家庭就业增收"
    assert found["sec_3__subsec_2__para_1"].text.startswith("确保农村贫困残疾人家庭如期精准脱贫")
    # 郑政〔2017〕28号: 四、强化政策与保障措施 after the boxes of 三、 is 四、 of the plan, not of a box.
    plan = {n.eid: n for n in nodes(corpus()["郑政-2017-28"])}
    assert plan["sec_4"].heading == "强化政策与保障措施"


@pytest.mark.parametrize(
    ("doc_id", "eid", "text"),
    [
        # 5.2.1 Ⅰ级 / 响应条件： / （1）…（3） / 响应措施： / （1） 报告市应急救援总指挥部…
        ("郑政办-2022-31", "sec_5__subsec_2__para_1__subpara_3", "特殊情况需要划为Ⅰ级灾情的。"),
        ("郑政办-2022-31", "sec_5__subsec_2__para_1__hcontainer_2", "响应措施："),
        ("郑政办-2022-31", "sec_5__subsec_2__para_1__hcontainer_2__subpara_1", "报告市应急救援总指挥部"),
        ("郑政办-2022-31", "sec_5__subsec_2__para_2__hcontainer_2__subpara_1", "由市指挥部启动Ⅱ级响应"),
        # 创投地方突出贡献人才（D类）：…同时满足： / （1）作为高级经理… — beside the C-class lead-in.
        ("郑政文-2022-23", "sec_1__subsec_2__para_1__hcontainer_4__subpara_1", "作为高级经理及以上角色"),
        # 郑政〔2017〕24号 "3.8月底前制定专项方案" (clean drops the space): item 3, not a decimal.
        ("郑政-2017-24", "sec_4__subsec_2__para_3", "8月底前制定专项方案"),
        # 郑政〔2018〕36号 "1." printed alone, its text on the next line (PDF-column layout).
        ("郑政-2018-36", "sec_1__subsec_1__para_1", "城乡居民健康水平进一步提高"),
    ],
)
def test_lists_restarting_under_a_lead_in_keep_their_printed_numbers(doc_id: str, eid: str, text: str) -> None:
    found = {n.eid: n for n in nodes(corpus()[doc_id])}
    assert found[eid].text.startswith(text)
    assert not any("twice" in f or f.startswith("numbering") for n in found.values() for f in n.flags)


def test_numbering_flags_left_in_the_corpus_are_real() -> None:
    # Every "printed twice" / "numbering:" flag of the bundled corpus was a parsing artefact
    # (专栏 boxes, lead-in lists, "3.8月", a number alone on its line); the gazettes print none.
    flagged = [(d, n.eid, f) for d, doc in corpus().items() for n in nodes(doc) for f in n.flags
               if "twice" in f or f.startswith("numbering")]
    assert flagged == []


def test_skipped_numbering_is_kept_and_flagged() -> None:
    text = (
        "郑州市人民政府\n关于某事的意见\n郑政〔2017〕99号 2017年10月16日\n各有关单位：\n现提出以下意见。\n"
        "一、总体要求\n（一）指导思想\n内容。\n（三）工作目标\n内容。\n"
    )
    found = {n.eid: n for n in nodes(excerpt(text))}
    assert found["sec_1__subsec_3"].num == "（三）"
    assert any("expected" in f for f in found["sec_1__subsec_3"].flags)


def test_repeated_number_gets_position_and_flag() -> None:
    text = (
        "郑州市人民政府\n关于某事的意见\n郑政〔2017〕99号 2017年10月16日\n各有关单位：\n现提出以下意见。\n"
        "一、总体要求\n内容。\n一、重点任务\n内容。\n"
    )
    tree = structure(excerpt(text)).provisions
    assert [n.eid for n in tree[1:]] == ["sec_1", "sec_2"]
    assert any("twice" in f for f in tree[2].flags)


def test_identifiers_are_stable_across_ingests() -> None:
    path = next(BUNDLED_CORPUS.glob("2017-10.txt"))
    first = [structure_keys(d)["provisions"] for d in ingest_file(path).documents]
    second = [structure_keys(d)["provisions"] for d in ingest_file(path).documents]
    assert first == second


def test_odd_text_never_raises() -> None:
    text = "郑州市人民政府\n关于某事的通知\n郑政〔2017〕99号 2017年10月16日\n第条\n（）\n1.\n①\n附件：\n附件\n专栏\n\t\t\n"
    keys = structure_keys(excerpt(text))
    assert "structure_flags" not in keys


# fmt: off
WORK_URIS = [
    ("郑政-2017-34", "/akn/cn-410100/act/郑政/2017/34"),
    ("郑州市人民政府令-245", "/akn/cn-410100/act/郑州市人民政府令/2022/245"),
    ("2017-10-n1", "/akn/cn-410100/doc/2017-10/n1"),
]
# fmt: on


@pytest.mark.parametrize(("doc_id", "uri"), WORK_URIS)
def test_work_uri(doc_id: str, uri: str) -> None:
    assert work_uri(corpus()[doc_id]) == uri


def test_find_provision_accepts_first_paragraph_of_a_single_paragraph_article() -> None:
    tree = structure_keys(corpus()["郑政-2017-34"])["provisions"]
    assert find_provision(tree, "chp_4__art_11__para_1")["eid"] == "chp_4__art_11"
    assert find_provision(tree, "chp_9__art_99") is None


@pytest.mark.parametrize(("printed", "value"), [("二十二", 22), ("十", 10), ("三十六", 36), ("一百零五", 105), ("7", 7), ("②", 2)])
def test_cn_number(printed: str, value: int) -> None:
    assert cn_number(printed) == value
