"""Cases worked by hand from the gazette text, run through `gongbao calc POLICY --input FACTS.json --json`.

Each case names the provision it checks, the facts (shapes of docs/rules.md), the day and the values a
civil servant reading the gazette would write down. Only the named results are compared. The working
days of 2018 were counted on the State Council's 2018 holiday notice (国办发明电〔2017〕12号): 2月15–21日,
4月5–7日, 4月29日–5月1日, 6月18日, 9月24日, 10月1–7日, 12月30日–2019年1月1日 off; 2月11日(日),
2月24日(六), 4月8日(日), 4月28日(六), 9月29日(六), 9月30日(日), 12月29日(六) worked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gongbao.cli import app

runner = CliRunner()


@dataclass(frozen=True)
class Case:
    """One hand-computed case: `why` names the provision, `expected` maps result names to values."""

    why: str
    facts: dict[str, Any]
    date: str
    expected: dict[str, Any]
    times: dict[str, str] = field(default_factory=dict)


def _calc(policy: str, facts: dict[str, Any], date: str, tmp_path: Path) -> Any:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["calc", policy, "--input", str(path), "--date", date, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _check(policy: str, case: Case, tmp_path: Path) -> None:
    out = _calc(policy, case.facts, case.date, tmp_path)
    got = {name: out["results"][name]["value"] for name in case.expected}
    assert got == case.expected, case.why
    for name, time in case.times.items():
        assert out["results"][name]["time"] == time, case.why


# ---------------------------------------------------------------- 郑政〔2017〕34号 总部企业
# A new (2017-06-01) manufacturing firm meeting 第八条（二） exactly: 20亿 revenue, 3000万 tax, 3 branches.
FIRM = {
    "established_on": "2017-06-01", "industry": "manufacturing", "annual_revenue": 200000,
    "local_tax": 3000, "paid_in_capital": 100000, "branches_outside_zhengzhou": 3,
    "recognition_date": "2018-01-01",
}
# An existing firm (set up before 2017) in 商务服务业 (第八条（五）: 5000万 revenue, 300万 tax).
OLD = {
    "established_on": "2010-05-01", "industry": "business_services", "annual_revenue": 110000,
    "local_tax": 300, "paid_in_capital": 20000, "branches_outside_zhengzhou": 3,
    "recognition_date": "2018-01-01", "previous_year_revenue": 100000,
}
D = "2018-03-01"

HEADQUARTERS = [
    # 第十一条（一） 落户奖励 tiers, each bound 含本数, and the 40/30/30 installments.
    Case("第十一条（一）: 实缴注册资本10亿元（含10亿元）以上 → 1000万, paid 40/30/30",
         FIRM, D, {"settlement_award": 1000.0, "settlement_award_year_1": 400.0,
                   "settlement_award_year_2": 300.0, "settlement_award_year_3": 300.0}),
    Case("第十一条（一）: just under 10亿 falls to 5—10亿 → 800万 (320/240/240)",
         {**FIRM, "paid_in_capital": 99999.99}, D,
         {"settlement_award": 800.0, "settlement_award_year_1": 320.0,
          "settlement_award_year_2": 240.0, "settlement_award_year_3": 240.0}),
    Case("第十一条（一）: 5亿 exactly is 5—10亿（含5亿元） → 800万",
         {**FIRM, "paid_in_capital": 50000}, D, {"settlement_award": 800.0}),
    Case("第十一条（一）: 1亿 exactly is 1—5亿（含1亿元） → 500万",
         {**FIRM, "paid_in_capital": 10000}, D, {"settlement_award": 500.0}),
    Case("第十一条（一）: 9999万 is 5000万—1亿 → 200万",
         {**FIRM, "paid_in_capital": 9999}, D, {"settlement_award": 200.0}),
    Case("第十一条（一）: 2000万 exactly is 2000—5000万（含2000万元） → 100万",
         {**FIRM, "paid_in_capital": 2000}, D, {"settlement_award": 100.0}),
    Case("第十一条（一）: 不足2000万 → 50万 (20/15/15)",
         {**FIRM, "paid_in_capital": 1999.99}, D,
         {"settlement_award": 50.0, "settlement_award_year_1": 20.0,
          "settlement_award_year_2": 15.0, "settlement_award_year_3": 15.0}),
    Case("第十一条（一） is for 新设立 firms only: an existing firm gets no 落户奖励",
         {**OLD, "paid_in_capital": 100000}, D,
         {"headquarters_category": "existing", "headquarters_recognised": True, "settlement_award": 0.0}),
    # 第五条 partition.
    Case("第五条: set up on 2017-01-01 is 新设立", {**FIRM, "established_on": "2017-01-01"}, D,
         {"headquarters_category": "new"}),
    Case("第五条: set up on 2016-12-31 is 现有", {**FIRM, "established_on": "2016-12-31"}, D,
         {"headquarters_category": "existing", "settlement_award": 0.0}),
    # 第八条 industry standards, 含本数.
    Case("第八条（二）: 制造业 revenue 1 万元 short of 20亿 → not recognised, nothing paid",
         {**FIRM, "annual_revenue": 199999}, D,
         {"headquarters_industry_standard": False, "headquarters_recognised": False,
          "settlement_award": 0.0, "headquarters_total_award": 0.0}),
    Case("第八条（二）: 制造业 tax 2999.99万 < 3000万 → not recognised",
         {**FIRM, "local_tax": 2999.99}, D, {"headquarters_industry_standard": False}),
    Case("第八条（一）: 现代农业 5000万 revenue and 200万 tax exactly (含本数) → recognised",
         {**FIRM, "industry": "modern_agriculture", "annual_revenue": 5000, "local_tax": 200}, D,
         {"headquarters_industry_standard": True, "headquarters_recognised": True}),
    Case("第八条（三）: 建筑业 资质二级 is not 1级以上 → not recognised",
         {**FIRM, "industry": "construction", "local_tax": 2000, "construction_grade": "grade_2"}, D,
         {"headquarters_industry_standard": False, "headquarters_recognised": False}),
    Case("第八条（三）: 建筑业 资质一级, 20亿 and 2000万 → recognised",
         {**FIRM, "industry": "construction", "local_tax": 2000, "construction_grade": "grade_1"}, D,
         {"headquarters_industry_standard": True}),
    Case("第八条（三）: 建筑业 特级 is above 1级 → recognised",
         {**FIRM, "industry": "construction", "local_tax": 2000, "construction_grade": "特级"}, D,
         {"headquarters_industry_standard": True}),
    Case("第八条（四）: 零售业 10亿 and 1000万 → recognised",
         {**FIRM, "industry": "retail", "annual_revenue": 100000, "local_tax": 1000}, D,
         {"headquarters_industry_standard": True}),
    Case("第八条（四）: 批发业 needs 20亿; 10亿 is not enough",
         {**FIRM, "industry": "wholesale", "annual_revenue": 100000, "local_tax": 2000}, D,
         {"headquarters_industry_standard": False}),
    Case("第八条（六）: 现代物流业 1亿 and 500万 → recognised",
         {**FIRM, "industry": "logistics", "annual_revenue": 10000, "local_tax": 500}, D,
         {"headquarters_industry_standard": True}),
    Case("第八条（九）: 教育、卫生、文化、体育和娱乐业 5000万 and 200万 → recognised",
         {**FIRM, "industry": "education_health_culture_sports", "annual_revenue": 5000, "local_tax": 200}, D,
         {"headquarters_industry_standard": True}),
    Case("第八条（八）: 科学研究和技术服务业 needs 300万 tax; 299万 is short",
         {**FIRM, "industry": "research_technical_services", "annual_revenue": 5000, "local_tax": 299}, D,
         {"headquarters_industry_standard": False}),
    Case("第八条（十）: 其他 15亿 and 3000万 → recognised",
         {**FIRM, "industry": "other", "annual_revenue": 150000}, D, {"headquarters_industry_standard": True}),
    # 第六条, 第七条, 第三条.
    Case("第六条（三）: only 2 branches outside 郑州 (不少于3个) → basic conditions fail",
         {**FIRM, "branches_outside_zhengzhou": 2}, D,
         {"headquarters_basic_conditions": False, "headquarters_recognised": False, "settlement_award": 0.0}),
    Case("第七条（一）: a 世界500强 regional HQ is recognised directly, whatever its revenue",
         {**FIRM, "annual_revenue": 100, "local_tax": 10, "direct_recognition_basis": "world_500"}, D,
         {"headquarters_direct_recognition": True, "headquarters_industry_standard": False,
          "headquarters_recognised": True}),
    Case("第三条: 房地产业务占主营业务收入50%及以上 → excluded",
         {**FIRM, "real_estate_revenue_share": 50}, D,
         {"headquarters_excluded": True, "headquarters_recognised": False}),
    Case("第三条: 49.9% real estate is not excluded", {**FIRM, "real_estate_revenue_share": 49.9}, D,
         {"headquarters_excluded": False, "headquarters_recognised": True}),
    Case("第三条: 市属国有控股企业 → excluded", {**FIRM, "city_state_owned": True}, D,
         {"headquarters_excluded": True, "headquarters_recognised": False}),
    Case("第三条: 金融保险业 follows the financial policies → excluded", {**FIRM, "industry": "finance_insurance"}, D,
         {"headquarters_excluded": True, "headquarters_recognised": False}),
    # 第十一条（二） 办公用房补助.
    Case("第十一条（二）: 3000 m² × 1000元 = 300万 one-off", {**FIRM, "office_purchase_area": 3000}, D,
         {"office_purchase_subsidy": 300.0, "office_subsidy_kind": "purchase", "office_subsidy": 300.0}),
    Case("第十一条（二）: 6000 m² would be 600万, capped at 500万", {**FIRM, "office_purchase_area": 6000}, D,
         {"office_purchase_subsidy": 500.0, "office_subsidy": 500.0}),
    Case("第十一条（二）: a firm with its own office in 郑州 gets no purchase subsidy",
         {**FIRM, "office_purchase_area": 3000, "has_own_office_in_zhengzhou": True}, D,
         {"office_purchase_subsidy": 0.0, "office_subsidy": 0.0}),
    Case("第十一条（二）: rent 500万 × 30% = 150万 a year", {**FIRM, "annual_office_rent": 500}, D,
         {"office_rent_subsidy": 150.0, "office_subsidy_kind": "rent", "office_subsidy": 150.0}),
    Case("第十一条（二）: rent 1000万 × 30% = 300万, capped at 200万", {**FIRM, "annual_office_rent": 1000}, D,
         {"office_rent_subsidy": 200.0, "office_subsidy": 200.0}),
    Case("第十一条（二）第二段 择优: purchase 300万 beats rent 200万, not both",
         {**FIRM, "office_purchase_area": 3000, "annual_office_rent": 1000}, D,
         {"office_subsidy_kind": "purchase", "office_subsidy": 300.0}),
    Case("第十一条（二）第二段 择优: rent 200万 beats purchase 100万",
         {**FIRM, "office_purchase_area": 1000, "annual_office_rent": 1000}, D,
         {"office_subsidy_kind": "rent", "office_subsidy": 200.0}),
    Case("第十一条（二）: bought on the day before the 2nd anniversary of recognition → inside 2 年内",
         {**FIRM, "recognition_date": "2017-11-15", "office_purchase_area": 3000,
          "office_purchase_date": "2019-11-14"}, "2019-10-31", {"office_purchase_subsidy": 300.0}),
    Case("第十一条（二）: bought on the 2nd anniversary → outside 2 年内",
         {**FIRM, "recognition_date": "2017-11-15", "office_purchase_area": 3000,
          "office_purchase_date": "2019-11-15"}, "2019-10-31", {"office_purchase_subsidy": 0.0}),
    Case("第十一条（二）第三段: existing firm, 3000 m² → 30% of 300万 = 90万", {**OLD, "office_purchase_area": 3000}, D,
         {"office_purchase_subsidy": 90.0, "office_subsidy": 90.0}),
    Case("第十一条（二）第三段: existing firm, 6000 m² → 30% of the capped 500万 = 150万",
         {**OLD, "office_purchase_area": 6000}, D, {"office_purchase_subsidy": 150.0}),
    Case("第十一条（二）第三段: existing firm, rent 500万 → 30% of 150万 = 45万", {**OLD, "annual_office_rent": 500}, D,
         {"office_rent_subsidy": 45.0}),
    # 第十一条（三） 经营贡献奖励.
    Case("第十一条（三）: new firm first reaches 20亿 → 500万, 20% (100万) may go to people",
         FIRM, D, {"operating_award_new_firm": 500.0, "operating_award": 500.0,
                   "operating_award_personal_cap": 100.0}),
    Case("第十一条（三）: 20亿 was already reached last year → not 首次, nothing",
         {**FIRM, "previous_max_revenue": 200000}, D, {"operating_award_new_firm": 0.0}),
    Case("第十一条（三）: 商务服务业 new firm first reaches 10亿 → 300万",
         {**FIRM, "industry": "business_services", "annual_revenue": 100000, "local_tax": 300}, D,
         {"operating_award_new_firm": 300.0}),
    Case("第十一条（三）: first reaches 5亿 → 200万",
         {**FIRM, "industry": "business_services", "annual_revenue": 50000, "local_tax": 300}, D,
         {"operating_award_new_firm": 200.0}),
    Case("第十一条（三）: 1亿 exactly → 100万; 9999万 → nothing",
         {**FIRM, "industry": "business_services", "annual_revenue": 10000, "local_tax": 300}, D,
         {"operating_award_new_firm": 100.0}),
    Case("第十一条（三）: 9999万 is under the 1亿 tier → nothing",
         {**FIRM, "industry": "business_services", "annual_revenue": 9999, "local_tax": 300}, D,
         {"operating_award_new_firm": 0.0}),
    Case("第十一条（三）: existing firm +60% exactly → up to 300万",
         {**OLD, "annual_revenue": 160000}, D,
         {"revenue_growth_percent": 60.0, "operating_award_growth_cap": 300.0}),
    Case("第十一条（三）: existing firm +59.9% → 30%—60% → up to 200万",
         {**OLD, "annual_revenue": 159900}, D, {"operating_award_growth_cap": 200.0}),
    Case("第十一条（三）: existing firm +30% exactly → up to 200万",
         {**OLD, "annual_revenue": 130000}, D, {"operating_award_growth_cap": 200.0}),
    Case("第十一条（三）: existing firm +10% exactly → up to 100万, 20万 for people",
         OLD, D, {"operating_award_growth_cap": 100.0, "operating_award": 100.0,
                  "operating_award_personal_cap": 20.0}),
    Case("第十一条（三）: existing firm +9.99% → nothing",
         {**OLD, "annual_revenue": 109990}, D, {"operating_award_growth_cap": 0.0}),
    Case("第十一条（三）: existing firm recognised 2014-11-01, day 2019-10-31 is still within 5 年内",
         {**OLD, "annual_revenue": 160000, "recognition_date": "2014-11-01"}, "2019-10-31",
         {"operating_award_growth_cap": 300.0}),
    Case("第十一条（三）: recognised 2014-10-31, day 2019-10-31 is the 5th anniversary → outside",
         {**OLD, "annual_revenue": 160000, "recognition_date": "2014-10-31"}, "2019-10-31",
         {"operating_award_growth_cap": 0.0}),
    Case("第十四条: an out-of-province firm's new 郑州 subsidiary gets the growth standard without recognition",
         {**FIRM, "annual_revenue": 16000, "previous_year_revenue": 10000, "branches_outside_zhengzhou": 0,
          "out_of_province_subsidiary": True}, "2019-01-01",
         {"headquarters_recognised": False, "settlement_award": 0.0, "operating_award_growth_cap": 300.0}),
    Case("第十一条（三）: 2 年后 a new firm (recognised 2017-03-01) gets the existing firms' growth award, not 首次达到",
         {**FIRM, "industry": "business_services", "local_tax": 300, "annual_revenue": 160000,
          "previous_year_revenue": 100000, "recognition_date": "2017-03-01"}, "2019-06-01",
         {"operating_award_new_firm": 0.0, "operating_award_growth_cap": 300.0, "operating_award_personal_cap": 60.0}),
    Case("第十一条（三）: recognised 2017-11-01, day 2019-10-31 is still within 2 年内 → 首次达到 500万",
         {**FIRM, "recognition_date": "2017-11-01"}, "2019-10-31", {"operating_award_new_firm": 500.0}),
    Case("第十一条（三）: 10亿 (300万 tier) reached before, 20亿 first reached now → the 20亿 award, 500万",
         {**FIRM, "previous_max_revenue": 100000}, D, {"operating_award_new_firm": 500.0}),
    Case("第十一条（二）第三段: an existing firm is not asked to have no office of its own → still 90万",
         {**OLD, "office_purchase_area": 3000, "has_own_office_in_zhengzhou": True}, D, {"office_purchase_subsidy": 90.0}),
    Case("第十一条（二）: rent from 2020-12-31 is within 3 年内 of recognition on 2018-01-01",
         {**FIRM, "annual_office_rent": 500, "office_rent_date": "2020-12-31"}, "2019-06-01",
         {"office_rent_subsidy": 150.0}),
    Case("第十一条（二）: rent from 2021-01-01 is outside 3 年内",
         {**FIRM, "annual_office_rent": 500, "office_rent_date": "2021-01-01"}, "2019-06-01",
         {"office_rent_subsidy": 0.0, "office_subsidy_kind": "none"}),
    Case("第十一条（二）第三段: existing firm buys on 2019-12-31, within 2 年内 of 2018-01-01 → 90万",
         {**OLD, "office_purchase_area": 3000, "office_purchase_date": "2019-12-31"}, "2019-06-01",
         {"office_purchase_subsidy": 90.0}),
    Case("第十一条（二）第三段: existing firm buys on 2020-01-01 → outside 2 年内",
         {**OLD, "office_purchase_area": 3000, "office_purchase_date": "2020-01-01"}, "2019-06-01",
         {"office_purchase_subsidy": 0.0}),
    Case("第十一条（二）第二段 择优 for an existing firm: purchase 90万 over rent 60万",
         {**OLD, "office_purchase_area": 3000, "annual_office_rent": 1000}, D,
         {"office_rent_subsidy": 60.0, "office_subsidy_kind": "purchase", "office_subsidy": 90.0}),
    Case("第七条: direct recognition still needs 第六条 (3 branches) → not recognised",
         {**FIRM, "annual_revenue": 100, "local_tax": 1, "direct_recognition_basis": "world_500",
          "branches_outside_zhengzhou": 2}, D, {"headquarters_recognised": False, "settlement_award": 0.0}),
    Case("第三条 over 第七条: a 中国企业500强 HQ with 60% real-estate revenue is excluded",
         {**FIRM, "direct_recognition_basis": "china_500", "real_estate_revenue_share": 60}, D,
         {"headquarters_recognised": False, "headquarters_total_award": 0.0}),
    Case("第三条: 不符合产业发展政策和导向 → excluded", {**FIRM, "conforms_industry_policy": False}, D,
         {"headquarters_excluded": True, "headquarters_recognised": False}),
    Case("第十四条 + 第三条: a 金融保险业 subsidiary gets nothing under this 办法",
         {**FIRM, "industry": "finance_insurance", "annual_revenue": 16000, "previous_year_revenue": 10000,
          "branches_outside_zhengzhou": 0, "out_of_province_subsidiary": True}, "2019-01-01",
         {"operating_award_growth_cap": 0.0}),
    Case("第十四条 → 第十一条（三）第四段: the 300万 is split 市 150 / 县 150",
         {**FIRM, "annual_revenue": 16000, "previous_year_revenue": 10000, "branches_outside_zhengzhou": 0,
          "out_of_province_subsidiary": True}, "2019-01-01",
         {"headquarters_total_award": 300.0, "headquarters_city_share": 150.0, "headquarters_county_share": 150.0}),
    # City / county split.
    Case("第十一条: 1000 落户 + 300 办公 + 500 经营 = 1800; 市 500+250, 县 500+300+250",
         {**FIRM, "office_purchase_area": 3000}, D,
         {"headquarters_total_award": 1800.0, "headquarters_city_share": 750.0,
          "headquarters_county_share": 1050.0}),
    Case("第十一条: existing firm 300万 growth + 45万 rent: 市 150, 县 150+45",
         {**OLD, "annual_revenue": 160000, "annual_office_rent": 500}, D,
         {"headquarters_total_award": 345.0, "headquarters_city_share": 150.0,
          "headquarters_county_share": 195.0}),
    # 第二十二条.
    Case("第二十二条: in force from 2017-11-01", FIRM, "2017-11-01",
         {"headquarters_in_force": True, "settlement_award": 1000.0}),
    Case("第二十二条: 有效期两年 → lapsed on 2019-11-01, nothing paid", FIRM, "2019-11-01",
         {"headquarters_in_force": False, "settlement_award": 0.0, "headquarters_total_award": 0.0}),
    Case("第二十二条: not yet in force on 2017-10-31 (this crashed: parameters start 2017-11-01)", FIRM, "2017-10-31",
         {"headquarters_in_force": False, "headquarters_recognised": False, "settlement_award": 0.0}),
]


# ---------------------------------------------------------------- 郑政〔2018〕43号 留守/困境儿童
C = "2019-06-01"
LB = {"age": 10, "has_zhengzhou_hukou": True, "rural": True,
      "father_status": "migrant_worker", "mother_status": "migrant_worker"}
ORPHAN = {"age": 10, "has_zhengzhou_hukou": True, "father_status": "dead", "mother_status": "dead"}
DIBAO = {"age": 10, "has_zhengzhou_hukou": True, "family_dibao": True}

CHILDREN = [
    Case("二、（一）: both parents away, 15 周岁 (不满16) → 农村留守儿童", {**LB, "age": 15}, C,
         {"left_behind_child": True, "child_in_difficulty": False, "protection_category": "left_behind"}),
    Case("二、（一）: 16 周岁 is not 不满16 → not left behind", {**LB, "age": 16}, C,
         {"left_behind_child": False, "protection_category": "none"}),
    Case("二、（一）: one parent away, the other 无监护能力 → left behind",
         {**LB, "mother_status": "no_guardian_capacity"}, C, {"left_behind_child": True}),
    Case("二、（一）: one parent away, the other at home and able → not left behind",
         {**LB, "mother_status": "present"}, C, {"left_behind_child": False}),
    Case("二、（一）: a town child (not 农村) is not a 农村留守儿童", {**LB, "rural": False}, C,
         {"left_behind_child": False}),
    Case("二、（二）末段: a left-behind child of a 低保 family is protected as 困境儿童",
         {**LB, "family_dibao": True}, C,
         {"left_behind_child": True, "difficulty_poor_family": True, "protection_category": "in_difficulty"}),
    Case("二、（一）: father away, mother dead — the parent left 无监护能力 → left behind",
         {**LB, "mother_status": "dead"}, C, {"left_behind_child": True, "protection_category": "left_behind"}),
    Case("二、（一）: no 郑州 户籍 is asked of a 留守儿童 (only of 困境儿童, 二、（二）)",
         {**LB, "has_zhengzhou_hukou": False}, C, {"left_behind_child": True, "child_in_difficulty": False}),
    Case("二、（二）1.: 孤儿 aged 17 (未满18)", {**ORPHAN, "age": 17}, C,
         {"difficulty_orphan": True, "child_in_difficulty": True}),
    Case("二、（二）1.: at 18 周岁 no longer an orphan child (not in school)", {**ORPHAN, "age": 18}, C,
         {"difficulty_orphan": False, "child_in_difficulty": False, "basic_living_scheme": "none"}),
    Case("二、（二）: without 郑州市户籍 an orphan is not a 困境儿童 here",
         {**ORPHAN, "has_zhengzhou_hukou": False}, C, {"child_in_difficulty": False}),
    Case("二、（二）1.: 查找不到生父母 counts as an orphan",
         {**ORPHAN, "father_status": "missing", "mother_status": "missing"}, C, {"difficulty_orphan": True}),
    Case("二、（二）2.: 特困儿童 aged 15 (未满16), no income, supporter unable",
         {"age": 15, "has_zhengzhou_hukou": True, "no_income_source": True, "supporter_unable": True}, C,
         {"difficulty_extreme_poverty": True}),
    Case("二、（二）2.: at 16 not a 特困儿童",
         {"age": 16, "has_zhengzhou_hukou": True, "no_income_source": True, "supporter_unable": True}, C,
         {"difficulty_extreme_poverty": False}),
    Case("二、（二）3.: 残疾等级二级 is 重残", {"age": 17, "has_zhengzhou_hukou": True, "disability_grade": 2}, C,
         {"difficulty_illness_disability": True}),
    Case("二、（二）3.: 残疾等级三级 is not 重残", {"age": 17, "has_zhengzhou_hukou": True, "disability_grade": 3}, C,
         {"difficulty_illness_disability": False, "child_in_difficulty": False}),
    Case("二、（二）3.: 患重病 → 重病重残儿童", {"age": 12, "has_zhengzhou_hukou": True, "serious_illness": True}, C,
         {"difficulty_illness_disability": True}),
    Case("二、（二）4.: father in prison, mother 重残 → 监护人无力监护",
         {"age": 8, "has_zhengzhou_hukou": True, "father_status": "imprisoned",
          "mother_status": "severe_disability"}, C, {"difficulty_guardianship": True}),
    Case("二、（二）4.: father dead, mother 强制戒毒 → 监护缺失",
         {"age": 8, "has_zhengzhou_hukou": True, "father_status": "dead", "mother_status": "compulsory_rehab"}, C,
         {"difficulty_guardianship": True}),
    Case("二、（二）4.: father dead, mother at home → not category 4",
         {"age": 8, "has_zhengzhou_hukou": True, "father_status": "dead"}, C,
         {"difficulty_guardianship": False, "child_in_difficulty": False}),
    Case("二、（二）4.: father 失踪, mother 长期服刑在押 → category 4, not an orphan",
         {"age": 8, "has_zhengzhou_hukou": True, "father_status": "missing", "mother_status": "imprisoned"}, C,
         {"difficulty_guardianship": True, "difficulty_orphan": False}),
    Case("二、（二）5.: a 低保 family without 就医、就学、生活 hardship → not category 5",
         {**DIBAO, "family_hardship": False}, C, {"difficulty_poor_family": False, "child_in_difficulty": False}),
    Case("二、（二）5.: 建档立卡 alone (not 低保) is none of the six categories → no school benefits",
         {"age": 10, "has_zhengzhou_hukou": True, "registered_poor_family": True, "education_stage": "primary",
          "boarding": True}, C,
         {"child_in_difficulty": False, "compulsory_fees_exempt": False, "boarding_living_subsidy": 0.0}),
    Case("二、（二）5.: 低保 family child → 贫困家庭儿童", DIBAO, C,
         {"difficulty_poor_family": True, "child_in_difficulty": True}),
    Case("二、（二）6.: 突发性困难 → 其他困境儿童, 临时救助",
         {"age": 9, "has_zhengzhou_hukou": True, "sudden_hardship_or_harm": True}, C,
         {"difficulty_other": True, "basic_living_scheme": "temporary_assistance"}),
    # 三、（三）1. 择高享受.
    Case("三、（三）1.: an orphan of a 低保 family takes the higher orphan standard 1000 over 低保 550",
         {**ORPHAN, "family_dibao": True, "orphan_standard": 1000, "dibao_standard": 550}, C,
         {"basic_living_scheme": "orphan", "basic_living_amount": 1000.0}),
    Case("三、（三）1.: 特困 child in a 低保 family: 特困 800 over 低保 550",
         {"age": 12, "has_zhengzhou_hukou": True, "no_income_source": True, "supporter_unable": True,
          "family_dibao": True, "extreme_poverty_standard": 800, "dibao_standard": 550}, C,
         {"basic_living_scheme": "extreme_poverty", "basic_living_amount": 800.0}),
    Case("三、（三）1.: 择高享受 — when 低保 (900) is higher than 特困 (800), 低保",
         {"age": 12, "has_zhengzhou_hukou": True, "no_income_source": True, "supporter_unable": True,
          "family_dibao": True, "extreme_poverty_standard": 800, "dibao_standard": 900}, C,
         {"basic_living_scheme": "dibao", "basic_living_amount": 900.0}),
    Case("三、（三）1.: a 低保 child gets 全额低保 at the local standard", {**DIBAO, "dibao_standard": 600}, C,
         {"basic_living_scheme": "dibao", "basic_living_amount": 600.0}),
    Case("三、（三）1.: 其他困境儿童 (father in prison, mother 重残) in a welfare home → 参照机构养育孤儿标准",
         {"age": 6, "has_zhengzhou_hukou": True, "in_institutional_care": True, "father_status": "imprisoned",
          "mother_status": "severe_disability"}, C,
         {"basic_living_scheme": "institutional"}),
    Case("三、（三）1.: 重残 child meeting the two-subsidy conditions gets them on top",
         {"age": 9, "has_zhengzhou_hukou": True, "disability_grade": 1, "meets_disability_subsidy_conditions": True,
          "family_dibao": True}, C, {"disability_two_subsidies": True, "basic_living_scheme": "dibao"}),
    Case("三、（三）1.: an orphan aged 19 still at university keeps the orphan scheme until graduation",
         {**ORPHAN, "age": 19, "education_stage": "college", "orphan_standard": 1000}, C,
         {"basic_living_scheme": "orphan", "basic_living_amount": 1000.0}),
    Case("三、（三）1.: a 低保 student aged 19 at university keeps 全额低保 until graduation",
         {**DIBAO, "age": 19, "education_stage": "college", "dibao_standard": 500}, C,
         {"child_in_difficulty": True, "basic_living_scheme": "dibao", "basic_living_amount": 500.0}),
    # 三、（三）2. 住院救助 80 %, 封顶 2.2万.
    Case("三、（三）2.: 低保 child, 20000元 in hospital → 80% = 16000元", {**DIBAO, "inpatient_expense": 20000}, C,
         {"inpatient_assistance": 16000.0}),
    Case("三、（三）2.: 27500元 × 80% = 22000元, exactly the 封顶线", {**DIBAO, "inpatient_expense": 27500}, C,
         {"inpatient_assistance": 22000.0}),
    Case("三、（三）2.: 40000元 × 80% = 32000, capped at 22000元", {**DIBAO, "inpatient_expense": 40000}, C,
         {"inpatient_assistance": 22000.0}),
    Case("三、（三）2.: 重残 child (一级) without 低保, 10000元 → 8000元",
         {"age": 9, "has_zhengzhou_hukou": True, "disability_grade": 1, "inpatient_expense": 10000}, C,
         {"inpatient_assistance": 8000.0}),
    # 三、（三）3. education.
    Case("三、（三）3.: 建档立卡 低保 child aged 6 in preschool: 保教费 600 + 生活补助 1000",
         {"age": 6, "has_zhengzhou_hukou": True, "family_dibao": True, "registered_poor_family": True,
          "education_stage": "preschool"}, C,
         {"preschool_fee_subsidy": 600.0, "preschool_living_subsidy": 1000.0, "education_cash_total": 1600.0}),
    Case("三、（三）3.: 3—6岁 includes 3: 建档立卡 低保 child aged 3 → 600 保教费",
         {"age": 3, "has_zhengzhou_hukou": True, "family_dibao": True, "registered_poor_family": True,
          "education_stage": "preschool"}, C, {"preschool_fee_subsidy": 600.0}),
    Case("三、（三）3.: 低保 (not 建档立卡) preschool child: no 保教费 subsidy, 1000 生活补助",
         {**DIBAO, "age": 5, "education_stage": "preschool"}, C,
         {"preschool_fee_subsidy": 0.0, "preschool_living_subsidy": 1000.0}),
    Case("三、（三）3.: 低保 primary boarder: fees waived, 1000元",
         {**DIBAO, "education_stage": "primary", "boarding": True}, C,
         {"compulsory_fees_exempt": True, "boarding_living_subsidy": 1000.0, "free_education": True}),
    Case("三、（三）3.: 低保 junior-secondary boarder: 1250元",
         {**DIBAO, "age": 13, "education_stage": "junior_secondary", "boarding": True}, C,
         {"boarding_living_subsidy": 1250.0, "education_cash_total": 1250.0}),
    Case("三、（三）3.: a day pupil gets no boarding subsidy", {**DIBAO, "education_stage": "primary"}, C,
         {"compulsory_fees_exempt": True, "boarding_living_subsidy": 0.0}),
    Case("三、（三）3.: 低保 senior-high pupil: fees waived, 国家助学金 2000",
         {**DIBAO, "age": 16, "education_stage": "senior_high"}, C,
         {"senior_high_fees_exempt": True, "national_grant": 2000.0, "education_cash_total": 2000.0}),
    Case("三、（三）3.: 非建档立卡家庭经济困难残疾 senior-high pupil: fees waived, no grant",
         {"age": 16, "has_zhengzhou_hukou": True, "disability_grade": 2, "education_stage": "senior_high"}, C,
         {"senior_high_fees_exempt": True, "national_grant": 0.0}),
    Case("三、（三）3.: 建档立卡 低保 pupil at a private vocational school: tuition waived, 2000 + 3000 雨露计划",
         {**DIBAO, "age": 16, "registered_poor_family": True, "education_stage": "vocational_private"}, C,
         {"vocational_tuition_exempt": True, "national_grant": 2000.0, "yulu_subsidy": 3000.0,
          "education_cash_total": 5000.0}),
    Case("三、（三）3.: 低保 (not 建档立卡) private vocational pupil: 2000, no 雨露计划",
         {**DIBAO, "age": 16, "education_stage": "vocational_private"}, C,
         {"vocational_tuition_exempt": True, "national_grant": 2000.0, "yulu_subsidy": 0.0}),
    Case("三、（三）3.: an orphan aged 4 in preschool: 生活补助 1000 (孤儿); 保教费 only for 建档立卡",
         {**ORPHAN, "age": 4, "education_stage": "preschool"}, C,
         {"preschool_living_subsidy": 1000.0, "preschool_fee_subsidy": 0.0, "free_education": False}),
    Case("三、（三）3.: public vocational school is 高中阶段 (12年免费); the 2000 grant is written for 民办 only",
         {**DIBAO, "age": 16, "education_stage": "vocational_public"}, C,
         {"free_education": True, "vocational_tuition_exempt": False, "national_grant": 0.0}),
    # 三、（三）4. rehabilitation 0-14.
    Case("三、（三）4.: autistic 重残 child aged 14 → rehabilitation assistance",
         {"age": 14, "has_zhengzhou_hukou": True, "disability_grade": 2, "disability_type": "autism"}, C,
         {"rehabilitation_assistance": True}),
    Case("三、（三）4.: aged 15 is beyond 0-14",
         {"age": 15, "has_zhengzhou_hukou": True, "disability_grade": 2, "disability_type": "autism"}, C,
         {"rehabilitation_assistance": False}),
    Case("三、（三）4.: 视力 disability is not among the listed types",
         {"age": 5, "has_zhengzhou_hukou": True, "disability_grade": 1, "disability_type": "visual"}, C,
         {"rehabilitation_assistance": False}),
    Case("三、（三）4.: 康复救助 is for every 0-14 disabled child of the listed types, 困境 or not",
         {"age": 5, "has_zhengzhou_hukou": True, "disability_grade": 4, "disability_type": "hearing"}, C,
         {"child_in_difficulty": False, "rehabilitation_assistance": True}),
    Case("实施意见 dated 2018-09-25: the day before, nothing applies",
         {**ORPHAN, "family_dibao": True, "inpatient_expense": 10000}, "2018-09-24",
         {"child_in_difficulty": False, "inpatient_assistance": 0.0}),
    Case("三、（三）4.: 0 岁 is included: a deaf infant",
         {"age": 0, "has_zhengzhou_hukou": True, "disability_grade": 1, "disability_type": "hearing"}, C,
         {"rehabilitation_assistance": True}),
]


# ---------------------------------------------------------------- 郑政办〔2017〕101号 大面积停电 附件1
P = "2019-06-01"


def _zz(load: float = 0, customers: float = 0) -> dict[str, Any]:
    return {"grid_scope": "zhengzhou_urban", "load_loss_percent": load, "customers_out_percent": customers}


def _grade(grade: str, level: str, command: str) -> dict[str, str]:
    return {"outage_grade": grade, "outage_response_level": level, "outage_command": command}


ESP = _grade("especially_major", "level_i", "city_command")
MAJ = _grade("major", "level_ii", "city_command")
LAR = _grade("larger", "level_iii", "county_government")
GEN = _grade("general", "level_iv", "county_government")
NON = _grade("none", "none", "none")

POWER_OUTAGE = [
    Case("附件1 一、3.: 郑州市区 减供负荷 60% (以上含本数) → 特别重大, Ⅰ级, 市指挥部", _zz(60), P, ESP),
    Case("附件1 二、3.: 59.99% is under 60% (以下不含本数) → 重大, Ⅱ级", _zz(59.99), P, MAJ),
    Case("附件1 二、3.: 40% exactly → 重大", _zz(40), P, MAJ),
    Case("附件1 三、3.: 39.9% → 较大, Ⅲ级, 县(市、区)政府", _zz(39.9), P, LAR),
    Case("附件1 三、3.: 20% exactly → 较大", _zz(20), P, LAR),
    Case("附件1 四、3.: 19.99% → 一般, Ⅳ级", _zz(19.99), P, GEN),
    Case("附件1 四、3.: 10% exactly → 一般", _zz(10), P, GEN),
    Case("附件1 四、3.: 9.99% → below 一般, no response", _zz(9.99), P, NON),
    Case("附件1 一、3.: 70% of customers out → 特别重大", _zz(customers=70), P, ESP),
    Case("附件1 二、3.: 50% of customers out → 重大", _zz(customers=50), P, MAJ),
    Case("附件1 三、3.: 30% of customers out → 较大", _zz(customers=30), P, LAR),
    Case("附件1 四、3.: 15% of customers out → 一般", _zz(customers=15), P, GEN),
    Case("附件1 四、3.: 14.9% of customers out → none", _zz(customers=14.9), P, NON),
    Case("附件1 符合下列情形之一: load 15% (一般) but 55% customers (重大) → 重大", _zz(15, 55), P, MAJ),
    Case("附件1 一、2.: 河南电网 30% → 特别重大", {"grid_scope": "henan", "load_loss_percent": 30}, P, ESP),
    Case("附件1 二、2.: 河南电网 13% → 重大", {"grid_scope": "henan", "load_loss_percent": 13}, P, MAJ),
    Case("附件1 三、2.: 河南电网 12.99% → 较大", {"grid_scope": "henan", "load_loss_percent": 12.99}, P, LAR),
    Case("附件1 三、2.: 河南电网 10% → 较大", {"grid_scope": "henan", "load_loss_percent": 10}, P, LAR),
    Case("附件1 四、2.: 河南电网 5% → 一般", {"grid_scope": "henan", "load_loss_percent": 5}, P, GEN),
    Case("附件1 四、2.: 河南电网 4.99% → none", {"grid_scope": "henan", "load_loss_percent": 4.99}, P, NON),
    Case("附件1 一、1.: 区域性电网 30%, 特别严重影响 → 特别重大",
         {"grid_scope": "regional", "load_loss_percent": 30, "zhengzhou_grid_impact": "especially_severe"}, P, ESP),
    Case("附件1 二、1.: 区域性电网 10%, 严重影响 → 重大",
         {"grid_scope": "regional", "load_loss_percent": 10, "zhengzhou_grid_impact": "severe"}, P, MAJ),
    Case("附件1 三、1.: 区域性电网 7%, 较重影响 → 较大",
         {"grid_scope": "regional", "load_loss_percent": 7, "zhengzhou_grid_impact": "fairly_heavy"}, P, LAR),
    Case("附件1 四、1.: 区域性电网 4% → 一般", {"grid_scope": "regional", "load_loss_percent": 4}, P, GEN),
    Case("附件1 四、1.: 区域性电网 3.9% → none", {"grid_scope": "regional", "load_loss_percent": 3.9}, P, NON),
    Case("附件1 二、4.: 其他地级市 90% → 重大 (no 特别重大 clause for it)",
         {"grid_scope": "other_city", "load_loss_percent": 90}, P, MAJ),
    Case("附件1 三、4.: 其他地级市 40% → 较大", {"grid_scope": "other_city", "load_loss_percent": 40}, P, LAR),
    Case("附件1 四、4.: 其他地级市 30% customers → 一般",
         {"grid_scope": "other_city", "customers_out_percent": 30}, P, GEN),
    Case("附件1 四、4.: 其他地级市 19.9% → none", {"grid_scope": "other_city", "load_loss_percent": 19.9}, P, NON),
    Case("附件1 三、5.: 乡镇 70% customers → 较大 at most",
         {"grid_scope": "township", "customers_out_percent": 100}, P, LAR),
    Case("附件1 四、5.: 乡镇 40% → 一般", {"grid_scope": "township", "load_loss_percent": 40}, P, GEN),
    Case("附件1 四、5.: 乡镇 39.9% → none", {"grid_scope": "township", "load_loss_percent": 39.9}, P, NON),
    Case("5.1.3: below 一般 but a large social impact → the local government may respond",
         {"grid_scope": "township", "load_loss_percent": 30, "large_social_impact": True}, P,
         {**NON, "outage_local_response_possible": True}),
    Case("5.1.3: an event that is already 一般 is handled by 5.1.2, not 5.1.3",
         {**_zz(10), "large_social_impact": True}, P, {**GEN, "outage_local_response_possible": False}),
    Case("附件1 一、3.: every customer of 郑州市区 out → 特别重大", _zz(customers=100), P, ESP),
    Case("5.1.3: 郑州市区 9% with a large social impact → a local response is possible",
         {**_zz(9), "large_social_impact": True}, P, {**NON, "outage_local_response_possible": True}),
    Case("5.4: all four conditions, load 80% and key areas 90% (以上) → response can end",
         {**_zz(45), "main_grid_restored": True, "load_restored_percent": 80, "key_area_load_restored_percent": 90,
          "outage_hazard_eliminated": True, "secondary_accidents_handled": True}, P,
         {"outage_response_can_end": True}),
    Case("5.4（2）: key areas only 89.9% restored → not yet",
         {**_zz(45), "main_grid_restored": True, "load_restored_percent": 100,
          "key_area_load_restored_percent": 89.9, "outage_hazard_eliminated": True,
          "secondary_accidents_handled": True}, P, {"outage_response_can_end": False}),
    Case("5.4（3）: hazard not eliminated → not yet",
         {**_zz(45), "main_grid_restored": True, "load_restored_percent": 100,
          "key_area_load_restored_percent": 100, "secondary_accidents_handled": True}, P,
         {"outage_response_can_end": False}),
]


# ---------------------------------------------------------------- 郑政办〔2022〕31号 林业有害生物
F = "2022-06-01"


def _q(leaf: float = 0, branch: float = 0, **more: Any) -> dict[str, Any]:
    return {"pest_type": "quarantine", "leaf_damage_area": leaf, "branch_damage_area": branch, **more}


def _nq(leaf: float = 0, branch: float = 0, **more: Any) -> dict[str, Any]:
    return {"pest_type": "non_quarantine", "leaf_damage_area": leaf, "branch_damage_area": branch, **more}


def _level(level: str, launched: str, commander: str) -> dict[str, str]:
    return {"forest_response_level": level, "forest_response_launched_by": launched,
            "forest_response_commander": commander}


L1 = _level("level_i", "city_government", "city_command")
L2 = _level("level_ii", "city_command", "city_command")
L3 = _level("level_iii", "city_command", "county_government")
L4 = _level("level_iv", "city_command", "county_government")
L0 = _level("none", "none", "none")

FOREST_PEST = [
    Case("5.2.1（1）: a new foreign pest → Ⅰ级, started by 市人民政府, 市指挥部 commands",
         _q(new_foreign_pest=True), F, L1),
    Case("5.2.1（2）: quarantine outbreak endangering a 重点预防区 → Ⅰ级", _q(quarantine_outbreak_in_key_area=True), F, L1),
    Case("5.2.1（3）: 特殊情况需要划为Ⅰ级 → Ⅰ级", _nq(special_designation="level_i"), F, L1),
    Case("5.2.2（1）: new outbreak of a quarantine pest already in the province → Ⅱ级, 市指挥部",
         _q(new_outbreak_of_provincial_quarantine_pest=True), F, L2),
    Case("5.2.2（4）: 特殊情况需要划为Ⅱ级 → Ⅱ级", _nq(special_designation="level_ii"), F, L2),
    Case("5.2.2（3）: quarantine leaf 2万亩 → Ⅱ级", _q(2), F, L2),
    Case("5.2.3（2）: quarantine leaf 1.99万亩 → Ⅲ级, 县级人民政府 commands", _q(1.99), F, L3),
    Case("5.2.3（2）/5.2.4（2）: quarantine leaf exactly 1万亩 (shared bound) → the higher, Ⅲ级", _q(1), F, L3),
    Case("5.2.4（2）: quarantine leaf 0.99万亩 → Ⅳ级", _q(0.99), F, L4),
    Case("5.2.4（2）: quarantine leaf 0.5万亩 → Ⅳ级", _q(0.5), F, L4),
    Case("5.2.4（2）: quarantine leaf 0.49万亩 → below every band", _q(0.49), F, L0),
    Case("5.2.2（3）: quarantine branch 1万亩 → Ⅱ级", _q(branch=1), F, L2),
    Case("5.2.3（2）: quarantine branch 0.5万亩 → Ⅲ级", _q(branch=0.5), F, L3),
    Case("5.2.4（2）: quarantine branch 0.25万亩 → Ⅳ级", _q(branch=0.25), F, L4),
    Case("5.2.4（2）: quarantine branch 0.24万亩 → none", _q(branch=0.24), F, L0),
    Case("5.2.2（2）: non-quarantine leaf 3万亩 with the experts' forecast → Ⅱ级",
         _nq(3, expert_forecast_worsening=True), F, L2),
    Case("5.2.3（1）: non-quarantine leaf 3万亩 without the forecast → Ⅲ级", _nq(3), F, L3),
    Case("5.2.3（1）: non-quarantine leaf 2.5万亩 with the forecast is under 3万 → Ⅲ级",
         _nq(2.5, expert_forecast_worsening=True), F, L3),
    Case("5.2.3（1）: non-quarantine leaf 2万亩 → Ⅲ级", _nq(2), F, L3),
    Case("5.2.4（1）: non-quarantine leaf 1.5万亩 → Ⅳ级", _nq(1.5), F, L4),
    Case("5.2.4（1）: non-quarantine leaf 0.99万亩 → none", _nq(0.99), F, L0),
    Case("5.2.2（2）: non-quarantine branch 2万亩 with the forecast → Ⅱ级",
         _nq(branch=2, expert_forecast_worsening=True), F, L2),
    Case("5.2.3（1）: non-quarantine branch 1万亩 → Ⅲ级", _nq(branch=1), F, L3),
    Case("5.2.4（1）: non-quarantine branch 0.5万亩 → Ⅳ级", _nq(branch=0.5), F, L4),
    Case("5.2.4（1）: non-quarantine branch 0.49万亩 → none", _nq(branch=0.49), F, L0),
    Case("5.2.3（1）: non-quarantine branch 2万亩 without the forecast → Ⅲ级", _nq(branch=2), F, L3),
    Case("5.2.4（1）: the forecast does not lift a 1.5万亩 non-quarantine leaf area to Ⅱ → Ⅳ级",
         _nq(1.5, expert_forecast_worsening=True), F, L4),
    Case("5.2.2（1） over 5.2.4: a new outbreak of a provincial quarantine pest on 0.6万亩 → Ⅱ级",
         _q(0.6, new_outbreak_of_provincial_quarantine_pest=True), F, L2),
    Case("5.2.3/5.2.4 或: quarantine leaf 0.6 (Ⅳ) and branch 0.6 (Ⅲ) → the higher, Ⅲ级", _q(0.6, 0.6), F, L3),
]


# ---------------------------------------------------------------- 郑政办〔2018〕78号 容缺受理 / 一口受理
T = "2019-06-01"

TIME_LIMITS = [
    Case("一口受理 三、（四）: received 11:59 (上午) → to the department by 14:00 that day, stored by 14:30",
         {"received_at": "2018-09-28T11:59"}, T,
         {"paper_handover_date": "2018-09-28", "storage_date": "2018-09-28"},
         {"paper_handover_date": "14:00", "storage_date": "14:30"}),
    Case("一口受理 三、（四）: received 12:00 (下午) Friday → the 调休 Saturday 9-29 at 09:30; stored 下班前",
         {"received_at": "2018-09-28T12:00"}, T,
         {"paper_handover_date": "2018-09-29", "storage_date": "2018-09-28"},
         {"paper_handover_date": "09:30", "storage_date": "下班前"}),
    Case("一口受理 三、（四）: received Sunday 9-30 afternoon (a 调休 working day) → next working day is 10-08",
         {"received_at": "2018-09-30T16:00"}, T, {"paper_handover_date": "2018-10-08"},
         {"paper_handover_date": "09:30"}),
    Case("一口受理 三、（四）: received on a National Day holiday counts as a morning receipt on 10-08",
         {"received_at": "2018-10-03T10:00"}, T,
         {"paper_handover_date": "2018-10-08", "storage_date": "2018-10-08"},
         {"paper_handover_date": "14:00", "storage_date": "14:30"}),
    Case("容缺 三、（二）: 5 working days from Fri 9-21 skip 中秋 9-24 and count the 调休 Saturday 9-29",
         {"received_at": "2018-09-21T10:00", "promised_supplement_days": 5, "committed_processing_days": 5}, T,
         {"supplement_due_date": "2018-09-29", "processing_due_date": "2018-09-29", "promise_period_valid": True}),
    Case("容缺 三、（二）: promising 6 days on a 5-day item exceeds 承诺办结时限",
         {"received_at": "2018-09-21T10:00", "promised_supplement_days": 6, "committed_processing_days": 5}, T,
         {"promise_period_valid": False}),
    Case("一口受理 三、（二）/（三）1./（八）: 2 working days from 2-14 skip 春节 2-15…21 → 2-23",
         {"received_at": "2018-02-14T10:00"}, T,
         {"consultation_reply_due": "2018-02-23", "online_pre_acceptance_due": "2018-02-23",
          "report_up_due": "2018-02-23"}),
    Case("一口受理 三、（二）: 2 working days from Fri 2-09: Sunday 2-11 is a 调休 working day → 2-12",
         {"received_at": "2018-02-09T10:00"}, T, {"consultation_reply_due": "2018-02-12"}),
    Case("一口受理 三、（二）: from Fri 12-28: 12-29 (六) worked, 12-31 and 1-1 off → 2019-01-02",
         {"received_at": "2018-12-28T10:00"}, T, {"consultation_reply_due": "2019-01-02"}),
    Case("一口受理 三、（二）: from Fri 4-27: 4-28 (六) worked, 4-29…5-1 off → 5-02",
         {"received_at": "2018-04-27T10:00"}, T, {"consultation_reply_due": "2018-05-02"}),
    Case("一口受理 三、（八）: from Wed 4-04: 清明 4-05…07 off, 4-08 (日) worked → 4-09",
         {"received_at": "2018-04-04T10:00"}, T, {"report_up_due": "2018-04-09"}),
    Case("一口受理 三、（六）2.: delivered Sunday 9-30 (调休) → 交接单 within 1 working day: 10-08",
         {"received_at": "2018-09-21T10:00", "delivered_on": "2018-09-30"}, T,
         {"handover_sheet_due": "2018-10-08"}),
    Case("一口受理 三、（六）2.: delivered Fri 6-15, 端午 6-18 off → 6-19",
         {"received_at": "2018-06-01T10:00", "delivered_on": "2018-06-15"}, T, {"handover_sheet_due": "2018-06-19"}),
    Case("一口受理 三、（三）1.: an online application on holiday 10-03: working days 10-08 (1), 10-09 (2)",
         {"received_at": "2018-10-03T10:00", "promised_supplement_days": 1}, T,
         {"online_pre_acceptance_due": "2018-10-09", "supplement_due_date": "2018-10-08"}),
    Case("一口受理 三、（四）: Saturday 9-22 afternoon (中秋, closed) → morning receipt on Tue 9-25",
         {"received_at": "2018-09-22T15:00"}, T, {"paper_handover_date": "2018-09-25"},
         {"paper_handover_date": "14:00"}),
    Case("容缺 三、（二）: 10 working days from Thu 12-20: 12-29 (六) worked, 12-31 and 1-1 off → 2019-01-04",
         {"received_at": "2018-12-20T10:00", "committed_processing_days": 10}, T,
         {"processing_due_date": "2019-01-04"}),
    Case("容缺 三、（五）: due 9-29 and missed → listed 9-30, banned 一年内, last banned day 2019-09-29",
         {"received_at": "2018-09-21T10:00", "promised_supplement_days": 5}, T,
         {"rongque_ban_ends_if_missed": "2019-09-29"}),
    Case("一口受理 三、（一）: 不动产登记 105 a day → at most 10 appointments (10%, rounded down)",
         {"received_at": "2018-09-21T10:00", "service_area": "real_estate", "average_daily_cases": 105}, T,
         {"daily_appointment_cap": 10}),
    Case("一口受理 三、（一）: 住房公积金 99.9 a day → 9 appointments",
         {"received_at": "2018-09-21T10:00", "service_area": "住房公积金", "average_daily_cases": 99.9}, T,
         {"daily_appointment_cap": 9}),
    Case("一口受理 三、（一）: 社会保障 9 a day → 0 appointments",
         {"received_at": "2018-09-21T10:00", "service_area": "social_security", "average_daily_cases": 9}, T,
         {"daily_appointment_cap": 0}),
    Case("一口受理 三、（一）: 60 minutes late is not 超过一小时 → kept",
         {"received_at": "2018-09-21T10:00", "appointment_delay_minutes": 60}, T, {"appointment_cancelled": False}),
    Case("一口受理 三、（一）: 61 minutes late → cancelled",
         {"received_at": "2018-09-21T10:00", "appointment_delay_minutes": 61}, T, {"appointment_cancelled": True}),
    Case("容缺 二、: 即办件 are excluded", {"received_at": "2018-09-21T10:00", "immediate_item": True}, T,
         {"rongque_applicable": False}),
    Case("容缺 二、: an item not on the 容缺受理事项清单", {"received_at": "2018-09-21T10:00", "on_rongque_list": False}, T,
         {"rongque_applicable": False}),
    Case("容缺 一、: 主要申报材料欠缺 → normal procedure, not 容缺",
         {"received_at": "2018-09-21T10:00", "main_materials_complete": False}, T, {"rongque_applicable": False}),
    Case("容缺 三、（五）: listed 2017-10-10; 2018-10-09 is still 一年内 → banned",
         {"received_at": "2018-10-09T10:00", "last_missed_promise_date": "2017-10-10"}, T,
         {"rongque_banned": True, "rongque_applicable": False}),
    Case("容缺 三、（五）: listed 2017-10-10; on 2018-10-10 the year is over → 容缺 again",
         {"received_at": "2018-10-10T10:00", "last_missed_promise_date": "2017-10-10"}, T,
         {"rongque_banned": False, "rongque_applicable": True}),
]


# ---------------------------------------------------------------- 郑政办〔2018〕87号 双随机一公开
R = "2019-06-01"

RANDOM_INSPECTION = [
    Case("二、（七）: result Fri 9-28 → 20 working days (9-29, 9-30 worked; 10-1…7 off) → 10-31",
         {"inspection_result_date": "2018-09-28", "inspection_publication_date": "2018-10-31"}, R,
         {"inspection_publication_deadline": "2018-10-31", "inspection_published_in_time": True}),
    Case("二、（七）: published 11-01, one working day late",
         {"inspection_result_date": "2018-09-28", "inspection_publication_date": "2018-11-01"}, R,
         {"inspection_published_in_time": False}),
    Case("二、（七）: result 2018-10-09 → deadline 11-06 (no holiday in between)",
         {"inspection_result_date": "2018-10-09"}, R, {"inspection_publication_deadline": "2018-11-06"}),
    Case("二、（七）: result 2018-12-20 → 12-29 (六) worked, 12-31 and 1-1 off → 2019-01-18",
         {"inspection_result_date": "2018-12-20", "inspection_publication_date": "2019-01-18"}, R,
         {"inspection_publication_deadline": "2019-01-18", "inspection_published_in_time": True}),
    Case("二、（七）: result on holiday 10-03 → 20 working days from 10-08 → 11-02",
         {"inspection_result_date": "2018-10-03"}, R, {"inspection_publication_deadline": "2018-11-02"}),
    Case("二、（六）: two inspectors, one to recuse → unlawful",
         {"inspectors_assigned": 2, "inspector_conflict_of_interest": True}, R, {"inspection_team_lawful": False}),
    Case("二、（四）: 严重违法违规记录 → more frequent checks", {"serious_violation_record": True}, R,
         {"inspection_frequency_raised": True}),
    Case("方案 dated 2018-09-30: on 9-29 it does not apply yet",
         {"inspectors_assigned": 2, "on_dishonest_debtor_list": True}, "2018-09-29",
         {"inspection_team_lawful": False, "joint_punishment": False}),
    Case("二、（六）: two inspectors, no conflict → lawful", {"inspectors_assigned": 2}, R,
         {"inspection_team_lawful": True}),
    Case("二、（六）: one inspector (不得少于两人) → unlawful", {"inspectors_assigned": 1}, R,
         {"inspection_team_lawful": False}),
    Case("二、（六）: three inspectors but one has a conflict of interest and did not recuse → unlawful",
         {"inspectors_assigned": 3, "inspector_conflict_of_interest": True}, R, {"inspection_team_lawful": False}),
    Case("二、（四）: 社会关注度高 → more frequent checks", {"high_public_attention": True}, R,
         {"inspection_frequency_raised": True}),
    Case("二、（四）: 列入经营异常名录 → more frequent checks", {"on_abnormal_operation_list": True}, R,
         {"inspection_frequency_raised": True}),
    Case("二、（四）: 特殊行业、重点区域 → more frequent checks", {"safety_critical_sector": True}, R,
         {"inspection_frequency_raised": True}),
    Case("二、（四）: an ordinary firm → the annual plan only", {}, R,
         {"inspection_frequency_raised": False, "joint_punishment": False}),
    Case("二、（八）: 列入经营异常名录 is one of the listed bad records → 联合惩戒", {"on_abnormal_operation_list": True}, R,
         {"joint_punishment": True}),
    Case("二、（八）: 失信被执行人 → 联合惩戒", {"on_dishonest_debtor_list": True}, R, {"joint_punishment": True}),
    Case("二、（八）: 重大税收违法案件当事人 → 联合惩戒", {"on_major_tax_violation_list": True}, R,
         {"joint_punishment": True}),
    Case("二、（八）: 投诉举报多 raises the frequency but is no credit blacklist → no 联合惩戒",
         {"many_complaints": True}, R, {"inspection_frequency_raised": True, "joint_punishment": False}),
]


@pytest.mark.parametrize("case", HEADQUARTERS, ids=lambda c: c.why[:40])
def test_headquarters(case: Case, tmp_path: Path) -> None:
    _check("headquarters", case, tmp_path)


@pytest.mark.parametrize("case", CHILDREN, ids=lambda c: c.why[:40])
def test_children(case: Case, tmp_path: Path) -> None:
    _check("children", case, tmp_path)


@pytest.mark.parametrize("case", POWER_OUTAGE, ids=lambda c: c.why[:40])
def test_power_outage(case: Case, tmp_path: Path) -> None:
    _check("power_outage", case, tmp_path)


@pytest.mark.parametrize("case", FOREST_PEST, ids=lambda c: c.why[:40])
def test_forest_pest(case: Case, tmp_path: Path) -> None:
    _check("forest_pest", case, tmp_path)


@pytest.mark.parametrize("case", TIME_LIMITS, ids=lambda c: c.why[:40])
def test_time_limits(case: Case, tmp_path: Path) -> None:
    _check("time_limits", case, tmp_path)


@pytest.mark.parametrize("case", RANDOM_INSPECTION, ids=lambda c: c.why[:40])
def test_random_inspection(case: Case, tmp_path: Path) -> None:
    _check("random_inspection", case, tmp_path)


# ---------------------------------------------------------------- bad input names the field
BAD = [
    ("headquarters", {k: v for k, v in FIRM.items() if k != "industry"}, "industry", "required"),
    ("headquarters", {**FIRM, "annual_revenue": "很多"}, "annual_revenue", ""),
    ("headquarters", {**FIRM, "local_tax": -1}, "local_tax", "0"),
    ("headquarters", {**FIRM, "industry": "mining"}, "industry", "mining"),
    ("headquarters", {**FIRM, "branches_outside_zhengzhou": 3.5}, "branches_outside_zhengzhou", ""),
    ("headquarters", {**FIRM, "city_state_owned": 1}, "city_state_owned", ""),
    ("children", {"has_zhengzhou_hukou": True}, "age", "required"),
    ("children", {"age": "ten", "has_zhengzhou_hukou": True}, "age", ""),
    ("children", {"age": 10, "has_zhengzhou_hukou": True, "inpatient_expense": -100}, "inpatient_expense", "0"),
    ("children", {"age": 10, "has_zhengzhou_hukou": True, "father_status": "abroad"}, "father_status", "abroad"),
    ("power_outage", {"load_loss_percent": 30}, "grid_scope", "required"),
    ("power_outage", {"grid_scope": "county"}, "grid_scope", "county"),
    ("power_outage", {"grid_scope": "henan", "load_loss_percent": -1}, "load_loss_percent", "0"),
    ("forest_pest", {"pest_type": "quarantine", "leaf_damage_area": "2万亩"}, "leaf_damage_area", ""),
    ("forest_pest", {"pest_type": "quarantine", "branch_damage_area": -0.5}, "branch_damage_area", "0"),
    ("time_limits", {"committed_processing_days": 5}, "received_at", "required"),
    ("time_limits", {"received_at": "2018-09-28T10:00", "promised_supplement_days": -2},
     "promised_supplement_days", "0"),
    ("time_limits", {"received_at": "2018-09-28T10:00", "service_area": "tax"}, "service_area", "tax"),
    ("random_inspection", {"inspectors_assigned": -1}, "inspectors_assigned", "0"),
    ("random_inspection", {"inspection_result_date": "2018/09/28"}, "inspection_result_date", ""),
    ("headquarters", {**FIRM, "turnover": 1}, "turnover", "not an input"),
    ("headquarters", {**FIRM, "real_estate_revenue_share": 101}, "real_estate_revenue_share", "100"),
    ("headquarters", {**FIRM, "established_on": "2018-02-30"}, "established_on", "2018-02-30"),
    ("headquarters", {**FIRM, "city_state_owned": "true"}, "city_state_owned", ""),
    ("time_limits", {"received_at": "2030-01-02T10:00"}, "received_at", "chinese-calendar"),
    ("random_draw", {"seed": "s", "entities": [], "inspectors": [], "team_size": 1}, "team_size", "2"),
]


@pytest.mark.parametrize(("policy", "facts", "field_name", "mention"), BAD, ids=lambda v: str(v)[:30])
def test_bad_fact_names_the_field(policy: str, facts: dict[str, Any], field_name: str, mention: str,
                                  tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["calc", policy, "--input", str(path), "--date", "2019-06-01", "--json"])
    assert result.exit_code == 1
    assert f"error: invalid fact {field_name}:" in result.output
    assert mention in result.output


def test_random_draw_recuses_and_dates_by_hand(tmp_path: Path) -> None:
    """二、（六） 利害关系 → 回避, 不少于两人; 二、（七） result Thu 2018-12-20 → publish by 2019-01-18."""
    facts = {
        "seed": "hand case", "count": 1, "result_date": "2018-12-20",
        "entities": [{"credit_code": "914101000000000001", "name": "甲公司"}],
        "inspectors": [{"badge_no": "A1", "name": "张三"}, {"badge_no": "A2", "name": "李四"},
                       {"badge_no": "A3", "name": "王五"}],
        "conflicts": [["A2", "914101000000000001"]],
    }
    out = _calc("random_draw", facts, "2019-06-01", tmp_path)["results"]
    (drawn,) = out["drawn"]["value"]
    assert sorted(i["badge_no"] for i in drawn["inspectors"]) == ["A1", "A3"]
    assert out["publication_deadline"]["value"] == "2019-01-18"
