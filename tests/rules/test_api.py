"""calculate / list_policies / rules_for_document: shapes, explanations and typed errors."""

from __future__ import annotations

import datetime as dt

import pytest

from gongbao.rules.api import (
    InvalidFacts,
    UnknownPolicy,
    calculate,
    list_policies,
    match,
    rules_for_document,
)

FIRM = {
    "established_on": "2017-06-01",
    "industry": "manufacturing",
    "annual_revenue": 200000,
    "local_tax": 3000,
    "paid_in_capital": 60000,
    "branches_outside_zhengzhou": 3,
    "recognition_date": "2018-01-01",
}


def test_headquarters_result_names_its_provisions() -> None:
    out = calculate("headquarters", FIRM, dt.date(2018, 3, 1))
    award = out["results"]["settlement_award"]
    assert award["value"] == 800.0 and award["unit"] == "万元"
    (basis,) = award["provisions"]
    assert basis["doc_no"] == "郑政〔2017〕34号"
    assert basis["uri"] == "/akn/cn-410100/act/郑政/2017/34/~chp_4__art_11__point_1__para_1"
    assert "实缴注册资本5—10亿元(含5亿元)的,给予800万元的落户奖励" in basis["text"]
    assert basis["source"]["issue"] == "2017-10"


def test_lapsed_document_without_date_is_applied_on_its_last_day() -> None:
    out = calculate("headquarters", FIRM)
    assert out["date"] == "2019-10-31" and out["notes"]
    assert out["results"]["settlement_award"]["value"] == 800.0


def test_enum_accepts_the_chinese_label() -> None:
    out = calculate("power_outage", {"grid_scope": "河南电网", "load_loss_percent": 13}, dt.date(2018, 1, 1))
    assert out["results"]["outage_grade"]["value"] == "major"
    assert out["results"]["outage_response_level"]["display"] == "Ⅱ级"
    # The grade cites the one clause that decided it, not the whole table.
    articles = [p["article"] for p in out["results"]["outage_grade"]["provisions"]]
    assert articles == ["附件1 二、2.", "附件1 末段"]


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        ({k: v for k, v in FIRM.items() if k != "industry"}, "industry"),
        ({**FIRM, "paid_in_capital": -1}, "paid_in_capital"),
        ({**FIRM, "paid_in_capital": "一亿"}, "paid_in_capital"),
        ({**FIRM, "annual_revenue": True}, "annual_revenue"),
        ({**FIRM, "established_on": "2017/06/01"}, "established_on"),
        ({**FIRM, "industry": "banking"}, "industry"),
        ({**FIRM, "branches_outside_zhengzhou": 2.5}, "branches_outside_zhengzhou"),
        ({**FIRM, "capital": 1}, "capital"),
        ({**FIRM, "city_state_owned": "yes"}, "city_state_owned"),
    ],
)
def test_invalid_facts_name_the_field(facts: dict, field: str) -> None:
    with pytest.raises(InvalidFacts) as error:
        calculate("headquarters", facts, dt.date(2018, 3, 1))
    assert error.value.field == field


def test_unknown_policy() -> None:
    with pytest.raises(UnknownPolicy):
        calculate("pension", {})


def test_metadata_is_complete_for_forms() -> None:
    policies = {p["id"]: p for p in list_policies()}
    assert set(policies) == {"headquarters", "children", "power_outage", "forest_pest", "time_limits", "random_inspection", "random_draw"}
    capital = next(f for f in policies["headquarters"]["inputs"] if f["name"] == "paid_in_capital")
    assert capital["type"] == "number" and capital["required"] and capital["unit"] == "万元" and capital["minimum"] == 0
    industry = next(f for f in policies["headquarters"]["inputs"] if f["name"] == "industry")
    assert industry["enum"]["retail"] == "零售业"
    assert policies["headquarters"]["doc_id"] == "郑政-2017-34" and policies["headquarters"]["entity"] == "firm"
    for policy in policies.values():
        for f in policy["inputs"]:
            assert f["type"] and f["label"], (policy["id"], f["name"])


def test_rules_for_document_lists_implementing_variables() -> None:
    out = rules_for_document("郑政办-2017-101")
    clause = next(p for p in out["provisions"] if p["eid"] == "att_1__sec_2__para_2")
    assert {"policy": "power_outage", "name": "outage_grade", "label": "大面积停电事件等级"} in clause["variables"]
    assert "power_outage.load_loss.henan" in clause["parameters"]
    assert rules_for_document("郑政-2099-1") is None


def test_match_runs_every_firm_policy() -> None:
    out = match({**FIRM, "on_dishonest_debtor_list": True}, dt.date(2019, 1, 1))
    by_policy = {p["policy"]: p for p in out["policies"]}
    assert "settlement_award" in by_policy["headquarters"]["qualifies"]
    assert "joint_punishment" in by_policy["random_inspection"]["qualifies"]
    skipped = match({"many_complaints": True}, dt.date(2019, 1, 1))["skipped"]
    assert skipped[0]["policy"] == "headquarters" and skipped[0]["field"] == "established_on"


def test_children_highest_benefit_only() -> None:
    facts = {"age": 10, "has_zhengzhou_hukou": True, "father_status": "dead", "mother_status": "dead",
             "family_dibao": True, "orphan_standard": 1000, "dibao_standard": 550}
    out = calculate("children", facts, dt.date(2019, 1, 1))["results"]
    assert out["basic_living_scheme"]["value"] == "orphan"
    assert out["basic_living_amount"]["value"] == 1000.0
