"""Entry into force and validity, on real excerpts of the bundled gazettes."""

from __future__ import annotations

from datetime import date

import pytest
from tests.test_citations import doc

from gongbao.config import BUNDLED_CORPUS
from gongbao.effect import find_effect
from gongbao.pipeline import ingest_file


def dated(*texts: str, on: date = date(2017, 8, 25), title: str = "标题"):
    d = doc(*texts)
    d.date = on
    d.title = title
    return d


# fmt: off
CASES = [
    # 2017-10 L169 (郑政〔2017〕34号): explicit date, 有效期两年 counted from it
    (("第二十二条 本办法自2017年11月1日起施行，有效期两年。",), date(2017, 10, 16),
     date(2017, 11, 1), date(2019, 10, 31), "explicit date"),
    # 2017-08 L3415: 自发布之日起 = the document's date, 有效期2年
    (("第二十七条 本办法自发布之日起施行，有效期2年。",), date(2017, 8, 25),
     date(2017, 8, 25), date(2019, 8, 24), "document date"),
    # 2017-08 L3572: explicit end date, 执行 not 施行
    (("第三十条 本办法自2017年10月1日起执行，有效期至2022年8月31日。",), date(2017, 8, 31),
     date(2017, 10, 1), date(2022, 8, 31), "explicit date"),
    # 2017-08 L4174: 试行至2019年底止
    (("本支持政策自发布之日起试行至2019年底止，市之前出台的关于服务外包产业发展相关支持政策同时废止。",), date(2017, 8, 21),
     date(2017, 8, 21), date(2019, 12, 31), "document date"),
    # 2022-03 L1738: 有效期3年 after 自发布之日起施行 in one sentence
    (("本措施由郑东新区管委会负责组织实施，自发布之日起施行，有效期3年。",), date(2022, 3, 8),
     date(2022, 3, 8), date(2025, 3, 7), "document date"),
    # 2022-03 L3607: 自发布之日起公布实施
    (("本预案自发布之日起公布实施。",), date(2022, 3, 25), date(2022, 3, 25), None, "document date"),
    # 2018-08 L7470: 本《通知》自发文之日起施行
    (("本《通知》自发文之日起施行。",), date(2018, 8, 31), date(2018, 8, 31), None, "document date"),
    # 2018-09 L284: 起实施
    (("第二十二条 本办法自2018年10月21日起实施。",), date(2018, 9, 21), date(2018, 10, 21), None, "explicit date"),
    # 2018-09 L436: an operative date inside a sentence is not the document's entry into force
    (("自2019年2月1日起，12345政府服务热线正式运行。",), date(2018, 9, 27), None, None, None),
]
# fmt: on


@pytest.mark.parametrize(("texts", "on", "start", "until", "basis"), CASES)
def test_effect_clauses(texts, on, start, until, basis):
    effect = find_effect(dated(*texts, on=on))
    assert (effect.effective_from, effect.valid_until, effect.basis) == (start, until, basis)


def test_date_in_a_later_article():
    # 2022-03 郑州市人民政府令第245号: L9 and 第三十六条 L199 agree on 2022-05-01.
    issue = ingest_file(BUNDLED_CORPUS / "2022-03.txt")
    decree = issue.documents[0]
    effect = find_effect(decree)
    assert effect.effective_from == date(2022, 5, 1)
    assert effect.line == 199
    assert effect.flags == ()


def test_headquarters_measure_from_the_corpus():
    issue = ingest_file(BUNDLED_CORPUS / "2017-10.txt")
    effect = find_effect(next(d for d in issue.documents if str(d.doc_no) == "郑政〔2017〕34号"))
    assert (effect.effective_from, effect.valid_until, effect.line) == (date(2017, 11, 1), date(2019, 10, 31), 169)
    assert effect.provisional  # 暂行办法


def test_retroactive_entry_into_force_is_noted():
    effect = find_effect(dated("（五）本办法自2022年1月1日起施行。", on=date(2022, 3, 18)))
    assert "retroactive: takes effect before the document's date" in effect.flags


def test_impossible_date_is_flagged_not_raised():
    effect = find_effect(dated("本办法自2018年2月30日起施行，有效期两年。"))
    assert effect.effective_from is None
    assert any("impossible date 2018年2月30日" in f for f in effect.flags)
    assert "validity period without an effective date" in effect.flags


def test_period_ending_before_it_starts_is_flagged():
    effect = find_effect(dated("本办法自2019年10月1日起执行，有效期至2018年8月31日。"))
    assert effect.valid_until == date(2018, 8, 31)
    assert any(f.startswith("validity ends") for f in effect.flags)


def test_chinese_numerals():
    effect = find_effect(dated("本办法自二〇一七年十一月一日起施行，有效期三年。"))
    assert (effect.effective_from, effect.valid_until) == (date(2017, 11, 1), date(2020, 10, 31))


def test_provisional_from_title():
    assert find_effect(dated("正文。", title="郑州市食盐储备管理暂行办法")).provisional
