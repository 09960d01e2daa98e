"""Stage 2, *clean*: gazette text → logical lines with provenance.

Text extracted from PDF pages carries damage that every later stage would otherwise trip
over. `clean` undoes it, line by line, and keeps for every logical line the source lines it
came from (`Line.span`, `Line.raw`), so nothing it does is irreversible:

* page furniture is dropped: page numbers (—12—) and running headers
  (郑州市人民政府公报(2018. 8) … 文件汇编);
* markdown heading marks and ``**bold**`` are stripped — their levels carry no meaning;
* spaces that line wrapping or OCR put between Chinese characters, around punctuation and
  inside numbers are removed (郑政 〔2018〕 35 号 → 郑政〔2018〕35号, 58. 52 → 58.52);
* half-width punctuation next to Chinese text becomes full-width (市, 区 → 市，区);
* a sentence broken across lines or pages is joined again. Headings, list items, document
  numbers, dates and table rows always start a line of their own.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

from gongbao.models import Line, SourceSpan
from gongbao.regexes import (
    DATE_REGEX,
    DOC_NO_REGEX,
    PAGE_NUMBER_RAW_REGEX,
    RUNNING_HEADER_RAW_REGEX,
    STRUCTURE_MARKER_REGEX,
)

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\ufe30-\ufe6f\uff00-\uffef“”‘’—…·《》"
_WIDE = _CJK + _CJK_PUNCT

# Spaces with a Chinese character or Chinese punctuation on either side are artefacts.
_SPACE_NEXT_TO_WIDE = re.compile(rf"(?<=[{_WIDE}])[ \u3000\u00a0]+|[ \u3000\u00a0]+(?=[{_WIDE}])")
# 58. 52 → 58.52 ; 3 . 5 → 3.5 (a decimal point split by the PDF column layout).
_SPLIT_DECIMAL = re.compile(
    r"(?<=\d)\s*([.．])\s+(?=\d)(?!\d{4}年)|(?<=\d)\s+([.．])\s*(?=\d)(?!\d{4}年)"
)
_SPACE_BEFORE_PERCENT = re.compile(r"(?<=\d)\s+(?=[%‰℃])")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_BULLET = re.compile(r"^[-*+•]\s+")
_MD_BOLD = re.compile(r"\*\*|__")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")

# Half-width punctuation that becomes full-width when it touches Chinese text.
_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_NEXT_TO_CJK = re.compile(rf"(?<=[{_WIDE}])[,;:?!()]|[,;:?!()](?=[{_WIDE}])")
# A parenthesised list number at the start of a line: (1) → （1）.
_PAREN_NUMBER = re.compile(r"^\(([\d一二三四五六七八九十]{1,3})\)")

# Punctuation that ends a sentence or introduces a list: the line is complete.
_TERMINAL = "。！？；：!?;:"
# Punctuation inside a sentence: a line holding it is prose, not a heading or a name.
_CLAUSE_PUNCT = re.compile(r"[，、；。：,;]")
# A line ending with one of these is cut in mid-sentence.
_CONTINUATION_END = tuple("，、（《“(,—-")
_CLOSING_START = "。，、；：？！）》」』”’%"
# A title ends with its genre word (文种, GB/T 9704 §7.3.1), possibly followed by (试行):
# 郑州市政务服务容缺受理办法（试行）. Such a line is never the start of a longer sentence.
_TITLE_LINE = re.compile(
    r"(?:办法|规定|方案|意见|通知|通报|决定|规则|细则|计划|规划|纲要|要点|措施|政策|制度|预案|清单|名单|批复|报告)"
    r"(?:[（(](?:试行|暂行|修订|\d{4}.{0,12})[）)])?$"
)
# 各县 / （市、区）人民政府: a bracketed qualifier of the word before it (县 → 县（市、区）)
# never begins a line of its own; the PDF column wrapped it away from its noun.
_QUALIFIER_START = re.compile(r"^[（(][市县区州旗、]{1,7}[）)]")
# The caption of a table or figure (表1 … / 图2 … / 表2-1 …) begins a line of its own and is
# complete: GB/T 9704 documents print it centred on a line above its table or figure, so it
# never continues the prose before it nor the caption before it (图1 … / 图2 … / 表1 …).
_CAPTION_LINE = re.compile(r"^[图表]\s*\d{1,2}(?:[-－—]\d{1,2})?(?![\d.．%])(?!\s*[，。；、])")
# 第十二条 followed by the article's text (not 第一章 总则, which is a heading).
_ARTICLE_RUN_IN = re.compile(r"^第[〇零一二三四五六七八九十百千两\d]+条\s*\S")
# A county, city or district named alone (登封市, 管城回族区, 郑州航空港经济综合实验区).
_JURISDICTION_LINE = re.compile(r"^[\u4e00-\u9fff]{1,12}(?:县|市|区)$")
# 组 长：程志明 / 秘书长：杨爱玲（兼）: roster entries stand alone.
_ROSTER_ENTRY = re.compile(rf"^[{_CJK}]{{1,6}}[：:][^，。；]*$")


def display_width(text: str) -> int:
    """Width in half-width cells: Chinese characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def normalize_line(raw: str) -> str:
    """Repair one source line (no joining). Tab-separated cells are repaired one by one.

    >>> normalize_line("郑政 〔2018〕 35 号　 　 2018 年 8 月 1 日")
    '郑政〔2018〕35号 2018年8月1日'
    >>> normalize_line("## **第一条** 为了规范 (市、 区) 管理, 占 58. 52%")
    '第一条 为了规范（市、区）管理，占58.52%'
    """
    text = _MD_HEADING.sub("", raw)
    text = _MD_BOLD.sub("", text)
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        cells = [c for c in stripped.strip("|").split("|")]
        return "\t".join(_normalize_cell(c) for c in cells)
    if "\t" in text.strip():
        return "\t".join(_normalize_cell(c) for c in text.strip().split("\t"))
    return _normalize_cell(text)


# Small-form brackets (﹝2017﹞, from some PDF fonts) are the 六角括号 of a document number.
_SMALL_FORMS = str.maketrans({"﹝": "〔", "﹞": "〕", "﹙": "（", "﹚": "）"})


def _normalize_cell(text: str) -> str:
    text = _MD_BULLET.sub("", text.strip().replace("\u3000", " ").translate(_SMALL_FORMS))
    # A list number at the start of a line (1. 2017年…) is not a decimal point to repair.
    list_number = re.match(r"^(\d{1,2})\s*[.．]\s*(?=[^\d\s]|\d{4}年)", text)
    # A heading printed with a space after its number (第一条 为了…, 第一章 总 则) keeps one
    # space after the number so that the number stays readable.
    head = re.match(r"^(第\s*[〇零一二三四五六七八九十百千两\d]+\s*[编章节条])\s+(?=\S)", text)
    prefix = ""
    if head:
        prefix = re.sub(r"\s+", "", head.group(1)) + " "
        text = text[head.end() :]
    elif list_number:
        rest = text[list_number.end() :]
        prefix = list_number.group(1) + (". " if rest[:1].isdigit() else ".")
        text = rest
    text = _SPLIT_DECIMAL.sub(lambda m: m.group(1) or m.group(2), text)
    text = _SPACE_BEFORE_PERCENT.sub("", text)
    text = _SPACE_NEXT_TO_WIDE.sub("", text)
    text = _PAREN_NUMBER.sub(r"（\1）", text)
    text = _HALF_NEXT_TO_CJK.sub(lambda m: _TO_FULL[m.group(0)], text)
    text = prefix + _balance_brackets(text)
    # Between a document number and its date one space remains, as printed.
    text = re.sub(r"(号)(?=(?:19|20)\d{2}年)", r"\1 ", text)
    text = _undo_latex(text)
    return re.sub(r"[ \u00a0]{2,}", " ", text).strip()


_LATEX = {r"\leq": "≤", r"\geq": "≥", r"\le": "≤", r"\ge": "≥", r"\%": "%", r"\times": "×", r"\sim": "～"}


def _undo_latex(text: str) -> str:
    """Conversion tools sometimes render inequalities as inline TeX: $\\leq 0.5\\%$ → ≤0.5%."""
    if "\\" in text:
        for tex, char in _LATEX.items():
            text = re.sub(re.escape(tex) + r"(?![a-z])\s*", char, text)
    if "$" not in text:
        return text

    def plain(m: re.Match[str]) -> str:
        inner = m.group(1)
        for tex, char in _LATEX.items():
            inner = inner.replace(tex, char)
        return re.sub(r"\s+", "", inner)

    return re.sub(r"\$([^$]{1,40})\$", plain, text)


def _balance_brackets(text: str) -> str:
    """Make a bracket pair one width: (2018—2020年） → （2018—2020年）."""
    if "(" not in text and ")" not in text:
        return text
    chars = list(text)
    stack: list[int] = []
    for i, char in enumerate(chars):
        if char in "(（":
            stack.append(i)
        elif char in ")）" and stack:
            j = stack.pop()
            if chars[j] != {"）": "（", ")": "("}[char]:
                chars[j], chars[i] = "（", "）"
    return "".join(chars)


def is_page_furniture(raw: str) -> bool:
    """Page numbers and running headers that the PDF extraction left in the text."""
    return bool(PAGE_NUMBER_RAW_REGEX.match(raw) or RUNNING_HEADER_RAW_REGEX.match(raw))


def starts_block(text: str) -> bool:
    """True when `text` must begin a logical line of its own."""
    return bool(
        "\t" in text
        or STRUCTURE_MARKER_REGEX.match(text)
        or is_number_line(text)
        or is_date_line(text)
        or is_caption_line(text)
    )


def is_caption_line(text: str) -> bool:
    """The caption of a table or figure: 表1 郑州市…预测 / 图2 … / 表2-1 … (not 表1所列…，).

    >>> is_caption_line("表1郑州市2016—2050年常住人口年龄结构变动及社会抚养比趋势预测"), is_caption_line("表明，")
    (True, False)
    """
    return bool(_CAPTION_LINE.match(text)) and not re.search(r"[，。；]", text)


def is_number_line(text: str) -> bool:
    """A document-number line of a header: 郑政〔2018〕43号 2018年9月25日, or 第245号."""
    m = DOC_NO_REGEX.match(text)
    if m:
        rest = text[m.end() :].strip()
        return not rest or bool(DATE_REGEX.fullmatch(rest))
    return bool(re.fullmatch(r"第\d{1,5}号", text))


def is_date_line(text: str) -> bool:
    """A date standing alone, as under a signature: 2017年10月16日 (also （2017年…）)."""
    return bool(DATE_REGEX.fullmatch(text.strip("（）() ")))


def _is_heading(text: str) -> bool:
    m = STRUCTURE_MARKER_REGEX.match(text)
    if not m:
        return False
    rest = text[m.end() :]
    return len(rest) <= 40 and not _CLAUSE_PUNCT.search(rest)


def _ends_complete(text: str) -> bool:
    if not text:
        return True
    if text[-1] in _TERMINAL:
        return True
    # Closing quotes and brackets after a full stop: …。”  …。（责任单位：市财政局）
    stripped = text.rstrip("”’」』》）)")
    if stripped != text and stripped and stripped[-1] in _TERMINAL:
        return True
    if text[-1] in "）)":
        opening = max(text.rfind("（"), text.rfind("("))
        if opening > 0 and text[opening - 1] in _TERMINAL:
            return True
        if opening == 0:
            return True
    return False


def _continues(prev: str, prev_last_width: int, nxt: str, column_width: int | None) -> bool:
    """Does the physical line `nxt` continue the logical line `prev`?"""
    if starts_block(nxt) or "\t" in prev or is_number_line(prev) or is_date_line(prev):
        return False
    # A line cannot begin with closing punctuation (GB/T 15834 line-breaking rules), so such
    # a line is the tail of the previous one: the lone "。" after a page break.
    if nxt[0] in _CLOSING_START:
        return True
    if _QUALIFIER_START.match(nxt) and not _ends_complete(prev):
        return True
    # A caption is whole on its line; only an open bracket carries it over.
    if is_caption_line(prev) and prev.count("（") <= prev.count("）"):
        return False
    # An open 《 or （ means the sentence is not over, whatever the line width — even when
    # the line happens to end like a title: 《…一口受理工作规则 / （试行）》已经…
    if prev.count("《") > prev.count("》") or prev.count("（") > prev.count("）"):
        return not _is_heading(prev)
    if _TITLE_LINE.search(prev) and not _CLAUSE_PUNCT.search(prev):
        return False
    if _ends_complete(prev):
        return False
    # 第十二条 在设置有公交专用车道的道路 / 上，公交车辆应…: an article runs in — its text is a
    # sentence, not a heading — so an article line that stops short of its full stop goes on.
    if _ARTICLE_RUN_IN.match(prev):
        return True
    full_line = column_width is not None and prev_last_width >= 0.8 * column_width
    if _is_heading(prev) or _ROSTER_ENTRY.match(prev):
        return full_line and column_width is not None and prev_last_width >= 0.9 * column_width
    if prev.endswith(_CONTINUATION_END):
        return True
    if column_width is not None:
        return full_line
    return bool(_CLAUSE_PUNCT.search(prev))


def _heads_outline(text: str, after: str) -> bool:
    """登封市 followed by 一、…: a county or district heading the outline printed for it.

    Attachments listing targets per county print the 一、二、… outline again under each name;
    the name is a heading, never the tail of the line before it.
    """
    return bool(_JURISDICTION_LINE.match(text)) and after.startswith("一、")


def _join(prev: str, nxt: str) -> str:
    if prev and nxt and prev[-1].isascii() and prev[-1].isalpha() and nxt[0].isascii() and nxt[0].isalpha():
        return prev + " " + nxt
    return prev + nxt


def _column_width(widths: list[int]) -> int | None:
    """The printed column width when the text comes from a narrow PDF column, else None.

    In the PDF-column layout nearly every line is a full printed line of at most ~25
    Chinese characters; in the paragraph-per-line layouts lines are whole paragraphs.
    """
    if len(widths) < 20:
        return None
    p90 = sorted(widths)[int(0.9 * (len(widths) - 1))]
    median = statistics.median(widths)
    if p90 <= 70 and median >= 0.5 * p90:
        return p90
    return None


def clean(text: str, file: str, issue: str) -> list[Line]:
    """Turn the text of one gazette issue into logical lines with provenance.

    Args:
        text: the decoded text of the file (see `read.decode_gazette`).
        file: the file name recorded in each line's span.
        issue: the issue name (e.g. ``2018-08``) recorded in each line's span.

    Returns:
        The logical lines, in order; blank lines and page furniture are gone.

    >>> [l.text for l in clean("各县 (市、 区) 人民政府, 市人民政府有关\\n\\n部门:\\n", "f", "i")]
    ['各县（市、区）人民政府，市人民政府有关部门：']
    """
    physical: list[tuple[int, str, str]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip() or is_page_furniture(raw) or _MD_TABLE_RULE.match(raw):
            continue
        repaired = normalize_line(raw)
        if repaired:
            physical.append((number, raw, repaired))

    column_width = _column_width([display_width(p[2]) for p in physical if "\t" not in p[2]])
    lines: list[Line] = []
    current: list[tuple[int, str, str]] = []

    def flush() -> None:
        if current:
            joined = current[0][2]
            for _, _, part in current[1:]:
                joined = _join(joined, part)
            lines.append(
                Line(
                    text=joined,
                    span=SourceSpan(file, issue, current[0][0], current[-1][0]),
                    raw="\n".join(p[1] for p in current),
                    raw_lines=tuple(p[0] for p in current),
                )
            )
            current.clear()

    logical = ""
    for k, item in enumerate(physical):
        after = physical[k + 1][2] if k + 1 < len(physical) else ""
        if _heads_outline(item[2], after):
            flush()
            current.append(item)
            logical = item[2]
            continue
        if current and _continues(logical, display_width(current[-1][2]), item[2], column_width):
            current.append(item)
            logical = _join(logical, item[2])
            continue
        flush()
        current.append(item)
        logical = item[2]
    flush()
    return lines
