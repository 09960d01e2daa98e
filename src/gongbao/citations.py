"""Stage *links*, part 1: find the citations in a document.

Two kinds of reference are found in every logical line of a document:

* **citations by number** — `find_citations`: 《题名》（文号）, a bare 文号, lists of numbers
  (郑政〔2017〕48号、郑政办〔2018〕34号), decrees (国务院令第427号, 市政府令第213号, 第31号令),
  numbered announcements (公告2016年第71号), numbers printed in a wrong order
  (〔2016〕郑政文21号) or with a stray or missing bracket. Each number is normalised with
  `docnumber.parse_document_number` and what had to be repaired is flagged;
* **law references** — `find_law_references`: laws, regulations and rules cited by title
  alone (《中华人民共和国预算法》), recorded separately because they have no number to
  resolve by.

Numbers broken across printed lines or page footers are whole again after `clean` joins the
lines; `line` estimates the printed line where the number starts (see `physical_line`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from itertools import accumulate
from typing import Any

from gongbao.docnumber import parse_document_number
from gongbao.models import Document, DocumentNumber, Line, SourceSpan  # noqa: F401 (doctest)
from gongbao.models.links import Citation, LawReference
from gongbao.regexes import (
    CITATION_ANNOUNCEMENT_REGEX,
    CITATION_DECREE_ORDINAL_FIRST_REGEX,
    CITATION_DECREE_REGEX,
    CITATION_NO_REGEX,
    CITATION_YEAR_FIRST_REGEX,
    TITLE_QUOTE_REGEX,
)

# Words a leftmost match sweeps into a prefix from the running text before a bare number
# (按照国办发〔2016〕39号文件要求, 结合郑政〔2017〕48号). No 发文机关代字 contains them.
_LEAD_WORDS = (
    "按照", "根据", "依据", "依照", "参照", "遵照", "结合", "落实", "贯彻", "执行", "对照", "按",
    "据", "及", "和", "与", "或", "等", "的", "原", "见", "即", "为", "是", "在", "由", "将", "对",
    "以", "并", "后", "前", "于", "了", "同时", "文件", "要求", "精神", "印发", "转发",
)
# "市政府令" in a city gazette means the city's own decrees: 市政府令第213号 → 郑州市人民政府令.
_CITY_DECREE = re.compile(r"^(?:市政府|市人民政府)令$")
_CITY = re.compile(r"^(?P<city>[\u4e00-\u9fff]{1,6}?市)")
# Titles of laws, regulations and rules (法律、法规、规章): what may be cited by title alone.
_LAW_TITLE = re.compile(
    r"(?:法|条例|规定|办法|细则|规则|决定|准则)(?:[（(](?:试行|暂行|修订|修正|\d{4}[^）)]{0,8})[）)])?$"
)
# 制定/出台《…办法》: a text still to be written, not one in force.
_FORWARD = re.compile(r"(?:制定|制订|出台|起草|研究制定|研究制订|编制|另行制定)[^，。；]{0,6}$")
_BRACKETS = str.maketrans("〔［【﹝[（", "((((((", ) | str.maketrans("〕］】﹞]）", "))))))")


def find_citations(document: Document, provisions: Iterable[Mapping[str, Any]] | None = None) -> list[Citation]:
    """Every citation of a document by number, in printed order.

    Args:
        document: a segmented document.
        provisions: the document's provisions (records with `eid` and a line span,
            possibly nested in `children`), to set each citation's `eid`.

    Returns:
        The citations; the document's own number is never a citation of itself.

    A line "根据《国务院关于…的意见》（国发〔2016〕34号）" gives one citation with key
    '国发〔2016〕34号' and title '国务院关于…的意见'.
    """
    spans = flatten_provisions(provisions)
    city = _city_of(document)
    found: list[Citation] = []
    previous = ""
    for line in document.lines:
        for start, end, number, flags in _numbers_in(line.text, city):
            if document.doc_no is not None and number == document.doc_no:
                continue
            physical = physical_line(line, start)
            found.append(
                Citation(
                    number=number,
                    printed=line.text[start:end],
                    title=_title_before(line.text, start, previous) or _title_after(line.text, end),
                    citing_id=document.id,
                    eid=provision_eid(physical, spans),
                    line=physical,
                    span=line.span,
                    flags=tuple(flags),
                )
            )
        previous = line.text
    return found


def find_law_references(
    document: Document, provisions: Iterable[Mapping[str, Any]] | None = None
) -> list[LawReference]:
    """Laws, regulations and rules cited by title alone, in printed order.

    A 《title》 followed by a number is a citation, not a law reference; the document's own
    title and the instrument it issues (its self-reference) are neither.

    A line "依据《中华人民共和国预算法》等规定" gives the reference '中华人民共和国预算法'.
    """
    spans = flatten_provisions(provisions)
    own = [_canon_title(t) for t in (document.title, document.enclosed_title) if t]
    city = _city_of(document)
    found: list[LawReference] = []
    for line in document.lines:
        numbered = set()
        for start, end, *_ in _numbers_in(line.text, city):
            numbered |= {_title_before(line.text, start), _title_after(line.text, end)}
        for m in TITLE_QUOTE_REGEX.finditer(line.text):
            title = _clean_title(m["title"])
            # The instruments a 印发 notice issues are named in its own title: self-references.
            if title in numbered or any(_canon_title(title) in t for t in own) or not _LAW_TITLE.search(title):
                continue
            physical = physical_line(line, m.start())
            found.append(
                LawReference(
                    title=title,
                    citing_id=document.id,
                    eid=provision_eid(physical, spans),
                    line=physical,
                    span=line.span,
                    forward=bool(_FORWARD.search(line.text[: m.start()])),
                )
            )
    return found


def numbers_in(text: str, city: str | None = None) -> list[tuple[int, int, DocumentNumber, list[str]]]:
    """The document numbers in one line of text: (start, end, normalised number, flags).

    `city` (郑州市) expands the city-decree prefix 市政府令. Shared with `repeals`.

    >>> [(str(n), f) for _, _, n, f in numbers_in("《…的通知》〔2016〕郑政文21号早已下发")]
    [('郑政文〔2016〕21号', ['year printed before the prefix'])]
    """
    return _numbers_in(text, city)


def _numbers_in(text: str, city: str | None) -> list[tuple[int, int, DocumentNumber, list[str]]]:
    hits: list[tuple[int, int, DocumentNumber, list[str]]] = []
    # Every number has a serial and 号 or a closing bracket; most lines have neither.
    if not _HAS_NUMBER.search(text):
        return hits
    has_decree = "令" in text
    for m in CITATION_NO_REGEX.finditer(text):
        start, prefix = _trim_prefix(text, m.start("prefix"), m["prefix"])
        if not prefix:
            continue
        flags = []
        end = m.end()
        if m["end"] == "":
            flags.append("号 missing")
        elif len(m["end"]) > 1:
            flags.append("stray bracket before 号")
        number = DocumentNumber(prefix, int(m["year"]), int(m["serial"]))
        hits.append((start, end, number, flags))
    for m in CITATION_YEAR_FIRST_REGEX.finditer(text):
        parsed = parse_document_number(m.group(0))
        if parsed is not None:
            hits.append((m.start(), m.end(), parsed, ["year printed before the prefix"]))
    for m in CITATION_DECREE_REGEX.finditer(text) if has_decree else ():
        start, prefix = _trim_prefix(text, m.start("prefix"), m["prefix"])
        if len(prefix) < 2:
            continue
        flags = []
        if _CITY_DECREE.match(prefix) and city:
            prefix = f"{city}人民政府令"
            flags.append("city decree prefix expanded")
        hits.append((start, m.end(), DocumentNumber(prefix, None, int(m["serial"])), flags))
    for m in CITATION_DECREE_ORDINAL_FIRST_REGEX.finditer(text) if has_decree else ():
        start, issuer = _trim_prefix(text, m.start("issuer"), m["issuer"])
        flags = ["ordinal printed before 令"]
        if not issuer:
            issuer = _issuer_before_title(text, m.start())
            if issuer:
                flags.append("issuer taken from the text before the title")
        prefix = issuer + m["kind"]
        if len(prefix) < 2:
            continue
        hits.append((start if issuer and start < m.start("serial") else m.start(), m.end(),
                     DocumentNumber(prefix, None, int(m["serial"])), flags))
    for m in CITATION_ANNOUNCEMENT_REGEX.finditer(text) if "公告" in text else ():
        start, prefix = _trim_prefix(text, m.start("prefix"), m["prefix"])
        if prefix:
            hits.append((start, m.end(), DocumentNumber(prefix, int(m["year"]), int(m["serial"])), []))
    # Keep the first of overlapping matches (a year-first number also looks like nothing
    # else; a decree never has a bracketed year).
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, DocumentNumber, list[str]]] = []
    for hit in hits:
        if kept and hit[0] < kept[-1][1]:
            continue
        kept.append(hit)
    return kept


def _trim_prefix(text: str, start: int, prefix: str) -> tuple[int, str]:
    """Drop the running-text words a leftmost match swept into the prefix."""
    cut = 0
    for word in _LEAD_WORDS:
        at = prefix.rfind(word)
        if at >= 0:
            cut = max(cut, at + len(word))
    return start + cut, prefix[cut:]


def _title_before(text: str, start: int, previous: str = "") -> str | None:
    """The 《title》 a number belongs to: the one right before it, across （ and spaces.

    A number opening its line belongs to a title that closes the line before (the cleaner
    keeps "…的通知》" and "（国办函〔2020〕129号）…" apart when a page break falls between);
    a title closing the line may open on the line before.
    """
    head = text[:start].rstrip(" \u3000（(")
    if not head:
        head = previous.rstrip(" \u3000")
    if not head.endswith("》"):
        return None
    opening = head.rfind("《")
    if opening < 0 and previous.rfind("《") > previous.rfind("》"):
        # A title opened on the line before: "（五）按照《国务院办公厅关于加快推进" /
        # "“五证合一、一照一码”登记制度改革的通知》（国发〔2016〕53号）" (2018-08).
        head = previous + head
        opening = head.rfind("《")
    if opening < 0:
        return None
    return _clean_title(head[opening + 1 : -1])


def _title_after(text: str, end: int) -> str | None:
    """省第3号总河长令《关于…的决定》: a number printed right before its title."""
    m = TITLE_QUOTE_REGEX.match(text, end)
    return _clean_title(m["title"]) if m else None


def _issuer_before_title(text: str, start: int) -> str:
    """监察部、人力资源和社会保障部…《…》（第31号令）: the first issuer before the title."""
    head = text[:start].rstrip(" \u3000（(")
    if not head.endswith("》"):
        return ""
    opening = head.rfind("《")
    m = re.search(r"([\u4e00-\u9fff、]{2,40})$", head[:opening])
    if not m:
        return ""
    first = m.group(1).split("、")[0]
    return _trim_prefix(first, 0, first)[1]


def _clean_title(title: str) -> str:
    return re.sub(r"\s+", "", title)


def _canon_title(title: str) -> str:
    """Titles compared loosely: no spaces, brackets or quotes, full width folded."""
    s = unicodedata.normalize("NFKC", title)
    return re.sub(r"[\s《》〈〉“”\"'‘’()（）、，,]", "", s)


def _city_of(document: Document) -> str | None:
    m = _CITY.match(document.issuer or "")
    return m["city"] if m else None


def physical_line(line: Line, offset: int) -> int:
    """The printed line on which character `offset` of a logical line stands.

    A logical line joins printed lines (`Line.raw`, blank lines and page furniture dropped).
    The character is located in the raw text; its piece is then placed by `Line.raw_lines`
    when the cleaner recorded them; otherwise exactly when the pieces are consecutive or
    alternate with blank lines (the PDF-column layout), and proportionally in other cases.

    >>> physical_line(Line("甲乙", SourceSpan("f", "i", 3, 5), "甲\\n乙"), 1)
    5
    """
    pieces = line.raw.split("\n") if line.raw else [line.text]
    first, last = line.span.line_start, line.span.line_end
    if len(pieces) <= 1 or last == first:
        return first
    canon = [_squeeze(p) for p in pieces]
    joined = "".join(canon)
    text = _squeeze(line.text[:offset])
    target = len(text)
    needle = _squeeze(line.text[offset : offset + 6])
    if needle:
        positions = [m.start() for m in re.finditer(re.escape(needle), joined)]
        if positions:
            target = min(positions, key=lambda p: abs(p - target))
    # The piece holding the target character (the last piece when it runs past the end).
    ends = list(accumulate(len(piece) for piece in canon))
    index = next((i for i, end in enumerate(ends) if target < end), len(canon) - 1)
    k = len(pieces)
    # Exact when the cleaner recorded the printed line of every piece (irregular blank
    # runs and page furniture inside the logical line included).
    if len(line.raw_lines) == k:
        return line.raw_lines[index]
    if last - first + 1 == k:
        return first + index
    if last - first + 1 == 2 * k - 1:
        return first + 2 * index
    return first + round(index * (last - first) / (k - 1))


_WHITESPACE = re.compile(r"\s+")
_HAS_NUMBER = re.compile(r"\d\s*[号）)]")


def _squeeze(text: str) -> str:
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_BRACKETS)


def flatten_provisions(provisions: Iterable[Mapping[str, Any]] | None) -> list[tuple[int, int, int, str]]:
    """(line_start, line_end, depth, eid) of every provision, nested ones included.

    Accepts the shapes a provision record may take: `eid`/`eId`, and a span given as
    `line_start`/`line_end`, or inside `span` or `source`.
    """
    out: list[tuple[int, int, int, str]] = []

    def walk(items: Iterable[Mapping[str, Any]], depth: int) -> None:
        for item in items or ():
            eid = item.get("eid") or item.get("eId")
            span = item.get("span") or item.get("source") or item
            start, end = span.get("line_start"), span.get("line_end", span.get("line_start"))
            if eid and isinstance(start, int) and isinstance(end, int):
                out.append((start, end, depth, eid))
            walk(item.get("children") or (), depth + 1)

    walk(provisions or (), 0)
    return out


def provision_eid(line_no: int, provisions: list[tuple[int, int, int, str]]) -> str | None:
    """The eid of the innermost provision whose span contains `line_no`, or None.

    >>> provision_eid(12, [(10, 20, 0, "art_1"), (11, 13, 1, "art_1__para_2")])
    'art_1__para_2'
    """
    holding = [p for p in provisions if p[0] <= line_no <= p[1]]
    if not holding:
        return None
    return min(holding, key=lambda p: (p[1] - p[0], -p[2]))[3]
