"""Tables: tab-separated, markdown and PDF-flattened rows of the bundled corpus."""

from __future__ import annotations

from functools import cache

import pytest

from gongbao.config import BUNDLED_CORPUS
from gongbao.models import Document, Table
from gongbao.pipeline import ingest_file, parse_issue
from gongbao.tables import find_tables, parse_cell


@cache
def corpus() -> dict[str, Document]:
    return {d.id: d for path in sorted(BUNDLED_CORPUS.glob("*.txt")) for d in ingest_file(path).documents}


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
