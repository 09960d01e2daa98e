"""The 双随机 draw: reproducible from the published seed, lawful teams, conflicts avoided."""

from __future__ import annotations

import datetime as dt

import pytest

from gongbao.rules.api import InvalidFacts, calculate
from gongbao.rules.random_inspection import DrawError, draw

ENTITIES = [{"credit_code": f"91410100MA{i:08d}", "name": f"企业{i}"} for i in range(40)]
INSPECTORS = [{"badge_no": f"豫A{i:05d}", "name": f"检查员{i}"} for i in range(8)]


def test_same_seed_same_draw_whatever_the_directory_order() -> None:
    first = draw(ENTITIES, INSPECTORS, seed="2018-10-20 第1次", count=5)
    again = draw(list(reversed(ENTITIES)), list(reversed(INSPECTORS)), seed="2018-10-20 第1次", count=5)
    assert first["drawn"] == again["drawn"]
    assert first["entities_digest"] == again["entities_digest"]


def test_another_seed_draws_otherwise() -> None:
    a = draw(ENTITIES, INSPECTORS, seed="A", count=5)["drawn"]
    b = draw(ENTITIES, INSPECTORS, seed="B", count=5)["drawn"]
    assert [d["entity"] for d in a] != [d["entity"] for d in b]


def test_each_entity_gets_two_distinct_inspectors_without_conflicts() -> None:
    conflicts = [[i["badge_no"], e["credit_code"]] for e in ENTITIES for i in INSPECTORS[:6]]
    out = draw(ENTITIES, INSPECTORS, seed="s", count=10, conflicts=conflicts)
    for item in out["drawn"]:
        badges = [i["badge_no"] for i in item["inspectors"]]
        assert sorted(badges) == ["豫A00006", "豫A00007"]


def test_ratio_is_rounded_up_and_team_below_two_refused() -> None:
    assert draw(ENTITIES, INSPECTORS, seed="s", ratio=0.11)["count"] == 5  # 4.4 → 5
    with pytest.raises(DrawError) as error:
        draw(ENTITIES, INSPECTORS, seed="s", count=1, team_size=1)
    assert error.value.field == "team_size"


def test_calc_interface_and_publication_deadline() -> None:
    facts = {"seed": "s", "entities": ENTITIES[:3], "inspectors": INSPECTORS[:2], "count": 3, "result_date": "2018-09-28"}
    out = calculate("random_draw", facts, dt.date(2019, 1, 1))["results"]
    assert len(out["drawn"]["value"]) == 3
    assert out["publication_deadline"]["value"] == "2018-10-31"
    with pytest.raises(InvalidFacts) as error:
        calculate("random_draw", {**facts, "entities": [{"name": "无代码"}]}, dt.date(2019, 1, 1))
    assert error.value.field == "entities[0].credit_code"
