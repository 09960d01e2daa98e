"""Units: splitting printed unit lists, canonical names, groups and the derived registry."""

from __future__ import annotations

from collections import Counter

import pytest

from gongbao.units import (
    COUNTY_GROUP,
    ZONE_GROUP,
    build_registry,
    group_name,
    load_registry,
    registry_from_data,
    split_units,
)

# fmt: off
SPLITS = [
    # 郑政文〔2018〕168号 L761: the shared 市 is printed once
    ("市发展改革委、工信委、通信管理办", ["市发展改革委", "市工信委", "市通信管理办"]),
    # 郑政〔2017〕24号 L35: groups separated by "，"
    ("市政府办公厅、市发展改革委，郑州供电公司，相关县（市、区）人民政府、开发区管委会",
     ["市政府办公厅", "市发展改革委", "郑州供电公司", "相关县（市、区）人民政府", "开发区管委会"]),
    # 郑政文〔2018〕150号: 〔市、 区〕 with spaces in the PDF-column layout
    ("各县 〔市、 区〕 政府、 开发区管委会", ["各县（市、区）人民政府", "开发区管委会"]),
    # 郑政办〔2017〕96号 L1077: 各级 … 部门 distributes
    ("各级卫生计生、发展改革和财政部门", ["各级卫生计生部门", "各级发展改革部门", "各级财政部门"]),
    # 郑政办〔2017〕103号 L3045: role words and 等 dropped
    ("市发展改革委、市商务局等按职责分工负责", ["市发展改革委", "市商务局"]),
    # 郑政办〔2018〕74号 L10100: a county-level city takes no 市 prefix
    ("市政府办公厅、市体育局、登封市", ["市政府办公厅", "市体育局", "登封市"]),
    # 郑政办〔2018〕73号 L9477: 及 joins two units
    ("市财政局、文物局及各县〔市、区〕政府", ["市财政局", "市文物局", "各县（市、区）人民政府"]),
    # 市文化广电和旅游局 is one unit although it holds 和
    ("市商务局、市文化广电和旅游局", ["市商务局", "市文化广电和旅游局"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_units(text, expected):
    assert split_units(text) == expected


@pytest.mark.parametrize(("spelling", "canonical"), [
    ("市发改委", "市发展改革委"),
    ("郑州市发展和改革委员会", "市发展改革委"),
    ("市食品药品监管局", "市食品药品监督管理局"),
    ("市金融办", "市政府金融办"),
    ("国网郑州电力公司", "郑州供电公司"),
    ("区县（市）人民政府", COUNTY_GROUP),
    ("有关区县〔市〕政府", COUNTY_GROUP),
    ("市级各开发区", ZONE_GROUP),
    ("金水区政府", "金水区人民政府"),
])
def test_shipped_registry_knows_the_aliases_of_the_corpus(spelling, canonical):
    assert load_registry().canonical(spelling) == canonical


def test_renamed_bodies_are_not_merged():
    registry = load_registry()
    # 市规划局 (2017–2018) became part of 市资源规划局 (2022): different bodies, not spellings.
    assert registry.canonical("市规划局") != registry.canonical("市资源规划局")
    assert registry.canonical("市工信委") != registry.canonical("市工信局")


def test_groups_fan_out_to_members_named_in_the_corpus():
    registry = load_registry()
    assert "金水区人民政府" in registry.members(COUNTY_GROUP)
    assert "郑东新区管委会" in registry.members(ZONE_GROUP)
    assert registry.concerns("金水区政府", ["市财政局", "各县（市、区）政府"])
    assert not registry.concerns("市财政局", ["各县（市、区）政府"])


def test_build_registry_derives_aliases_by_rule():
    mentions = Counter({"市发展改革委": 9, "市发改委": 2, "市卫计委": 5, "市卫生计生委": 1, "市工信委": 4,
                        "市工信局": 3, "各县（市、区）政府": 2})
    issues = {"市发展改革委": {"a"}, "市发改委": {"a"}, "市卫计委": {"a"}, "市卫生计生委": {"a"},
              "市工信委": {"a"}, "市工信局": {"b"}}
    data = build_registry(mentions, "责任单位：金水区人民政府，郑东新区管委会。", None, issues)
    rows = {row["name"]: row["aliases"] for row in data["units"]}
    assert rows["市发展改革委"] == ["市发改委"]
    assert rows["市卫计委"] == ["市卫生计生委"]
    assert "市工信局" in rows and "市工信委" in rows
    registry = registry_from_data(data)
    assert registry.members(COUNTY_GROUP) == ["金水区人民政府"]
    assert registry.members(ZONE_GROUP) == ["郑东新区管委会"]


def test_curated_aliases_win_and_survive():
    data = build_registry(Counter({"郑州供电公司": 3}), "", {"aliases": {"市供电公司": "郑州供电公司"}, "members": {}})
    assert data["curated"]["aliases"] == {"市供电公司": "郑州供电公司"}
    assert registry_from_data(data).canonical("市供电公司") == "郑州供电公司"


def test_group_name():
    assert group_name("各县（市、区）") == COUNTY_GROUP
    assert group_name("市财政局") is None
