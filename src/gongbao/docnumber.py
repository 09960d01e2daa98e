"""Parse 文号 (document numbers) in the spellings people and gazettes use.

`parse_document_number` is used by segmentation (numbers in headers), by citation finding
and by every place that accepts a number typed by a person (`gongbao show 郑政2018 43`).
"""

from __future__ import annotations

import re
import unicodedata

from gongbao.models import DocumentNumber
from gongbao.regexes import DECREE_NO_REGEX, DOC_NO_REGEX, DOC_NO_YEAR_FIRST_REGEX

# People type numbers loosely: 郑政2017-34, 郑政 2018 43, 郑政2018年43号.
_LOOSE_REGEX = re.compile(
    r"^(?P<prefix>[\u4e00-\u9fff]{1,12}?)\s*[〔\[【（(［]?\s*(?P<year>(?:19|20)\d{2})\s*[〕\]】）)］]?"
    r"\s*[年\-—_/,，.\s]*\s*第?\s*(?P<serial>\d{1,5})\s*号?$"
)
_LOOSE_DECREE_REGEX = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]{0,12}?令)\s*第?\s*(?P<serial>\d{1,5})\s*号?$")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("［", "[")


def parse_document_number(text: str) -> DocumentNumber | None:
    """Parse one document number, or return None when `text` is not one.

    Accepts the printed form and the loose forms people type.

    >>> str(parse_document_number("郑政 〔2018〕 35 号"))
    '郑政〔2018〕35号'
    >>> str(parse_document_number("郑政2017-34"))
    '郑政〔2017〕34号'
    >>> str(parse_document_number("郑州市人民政府令 第 245 号"))
    '郑州市人民政府令第245号'
    """
    s = text.strip()
    if not s:
        return None
    squeezed = _squeeze(s)
    for regex in (DOC_NO_REGEX, DOC_NO_YEAR_FIRST_REGEX):
        m = regex.fullmatch(squeezed)
        if m:
            return DocumentNumber(m["prefix"], int(m["year"]), int(m["serial"]))
    m = DECREE_NO_REGEX.fullmatch(squeezed)
    if m:
        return DocumentNumber(m["prefix"], None, int(m["serial"]))
    m = _LOOSE_DECREE_REGEX.fullmatch(squeezed)
    if m:
        return DocumentNumber(m["prefix"], None, int(m["serial"]))
    m = _LOOSE_REGEX.fullmatch(re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)))
    if m:
        return DocumentNumber(m["prefix"], int(m["year"]), int(m["serial"]))
    return None
