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

# ---- Citations (stage *links*) — these match a number *inside running text*, so the
# prefix is found by the caller (it trims words such as 按照/根据 that a leftmost match
# sweeps in: 按照国办发〔2016〕39号 → 国办发). ----

# Any opening/closing bracket a year is printed in, including the SMALL tortoise shells
# ﹝﹞ (U+FE5D/E) of 国办发﹝ 2017﹞ 19号 (2018-08).
_YEAR_OPEN = r"[〔\[【（(［﹝]"
_YEAR_CLOSE = r"[〕\]】）)］﹞]"

# A cited 文号. Besides the printed form it accepts the two slips seen in gazettes: a stray
# bracket before 号 (郑政〔2016〕29）号) and a missing 号 before the closing parenthesis
# (商服贸函〔2016〕208）) — `end` tells which, so the citation can be flagged.
CITATION_NO_REGEX = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,12}?)\s*" + _YEAR_OPEN + r"\s*(?P<year>(?:19|20)\d{2})\s*" + _YEAR_CLOSE
    + r"\s*第?\s*(?P<serial>\d{1,5})\s*(?P<end>号|[）)]\s*号|(?=[）)]))"
)

# 〔2016〕郑政文21号 (2017-08): the year printed before the prefix. Only the brackets a 文号
# uses (not parentheses, which print periods such as （2016—2025）).
CITATION_YEAR_FIRST_REGEX = re.compile(
    r"[〔\[【［﹝]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]】］﹞]\s*(?P<prefix>[\u4e00-\u9fff]{1,8}?)\s*(?P<serial>\d{1,5})\s*号"
)

# Decrees cited in running text: 国务院令第427号, 国务院令492号, 国家发展改革委令第44号,
# 市政府令第213号 — any issuer ending in 令, with or without 第.
CITATION_DECREE_REGEX = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,12}?令)\s*第?\s*(?P<serial>\d{1,5})\s*号(?!令)"
)

# The ordinal before the kind: （第31号令） after a list of ministries, 省第3号总河长令.
CITATION_DECREE_ORDINAL_FIRST_REGEX = re.compile(
    r"(?P<issuer>[\u4e00-\u9fff]{0,8}?)第\s*(?P<serial>\d{1,5})\s*号\s*(?P<kind>[\u4e00-\u9fff]{0,4}令)"
)

# Numbered announcements: 国家工信部、住建部公告2016年第71号.
CITATION_ANNOUNCEMENT_REGEX = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff、]{1,20}?公告)\s*(?P<year>(?:19|20)\d{2})\s*年\s*第\s*(?P<serial>\d{1,5})\s*号"
)

# A title in book-title marks: 《郑州市人民政府关于印发…的通知》. Nested titles use 〈〉, so
# a 《…》 never contains another 《.
TITLE_QUOTE_REGEX = re.compile(r"《(?P<title>[^《》\n]{1,300})》")
