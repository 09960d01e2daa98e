"""Stage 2, clean: the repairs of PDF and conversion damage, on real excerpts of the three layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongbao.clean import clean, is_page_furniture, normalize_line

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def excerpt_lines(name: str):
    """Clean an excerpt, returning its lines and the source line of the excerpt's first line."""
    first = int(name.rsplit("-L", 1)[1].removesuffix(".txt"))
    issue = name.split("-", 1)[1].rsplit("-L", 1)[0]
    return clean((FIXTURES / name).read_text(encoding="utf-8"), f"{issue}.txt", issue), first


# fmt: off
REPAIRS = [
    # PDF-column layout (2018-08): spaces inside numbers, around punctuation, between CJK
    ("郑政 〔2018〕 35 号　 　 2018 年 8 月 1 日",                  "郑政〔2018〕35号 2018年8月1日"),
    ("各县 (市、 区) 人民政府, 市人民政府有关部",                  "各县（市、区）人民政府，市人民政府有关部"),
    ("我国城镇化率达到 58. 52%, 预计到 2020 年中",                 "我国城镇化率达到58.52%，预计到2020年中"),
    ("区。 全市总面积 7446. 2 平方公里, 人口 988. 07",             "区。全市总面积7446.2平方公里，人口988.07"),
    ("第一章　 总　 则",                                            "第一章 总则"),
    ("展的意见》 (国办发﹝ 2017",                                   "展的意见》（国办发〔2017"),
    # paragraph-per-line layouts (2017-08, 2017-10, 2022-03)
    ("关于印发郑州市 2017 年电力行业燃煤削减实施方案的通知",       "关于印发郑州市2017年电力行业燃煤削减实施方案的通知"),
    ("郑政〔2017〕35 号 2017 年 10 月 23 日",                      "郑政〔2017〕35号 2017年10月23日"),
    ("各县(市、区)人民政府,市人民政府各部门,各有关单位:",        "各县（市、区）人民政府，市人民政府各部门，各有关单位："),
    ("第 245 号",                                                   "第245号"),
    ("(一) 指导思想",                                               "（一）指导思想"),
    # markdown-ish layout (2018-09): heading marks and bold are noise
    ("## 关于加强农村留守儿童关爱保护和困境儿童保障工作的实施意见", "关于加强农村留守儿童关爱保护和困境儿童保障工作的实施意见"),
    ("**第一条** 为进一步加强我市公交专用车道管理工作,根据",      "第一条 为进一步加强我市公交专用车道管理工作，根据"),
    ("| 陈卫东 | 曹武全 | 姜庆翔 | 王 新 |",                         "陈卫东\t曹武全\t姜庆翔\t王新"),
    # Latin words keep their spaces
    ("中原龙子湖智慧岛 No. 1 建设", "中原龙子湖智慧岛No. 1建设"),
]
# fmt: on


@pytest.mark.parametrize(("raw", "repaired"), REPAIRS)
def test_a_damaged_line_is_repaired(raw: str, repaired: str) -> None:
    assert normalize_line(raw) == repaired


@pytest.mark.parametrize(
    ("raw", "furniture"),
    [
        ("—1—", True),
        ("—31—", True),
        ("- 12 -", True),
        ("郑州市人民政府公报(2018. 8)　 　 　 　 　 文件汇编", True),
        ("郑州市人民政府公报", True),
        ("第一章　 总　 则", False),
        ("2022 年 3 月 28 日", False),
        ("—2018 年—", False),
    ],
)
def test_page_numbers_and_running_headers_are_furniture(raw: str, furniture: bool) -> None:
    assert is_page_furniture(raw) is furniture


def test_a_sentence_across_a_page_break_is_one_line_and_the_footer_is_gone() -> None:
    # 2018-08.txt L101–113: a sentence broken by the footer —1— and the running header.
    lines, first = excerpt_lines("column-2018-08-L1.txt")
    texts = [line.text for line in lines]
    assert "按规定的用途使用银行账户，严禁通过零余额账户向本部门单位或下级单位实有资金账户转拨资金，严禁超范围使用银行账户，核算不同用途的资金。" in texts
    assert not any("公报" in t or t == "—1—" for t in texts)
    joined = next(line for line in lines if line.text.startswith("按规定的用途"))
    assert (joined.span.line_start + first - 1, joined.span.line_end + first - 1) == (101, 113)
    # Nothing the cleaner did is irreversible: the physical lines are kept, furniture excluded.
    assert joined.raw.splitlines() == [
        "按规定的用途使用银行账户, 严禁通过零余额",
        "账户向本部门单位或下级单位实有资金账户转",
        "拨资金, 严禁超范围使用银行账户, 核算不同",
        "用途的资金。",
    ]


def test_header_lines_stay_apart_and_headings_are_never_glued() -> None:
    lines, _ = excerpt_lines("column-2018-08-L1.txt")
    texts = [line.text for line in lines]
    assert texts[:5] == [
        "郑州市人民政府",
        "关于印发郑州市加强财务管理严肃",
        "财经纪律的意见",
        "郑政〔2018〕35号 2018年8月1日",
        "各县（市、区）人民政府，市人民政府有关部门，各有关单位：",
    ]
    assert "一、严格财政预算管理" in texts
    assert "二、严格银行账户管理" in texts


def test_an_addressee_wrapped_after_its_first_word_is_rejoined() -> None:
    # 2018-08.txt L3486: "各县" printed alone, "(市、 区) 人民政府, …" three lines below.
    lines, first = excerpt_lines("column-2018-08-L3478.txt")
    addressee = next(line for line in lines if line.text.endswith("各有关单位："))
    assert addressee.text == "各县（市、区）人民政府，市人民政府各部门，各有关单位："
    assert addressee.span.line_start + first - 1 == 3486
    # The small-form brackets of a cited number become 〔〕 so the citation parses.
    assert any("（国办发〔2017〕19号）" in line.text for line in lines)


def test_an_open_book_title_continues_even_when_the_line_ends_like_a_title() -> None:
    # 2018-08.txt L13336–13338: 《…一口受理工作规则 / (试行) 》 已经市人民政府研究同意…
    lines, _ = excerpt_lines("column-2018-08-L13322.txt")
    assert (
        "《郑州市政务服务容缺受理办法（试行）》和《郑州市政务服务办事大厅一口受理工作规则（试行）》"
        "已经市人民政府研究同意，现印发给你们，请认真贯彻落实。"
    ) in [line.text for line in lines]


def test_markdown_marks_are_stripped_and_paragraphs_kept_whole() -> None:
    lines, first = excerpt_lines("markdown-2018-09-L1.txt")
    texts = [line.text for line in lines]
    assert texts[:4] == [
        "郑州市人民政府",
        "关于加强农村留守儿童关爱保护和困境儿童保障工作的实施意见",
        "郑政〔2018〕43号 2018年9月25日",
        "各县（市、区）人民政府，市人民政府各部门，各有关单位：",
    ]
    assert "一、总体要求" in texts and "（一）指导思想" in texts
    assert lines[0].raw == "# 郑州市人民政府"
    assert lines[2].span.line_start + first - 1 == 7


def test_a_decree_header_keeps_each_of_its_lines() -> None:
    lines, _ = excerpt_lines("paragraph-2022-03-L1.txt")
    assert [line.text for line in lines[:5]] == [
        "郑州市警务辅助人员管理办法",
        "郑州市人民政府令",
        "第245号",
        "《郑州市警务辅助人员管理办法》业经2022年3月10日市人民政府第113次常务会议审议通过，现予公布，自2022年5月1日起施行。",
        "代市长何雄",
    ]
    assert lines[5].text == "2022年3月28日"
    assert lines[6].text == "第一章 总则"


def test_every_source_line_with_text_is_kept_in_some_raw() -> None:
    text = (FIXTURES / "paragraph-2017-10-L3461.txt").read_text(encoding="utf-8")
    lines = clean(text, "2017-10.txt", "2017-10")
    kept = [raw for line in lines for raw in line.raw.splitlines()]
    assert kept == [raw for raw in text.split("\n") if raw.strip()]
    starts = [line.span.line_start for line in lines]
    assert starts == sorted(starts)


def test_odd_text_never_crashes_the_cleaner() -> None:
    odd = "\n".join(["", "（", "》》》", "—", "$\\leq$", "\t\t", "|", "郑政〔", "第条", "一、"])
    assert all(line.text for line in clean(odd, "odd.txt", "odd"))


def test_table_and_figure_captions_start_lines_of_their_own() -> None:
    # 2018-08.txt L14358–14364 (郑政办〔2018〕79号): 图1 / 图2 / 表1 captions, then the header
    # cell 年份. Each caption is one logical line: none is glued to the caption before it,
    # nor to the table below it.
    lines, first = excerpt_lines("column-2018-08-L14300.txt")
    by_start = {line.span.line_start + first - 1: line.text for line in lines}
    assert by_start[14358] == "图1 2016—2050年郑州市常住人口总量变动趋势（单位：万人）"
    assert by_start[14360] == "图2 2016—2050年郑州市0—14岁人口、15—64岁和65岁及以上人口比重变动趋势"
    assert by_start[14362] == "表1郑州市2016—2050年常住人口年龄结构变动及社会抚养比趋势预测"
    assert by_start[14364] == "年份"


@pytest.mark.parametrize(
    ("name", "start", "end", "text"),
    [
        # 2018-09.txt L252–254: **第十二条** 在设置有公交专用车道的道路 / 上，公交车辆应…
        ("markdown-2018-09-L246.txt", 252, 254, "第十二条 在设置有公交专用车道的道路上，公交车辆应在公交专用车道内"),
        ("markdown-2018-09-L246.txt", 266, 268, "第十八条 公交车辆上安装的车载交通监控设备记录的资料，应作为"),
    ],
)
def test_an_article_cut_before_its_full_stop_is_one_line(name: str, start: int, end: int, text: str) -> None:
    # An article runs in: 第X条 and its text are a sentence, never a heading standing alone.
    lines, first = excerpt_lines(name)
    line = next(ln for ln in lines if ln.span.line_start + first - 1 == start)
    assert line.text.startswith(text)
    assert line.span.line_end + first - 1 == end


def test_a_chapter_heading_is_not_run_in() -> None:
    lines = clean("第一章 总则\n\n第一条 为进一步加强管理，特制定本办法。\n", "x.txt", "x")
    assert [line.text for line in lines] == ["第一章 总则", "第一条 为进一步加强管理，特制定本办法。"]


def test_a_county_name_over_its_outline_is_a_line_of_its_own() -> None:
    # 2017-10.txt L2167–2171 (郑政办〔2017〕102号 附件): the title, then 登封市 heading 一、…
    lines, first = excerpt_lines("paragraph-2017-10-L2163.txt")
    by_start = {line.span.line_start + first - 1: line.text for line in lines}
    assert by_start[2167] == "2017年各县（市、区）、开发区经济社会发展主要指标"
    assert by_start[2169] == "登封市"
    assert by_start[2171] == "一、结构优化升级"
