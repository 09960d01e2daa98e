"""Tasks stage: every printed task format, on real excerpts, and the labelled sample."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from gongbao.models import Document, Line, SourceSpan
from gongbao.pipeline import bundled_issues
from gongbao.tasks import derive_tasks, provision_at
from gongbao.units import _split_top

LABELLED = Path(__file__).parent / "fixtures" / "tasks_labelled.tsv"


def document(*texts: str, day: date = date(2018, 9, 30), start: int = 100) -> Document:
    """A document whose body lines are `texts` (one line each, numbered from `start`)."""
    lines = [Line(t, SourceSpan("x.txt", "x", start + 2 * n, start + 2 * n), t) for n, t in enumerate(texts)]
    return Document(id="郑政办-2018-87", doc_no=None, date=day, issuer=None, genre=None, title="t",
                    enclosed_title=None, addressees=[], attachment_of=None,
                    source=SourceSpan("x.txt", "x", start, start + 2 * len(texts)), lines=lines)


def roles(task) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return task.lead, task.responsible, task.cooperating


# fmt: off
FORMATS = [
    # trailing （X负责）, several per paragraph (郑政办文〔2017〕42号 L3598)
    ("paren",
     ["强化食用农产品监管，推进减量化绿色生产（市农委、林业局、畜牧局负责）。实施兽药处方药管理和兽药二维码追溯制度（市畜牧局负责）。"],
     [((), ("市农委", "市林业局", "市畜牧局"), ()), ((), ("市畜牧局",), ())]),
    # （X牵头，Y按职责分工负责） (郑政办〔2017〕103号 L3049)
    ("paren",
     ["（二）鼓励外商投资先进制造业。改造提升传统产业。（市工信委牵头，市发展改革委、市商务局等按职责分工负责）"],
     [(("市工信委",), ("市发展改革委", "市商务局"), ())]),
    # （X牵头，Y配合） with 〔市、区〕 inside (郑政文〔2018〕150号 L6963)
    ("paren",
     ["严禁要求企业前往公安机关办理公章刻制备案。（市公安局牵头，市政务服务中心、市工商局、各县〔市、区〕政府、开发区管委会配合）"],
     [(("市公安局",), (), ("市政务服务中心", "市工商局", "各县（市、区）人民政府", "各开发区管委会"))]),
    # trailing （责任单位：…） (郑政办〔2022〕18号 L2008)
    ("paren",
     ["2.打造国际体育赛事名城。积极引进世界高水平单项体育赛事。（责任单位：市委外办，市体育局）"],
     [((), ("市委外办", "市体育局"), ())]),
    # 责任单位： line after the task (郑政〔2017〕24号 L61)
    ("fields",
     ["4.8月底前制定煤矿应急备用电源替代方案，力争10月底前实现东风电厂关停。",
      "责任单位：新密市人民政府，市工信委，郑州供电公司，郑州煤电股份有限公司。"],
     [((), ("新密市人民政府", "市工信委", "郑州供电公司", "郑州煤电股份有限公司"), ())]),
    # 牵头单位/责任单位/时间节点 triplet (郑政办〔2017〕88号 L3097–3103)
    ("fields",
     ["2.在更大范围推进“证照分离”改革试点，分类清理规范涉企证照。",
      "牵头单位：市工商局、市政务办、市政府法制办", "责任单位：相关部门按职责分工负责", "时间节点：2017年全年"],
     [(("市工商局", "市政务办", "市政府法制办"), ("相关部门",), ())]),
    # 牵头单位：X。 with the shared 市 dropped (郑政文〔2018〕168号 L805)
    ("fields",
     ["（六）推进工业大数据应用。", "牵头单位：市发展改革委、工信委、统计局。"],
     [(("市发展改革委", "市工信委", "市统计局"), (), ())]),
    # 牵头/配合/完成时限 block (郑政文〔2018〕143号 L5263–5269)
    ("fields",
     ["1.编制完成建筑垃圾专项规划。", "牵头单位：市规划局、市城管局", "配合单位：各县（市、区）政府，各开发区管委会",
      "完成时限： 2018年12月"],
     [(("市规划局", "市城管局"), (), ("各县（市、区）人民政府", "各开发区管委会"))]),
    # sentence line after a project (郑政文〔2018〕147号 L6252)
    ("sentence",
     ["三是加快建设市民一卡通工程。2019年完成。",
      "市数字办牵头，市政府有关部门按照行政职责分工负责，郑州一卡通公司配合。"],
     [(("市数字办",), ("市政府有关部门",), ("郑州一卡通公司",))]),
    # task table with 序号/重点任务/责任单位 (郑政办〔2018〕89号 L2135–2136)
    ("table",
     ["序号\t重点任务\t责任单位",
      "1\t建设信息安全产业示范基地。\t金水区政府牵头，市工信委、市发展改革委、市中小企业局等有关单位配合。"],
     [(("金水区人民政府",), (), ("市工信委", "市发展改革委", "市中小企业局"))]),
    # task table with 牵头单位/配合单位 columns (郑政办〔2022〕32号 附件2 L3758–3761)
    ("table",
     ["序号\t工作任务\t牵头单位\t配合单位\t备注", "一\t巩固专项治理成果",
      "2\t任何单位（个人）代收水电气暖费用时，严禁向用户加收额外费用。\t市市场监管局，各开发区管委会\t市发展改革委"],
     [(("市市场监管局", "各开发区管委会"), (), ("市发展改革委",))]),
    # 专栏 box: 由X牵头 (郑政〔2017〕28号 L1248)
    ("column",
     ["专栏20 科技金融重点项目", "建设方式：项目位于郑东新区，由市金融办、郑东新区管委会牵头，联合专业的科技地产公司开发建设。"],
     [(("市政府金融办", "郑东新区管委会"), (), ())]),
    # narrative 由X牵头，会同Y (郑政〔2017〕30号 L1736)
    ("narrative",
     ["由市物价局牵头，会同市政府法制办、市财政局等有关部门，根据国家出台的公平竞争审查实施细则，进一步细化审查内容。"],
     [(("市物价局",), (), ("市政府法制办", "市财政局"))]),
]
# fmt: on


@pytest.mark.parametrize(("fmt", "texts", "expected"), FORMATS)
def test_each_printed_format_is_read(fmt, texts, expected):
    tasks = derive_tasks(document(*texts))
    assert [t.format for t in tasks] == [fmt] * len(expected)
    assert [roles(t) for t in tasks] == expected


def test_task_text_is_the_item_the_units_follow():
    tasks = derive_tasks(document(
        "（一）压减退出煤炭过剩产能",
        "1.退出标准：按照省确定的退出标准和程序执行。",
        "3.时间节点：其它煤矿在9月底前关闭到位。",
        "责任单位：市煤炭局、市发展改革委。",
        "（二）依法取缔“地条钢”产能",
        day=date(2017, 8, 4),
    ))
    assert len(tasks) == 1
    assert tasks[0].text.startswith("（一）压减退出煤炭过剩产能")
    assert "（二）" not in tasks[0].text
    assert tasks[0].deadline.due == date(2017, 9, 30)
    assert (tasks[0].span.line_start, tasks[0].span.line_end) == (100, 106)


def test_inline_triplet_reads_its_deadline():
    (task,) = derive_tasks(document(
        "随机抽查事项清单通过本单位官网向社会公示。（牵头单位：市政府法制办、市编办；责任单位：市政府各有关部门；"
        "完成时限：2018年10月20日前）"))
    assert roles(task) == (("市政府法制办", "市编办"), ("市政府各有关部门",), ())
    assert task.deadline.due == date(2018, 10, 20)


def test_a_tag_opening_a_line_governs_the_paragraph_before():
    tasks = derive_tasks(document(
        "（八）积极发展个性化就医服务",
        "鼓励社会办医疗机构以病人为中心优化服务流程。",
        "（市卫计委牵头，市科技局负责）",
    ))
    assert [t.text for t in tasks] == ["（八）积极发展个性化就医服务\n鼓励社会办医疗机构以病人为中心优化服务流程。"]


def test_parentheses_that_assign_nothing_are_not_tasks():
    assert derive_tasks(document("实施“双安双创”（以下简称“双安双创”）。对社会办医疗机构（含诊所）给予补助。")) == []


def test_odd_text_does_not_crash():
    for text in ("（", "牵头单位：", "责任单位：（（（", "\t\t", "由牵头", "（负责）", "完成时限："):
        derive_tasks(document(text, "牵头单位：市财政局"))


def test_provision_at_picks_the_innermost_provision():
    provisions = [
        {"eid": "sec_2", "span": {"line_start": 10, "line_end": 60}, "children": [
            {"eid": "sec_2__subsec_1", "span": {"line_start": 12, "line_end": 30}, "children": [
                {"eid": "sec_2__subsec_1__para_1", "span": {"line_start": 14, "line_end": 18}, "children": []},
            ]},
        ]},
    ]
    assert provision_at(provisions, 15) == "sec_2__subsec_1__para_1"
    assert provision_at(provisions, 25) == "sec_2__subsec_1"
    assert provision_at(provisions, 50) == "sec_2"
    assert provision_at(provisions, 70) is None
    (task,) = derive_tasks(document("加强清真食品牌证管理（市民委负责）。", start=15), provisions)
    assert task.eid == "sec_2__subsec_1__para_1"


# --- the labelled sample ------------------------------------------------------------------


@lru_cache(maxsize=1)
def corpus_documents() -> dict[str, Document]:
    return {d.id: d for issue in bundled_issues() for d in issue.documents}


def labelled() -> tuple[list[tuple[str, int, int]], list[tuple]]:
    windows, tasks = [], []
    for row in LABELLED.read_text(encoding="utf-8").splitlines():
        if not row or row.startswith("#"):
            continue
        cells = row.split("\t") + [""] * 7
        if cells[0] == "window":
            windows.append((cells[1], int(cells[2]), int(cells[3])))
        else:
            split = [tuple(sorted(filter(None, _split_top(c, "、")))) for c in cells[3:6]]
            tasks.append((cells[1], int(cells[2]), *split, cells[6]))
    return windows, tasks


def score() -> dict[str, float]:
    """Precision and recall of (document, last line, lead, responsible, cooperating)."""
    windows, expected = labelled()
    docs = corpus_documents()
    found = []
    for doc_id, first, last in windows:
        for t in derive_tasks(docs[doc_id]):
            if first <= t.span.line_end <= last:
                found.append((doc_id, t.span.line_end, *(tuple(sorted(r)) for r in roles(t))))
    want = Counter(e[:5] for e in expected)
    got = Counter(found)
    hits = sum((want & got).values())
    dated = [e for e in expected if e[5]]
    by_key = {}
    for doc_id, _first, _last in windows:
        for t in derive_tasks(docs[doc_id]):
            by_key[(doc_id, t.span.line_end, *(tuple(sorted(r)) for r in roles(t)))] = t
    right = 0
    for e in dated:
        t = by_key.get(e[:5])
        if t is None or t.deadline is None:
            continue
        right += (e[5] == "ongoing" and t.deadline.kind.value == "ongoing") or (
            t.deadline.due is not None and t.deadline.due.isoformat() == e[5])
    return {
        "labelled": len(expected), "extracted": sum(got.values()), "matched": hits,
        "precision": hits / max(1, sum(got.values())), "recall": hits / max(1, len(expected)),
        "deadline_accuracy": right / max(1, len(dated)),
    }


def test_labelled_sample_covers_all_five_issues():
    windows, expected = labelled()
    docs = corpus_documents()
    assert len(expected) >= 60
    assert {docs[w[0]].source.issue for w in windows} == {"2017-08", "2017-10", "2018-08", "2018-09", "2022-03"}


def test_precision_and_recall_on_the_labelled_sample():
    result = score()
    print(result)
    assert result["precision"] >= 0.9
    assert result["recall"] >= 0.9
    assert result["deadline_accuracy"] >= 0.9
