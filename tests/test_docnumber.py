"""文号 parsing: the spellings printed in the gazettes and typed by people, and what is not a number."""

from __future__ import annotations

import pytest

from gongbao.docnumber import parse_document_number
from gongbao.models import DocumentNumber

# fmt: off
SPELLINGS = [
    # as printed, each layout
    ("郑政〔2018〕43号",            "郑政", 2018, 43),     # 2018-09.txt L7 (markdown)
    ("郑政 〔2018〕 35 号",         "郑政", 2018, 35),     # 2018-08.txt L8 (PDF column, raw)
    ("郑政〔2017〕35 号",           "郑政", 2017, 35),     # 2017-10.txt L173
    ("郑政办文〔2017〕55号",        "郑政办文", 2017, 55),  # 2017-10.txt L3465
    ("豫政办〔2017〕95号",          "豫政办", 2017, 95),    # cited in 2017-10.txt L3472
    ("国办发﹝2017﹞19号",          "国办发", 2017, 19),    # small-form brackets, 2018-08.txt L3498
    ("〔2016〕郑政文21号",          "郑政文", 2016, 21),    # year printed first, a known misprint
    ("郑政〔2018〕第43号",          "郑政", 2018, 43),
    # other brackets
    ("郑政[2018]43号",              "郑政", 2018, 43),
    ("郑政【2018】43号",            "郑政", 2018, 43),
    ("郑政（2018）43号",            "郑政", 2018, 43),
    ("郑政(2018)43号",              "郑政", 2018, 43),
    # as people type them
    ("郑政2018 43",                 "郑政", 2018, 43),
    ("郑政2017-34",                 "郑政", 2017, 34),
    ("郑政2018年43号",              "郑政", 2018, 43),
    ("郑政〔2018〕43",              "郑政", 2018, 43),
    # decrees: no year
    ("郑州市人民政府令 第 245 号",  "郑州市人民政府令", None, 245),  # 2022-03.txt L5–7
    ("郑州市人民政府令第245号",     "郑州市人民政府令", None, 245),
    ("国务院令第427号",             "国务院令", None, 427),
]
# fmt: on


@pytest.mark.parametrize(("text", "prefix", "year", "serial"), SPELLINGS)
def test_every_spelling_parses_to_prefix_year_and_serial(text: str, prefix: str, year: int | None, serial: int) -> None:
    assert parse_document_number(text) == DocumentNumber(prefix, year, serial)


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("郑政 〔2018〕 35 号", "郑政〔2018〕35号"),
        ("郑政[2018]43号", "郑政〔2018〕43号"),
        ("郑政2017-34", "郑政〔2017〕34号"),
        ("郑州市人民政府令 第 245 号", "郑州市人民政府令第245号"),
    ],
)
def test_a_number_prints_in_its_normal_form(text: str, printed: str) -> None:
    assert str(parse_document_number(text)) == printed


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "郑政",
        "郑政〔2018〕号",  # serial missing
        "郑政〔20l8〕43号",  # letter l for digit 1 (OCR)
        "郑政〔18〕43号",  # two-digit year
        "郑政〔1899〕3号",  # not a year of this genre
        "第245号",  # a decree serial without the decree
        "2018年9月25日",
        "zhengzheng 2018 43",
        "各县（市、区）人民政府，市人民政府各部门，各有关单位：",
    ],
)
def test_malformed_numbers_and_other_text_are_not_numbers(text: str) -> None:
    assert parse_document_number(text) is None


def test_parts_and_decree_flag_feed_the_export_record() -> None:
    number = parse_document_number("郑政办〔2022〕32号")
    assert number is not None and not number.is_decree
    assert number.to_dict() == {"prefix": "郑政办", "year": 2022, "serial": 32}
    decree = parse_document_number("郑州市人民政府令第245号")
    assert decree is not None and decree.is_decree
    assert decree.to_dict() == {"prefix": "郑州市人民政府令", "year": None, "serial": 245}
