"""Tables: tab-separated, markdown and PDF-flattened rows of the bundled corpus."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest

from gongbao.models import Document, Table
from gongbao.pipeline import bundled_issues, parse_issue
from gongbao.tables import find_tables, parse_cell


@cache
def corpus() -> dict[str, Document]:
    return {d.id: d for issue in bundled_issues() for d in issue.documents}


def table_of(doc_id: str, k: int = 0) -> Table:
    return find_tables(corpus()[doc_id])[k]


def texts(row: list) -> list[str]:
    return [c.text for c in row]


def test_every_table_has_consistent_columns_or_is_flagged() -> None:
    count = 0
    for document in corpus().values():
        for table in find_tables(document):
            count += 1
            assert table.consistent or "not reconstructed" in table.flags, (document.id, table.eid)
            assert len(table.header) == table.width
    assert count >= 25


def test_two_row_header_and_merged_cells_carried_down() -> None:
    # 郑政〔2017〕24号 附件: 序号 县 年度任务 / 电厂名称 机组容量 年度任务 — printed as two header rows.
    table = table_of("郑政-2017-24")
    assert texts(table.header) == ["序号", "县（市、区）", "电厂名称", "机组容量（MW）", "年度任务"]
    assert texts(table.rows[2]) == ["1", "新密市", "郑州裕中能源有限责任公司", "2 × 320 + 2 × 1030", "25"]
    assert sum(row[4].value for row in table.rows if row[2].text != "小计" and row[1].text != "全市合计") == 220


def test_repeated_header_after_page_break_removed() -> None:
    # 郑政办〔2017〕99号 附件 prints 序号 工作任务 负责单位 again on each page.
    table = table_of("郑政办-2017-99", 1)
    assert "repeated header removed" in table.flags
    assert all(row[0].text != "序号" for row in table.rows)
    assert [row[0].value for row in table.rows[:5]] == [1, 2, 3, 4, 5]


def test_category_column_carried_and_numbers_parsed() -> None:
    # 郑政〔2022〕2号: 分类 | 序号 | 主要指标 | 单位 | 2020年基础值 | 2025年目标值 | 属性
    table = table_of("郑政-2022-2")
    assert texts(table.rows[1]) == ["农业高质高效", "2", "肉类总产量", "万吨", "31.2", "38", "预期性"]
    assert table.rows[1][4].value == 31.2


def test_markdown_pipe_rows_become_a_table() -> None:
    text = (
        "# 郑州市人民政府\n\n## 关于某事的通知\n\n郑政〔2018〕99号 2018年9月25日\n\n各有关单位：\n\n正文。\n\n"
        "| 序号 | 指标 | 目标值 | 属性 |\n|--|--|--|--|\n| 1 | 残疾人家庭人均可支配收入年均增速 | >7.5% | 预期性 |\n"
        "| 2 | 困难残疾人生活补贴目标人群覆盖率 | 100% | 约束性 |\n"
    )
    table = find_tables(parse_issue(text.encode(), "2018-09.txt", "2018-09").documents[0])[0]
    assert texts(table.header) == ["序号", "指标", "目标值", "属性"]
    assert (table.rows[0][2].value, table.rows[0][2].unit, table.rows[0][2].comparator) == (7.5, "%", ">")


def test_pdf_flattened_table_with_vertical_category_labels() -> None:
    # 郑政〔2018〕36号 表1: rows space-flattened, 健康 / 环境 printed on lines of their own.
    table = table_of("郑政-2018-36")
    assert texts(table.header) == ["类别", "名称指标", "单位", "2020年", "设置依据"]
    assert len(table.rows) == 43 and table.consistent
    rows = {row[1].text[:4]: row for row in table.rows}
    assert texts(rows["(1)环"]) == ["健康环境", "(1)环境空气质量优良天数占比", "%", "62.5", "国家指标"]
    assert texts(rows["(34)"])[0] == "健康人群" and rows["(34)"][3].value == 98.8
    assert texts(rows["(42)"]) == ["健康文化", "(42)媒体健康科普水平", "", "逐年增加", "国家指标"]


# fmt: off
CELLS = [
    ("62.5", 62.5, None, None),
    ("≥1.86", 1.86, None, "≥"),
    ("4.5%", 4.5, "%", None),
    ("80以上", 80.0, None, "以上"),
    ("1000万元", 1000.0, "万元", None),
    ("逐年增加", None, None, None),
    ("2 × 320 + 2 × 1030", None, None, None),
]
# fmt: on


@pytest.mark.parametrize(("text", "value", "unit", "comparator"), CELLS)
def test_parse_cell(text: str, value: float | None, unit: str | None, comparator: str | None) -> None:
    cell = parse_cell(text)
    assert (cell.value, cell.unit, cell.comparator) == (value, unit, comparator)


def test_population_projection_table_under_figure_captions() -> None:
    # 郑政办〔2018〕79号 表1 follows the captions of 图1 and 图2; its two-level header (0—14岁 over
    # 人口数 / 比重) is printed again after the page break.
    table = table_of("郑政办-2018-79", 0)
    assert table.caption == "表1郑州市2016—2050年常住人口年龄结构变动及社会抚养比趋势预测"
    assert texts(table.header) == [
        "年份", "0—14岁/人口数(万人)", "0—14岁/比重(%)", "65岁及以上/人口数(万人)", "65岁及以上/比重(%)", "总抚养比(%)",
    ]
    assert [row[0].text for row in table.rows] == ["2016", "2020", "2025", "2030", "2035", "2040", "2045", "2050"]
    assert texts(table.rows[-1]) == ["2050", "251.9", "17.5", "311.2", "21.6", "64.2"]
    assert table.consistent and "repeated header removed" in table.flags


def test_table_inside_a_column_box() -> None:
    # 郑政办〔2018〕79号 专栏1 预期发展目标: 领域 printed once for its rows (or on a line of its
    # own), and 出生人口性别比 printed without a unit.
    table = table_of("郑政办-2018-79", 1)
    assert table.caption == "专栏1预期发展目标"
    assert texts(table.header) == ["领域", "主要指标", "单位", "2015年", "2020年", "2030年"]
    assert texts(table.rows[1]) == ["人口总量", "总和生育率", "%", "1.4—1.6", "1.8", "1.8"]
    assert texts(table.rows[2]) == ["人口结构", "出生人口性别比", "", "≤112.5", "110", "106"]
    assert texts(table.rows[4]) == ["人口素质", "劳动人口平均受教育年限", "年", "11.0", "11.5", "12.3"]
    assert table.rows[4][5].value == 12.3 and table.consistent


def test_flattened_table_ends_at_the_next_heading() -> None:
    # 郑政〔2018〕36号 表1 is followed by "三、发展任务": a heading, not a row of the table.
    table = table_of("郑政-2018-36")
    assert "三、" not in table.text and table.span.line_end == 1255


# A row flattened into space-separated figures (PDF-column layout): no prose punctuation,
# no date, at least three tokens of which two are figures, no figure read with the measure
# word after it as prose is (2015 年的 / 1. 22 个百分点).
_FIGURE = re.compile(r"^[≥≤<>]?\d+(?:\.\d+)?%?$")
_MEASURE_AFTER_FIGURE = re.compile(r"\d\s+[年月日个万岁所人名倍]")


def _flattened(raw: str) -> bool:
    text = re.sub(r"(?<=\d)\s*\.\s+(?=\d)", ".", raw.strip())
    if re.search(r"[，。；、,;：:|\t]", text) or _MEASURE_AFTER_FIGURE.search(text):
        return False
    tokens = text.split()
    return len(tokens) >= 3 and sum(bool(_FIGURE.match(t)) for t in tokens) >= 2


def _table_like(document: Document) -> list[tuple[str, int]]:
    """Lines that look like part of a table, by an audit independent of the table finder."""
    found = []
    for i, line in enumerate(document.lines):
        if line.raw.count("|") >= 3:
            found.append(("pipe row", i))
        elif line.is_table_row:
            found.append(("tab row", i))
        elif re.match(r"^表\s*\d+", line.text):
            found.append(("表N caption", i))
        elif any(_flattened(r) for r in line.raw.split("\n")) and (
            any(_flattened(r) for ln in document.lines[i + 1 : i + 3] for r in ln.raw.split("\n"))
            or any(_flattened(r) for ln in document.lines[max(0, i - 2) : i] for r in ln.raw.split("\n"))
        ):
            found.append(("flattened row", i))
    return found


def test_every_table_like_region_of_the_corpus_is_a_table_or_flagged() -> None:
    counts: Counter[str] = Counter()
    missed = []
    for document in corpus().values():
        tables = find_tables(document)
        lines = document.lines
        for kind, i in _table_like(document):
            counts[kind] += 1
            line = lines[i]
            inside = [
                t for t in tables
                if t.span.line_start <= line.span.line_start and line.span.line_end <= t.span.line_end
                or t.caption == line.text
            ]
            if not inside:
                missed.append((document.id, kind, line.span.line_start, line.text[:40]))
            for table in inside:
                assert table.consistent or "not reconstructed" in table.flags, (document.id, table.eid)
    assert not missed
    # The audit found 327 tab rows, 117 pipe rows, 4 表N captions (郑政〔2017〕28号 表2-1,
    # 郑政〔2018〕36号 表1, 郑政办〔2018〕79号 表1, 郑政〔2022〕4号 表1) and 13 flattened rows
    # (郑政办〔2018〕79号 表1 and 专栏1), every one inside a table.
    assert counts["tab row"] + counts["pipe row"] >= 400 and counts["pipe row"] >= 100
    assert counts["表N caption"] == 4 and counts["flattened row"] >= 10
