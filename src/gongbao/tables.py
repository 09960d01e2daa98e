"""Tables of a document: tab-separated, markdown and space-flattened rows → `Table`s.

Three printed forms reach this stage:

* tab-separated rows (paragraph-per-line layouts) and markdown pipe rows (which `clean`
  turns into tabs): one logical line per row;
* rows flattened into space-separated tokens by the PDF-column layout (2018-08), found
  under a ``表N`` caption; their physical lines are read from `Line.raw`.

Each table gets one header (a header printed again after a page break is dropped), rows
of one width (cells of a vertically merged column — a category printed once for several
rows — are carried down), and cells with their number and unit parsed where numeric. A
table that cannot be brought to one width keeps its printed lines in `text` and is flagged
``not reconstructed``.
"""

from __future__ import annotations

import re
from collections import Counter

from gongbao.models import Cell, Document, Line, SourceSpan, Table

# A numeric cell: optional comparator, a number, an optional unit (≥98.8, 62.5%, 8265,
# 1000万元, 4.5%). Ranges and products (2 × 320 + 2 × 1030) are not single numbers.
_NUMBER_RE = re.compile(
    r"^(?P<cmp>[≥≤<>＞＜]|不低于|不少于|不超过|不高于|约)?\s*"
    r"(?P<num>[+-]?\d+(?:,\d{3})*(?:\.\d+)?)\s*"
    r"(?P<unit>%|‰|℃|(?!以上|以下|左右)[\u4e00-\u9fff/·㎡]{1,6}?)?\s*(?P<post>以上|以下|左右)?$"
)
_SEQ_RE = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[（(]\d{1,3}[）)])$")
_CAPTION_RE = re.compile(r"^表\s*\d+(?:[-－—]\d+)?(?![\d.．])(?:[\s：:　]|[\u4e00-\u9fff“《]|$)")
_HTML_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = "。；"


def parse_cell(text: str) -> Cell:
    """A cell with its number, unit and comparator when it holds one number.

    >>> parse_cell("≥98.8%")
    Cell(text='≥98.8%', value=98.8, unit='%', comparator='≥')
    >>> parse_cell("80以上").comparator, parse_cell("逐年增加").value
    ('以上', None)
    """
    text = text.strip()
    m = _NUMBER_RE.match(text.replace("，", ","))
    if not m:
        return Cell(text)
    value = float(m["num"].replace(",", ""))
    cmp = m["cmp"] or m["post"]
    cmp = {"＞": ">", "＜": "<"}.get(cmp, cmp) if cmp else None
    return Cell(text, value, m["unit"], cmp)


def _cells(line: Line) -> list[str]:
    cells = [_HTML_TAG.sub(" ", c).strip() for c in line.text.split("\t")]
    return [re.sub(r"\s{2,}", " ", c) for c in cells]


def _is_label_line(line: Line) -> bool:
    """A category label printed on its own line between rows (健康 / 环境)."""
    text = line.text
    return 0 < len(text) <= 12 and not any(p in text for p in "。；，：") and "\t" not in text


def _tab_regions(lines: list[Line]) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not lines[i].is_table_row:
            i += 1
            continue
        start = i
        end = i + 1
        while end < len(lines):
            if lines[end].is_table_row:
                end += 1
            elif _is_label_line(lines[end]) and end + 1 < len(lines) and lines[end + 1].is_table_row:
                end += 2
            else:
                break
        regions.append((start, end))
        i = end
    return regions


def _numeric(cell: str) -> bool:
    """A cell holding a figure; a year heading (2018年, 2025年目标值) is a label."""
    return bool(cell) and parse_cell(cell).value is not None and not re.match(r"^(?:19|20)\d{2}年", cell)


def _is_data_row(cells: list[str]) -> bool:
    return any(_numeric(c) for c in cells) or bool(cells and _SEQ_RE.match(cells[0]))


def _header(header_rows: list[list[str]], width: int) -> tuple[list[str], list[str]]:
    """One header of `width` cells from the printed header rows, and flags."""
    if not header_rows:
        return [""] * width, ["no header"]
    for row in header_rows:
        if len(row) == width:
            return row, []
    if len(header_rows) >= 2:
        top, sub = header_rows[0], header_rows[1]
        shared = [c for c in top if c in sub]
        # A cell spanning both header rows is printed in both: 序号 县 年度任务 / 电厂 容量 年度任务.
        merged = [c for c in top if c not in shared] + [c for c in sub if c not in shared] + shared
        if shared and len(merged) == width:
            return merged, []
        # The last top cell spans the sub-header: 支出责任分担方式 → 原分担方式 / 调整后分担方式.
        if len(top) - 1 + len(sub) == width:
            return top[:-1] + [f"{top[-1]}/{c}" for c in sub], []
    row = header_rows[0]
    if len(row) < width:
        return row + [""] * (width - len(row)), ["header narrower than the rows"]
    return row[:width], ["header wider than the rows"]


def _grid(rows: list[list[str]], labels: dict[int, str]) -> tuple[list[list[str]], list[list[str]], list[str]]:
    """Split printed rows into header rows and body rows of one width; flags."""
    flags: list[str] = []
    header_rows: list[list[str]] = []
    k = 0
    while k < len(rows) and k < 3 and not _is_data_row(rows[k]) and len(rows) > 1:
        header_rows.append(rows[k])
        k += 1
    if k == len(rows):  # nothing numeric anywhere (a roster): the first row is the header
        header_rows, k = rows[:1], 1
    body_printed = rows[k:]
    repeated = {tuple(r) for r in header_rows}
    body: list[list[str]] = []
    body_labels: list[str | None] = []
    for offset, row in enumerate(body_printed, start=k):
        if tuple(row) in repeated:
            if "repeated header removed" not in flags:
                flags.append("repeated header removed")
            continue
        body.append(row)
        body_labels.append(labels.get(offset))
    width = max((len(r) for r in body), default=max((len(r) for r in header_rows), default=0))
    header, header_flags = _header(header_rows, width)
    # Where the sequence number (序号) sits: a row starting with one is aligned on it.
    seq_col = next((k for k, h in enumerate(header) if h in ("序号", "编号")), 0)
    grid: list[list[str]] = []
    previous: list[str] | None = None
    for row, label in zip(body, body_labels, strict=True):
        row = list(row)
        if label is not None and len(row) < width:
            row = [label, *row]
        if len(row) < width:
            missing = width - len(row)
            left = seq_col if _SEQ_RE.match(row[0]) else missing
            left = min(left, missing)
            # A vertically merged cell is printed once: carry it down from the row above.
            carried = previous[:left] if previous is not None else [""] * left
            row = carried + row + [""] * (missing - left)
        grid.append(row)
        previous = row
    return [header], grid, flags + header_flags


def _tab_table(lines: list[Line], start: int, end: int) -> Table:
    rows: list[list[str]] = []
    labels: dict[int, str] = {}
    pending: str | None = None
    for line in lines[start:end]:
        if line.is_table_row:
            if pending is not None:
                labels[len(rows)] = pending
                pending = None
            rows.append(_cells(line))
        else:
            pending = (pending or "") + line.text
    header_rows, grid, flags = _grid(rows, labels)
    if all(not c for c in header_rows[0]) and "no header" not in flags:
        flags.append("no header")
    return _make_table(lines[start:end], header_rows[0], grid, flags)


def _make_table(lines: list[Line], header: list[str], grid: list[list[str]], flags: list[str], caption: str | None = None) -> Table:
    first, last = lines[0].span, lines[-1].span
    table = Table(
        eid="",
        header=[Cell(h) for h in header],
        rows=[[parse_cell(c) for c in row] for row in grid],
        span=SourceSpan(first.file, first.issue, first.line_start, last.line_end),
        text="\n".join(line.text for line in lines),
        caption=caption,
        flags=flags,
    )
    if not table.consistent or not table.rows:
        table.flags.append("not reconstructed")
    return table


# --- the PDF-column layout: rows flattened into space-separated tokens --------------------

_DECIMAL_SPACE = re.compile(r"(?<=\d)\s*([.．])\s+(?=\d)|(?<=\d)\s+([.．])\s*(?=\d)")


def _tokens(raw: str) -> list[str]:
    """Cells of one flattened physical line: 'x (乡镇) 占比 % 62. 5' → ['x(乡镇)占比', '%', '62.5']."""
    text = _DECIMAL_SPACE.sub(lambda m: m.group(1) or m.group(2), raw.replace("\u3000", " ").strip())
    text = re.sub(r"(?<=[\u4e00-\u9fff\d])\s*/\s*(?=[\u4e00-\u9fff\d])", "/", text)  # 平方米 / 人 → 平方米/人
    text = re.sub(r"(?<=[A-Za-z])\s+(?=[\u4e00-\u9fff])", "", text)  # C 级以上 → C级以上
    text = re.sub(r"(\d)\s+(年|岁|万)", r"\1\2", text)  # 2020 年 → 2020年
    text = re.sub(r"\s*([（(][^）)\s]{1,8}[）)])", r"\1", text)  # (乡镇) belongs to the word before
    text = re.sub(r"([《“])\s+|\s+([》”])", lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"^([（(]\d{1,3}[）)])\s+", r"\1", text)  # (32) 5 岁 → (32)5岁
    text = re.sub(r"(\d)\s+(以上|以下|左右)", r"\1\2", text)  # 80 以上 → 80以上
    return [t for t in text.split() if t]


# A heading of the text (第三节 战略导向, 三、…) ends a flattened table printed just above it.
_TEXT_HEADING = re.compile(r"^(?:第[一二三四五六七八九十百\d]+[编章节条]|[一二三四五六七八九十]+、)")
# 专栏N as the caption of a box that holds a table (专栏1 预期发展目标 in 郑政办〔2018〕79号).
_COLUMN_CAPTION_RE = re.compile(r"^专栏\s*[\d一二三四五六七八九十]+")
_YEAR_HEADER = re.compile(r"^(?:19|20)\d{2}年")
_UNIT_TOKEN = re.compile(r"^(?:[%‰℃]|[\u4e00-\u9fff]{1,2}|[\u4e00-\u9fff]{1,2}/[\u4e00-\u9fff]{1,2})$")


def flattened_row(raw: str) -> bool:
    """A physical line that is a table row flattened into space-separated tokens (PDF layout).

    At least three tokens, two of them figures, and none of the punctuation of prose; a date
    (2018 年 10 月 19 日) is not a row.

    >>> flattened_row("2016 181. 6 18. 7 82. 9 8. 5 37. 4"), flattened_row("2018 年 10 月 19 日—23 日")
    (True, False)
    """
    text = raw.strip()
    if re.search(r"[，。；、,;：:]", text) or "\t" in text or "|" in text or re.search(r"\d\s*[年月]\s*\d", text):
        return False
    toks = _tokens(text)
    return len(toks) >= 3 and sum(_numeric(t) for t in toks) >= 2


def _pdf_region(lines: list[Line], at: int) -> int:
    """End (exclusive) of a flattened table starting after the caption at `at`."""
    end = at + 1
    while end < len(lines):
        line = lines[end]
        if "\t" in line.text or line.text.endswith("。") and len(line.text) > 30:
            break
        if _CAPTION_RE.match(line.text) or line.text.startswith("专栏") or _TEXT_HEADING.match(line.text):
            break
        raw_lines = [r for r in line.raw.split("\n") if r.strip()]
        # Prose (a full printed line with sentence punctuation) ends the table.
        if any(len(r.strip()) > 18 and re.search(r"[，。；]|, |; ", r) for r in raw_lines):
            break
        end += 1
    return end


def _grouped_header(header_lines: list[list[str]], width: int) -> tuple[list[str], int] | None:
    """A two-level header printed as lines: a group label over the cells of the next line.

    年份 / 0—14岁 / 人口数(万人) 比重(%) / 65岁及以上 / 人口数(万人) 比重(%) / 总抚养比(%) →
    年份, 0—14岁/人口数(万人), 0—14岁/比重(%), 65岁及以上/人口数(万人), …; returns the header
    and the index of its first line (the lines above it are the table's title).
    """
    for first in range(len(header_lines)):
        merged: list[str] = []
        k = first
        part = header_lines[first:]
        while k - first < len(part):
            toks = part[k - first]
            following = part[k - first + 1] if k - first + 1 < len(part) else None
            if len(toks) == 1 and following is not None and len(following) >= 2:
                merged.extend(f"{toks[0]}/{t}" for t in following)
                k += 2
            else:
                merged.extend(toks)
                k += 1
        if len(merged) == width:
            return merged, first
    return None


def _unit_aligned(row: list[str], header: list[str], unit_col: int, category: str) -> list[str]:
    """A row of 类别 | 指标 | 单位 | year values …, aligned on the values printed last.

    The category (领域) is printed once for its rows or on a line of its own, and a figure
    without unit (出生人口性别比 ≤112.5) leaves the unit out: 人口结构 出生人口性别比 ≤112.5
    110 106 → 人口结构, 出生人口性别比, "", ≤112.5, 110, 106.
    """
    values = len(header) - unit_col - 1
    head, tail = row[: len(row) - values], row[len(row) - values :]
    unit = ""
    if len(head) >= 2 and _UNIT_TOKEN.match(head[-1]):
        unit, head = head[-1], head[:-1]
    names = unit_col  # columns before the unit: category and indicator
    if len(head) < names:
        head = [category] * (names - len(head)) + head
    if len(head) > names:
        head = head[: names - 1] + ["".join(head[names - 1 :])]
    return [*head, unit, *tail]


def _pdf_table(lines: list[Line], start: int, end: int) -> Table:
    caption = lines[start].text
    physical = [r for line in lines[start + 1 : end] for r in line.raw.split("\n") if r.strip()]
    rows: list[list[str]] = []
    labels: dict[int, str] = {}
    pending = ""
    header_lines: list[list[str]] = []
    header_set: set[tuple[str, ...]] = set()
    flags: list[str] = []
    unit_mode = False  # 类别 指标 单位 2015年 2020年 …: each printed line is a row
    for raw in physical:
        toks = _tokens(raw)
        if rows and tuple(toks) in header_set:
            # The header printed again after a page break (年份 / 0—14岁 / …).
            if "repeated header removed" not in flags:
                flags.append("repeated header removed")
            continue
        numeric = [t for t in toks if _numeric(t)]
        row_start = bool(toks) and bool(re.match(r"^[（(]\d{1,3}[）)]|^\d{4}年?$", toks[0]))
        if unit_mode and len(toks) >= 2:
            row_start = True
        # One figure alone (65岁及以上) is a header cell, not the first row.
        first_row = bool(numeric) and len(toks) >= 2
        if not rows and not first_row and not row_start:
            if len(toks) == 1 and header_lines and (len(toks[0]) <= 3 or unit_mode):
                pending += toks[0]
            else:
                header_lines.append(toks)
                header_set.add(tuple(toks))
                unit_mode = _unit_header(toks)
            continue
        if row_start or first_row and not rows:
            if pending:
                labels[len(rows)] = pending
                pending = ""
            rows.append(toks)
        elif len(toks) == 1 and (len(toks[0]) <= 3 or unit_mode):
            pending += toks[0]  # a vertical category fragment: 健康 / 环境
        elif rows:
            rows[-1].extend(toks)  # a cell wrapped onto the next printed line
    # The caption is often followed by the table title; the header is the last header line.
    header = header_lines[-1] if header_lines else []
    title_lines = header_lines[:-1]
    widths = Counter(len(r) for r in rows)
    if rows and header and not labels and widths.most_common(1)[0][0] != len(header):
        grouped = _grouped_header(header_lines, widths.most_common(1)[0][0])
        if grouped is not None:
            header, first = grouped
            title_lines = header_lines[:first]
    width = len(header)
    unit_col = next((k for k, h in enumerate(header) if h == "单位"), None)
    grid: list[list[str]] = []
    for n, row in enumerate(rows):
        if tuple(row) in header_set:
            continue
        label = labels.get(n)
        if unit_mode and unit_col is not None:
            category = label if label is not None else (grid[-1][0] if grid else "")
            grid.append(_unit_aligned(row, header, unit_col, category))
            continue
        cells = list(row)
        if label is not None:
            cells = [label, *cells]
        elif grid and labels:  # the category printed once for its group of rows
            cells = [grid[-1][0], *cells]
        # Several tokens of the long text column (the indicator's name) were split:
        # join them, the name being the first column after the category.
        j = 1 if labels else 0
        while width and len(cells) > width and j + 1 < len(cells):
            cells[j : j + 2] = [cells[j] + cells[j + 1]]
        grid.append(cells)
    # A row printed without its unit (媒体健康科普水平 逐年增加): an empty cell in the unit
    # column when what stands there is not one of the units the other rows print.
    if unit_col is not None and not unit_mode:
        units = {row[unit_col] for row in grid if len(row) == width}
        for row in grid:
            if len(row) == width - 1 and unit_col < len(row) and row[unit_col] not in units:
                row.insert(unit_col, "")
    if title_lines:
        title = "".join("".join(h) for h in title_lines)
        caption = f"{caption} {title}".strip()
    if width == 0:
        flags.append("header not found")
    return _make_table(lines[start:end], header, grid, flags, caption)


def _unit_header(toks: list[str]) -> bool:
    """类别 主要指标 单位 2015年 2020年 2030年: a 单位 column followed only by year columns."""
    if "单位" not in toks:
        return False
    after = toks[toks.index("单位") + 1 :]
    return bool(after) and all(_YEAR_HEADER.match(t) for t in after)


def table_regions(document: Document) -> list[tuple[int, int, Table]]:
    """Every table of a document as (first line index, end index, table), in printed order."""
    lines = document.lines
    found: list[tuple[int, int, Table]] = []
    for start, end in _tab_regions(lines):
        try:
            table = _tab_table(lines, start, end)
        except (ValueError, IndexError) as exc:  # odd rows: keep as text, flagged
            table = _make_table(lines[start:end], [], [], [f"not reconstructed: {exc}"])
        # The caption printed on the line above (表2-1 … / 专栏1 …) names the table.
        if start > 0 and (_CAPTION_RE.match(lines[start - 1].text) or _COLUMN_CAPTION_RE.match(lines[start - 1].text)):
            table.caption = lines[start - 1].text
        found.append((start, end, table))
    taken = {i for s, e, _ in found for i in range(s, e)}
    for i, line in enumerate(lines):
        if i in taken or "\t" in line.text:
            continue
        column = bool(_COLUMN_CAPTION_RE.match(line.text))
        if not (_CAPTION_RE.match(line.text) or column):
            continue
        # Only flattened rows: a caption followed by tab rows is handled above.
        if i + 1 < len(lines) and lines[i + 1].is_table_row:
            continue
        end = _pdf_region(lines, i)
        if end - i < 3:
            continue
        # A 专栏 box is a table only when it holds flattened rows; most hold prose or lists.
        if column and sum(flattened_row(r) for ln in lines[i + 1 : end] for r in ln.raw.split("\n")) < 2:
            continue
        try:
            table = _pdf_table(lines, i, end)
        except (ValueError, IndexError) as exc:
            table = _make_table(lines[i:end], [], [], [f"not reconstructed: {exc}"])
        # The 专栏 line stays the heading of its box (a column node); the table sits inside it.
        found.append((i + 1 if column else i, end, table))
    found.sort(key=lambda t: t[0])
    for n, (_, _, table) in enumerate(found, start=1):
        table.eid = f"table_{n}"
    return found


def find_tables(document: Document) -> list[Table]:
    """The tables of a document, in printed order.

    >>> from gongbao.pipeline import parse_issue
    >>> text = ("郑州市人民政府\\n关于某事的通知\\n郑政〔2017〕99号 2017年10月16日\\n各单位：\\n正文。\\n"
    ...         "序号\\t指标\\t目标值\\n1\\t覆盖率\\t100%\\n2\\t参保率\\t95%\\n")
    >>> t = find_tables(parse_issue(text.encode(), "x.txt", "2017-10").documents[0])[0]
    >>> [c.text for c in t.header], t.rows[1][2].value, t.rows[1][2].unit
    (['序号', '指标', '目标值'], 95.0, '%')
    """
    return [table for _, _, table in table_regions(document)]


def column_counts(table: Table) -> Counter[int]:
    """How many rows have each width (a reconstructed table has exactly one)."""
    return Counter(len(row) for row in table.rows)
