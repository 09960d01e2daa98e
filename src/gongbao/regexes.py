"""Named patterns shared by the stages, each with the reason it looks the way it does.

Patterns match *cleaned* text (stray spaces removed, brackets normalised by `clean`),
except where a name says RAW.
"""

from __future__ import annotations

import re

CN_DIGITS = "〇零一二三四五六七八九十百千两"

# 文号: 发文机关代字 + 〔年份〕 + 序号 + 号 (GB/T 9704-2012 §7.2.4). Gazette text prints the
# year brackets as 〔〕, [], 【】, （）or ()—all accepted. e.g. 郑政〔2018〕43号, 国办发[2016]34号.
DOC_NO_REGEX = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,12}?)"
    r"\s*[〔\[【（(［]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]】）)］]\s*"
    r"第?\s*(?P<serial>\d{1,5})\s*号"
)

# 〔2016〕郑政文21号: the year printed before the prefix, a known misprint.
DOC_NO_YEAR_FIRST_REGEX = re.compile(
    r"[〔\[【（(]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]】）)]\s*(?P<prefix>[\u4e00-\u9fff]{1,8}?)\s*(?P<serial>\d{1,5})\s*号"
)

# Decrees: 郑州市人民政府令第245号, 市政府令第213号, 国务院令第427号.
DECREE_NO_REGEX = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{0,12}?(?:政府|国务院|部)令)\s*(?:（?第\s*)?(?P<serial>\d{1,5})\s*号"
)

# A date as printed in Chinese documents: 2018年9月25日 (spaces already removed).
DATE_REGEX = re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")

# The issuing bodies of the bundled gazette and of any 市 gazette in the genre: a people's
# government (人民政府) or its general office (办公厅), optionally preceded by the place name.
ISSUER_REGEX = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{2,12}?人民政府(?:办公厅)?)")

# Structural markers that always begin a new logical line (never glued to the previous one):
# 第X编/章/节/条, 一、, （一）, 1. / 1、, （1）, ①, 附件, 专栏.
NUM = rf"[{CN_DIGITS}\d]+"
STRUCTURE_MARKER_REGEX = re.compile(
    rf"^(?:第{NUM}[编章节条]"
    rf"|[{CN_DIGITS}]+、"
    rf"|[（(]{NUM}[）)]"
    rf"|\d{{1,2}}[.．、](?!\d)"
    r"|[①-⑳]"
    r"|附\s*件\s*\d*\s*[:：]?"
    r"|专栏\s*[\d一二三四五六七八九十]*"
    r"|[一二三四五六七八九十]是"
    r")"
)

# Page furniture of the PDF-column layout: —12—, - 12 -, and the running header
# 郑州市人民政府公报(2018. 8) … 文件汇编. Matched on RAW lines (before space removal).
PAGE_NUMBER_RAW_REGEX = re.compile(r"^\s*[—\-－–]{1,2}\s*\d{1,4}\s*[—\-－–]{1,2}\s*$")
RUNNING_HEADER_RAW_REGEX = re.compile(
    r"^\s*[\u4e00-\u9fff]{2,12}公报\s*[(（]\s*\d{4}\s*[.．]\s*\d{1,2}\s*[)）].*$"
    r"|^\s*[\u4e00-\u9fff]{2,12}公报\s*$"
)
