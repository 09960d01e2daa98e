"""Stage 3, *segment*: cleaned lines of one issue → its documents.

A gazette issue prints its documents one after another, each with the header that
GB/T 9704 prescribes: the issuing body (发文机关), the title (标题: 发文机关 + 关于… + 文种),
the document number (发文字号) — in the gazette usually on one line with the date — and the
addressees (主送机关). Decrees (政府令) print their title, the 令 line and 第N号 instead.

Segmentation anchors on those number lines, walks back over the title lines to the issuer,
and ends each document where the next header begins. Personnel notices (任免人员) carry no
number and are found by their title. A forwarded text (转发) printed inside its host is
returned as a document of its own with `attachment_of` set to the host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gongbao.clean import is_date_line, is_number_line
from gongbao.docnumber import parse_document_number
from gongbao.models import Document, DocumentNumber, Line, SourceSpan
from gongbao.regexes import DATE_REGEX, DOC_NO_REGEX, ISSUER_REGEX

# 文种: the genre word a title ends with, longest first (实施意见 before 意见).
GENRES = (
    "决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示",
    "批复", "议案", "函", "纪要", "办法", "规定", "细则", "规则", "方案", "规划", "计划", "令",
)
_DECREE_LINE = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{2,16}?)令$")
_DECREE_SERIAL = re.compile(r"^第(?P<serial>\d{1,5})号$")
# 郑州市人民政府任免人员: personnel decisions are printed without a number.
_PERSONNEL_TITLE = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{2,12}?人民政府(?:办公厅)?)\s*(?P<rest>任免(?:人员|名单|事项))$")
_ADDRESSEE_HINT = re.compile(r"(人民政府|部门|单位|管委会|委员会|各|局|厅)")
# The notice sentence of a 印发/转发 notice names the instruments it issues, in 《》:
# 现将《A》《B》印发给你们 / 《A》和《B》已经市政府同意，现印发给你们 / …制定的《A》…现转发给你们.
_BOOK_TITLES = r"《[^《》]{2,120}》(?:\s*[、和及与，,]?\s*《[^《》]{2,120}》)*"
_CITED_NUMBER = r"(?:\s*[（(][^（）()]{2,30}[）)])?"
_ENCLOSED_IN_BODY = re.compile(
    rf"现将(?P<group>{_BOOK_TITLES}){_CITED_NUMBER}(?:等[^，。]{{0,12}})?(?:印发|转发|下发|发)给?你们"
    rf"|(?P<group2>{_BOOK_TITLES}){_CITED_NUMBER}已(?:经)?[^。《》]{{0,20}}?(?:同意|批准)[，,]?\s*"
    r"现(?:予以|予)?(?:印发|转发|下发|发)"
)
_ENCLOSED_IN_TITLE = re.compile(r"关于(?:印发|转发|下发|颁布)《?(?P<title>.+?)》?的(?:通知|决定)$")
# A line placed like a 文号 (a 机关代字, bracketed year, 号) that does not parse: the
# document is still a document, recorded without a number and flagged.
_MALFORMED_NUMBER_LINE = re.compile(
    r"^[\u4e00-\u9fff]{1,10}\s*[〔\[【（(［][^〕\]】）)］]{0,10}[〕\]】）)］]\s*[^\s，。]{0,8}号"
    r"(?:\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)?$"
)
# Flags that describe a document without signalling a defect of the file.
FLAG_FORWARDED_NUMBER_NOT_PRINTED = "number of the forwarded text not printed"
INFORMATIONAL_FLAGS = frozenset({FLAG_FORWARDED_NUMBER_NOT_PRINTED})
_HEADER_WINDOW = 5
_UNIT = r"[\u4e00-\u9fff]{2,16}(?:局|委|办|厅|委员会|公司|中心|院)"


@dataclass
class _Header:
    """Where a document's header sits among the cleaned lines."""

    start: int  # first header line (issuer or title)
    number_at: int | None  # the line holding 文号 (or 第N号 of a decree)
    doc_no: DocumentNumber | None
    issuer: str | None
    title: str
    genre_hint: str | None = None
    malformed_number: str | None = None  # the number line as printed, when it does not parse


def _issuer_prefix(text: str) -> str | None:
    m = ISSUER_REGEX.match(text)
    if not m:
        return None
    rest = text[m.end() :].lstrip()
    # Exactly the issuer, or the issuer followed by the rest of the title (…关于…).
    if not rest or rest.startswith("关于"):
        return m["issuer"]
    return None


def _title_like(text: str) -> bool:
    return (
        len(text) <= 80
        and "\t" not in text
        and not text.endswith(("。", "；", "：", ":", "，"))
        and not is_date_line(text)
        and not is_number_line(text)
    )


def _find_headers(lines: list[Line]) -> list[_Header]:
    headers: list[_Header] = []
    floor = 0  # a header never reaches back into the previous document's header
    for i, line in enumerate(lines):
        text = line.text
        header: _Header | None = None
        if is_number_line(text) and DOC_NO_REGEX.match(text):
            header = _header_before_number(lines, i, floor)
        elif _MALFORMED_NUMBER_LINE.match(text) and not DOC_NO_REGEX.search(text):
            header = _header_before_number(lines, i, floor)
            if header is not None:
                header.malformed_number = text
        elif _DECREE_LINE.match(text) and i + 1 < len(lines) and _DECREE_SERIAL.match(lines[i + 1].text):
            header = _decree_header(lines, i, floor)
        elif _PERSONNEL_TITLE.match(text):
            m = _PERSONNEL_TITLE.match(text)
            assert m is not None
            header = _Header(i, None, None, m["issuer"], m["issuer"] + m["rest"], "任免")
        if header is not None:
            headers.append(header)
            floor = (header.number_at if header.number_at is not None else header.start) + 1
    return headers


def _header_before_number(lines: list[Line], at: int, floor: int) -> _Header | None:
    m = DOC_NO_REGEX.match(lines[at].text)
    number = parse_document_number(m.group(0)) if m else None
    start = at
    issuer: str | None = None
    k = at - 1
    while k >= max(floor, at - _HEADER_WINDOW) and _title_like(lines[k].text):
        start = k
        issuer = _issuer_prefix(lines[k].text)
        if issuer:
            break
        k -= 1
    if start == at:
        return None  # a number line with no title above it is not a header
    if issuer is None:
        # Without an issuer line the title begins at its 关于 (GB/T 9704 §7.3.1).
        for j in range(start, at):
            if lines[j].text.startswith("关于"):
                start = j
                break
        else:
            start = at - 1
    title_parts = [lines[j].text for j in range(start, at)]
    title = "".join(title_parts)
    if issuer and not title.startswith(issuer):
        title = issuer + title
    return _Header(start, at, number, issuer, _squeeze_title(title))


def _squeeze_title(title: str) -> str:
    """Remove the spaces line wrapping left in a title, keeping those between Latin words."""
    return re.sub(r"\s+", "", title) if not re.search(r"[A-Za-z]\s[A-Za-z0-9]", title) else title


def _decree_header(lines: list[Line], at: int, floor: int) -> _Header:
    m = _DECREE_LINE.match(lines[at].text)
    assert m is not None
    serial = int(_DECREE_SERIAL.match(lines[at + 1].text)["serial"])  # type: ignore[index]
    start = at
    k = at - 1
    while k >= max(floor, at - 3) and _title_like(lines[k].text) and not _issuer_prefix(lines[k].text):
        start = k
        k -= 1
    title = "".join(lines[j].text for j in range(start, at)) or lines[at].text
    return _Header(start, at + 1, DocumentNumber(lines[at].text, None, serial), m["issuer"], title, "令")


def _parse_date(text: str) -> date | None:
    m = DATE_REGEX.search(text)
    if not m:
        return None
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def genre_of(title: str) -> str | None:
    """文种 of a title: the genre word it ends with (实施意见 → 意见, 暂行办法 → 办法)."""
    core = re.sub(r"[（(][^）)]*[）)]$", "", title)
    for genre in sorted(GENRES, key=len, reverse=True):
        if core.endswith(genre):
            return genre
    if "任免" in title:
        return "任免"
    return None


def _addressees(text: str) -> list[str]:
    body = text.rstrip("：:")
    parts, depth, current = [], 0, ""
    for char in body:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth -= 1
        if char in "，,；;" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def _enclosed_titles(title: str, body: list[Line]) -> list[str]:
    """The instruments a 印发/转发 notice issues, as printed, in order.

    The notice sentence lists every instrument in 《》; the header title names a single one
    most reliably (关于印发X的通知), so it wins unless the sentence lists several.

    >>> _enclosed_titles("关于印发A等两个方案的通知", [])
    ['A等两个方案']
    """
    listed: list[str] = []
    for line in body[:6]:
        m = _ENCLOSED_IN_BODY.search(line.text)
        if m:
            group = m["group"] or m["group2"]
            listed = [_squeeze_title(t) for t in re.findall(r"《([^《》]+)》", group)]
            break
    if len(listed) >= 2:
        return listed
    m = _ENCLOSED_IN_TITLE.search(title)
    if m and ("印发" in title or "转发" in title or "下发" in title):
        return [m["title"].strip("《》")]
    return listed


def _make_id(doc_no: DocumentNumber | None, issue: str, unnumbered: int) -> str:
    if doc_no is None:
        return f"{issue}-n{unnumbered}"
    if doc_no.year is None:
        return f"{doc_no.prefix}-{doc_no.serial}"
    return f"{doc_no.prefix}-{doc_no.year}-{doc_no.serial}"


def segment(lines: list[Line], issue: str) -> list[Document]:
    """Split the cleaned lines of one issue into its documents, in printed order.

    Args:
        lines: the output of `clean.clean` for one issue.
        issue: the issue name, used for ids of documents printed without a number.

    Returns:
        The documents; forwarded texts follow their host with `attachment_of` set.
    """
    headers = _find_headers(lines)
    documents: list[Document] = []
    used_ids: set[str] = set()
    unnumbered = 0
    for n, header in enumerate(headers):
        end = headers[n + 1].start if n + 1 < len(headers) else len(lines)
        doc_lines = lines[header.start : end]
        after = (header.number_at if header.number_at is not None else header.start) + 1
        body = lines[after:end]
        flags: list[str] = []
        issued = None
        if header.number_at is not None:
            issued = _parse_date(lines[header.number_at].text)
        if issued is None:
            for line in body[:3]:
                if is_date_line(line.text):
                    issued = _parse_date(line.text)
                    break
        if issued is None:
            # The signature date (成文日期) under the body, or the date of a decision.
            dated = [ln for ln in body if is_date_line(ln.text)] or [
                ln for ln in body[:2] if DATE_REGEX.match(ln.text)
            ]
            issued = _parse_date(dated[-1 if is_date_line(dated[-1].text) else 0].text) if dated else None
        if issued is None:
            flags.append("date not found")
        addressees: list[str] = []
        for line in body[:4]:
            if line.text.endswith(("：", ":")) and _ADDRESSEE_HINT.search(line.text) and len(line.text) < 120:
                addressees = _addressees(line.text)
                break
        if header.malformed_number is not None:
            flags.append(f"document number malformed: {header.malformed_number}")
        if header.doc_no is None:
            unnumbered += 1
        doc_id = _make_id(header.doc_no, issue, unnumbered)
        if doc_id in used_ids:
            # The same number printed twice (a misprint): keep both, distinctly.
            doc_id = f"{doc_id}~{sum(1 for u in used_ids if u.split('~')[0] == doc_id) + 1}"
            flags.append("document number printed twice in this issue")
        used_ids.add(doc_id)
        first, last = doc_lines[0].span, doc_lines[-1].span
        enclosed = _enclosed_titles(header.title, body)
        document = Document(
            id=doc_id,
            doc_no=header.doc_no,
            date=issued,
            issuer=header.issuer or _signature_issuer(body),
            genre=header.genre_hint if header.genre_hint == "令" else genre_of(header.title),
            title=header.title,
            enclosed_title=enclosed[0] if enclosed else None,
            addressees=addressees,
            attachment_of=None,
            source=SourceSpan(first.file, first.issue, first.line_start, last.line_end),
            lines=doc_lines,
            flags=flags,
            enclosed_titles=enclosed,
        )
        if header.genre_hint == "令":
            # A decree (政府令) promulgates the regulation printed above its 令 line.
            document.enclosed_title = header.title
            document.enclosed_titles = [header.title]
        documents.append(document)
        forwarded = _forwarded_texts(document)
        if forwarded:
            document.forwarded_at = len(document.lines) - len(forwarded[0].lines)
        documents.extend(forwarded)
    return documents


def _signature_issuer(body: list[Line]) -> str | None:
    for line in reversed(body):
        m = ISSUER_REGEX.fullmatch(line.text)
        if m:
            return m["issuer"]
    return None


def _forwarded_texts(host: Document) -> list[Document]:
    """The text a 转发 notice forwards, printed inside it, as a document of its own."""
    if "转发" not in host.title:
        return []
    m = re.search(r"转发《?(?P<title>.+?)》?的通知$", host.title)
    if not m:
        return []
    wanted = re.sub(r"\s+", "", m["title"])
    for k, line in enumerate(host.lines[2:], start=2):
        text = re.sub(r"\s+", "", line.text)
        if not _title_like(line.text) or len(text) < 8:
            continue
        issuer_match = ISSUER_REGEX.match(text)
        bare = text[issuer_match.end() :] if issuer_match and text[issuer_match.end() :].startswith("关于") else text
        if text == wanted or bare == wanted or (issuer_match and wanted.endswith(bare) and len(bare) > 10):
            forwarded_lines = host.lines[k:]
            cited = re.search(re.escape(wanted[-20:]) + r"》?[（(](?P<no>[^）)]{4,20})[）)]", host.text)
            doc_no = parse_document_number(cited["no"]) if cited else None
            issuer = issuer_match["issuer"] if issuer_match and bare != text else None
            if issuer is None:
                # Joint drafters printed under the title, separated by spaces, on as many
                # lines as they need: 市发展改革委 市财政局 市城建局 …
                units: list[str] = []
                for following in host.lines[k + 1 : k + 4]:
                    names = following.raw.split()
                    if not names or not all(re.fullmatch(_UNIT, u) for u in names):
                        break
                    units.extend(names)
                issuer = "、".join(units) or None
            first, last = forwarded_lines[0].span, forwarded_lines[-1].span
            return [
                Document(
                    id=f"{host.id}-a1",
                    doc_no=doc_no,
                    date=None,
                    issuer=issuer,
                    genre=genre_of(wanted),
                    title=wanted if issuer is None or wanted.startswith(issuer) else wanted,
                    enclosed_title=None,
                    addressees=[],
                    attachment_of=host.id,
                    source=SourceSpan(first.file, first.issue, first.line_start, last.line_end),
                    lines=forwarded_lines,
                    flags=[] if doc_no else [FLAG_FORWARDED_NUMBER_NOT_PRINTED],
                )
            ]
    return []
