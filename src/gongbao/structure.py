"""Stage 4, *structure*: a document → its provision tree, tables and work URI.

The tree is built from the numbering the text prints, never from markdown `#` levels
(which `clean` strips and which mean nothing in these files):

* 第X编 / 第X章 / 第X节 / 第X条 (part, chapter, section, article) nest by rank;
* inside an article, （一） 1. （1） ① are points (项/目) and unnumbered paragraphs are
  paragraphs (款);
* elsewhere — the 一、（一）1.（1）① outline of 意见 and 方案, and the decimal 1 / 1.1 /
  1.1.1 headings of 应急预案 — each numbering style is a level: a style already open on
  the current path makes a sibling, a new style opens a child;
* 专栏N boxes, 附件 / 附件N attachments (and the "附件：1.…（略）" list of attachments that
  are not printed), the signature and date block and each instrument of a 印发 notice
  that issues several become nodes of their own.

eIds follow docs/identifiers.md. Numbering that is skipped, out of order or repeated is
kept as printed and flagged. Nothing here raises on odd text: unrecognised lines stay
paragraphs of the node they follow.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from gongbao.clean import is_date_line, is_number_line
from gongbao.models import Document, Line, Provision, SourceSpan, Table
from gongbao.tables import table_regions

AKN_COUNTRY = "cn-410100"  # GB/T 2260 code of 郑州市 (docs/identifiers.md)

_CN = "〇零一二三四五六七八九十百千两"
_CN_VALUE = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# 第十一条 / 第四章 / 第一节 / 第一编, with the number in Chinese or Arabic digits.
_FIXED_RE = re.compile(rf"^第\s*(?P<n>[{_CN}\d]+)\s*(?P<unit>[编章节条])(?:\s*|(?=[^\s]))(?P<rest>.*)$")
_CN_DUN_RE = re.compile(r"^(?P<n>[一二三四五六七八九十]+)、\s*(?P<rest>.*)$")
_CN_PAREN_RE = re.compile(r"^[（(](?P<n>[一二三四五六七八九十]+)[）)]\s*(?P<rest>.*)$")
_AR_PAREN_RE = re.compile(r"^[（(](?P<n>\d{1,2})[）)]\s*(?P<rest>.*)$")
_CIRCLED_RE = re.compile(rf"^(?P<n>[{_CIRCLED}])\s*(?P<rest>.*)$")
# 1. / 1、 / 1．: not a decimal number (1.5倍) — clean writes "1. 2017年" with a space.
# "3.8月底前…" is item 3 whose text starts with a month (clean drops the space): months and
# years are whole numbers, so N.M月 / N.YYYY年 is never a decimal. "1." alone on a line is
# an item whose text is printed on the next line (PDF-column layout).
_AR_DOT_RE = re.compile(
    r"^(?P<n>\d{1,2})(?:[.．、](?=\s|[^\d\s]|$)|[.．]\s|[.．](?=\d{1,2}月|\d{4}年))\s*(?P<rest>.*)$"
)
# Decimal headings of 应急预案 (GB/T 29639 layout): 5.2.1市大面积停电事件应急指挥部应对.
_DECIMAL_RE = re.compile(r"^(?P<n>\d{1,2}(?:[.．]\d{1,2}){1,3})(?![\d.．%])\s*(?P<rest>[^\d\s%].*)$")
_DECIMAL_TOP_RE = re.compile(r"^(?P<n>\d{1,2})\s*(?P<rest>[\u4e00-\u9fff][\u4e00-\u9fff、和与及]{1,14})$")
# 专栏 1：全面推进… (2022-03 prints a colon after the number; it belongs to neither).
_COLUMN_RE = re.compile(rf"^专栏\s*(?P<n>[{_CN}\d]+)\s*(?:[：:、.．]\s*)?(?P<rest>.*)$")
# A 专栏 title with the box's first item run in (专栏 19 …大赛**一、活动宗旨：** in 2017-08).
_RUN_IN_FIRST_RE = re.compile(r"(?<=[^\s、，,])\s*(?=一、\S)")
# 附件 / 附件2 / 附　件 standing alone: the heading of a printed attachment.
_ATT_HEAD_RE = re.compile(r"^附\s*件\s*(?P<n>\d{0,2})\s*[:：]?\s*$")
# 附件：1.…（略） — the list of attachments under the body (GB/T 9704 §7.3.5 附件说明).
_ATT_LIST_RE = re.compile(r"^附\s*件\s*[:：]\s*(?P<rest>.+)$")
_LIST_ITEM_RE = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<rest>.*)$")
_OMITTED_RE = re.compile(r"[（(]\s*略\s*[）)]\s*$")
_SENTENCE_PUNCT = re.compile(r"[。；，：;,:！？]")
_TERMINAL = "。；！？：;:!?"
# Title of an issued instrument: ends with its 文种 (GB/T 9704 §7.3.1).
_INSTRUMENT_GENRE = re.compile(
    r"(?:办法|规定|方案|意见|规则|细则|计划|规划|纲要|要点|措施|政策|制度|预案|清单|名单|专案|标准)"
    r"(?:[（(][^）)]{0,16}[）)])?$"
)
# A county, city or district named alone on a line (登封市, 管城回族区, 郑州航空港经济综合实验区,
# 郑东新区, 郑州经济技术开发区): when the 一、 outline restarts under it, it heads that outline.
_JURISDICTION_RE = re.compile(r"^[\u4e00-\u9fff]{1,12}(?:县|市|区)$")
_SIGNER_RE = re.compile(r"^(?:[\u4e00-\u9fff]{2,20}(?:人民政府|办公厅|办公室|委员会|局|委)|(?:代|副)?市长\s*[\u4e00-\u9fff]{2,4})$")

# Ranks of the printed legislative units (第X编 > 第X章 > 第X节 > 第X条).
_FIXED_RANK = {"part": 0, "chp": 1, "sec_fixed": 2, "art": 3}
_FIXED_KIND = {"编": ("part", "part"), "章": ("chp", "chapter"), "节": ("sec_fixed", "section"), "条": ("art", "article")}
# Default depth of the outline styles, used when a style is met for the first time.
_DYN_RANK = {"cn_dun": 0, "dec1": 0, "cn_paren": 1, "dec2": 1, "ar_dot": 2, "dec3": 2, "ar_paren": 3, "dec4": 3, "circled": 4}
# Outline styles → (kind, eId abbreviation) outside articles (docs/identifiers.md).
_OUTLINE = {
    "cn_dun": ("level1", "sec"), "dec1": ("level1", "sec"),
    "cn_paren": ("level2", "subsec"), "dec2": ("level2", "subsec"),
    "ar_dot": ("level3", "para"), "dec3": ("level3", "para"),
    "ar_paren": ("level4", "subpara"), "dec4": ("level4", "subpara"),
    "circled": ("level5", "point"),
}
_ABBR = {"part": "part", "chp": "chp", "sec_fixed": "sec", "art": "art"}


def cn_number(text: str) -> int | None:
    """Value of a number printed in Chinese or Arabic digits.

    >>> cn_number("二十二"), cn_number("十"), cn_number("一百零五"), cn_number("12"), cn_number("③")
    (22, 10, 105, 12, 3)
    """
    text = text.strip()
    if not text:
        return None
    if len(text) == 1 and text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    if text.isascii() and text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _CN_VALUE:
            current = _CN_VALUE[char]
        elif char in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[char]
            total += (current or 1) * unit
            current = 0
        else:
            return None
    return total + current


def work_uri(record: dict[str, Any] | Document) -> str:
    """The FRBR work URI of a document (docs/identifiers.md).

    Accepts a `Document` or an export record (the dict of `pipeline.document_record`).

    >>> work_uri({"id": "郑政-2018-43", "doc_no_parts": {"prefix": "郑政", "year": 2018, "serial": 43},
    ...           "date": "2018-09-25", "source": {"issue": "2018-09"}})
    '/akn/cn-410100/act/郑政/2018/43'
    """
    if isinstance(record, Document):
        parts = record.doc_no.to_dict() if record.doc_no else None
        doc_id, issued, issue = record.id, record.date.isoformat() if record.date else None, record.source.issue
    else:
        parts = record.get("doc_no_parts")
        doc_id, issued, issue = record["id"], record.get("date"), record["source"]["issue"]
    if parts:
        year = parts.get("year") or (int(issued[:4]) if issued else None)
        if year is not None:
            return f"/akn/{AKN_COUNTRY}/act/{parts['prefix']}/{year}/{parts['serial']}"
    local = doc_id[len(issue) + 1 :] if doc_id.startswith(issue + "-") else doc_id
    return f"/akn/{AKN_COUNTRY}/doc/{issue}/{local}"


@dataclass
class _Marker:
    style: str  # part/chp/sec_fixed/art, an outline style, "column"
    num: str  # as printed: 第十一条, （一）, 5.2.1
    value: int | None
    rest: str


@dataclass
class _Node:
    kind: str
    style: str | None
    num: str | None
    value: int | None
    heading: str | None
    text: str
    lines: list[Line]
    abbr: str
    children: list[_Node] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    owns: bool = True  # do following unnumbered paragraphs belong to this node?
    eid_n: str | None = None  # fixed eId number (attachments, tables)


def _heading_like(rest: str) -> bool:
    return bool(rest) and len(rest) <= 40 and not _SENTENCE_PUNCT.search(rest) and rest[-1] not in _TERMINAL


def _classify(text: str, decimal: bool) -> _Marker | None:
    m = _FIXED_RE.match(text)
    if m:
        style = _FIXED_KIND[m["unit"]][0]
        rest = m["rest"].strip()
        # "第一章" followed by prose is a reference (第三条规定的…), not a heading.
        if style != "art" and rest and not _heading_like(rest):
            return None
        return _Marker(style, f"第{m['n']}{m['unit']}", cn_number(m["n"]), rest)
    if decimal:
        m = _DECIMAL_RE.match(text)
        if m:
            depth = m["n"].replace("．", ".").count(".") + 1
            value = int(re.split(r"[.．]", m["n"])[-1])
            return _Marker(f"dec{depth}", m["n"], value, m["rest"].strip())
        m = _DECIMAL_TOP_RE.match(text)
        if m:
            return _Marker("dec1", m["n"], int(m["n"]), m["rest"].strip())
    for style, regex in (("cn_dun", _CN_DUN_RE), ("cn_paren", _CN_PAREN_RE), ("ar_paren", _AR_PAREN_RE),
                         ("circled", _CIRCLED_RE), ("ar_dot", _AR_DOT_RE), ("column", _COLUMN_RE)):
        m = regex.match(text)
        if m:
            printed = text[: m.start("rest")].strip()
            if style == "column":
                printed = text[: m.end("n")].strip()
            # A heading never starts with punctuation (专栏 1：…, 一、：…).
            return _Marker(style, printed, cn_number(m["n"]), m["rest"].strip().lstrip("：:、，,.．").strip())
    return None


class _Builder:
    """Builds the nodes of one block of lines (an instrument, an attachment or the body)."""

    def __init__(self, article_mode: bool, decimal: bool, tables: dict[int, tuple[int, Table]]) -> None:
        self.article_mode = article_mode
        self.decimal = decimal
        self.tables = tables
        self.root = _Node("root", None, None, None, None, "", [], "")
        self.stack: list[_Node] = [self.root]

    # --- placing nodes -------------------------------------------------------------
    def _in_article(self) -> bool:
        return any(n.style == "art" for n in self.stack)

    def add_marker(self, marker: _Marker, line: Line) -> None:
        style = marker.style
        if style in _FIXED_RANK:
            rank = _FIXED_RANK[style]
            while len(self.stack) > 1 and not (
                self.stack[-1].style in _FIXED_RANK and _FIXED_RANK[self.stack[-1].style] < rank
            ):
                self.stack.pop()
            kind = _FIXED_KIND[{"part": "编", "chp": "章", "sec_fixed": "节", "art": "条"}[style]][1]
            is_heading = style != "art"
            node = _Node(kind, style, marker.num, marker.value, marker.rest if is_heading else None,
                         "" if is_heading else marker.rest, [line], _ABBR[style])
            node.owns = True
        else:
            same = self._same_style(marker)
            # A second list opened by a lead-in line ("响应措施：") nests under it; otherwise
            # a marker of a style already open closes that level and everything below it.
            if same is not None:
                if not self._open_lead_in(marker, same):
                    del self.stack[same:]
            elif style != "column":
                while (
                    len(self.stack) - 1 > self._floor()
                    and self.stack[-1].style in _DYN_RANK
                    and _DYN_RANK[self.stack[-1].style] > _DYN_RANK[style]
                ):
                    self.stack.pop()
                self._open_lead_in(marker, None)
            heading = marker.rest if _heading_like(marker.rest) else None
            text = "" if heading is not None else marker.rest
            if style == "column":
                # Own prefix: a box's printed number cannot meet the position of an
                # unnumbered paragraph (hcontainer_N) under the same parent.
                kind, abbr = "column", "column"
            elif self._in_article():
                kind, abbr = "point", "point"
            else:
                kind, abbr = _OUTLINE[style]
            node = _Node(kind, style, marker.num, marker.value, heading, text, [line], abbr)
            # A heading, or a sentence that announces a list (…：), owns what follows;
            # so does an item cut in mid-sentence (its continuation was printed apart).
            run_in_title = (
                not self._in_article() and len(text) <= 20 and text.count("。") == 1 and text.endswith("。") and "，" not in text
            )
            node.owns = (
                heading is not None or style == "column" or not text or run_in_title
                or text[-1] in "：:" or text[-1] not in _TERMINAL
            )
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def continues_sentence(self, marker: _Marker) -> bool:
        """一、服务集成… after "…打造" is the rest of a broken sentence, not a new heading.

        True when the deepest node's text stops without closing punctuation and the number
        is not the next one of its style on the current path.
        """
        last = self.stack[-1]
        while last.children:
            last = last.children[-1]
        if last is self.root or marker.style in _FIXED_RANK or not last.text or last.kind == "table":
            return False
        if last.text[-1] in _TERMINAL or last.text[-1] in "）)》”":
            return False
        same = [n for n in self.stack if n.style == marker.style]
        return bool(same) and marker.value != (same[-1].value or 0) + 1

    def _open_lead_in(self, marker: _Marker, same: int | None) -> bool:
        """响应条件：(1)… 响应措施：(1)… — a list restarting at 1 after a lead-in belongs to it.

        A paragraph ending in "：" announces the list printed under it. The first list of a
        node sits in the node itself (its items are the node's, as in an article); a second
        list of the same style that starts again at 1 after its own lead-in is that lead-in's,
        so its items keep their printed numbers instead of position eIds. The lead-in is not
        part of the item printed before it (（3）特殊情况…的。 / 响应措施：): it goes next to
        that item's list — beside the list's own lead-in when it has one. `same` is the stack
        index of the open item of the marker's style, if any. True when a lead-in was opened.
        """
        owner = self.stack[-1]
        if marker.value != 1 or self._in_article() or not owner.children:
            return False
        lead = owner.children[-1]
        if not (lead.kind == "paragraph" and lead.abbr == "hcontainer" and lead.text.endswith(("：", ":"))):
            return False
        if same is None:
            if not any(c.style == marker.style for c in owner.children[:-1]):
                return False
            self.stack.append(lead)
            return True
        if self.stack.index(owner) < same:
            return False
        parent_index = same - 1
        parent = self.stack[parent_index]
        if parent.kind == "paragraph" and parent_index > 0:  # the previous list had its own lead-in
            parent_index -= 1
            parent = self.stack[parent_index]
        owner.children.pop()
        parent.children.append(lead)
        del self.stack[parent_index + 1 :]
        self.stack.append(lead)
        return True

    def _same_style(self, marker: _Marker) -> int | None:
        """Index of the open node the marker is the next sibling of, or None (it opens a child).

        A 专栏 box numbers its own items (专栏1 / 一、建设主体 / 二、功能定位 … while the
        text around it is at 三、): inside a box only the box's styles make siblings. The
        text resumes after the box with the next number of a style open outside it — 专栏2
        … 9. / （二）促进… after （一） — and that closes the box. A number that follows
        both the box's item and the outer one stays in the box (its items come first).
        """
        floor = self._article_floor()
        same = [i for i, n in enumerate(self.stack) if n.style == marker.style and i > floor]
        if not same or marker.style == "column":
            return same[-1] if same else None
        box = next((i for i in range(len(self.stack) - 1, floor, -1) if self.stack[i].style == "column"), None)
        if box is None:
            return same[-1]
        inside = [i for i in same if i > box]
        outside = [i for i in same if i < box]

        def follows(i: int) -> bool:
            return marker.value is not None and self.stack[i].value is not None and marker.value == self.stack[i].value + 1

        if inside and follows(inside[-1]):
            return inside[-1]
        if outside and follows(outside[-1]):
            return outside[-1]
        return inside[-1] if inside else None

    def _article_floor(self) -> int:
        """Index of the innermost article on the path: a point never closes its article."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].style in _FIXED_RANK:
                return i
        return 0

    def _floor(self) -> int:
        """Index of the innermost article or column on the path: outline styles nest below it."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].style in ("art", "column") or self.stack[i].style in _FIXED_RANK:
                return i
        return 0

    def add_jurisdiction(self, line: Line) -> None:
        """登封市 / 一、…: the heading of the outline printed again for one county or district."""
        del self.stack[1:]
        node = _Node("jurisdiction", "jurisdiction", None, None, line.text, "", [line], "hcontainer")
        self.root.children.append(node)
        self.stack.append(node)

    def add_paragraph(self, line: Line) -> None:
        owner = self.stack[-1]
        if not owner.owns:
            for node in reversed(self.stack):
                if node.owns or node.style == "art":
                    owner = node
                    break
        # A sentence broken by the page or column and printed as two lines.
        if owner.text and not owner.children and owner.text[-1] not in _TERMINAL and owner is not self.root:
            owner.text += line.text
            owner.lines.append(line)
            return
        if owner is not self.root and not owner.text and not owner.children and owner.heading is None and owner.num is None:
            owner.text = line.text
            owner.lines.append(line)
            return
        # "1." printed alone, its text on the next line (PDF-column layout).
        if owner is self.stack[-1] and owner.style in _DYN_RANK and owner.num and not owner.text \
                and owner.heading is None and not owner.children:
            owner.text = line.text
            owner.lines.append(line)
            owner.owns = line.text[-1] in "：:" or line.text[-1] not in _TERMINAL
            return
        abbr = "para" if (owner.style == "art" or self._inside_article(owner)) else "hcontainer"
        node = _Node("paragraph", None, None, None, None, line.text, [line], abbr)
        node.owns = False
        owner.children.append(node)
        # Items printed after this paragraph are not its children.
        while self.stack[-1] is not owner:
            self.stack.pop()

    def _inside_article(self, node: _Node) -> bool:
        for n in self.stack:
            if n.style == "art":
                return True
            if n is node:
                break
        return node.kind == "point"

    def add_node(self, node: _Node) -> None:
        """A table, signature or attachment list: placed under the current owner."""
        owner = self.stack[-1]
        if not owner.owns:
            for n in reversed(self.stack):
                if n.owns or n.style == "art":
                    owner = n
                    break
        owner.children.append(node)
        while self.stack[-1] is not owner:
            self.stack.pop()


def _body_start(document: Document) -> int:
    """Index of the first body line: after the 文号 line (or decree 第N号), else after the title."""
    for i, line in enumerate(document.lines[:8]):
        if is_number_line(line.text):
            return i + 1
    return 1 if document.lines else 0


def _quoted_titles(lines: list[Line]) -> list[str]:
    text = "".join(line.text for line in lines)
    m = re.search(r"(?:印发|转发|公布)", text)
    if not m:
        return []
    window = text[max(0, m.start() - 400) : m.end()]
    return [t for t in re.findall(r"《([^》]{4,80})》", window) if _INSTRUMENT_GENRE.search(t)]


def _title_at(lines: list[Line], i: int, title: str) -> int:
    """How many lines (1 or 2) starting at i print `title`; 0 when they do not."""
    wanted = re.sub(r"\s+", "", title)
    for span in (1, 2):
        if i + span > len(lines):
            break
        got = re.sub(r"\s+", "", "".join(line.text for line in lines[i : i + span]))
        if len(got) > 80 or _SENTENCE_PUNCT.search(got):
            break
        if got == wanted or (
            _INSTRUMENT_GENRE.search(got) and difflib.SequenceMatcher(None, got, wanted).ratio() >= 0.8
        ):
            return span
    return 0


def _instruments(document: Document, body: list[Line]) -> list[tuple[int, int, str]]:
    """Where each issued instrument's title is printed: (line index, title lines, title)."""
    titles = _quoted_titles(body[:6])
    if not titles and document.enclosed_title:
        titles = [document.enclosed_title]
    found: list[tuple[int, int, str]] = []
    start = 0
    for title in titles:
        for i in range(start, len(body)):
            span = _title_at(body, i, title)
            if span:
                found.append((i, span, "".join(line.text for line in body[i : i + span])))
                start = i + span
                break
    return found


def _span(lines: list[Line]) -> SourceSpan:
    first, last = lines[0].span, lines[-1].span
    return SourceSpan(first.file, first.issue, first.line_start, last.line_end)


def _parse_block(lines: list[Line], tables: dict[int, tuple[int, Table]], offset: int) -> list[_Node]:
    """The nodes of one block (body, instrument or attachment), in printed order."""
    texts = [line.text for line in lines]
    article_mode = any(_FIXED_RE.match(t) and "条" in t[:8] for t in texts)
    decimal = sum(1 for t in texts if _DECIMAL_RE.match(t) and _heading_like(_DECIMAL_RE.match(t)["rest"])) >= 2
    builder = _Builder(article_mode, decimal, tables)
    i = 0
    while i < len(lines):
        line = lines[i]
        absolute = offset + i
        if absolute in tables:
            end, table = tables[absolute]
            node = _Node("table", None, None, None, None, "\n".join(ln.text for ln in lines[i : end - offset]),
                         lines[i : end - offset], "table")
            node.owns = False
            node.flags = list(table.flags)
            node.table = table  # type: ignore[attr-defined]
            builder.add_node(node)
            i = end - offset
            continue
        text = line.text
        # Signature and date under a text: the issuing body (or 市长 of a decree) and a date.
        if _SIGNER_RE.match(text) and i + 1 < len(lines) and is_date_line(lines[i + 1].text):
            node = _Node("signature", None, None, None, None, text + "\n" + lines[i + 1].text,
                         [line, lines[i + 1]], "signature")
            node.owns = False
            builder.add_node(node)
            i += 2
            continue
        if is_date_line(text) and builder.root.children:
            node = _Node("signature", None, None, None, None, text, [line], "signature")
            node.owns = False
            builder.add_node(node)
            i += 1
            continue
        m = _ATT_LIST_RE.match(text)
        if m:
            i = _attachment_list(builder, lines, i)
            continue
        if _JURISDICTION_RE.match(text) and i + 1 < len(lines) and _restarts_outline(lines[i + 1].text, decimal):
            builder.add_jurisdiction(line)
            i += 1
            continue
        marker = _classify(text, decimal)
        if marker is not None and builder.continues_sentence(marker):
            builder.add_paragraph(line)
        elif marker is not None and marker.style == "column" and _column_title_split(marker, line, decimal):
            title, body = _column_title_split(marker, line, decimal)  # type: ignore[misc]
            builder.add_marker(_Marker("column", marker.num, marker.value, title), line)
            builder.add_paragraph(dataclasses.replace(line, text=body))
        elif marker is not None and marker.style == "column" and _RUN_IN_FIRST_RE.search(marker.rest):
            title, first = _RUN_IN_FIRST_RE.split(marker.rest, maxsplit=1)
            builder.add_marker(_Marker("column", marker.num, marker.value, title.strip()), line)
            item = _classify(first, decimal)
            if item is not None:
                builder.add_marker(item, line)
            else:
                builder.add_paragraph(line)
        elif marker is not None:
            builder.add_marker(marker, line)
        else:
            builder.add_paragraph(line)
        i += 1
    _claim_paragraphs_between_items(builder.root.children)
    return builder.root.children


def _column_title_split(marker: _Marker, line: Line, decimal: bool) -> tuple[str, str] | None:
    """专栏 1：全面推进通信网络基础设施建设 / 打造全国领先的5G精品网络。… joined by clean.

    A box's title is printed on a line of its own; when clean joined the next line to it
    (the title has no closing punctuation), the first source line is the title and the rest
    is the box's first paragraph. Returns (title, rest) or None when there is nothing to split.
    """
    first_raw = line.raw.split("\n", 1)[0]
    if first_raw == line.raw:
        return None
    first = _classify(first_raw.strip(), decimal)
    if first is None or first.style != "column" or not _heading_like(first.rest):
        return None
    wanted = re.sub(r"\s+", "", first.rest)
    got, k = "", 0
    while k < len(marker.rest) and len(got) < len(wanted):
        if not marker.rest[k].isspace():
            got += marker.rest[k]
        k += 1
    body = marker.rest[k:].strip()
    if got != wanted or not body:
        return None
    return marker.rest[:k].strip(), body


def _claim_paragraphs_between_items(nodes: list[_Node]) -> None:
    """A paragraph printed between two items of one list belongs to the first of them.

    The items of a list follow one another; the text of their parent is printed before the
    first item or after the last, never between two of them. So when an item is a full
    sentence (it does not own what follows) and the next item of its style comes after a
    paragraph, that paragraph is the rest of the item: 三、（二）…等。 / 其中，材料承诺提交时限
    最长…。 / （三）… → the 其中 paragraph is (二)'s. Inside an article the rule does not apply:
    there an unnumbered paragraph is the next 款 (docs/identifiers.md).
    """
    k = 0
    while k < len(nodes):
        item = nodes[k]
        _claim_paragraphs_between_items(item.children)
        j = k + 1
        while j < len(nodes) and nodes[j].kind == "paragraph" and nodes[j].abbr == "hcontainer":
            j += 1
        if (
            j > k + 1
            and j < len(nodes)
            and item.style in _DYN_RANK
            and item.kind != "point"
            and not item.owns
            and nodes[j].style == item.style
            and item.value is not None
            and nodes[j].value == item.value + 1
        ):
            item.children.extend(nodes[k + 1 : j])
            del nodes[k + 1 : j]
        k += 1


def _restarts_outline(text: str, decimal: bool) -> bool:
    """一、… : the first item of the top outline style."""
    marker = _classify(text, decimal)
    return marker is not None and marker.style == "cn_dun" and marker.value == 1


def _attachment_list(builder: _Builder, lines: list[Line], i: int) -> int:
    """附件：1.…（略） 2.… — the list, and an omitted attachment node for each （略） entry."""
    entries: list[list[Line]] = []
    first = _ATT_LIST_RE.match(lines[i].text)["rest"].strip()  # type: ignore[index]
    entries.append([lines[i]])
    items = [first]
    j = i + 1
    while j < len(lines):
        text = lines[j].text
        prev = items[-1]
        if _LIST_ITEM_RE.match(text) and len(text) <= 80 and not text.endswith("。"):
            entries.append([lines[j]])
            items.append(text)
        elif (prev.count("（") + prev.count("(") > prev.count("）") + prev.count(")")) or re.fullmatch(
            r"[（(]?\s*略?\s*[）)]|[（(]\s*略\s*[）)]?", text
        ) or (re.fullmatch(r"[^。；：]{1,20}[）)]?(?:\s*[（(]\s*略\s*[）)])?", text) and not _OMITTED_RE.search(prev)
              and _classify(text, False) is None and not _SIGNER_RE.match(text) and not is_date_line(text)
              and not _INSTRUMENT_GENRE.search(text) and len(prev) < 40 and prev[-1:] not in "。）)"):
            entries[-1].append(lines[j])
            items[-1] += text
        else:
            break
        j += 1
    all_lines = [ln for entry in entries for ln in entry]
    node = _Node("attachment_list", None, None, None, None, "\n".join(ln.text for ln in all_lines), all_lines,
                 "attachments")
    node.owns = False
    builder.add_node(node)
    for k, (item, entry) in enumerate(zip(items, entries, strict=True), start=1):
        m = _LIST_ITEM_RE.match(item)
        n = m["n"] if m else str(k)
        title = (m["rest"] if m else item).strip()
        if _OMITTED_RE.search(re.sub(r"\s+", "", title)):
            title = _OMITTED_RE.sub("", re.sub(r"\s+", "", title)).strip()
            att = _Node("attachment", None, f"附件{n}" if len(items) > 1 or m else "附件", int(n), title, "",
                        entry, "att")
            att.flags.append("omitted")
            att.owns = False
            att.eid_n = n
            builder.root.children.append(att)
    return j


def _split_attachments(lines: list[Line]) -> list[tuple[int, int, str | None]]:
    """Boundaries of printed attachments in a block: (start, end, number) — start is the 附件 line."""
    starts = [(i, _ATT_HEAD_RE.match(line.text)["n"]) for i, line in enumerate(lines) if _ATT_HEAD_RE.match(line.text)]  # type: ignore[index]
    out = []
    for k, (i, n) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        out.append((i, end, n or None))
    return out


def _block_with_attachments(lines: list[Line], tables: dict[int, tuple[int, Table]], offset: int) -> list[_Node]:
    parts = _split_attachments(lines)
    main_end = parts[0][0] if parts else len(lines)
    nodes = _parse_block(lines[:main_end], tables, offset)
    # An omitted attachment listed in the body and printed after all is not omitted.
    printed = {str(n or 1) for _, _, n in parts}
    for node in nodes:
        if node.kind == "attachment" and node.eid_n in printed:
            node.flags.remove("omitted")
            node.flags.append("listed as omitted but printed")
    nodes = [n for n in nodes if not (n.kind == "attachment" and "listed as omitted but printed" in n.flags)]
    for k, (start, end, n) in enumerate(parts, start=1):
        head = lines[start]
        body_start = start + 1
        title = None
        title_lines: list[Line] = []
        if body_start < end and _is_title_line(lines[body_start].text):
            title_lines = [lines[body_start]]
            body_start += 1
            # A title broken over two lines (PDF layout).
            if body_start < end and _is_title_line(lines[body_start].text) and not _INSTRUMENT_GENRE.search(
                title_lines[0].text
            ) and len(title_lines[0].text) + len(lines[body_start].text) <= 60 and re.search(
                r"(?:表|单|名单|清单|办法|制度|规则|标准|方案|图|目录|样表|样本|说明|职责|指标)(?:[（(][^）)]*[）)])?$",
                lines[body_start].text,
            ):
                title_lines.append(lines[body_start])
                body_start += 1
            title = "".join(ln.text for ln in title_lines)
        att = _Node("attachment", None, head.text.replace(" ", "").replace("　", ""), int(n) if n else k, title, "",
                    [head, *title_lines], "att")
        att.eid_n = n or str(k)
        if title is None:
            att.flags.append("attachment title not found")
        att.children = _block_with_attachments_inner(lines[body_start:end], tables, offset + body_start)
        if body_start >= end:
            att.flags.append("attachment body empty")
        nodes.append(att)
    return nodes


def _block_with_attachments_inner(lines: list[Line], tables: dict[int, tuple[int, Table]], offset: int) -> list[_Node]:
    return _parse_block(lines, tables, offset) if lines else []


def _is_title_line(text: str) -> bool:
    return (
        0 < len(text) <= 60
        and "\t" not in text
        and not re.search(r"[。；，;,]", text)
        and _classify(text, False) is None
        and not is_date_line(text)
    )


def _assign_eids(
    nodes: list[_Node], prefix: str, parent_text: bool = False, seen: dict[str, int] | None = None
) -> list[Provision]:
    """Turn built nodes into Provisions with eIds; flag skipped, repeated or missing numbers.

    Unnumbered paragraphs count from 2 under a node that carries its first paragraph as
    its own text (第四条 …。 + a second 款 → art_4__para_2), from 1 under a heading.
    """
    out: list[Provision] = []
    used: set[str] = set()
    counters: dict[str, int] = {"para": 1} if parent_text else {}
    seen = {} if seen is None else seen  # last value of each style anywhere before: continued lists
    last_value: dict[str, int] = {}
    for node in nodes:
        abbr = node.abbr
        counters[abbr] = counters.get(abbr, 0) + 1
        position = counters[abbr]
        flags = list(node.flags)
        if node.eid_n is not None:
            n = node.eid_n
        elif node.value is not None:
            n = str(node.value)
            key = f"{abbr}:{node.style}"
            previous = last_value.get(key)
            expected = 1 if previous is None else previous + 1
            continued = previous is None and seen.get(key) is not None and node.value == seen[key] + 1
            if node.value != expected and node.value != 1 and not continued and node.style != "column":
                flags.append(
                    f"numbering: {node.num} printed where number {expected} was expected"
                    if previous is not None
                    else f"numbering: starts at {node.num}"
                )
            last_value[key] = node.value
            seen[key] = node.value
        elif node.kind in ("paragraph", "table", "signature"):
            n = str(position)
        elif node.kind == "attachment_list":
            n = ""
        else:
            n = str(position)
            if node.num is not None:
                flags.append("number not read; position used")
        local = f"{abbr}_{n}" if n else abbr
        if local in used:
            base = local
            k = 2
            local = f"{abbr}_{position}" if f"{abbr}_{position}" not in used else f"{base}_{k}"
            while local in used:
                k += 1
                local = f"{base}_{k}"
            flags.append(f"number printed twice; eId {local} from position")
        used.add(local)
        eid = f"{prefix}__{local}" if prefix else local
        # Articles keep the path of the chapter and section holding them; a chapter's
        # number does not reset article numbering, so articles are checked document-wide.
        children = _assign_eids(node.children, eid, bool(node.text) and node.kind != "preamble", seen)
        all_lines = _subtree_lines(node)
        provision = Provision(
            eid=eid,
            kind=node.kind,
            num=node.num,
            heading=node.heading,
            text=node.text,
            span=_span(all_lines),
            children=children,
            flags=flags,
        )
        table = getattr(node, "table", None)
        if table is not None:
            table.eid = eid
        out.append(provision)
    return out


def _subtree_lines(node: _Node) -> list[Line]:
    lines = list(node.lines)
    for child in node.children:
        lines.extend(_subtree_lines(child))
    return sorted(lines, key=lambda ln: ln.span.line_start)


def _check_articles(tree: list[Provision]) -> None:
    """Articles are numbered through the whole instrument (第一条 … 第二十二条), across chapters."""

    def articles(nodes: list[Provision]) -> list[Provision]:
        out = []
        for node in nodes:
            if node.kind == "article":
                out.append(node)
            elif node.kind in ("part", "chapter", "section"):
                out.extend(articles(node.children))
        return out

    def clean_flags(node: Provision) -> None:
        node.flags = [f for f in node.flags if not f.startswith("numbering:")]

    def check(nodes: list[Provision]) -> None:
        found = articles(nodes)
        expected = 1
        for node in found:
            clean_flags(node)
            value = cn_number(node.num[1:-1]) if node.num else None
            if value != expected:
                node.flags.append(f"numbering: {node.num} printed where article {expected} was expected")
            expected = (value or expected) + 1
        for node in nodes:
            if node.kind == "attachment":
                check(node.children)

    check(tree)


@dataclass
class Structure:
    """The result of `structure`: the provision tree and the tables of one document."""

    provisions: list[Provision]
    tables: list[Table]


def structure(document: Document) -> Structure:
    """Build the provision tree and tables of a document.

    Args:
        document: a segmented document (see `segment.segment`).

    Returns:
        Its provisions (top-level nodes, each with its children) and its tables.

    >>> from gongbao.pipeline import parse_issue
    >>> text = ("郑州市人民政府\\n关于印发某办法的通知\\n郑政〔2017〕34号 2017年10月16日\\n"
    ...         "各有关单位：\\n现将《某办法》印发给你们。\\n某办法\\n第一章 总则\\n第一条 为了规范。\\n")
    >>> doc = parse_issue(text.encode(), "x.txt", "2017-10").documents[0]
    >>> [p.eid for p in structure(doc).provisions[1].walk()]
    ['chp_1', 'chp_1__art_1']
    """
    lines = document.lines
    start = _body_start(document)
    body = lines[start:]
    regions = table_regions(document)
    tables = {s - start: (e - start, t) for s, e, t in regions if s >= start}
    instruments = _instruments(document, body)
    nodes: list[_Node] = []
    if len(instruments) >= 2:
        pre = body[: instruments[0][0]]
        nodes.extend(_preamble(pre))
        for k, (i, span, title) in enumerate(instruments, start=1):
            end = instruments[k][0] if k < len(instruments) else len(body)
            node = _Node("attachment", None, None, k, title, "", body[i : i + span], "att")
            node.eid_n = str(k)
            node.children = _block_with_attachments(body[i + span : end], tables, i + span)
            nodes.append(node)
    else:
        first = instruments[0][0] + instruments[0][1] if instruments else _first_structural(body)
        nodes.extend(_preamble(body[:first]))
        nodes.extend(_block_with_attachments(body[first:], tables, first))
    tree = _assign_eids(nodes, "")
    _check_articles(tree)
    found_tables = [t for _, _, t in regions]
    return Structure(tree, found_tables)


def _first_structural(body: list[Line]) -> int:
    """Index of the first numbered or attachment line: what comes before it is the preamble."""
    decimal = sum(1 for ln in body if _DECIMAL_RE.match(ln.text)) >= 2
    for i, line in enumerate(body):
        text = line.text
        if _classify(text, decimal) is not None or _ATT_HEAD_RE.match(text) or _ATT_LIST_RE.match(text) or line.is_table_row:
            return i
    return len(body)


def _preamble(lines: list[Line]) -> list[_Node]:
    if not lines:
        return []
    node = _Node("preamble", None, None, None, None, "\n".join(ln.text for ln in lines), list(lines), "preamble")
    node.eid_n = ""
    return [node]


def find_provision(provisions: list[dict[str, Any]], eid: str) -> dict[str, Any] | None:
    """The provision (as exported) with this eId, in a tree of provision dicts.

    An article of a single 款 carries its text itself, so ``…art_11__para_1`` also finds
    ``…art_11`` when the article has no paragraph 1 of its own.
    """
    stack = list(provisions)
    while stack:
        node = stack.pop()
        if node["eid"] == eid:
            return node
        stack.extend(node["children"])
    if eid.endswith("__para_1"):
        parent = find_provision(provisions, eid[: -len("__para_1")])
        if parent is not None and parent["kind"] == "article":
            return parent
    return None


def structure_keys(document: Document) -> dict[str, Any]:
    """The export record keys this stage adds: work_uri, provisions, tables."""
    try:
        result = structure(document)
    except (ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:  # never lose a document
        return {
            "work_uri": work_uri(document),
            "provisions": [],
            "tables": [],
            "structure_flags": [f"structure failed: {type(exc).__name__}: {exc}"],
        }
    return {
        "work_uri": work_uri(document),
        "provisions": [p.to_dict() for p in result.provisions],
        "tables": [t.to_dict() for t in result.tables],
    }
