"""Repeal statements and conflict clauses, on real excerpts of the bundled gazettes."""

from __future__ import annotations

import pytest
from tests.test_citations import doc

from gongbao.models import RepealKind
from gongbao.repeals import find_repeals

# fmt: off
CASES = [
    # 2017-10 L169: 同时废止 on the day the new measure takes effect, and a conflict clause
    ("《郑州市人民政府关于印发郑州市加快总部经济发展激励暂行办法的通知》（郑政〔2011〕109号）于本办法施行之日同时废止。"
     "本办法施行后，此前有关总部经济的相关规定与之不一致的，以本办法为准。",
     [("repeal", "郑政〔2011〕109号", "郑州市人民政府关于印发郑州市加快总部经济发展激励暂行办法的通知", "on_effect"),
      ("conflict", None, None, None)]),
    # 2018-08 L4070: 废止 on issue
    ("自本文印发之日起，《郑州市人民政府关于促进建筑业持续健康发展的实施意见》（郑政〔2017〕31号）废止。",
     [("repeal", "郑政〔2017〕31号", "郑州市人民政府关于促进建筑业持续健康发展的实施意见", "on_issue")]),
    # 2017-08 L2979: two numbers without parentheses, in a 注
    ("注：原《郑州市人民政府关于印发郑州市进一步加强农作物秸秆禁烧和综合利用工作方案的通知》郑政文〔2012〕126号和"
     "《郑州市人民政府关于农作物秸秆禁烧和综合利用工作的通告》郑政通〔2015〕4号自本通知下发时废止。",
     [("repeal", "郑政文〔2012〕126号", "郑州市人民政府关于印发郑州市进一步加强农作物秸秆禁烧和综合利用工作方案的通知", "on_issue"),
      ("repeal", "郑政通〔2015〕4号", "郑州市人民政府关于农作物秸秆禁烧和综合利用工作的通告", "on_issue")]),
    # 2017-10 L763: by title and date only; 同时废止 = together with the rules' entry into force
    ("2009年7月10日市政府发布的《郑州市行政应诉工作规则》同时废止。",
     [("repeal", None, "郑州市行政应诉工作规则", "on_effect")]),
    # 2017-08 L4174: blanket repeal
    ("本支持政策自发布之日起试行至2019年底止，市之前出台的关于服务外包产业发展相关支持政策同时废止。",
     [("repeal", None, None, "on_effect")]),
    # 2017-08 L3572: the effect clause before 同时废止 dates the document, the repeal follows it
    ("市国资委于2006年公布的《郑州市国资委关于印发〈郑州市市属企业重大投资事项监督管理暂行办法〉的通知》"
     "(郑国资〔2006〕183号)同时废止。",
     [("repeal", "郑国资〔2006〕183号", "郑州市国资委关于印发〈郑州市市属企业重大投资事项监督管理暂行办法〉的通知",
       "on_effect")]),
    # 2022-03 L3210 and 2018-08 L3466: conflict clauses
    ("（五）本办法自2022年1月1日起施行。我市以往规定与本办法规定不一致的，以本办法为准。", [("conflict", None, None, None)]),
    ("目前市本级其他支持工业和信息化发展相关政策中与本政策不一致的，以本政策为准。", [("conflict", None, None, None)]),
    # 2017-08 L1706, L1718; 2017-10 L675: duties to repeal are not repeals
    ("对实施期限到期或未达到预期效果的政策措施，要及时停止执行或进行调整。", []),
    ("对市场主体反映比较强烈、问题暴露比较集中、影响比较突出的规定和做法，要尽快予以废止；", []),
    ("根据审核情况及时向本机关提出停止执行以及自行变更、撤销或者部分撤销被诉行政行为的建议；", []),
    # 2022-03 L1764: 不再执行 naming no document is not a repeal
    ("原地税系统收入增量上解政策不再执行。", []),
    # 2022-03 L2275: 以…为准 without 不一致 is not a conflict clause
    ("索须河段河道管理范围以郑州市人民政府依法组织划定并公布的为准。", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_repeal_forms(text, expected):
    found = find_repeals(doc(text))
    assert [(r.kind.value, str(r.number) if r.number else None, r.title, r.when) for r in found] == expected


def test_repeal_by_title_keeps_the_date_it_was_issued():
    (repeal,) = find_repeals(doc("2009年7月10日市政府发布的《郑州市行政应诉工作规则》同时废止。"))
    assert repeal.kind is RepealKind.REPEAL
    assert "issued 2009年7月10日" in repeal.flags


def test_odd_text_never_raises():
    for text in ("废止", "同时废止。", "不一致的，以本为准", "《》废止", "〔2016〕废止号"):
        find_repeals(doc(text))
