"""Stage *links*, part 2: find the repeal statements and conflict clauses of a document.

Forms recognised (real examples from the bundled gazettes):

* a named repeal — "《…的通知》（郑政〔2011〕109号）于本办法施行之日同时废止",
  "自本文印发之日起，《…》（郑政〔2017〕31号）废止", "原《…》郑政文〔2012〕126号和《…》
  郑政通〔2015〕4号自本通知下发时废止" (one `Repeal` per repealed document);
* a repeal by title and date only — "2009年7月10日市政府发布的《郑州市行政应诉工作规则》同时废止";
* a blanket repeal — "市之前出台的关于服务外包产业发展相关支持政策同时废止";
* 停止执行 / 不再执行 / 同时失效 naming a document;
* a conflict clause — "此前有关总部经济的相关规定与之不一致的，以本办法为准".

Orders to repeal *other* texts in future ("要及时废止", "提出…停止执行…的建议") are not
repeals by this document and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from gongbao.citations import flatten_provisions, numbers_in, physical_line, provision_eid
from gongbao.models import Document
from gongbao.models.links import Repeal, RepealKind
from gongbao.regexes import TITLE_QUOTE_REGEX

_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")
_REPEAL_VERB = re.compile(r"(?:同时)?废止|停止执行|不再执行|同时失效|自行失效")
# Directives about other texts: a duty to repeal, not a repeal.
_DIRECTIVE = re.compile(r"要|应当|应予|及时|尽快|予以|建议|提出|清理|或修改|或进行调整|逐步")
# Words that make a repeal without title or number a statement about earlier texts.
_EARLIER = re.compile(r"原|之前|此前|以前|以往|同时废止")
_CONFLICT = re.compile(r"不一致的?[，,]?\s*(?:均|一律)?以本[\u4e00-\u9fff《》]{1,8}为准")
_ON_EFFECT = re.compile(r"于本\S{1,6}(?:施行|实施|执行)之日")
_ON_ISSUE = re.compile(r"自本\S{0,4}(?:印发|发布|下发|公布)(?:之日起|时)|(?:印发|发布)之日起")
_DATE_BEFORE_TITLE = re.compile(r"(?P<date>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)[^《，。]{0,12}$")


def find_repeals(document: Document, provisions: Iterable[Mapping[str, Any]] | None = None) -> list[Repeal]:
    """Every repeal statement and conflict clause of a document, in printed order.

    Args:
        document: a segmented document.
        provisions: its provisions (see `citations.flatten_provisions`), for the `eid`.

    Returns:
        One `Repeal` per repealed document (number and title when printed), one per blanket
        repeal, one per conflict clause.

    A line "《…激励暂行办法的通知》（郑政〔2011〕109号）于本办法施行之日同时废止。" gives
    Repeal(kind=repeal, number=郑政〔2011〕109号, when="on_effect").
    """
    spans = flatten_provisions(provisions)
    city = document.issuer[: document.issuer.find("市") + 1] if document.issuer and "市" in document.issuer else None
    found: list[Repeal] = []
    for line in document.lines:
        for m in _SENTENCE.finditer(line.text):
            sentence = m.group(0).strip()
            offset = m.start()
            # Cheap test first: most sentences hold neither a repeal nor a conflict clause.
            if not (_REPEAL_VERB.search(sentence) or _CONFLICT.search(sentence)):
                continue
            physical = physical_line(line, offset)

            def make(kind: RepealKind, number=None, title=None, when=None, flags=(), at=physical,
                     sentence=sentence, line=line) -> Repeal:
                return Repeal(kind, number, title, sentence, document.id, provision_eid(at, spans), at,
                              line.span, when, tuple(flags))

            if _CONFLICT.search(sentence):
                found.append(make(RepealKind.CONFLICT))
            verb = _REPEAL_VERB.search(sentence)
            if not verb or _DIRECTIVE.search(sentence[: verb.start()].split("，")[-1] + verb.group(0)):
                continue
            # 同时废止 / 同时失效: "at the same time" as the text comes into force (the clause
            # before it — 本办法自2017年10月1日起执行…同时废止 — dates the document, not the repeal).
            if _ON_EFFECT.search(sentence) or verb.group(0).startswith("同时"):
                when = "on_effect"
            else:
                when = "on_issue" if _ON_ISSUE.search(sentence) else None
            numbers = [n for n in numbers_in(sentence, city) if n[0] < verb.start()]
            titled = {}
            for start, _end, number, flags in numbers:
                title = _title_before(sentence, start)
                titled[title] = True
                found.append(make(RepealKind.REPEAL, number, title, when, flags,
                                  physical_line(line, offset + start)))
            for t in TITLE_QUOTE_REGEX.finditer(sentence[: verb.start()]):
                title = re.sub(r"\s+", "", t["title"])
                if title in titled:
                    continue
                flags = ["repealed by title only"]
                date_m = _DATE_BEFORE_TITLE.search(sentence[: t.start()])
                if date_m:
                    flags.append(f"issued {date_m['date']}")
                found.append(make(RepealKind.REPEAL, None, title, when, flags, physical_line(line, offset + t.start())))
                titled[title] = True
            if not titled and _EARLIER.search(sentence) and verb.group(0) != "不再执行":
                found.append(make(RepealKind.REPEAL, None, None, when, ["blanket repeal: no title or number"]))
    return found


def _title_before(sentence: str, start: int) -> str | None:
    head = sentence[:start].rstrip(" \u3000（(")
    if not head.endswith("》"):
        return None
    opening = head.rfind("《")
    return re.sub(r"\s+", "", head[opening + 1 : -1]) if opening >= 0 else None
