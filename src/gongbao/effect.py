"""Stage *links*, part 3: when a document takes effect and how long it lasts.

`find_effect(document)` reads the clauses a document sets its own life with:

* an explicit date — "本办法自2017年11月1日起施行" (also 起执行 / 起实施 / 起试行);
* the document's date — "自印发之日起施行", "自发布之日起实施", "自公布之日起施行",
  "本《通知》自发文之日起施行", "本预案自发布之日起公布实施";
* a validity period counted from the effective date — "有效期两年" (2017-11-01 → 2019-10-31);
* an explicit end — "有效期至2022年8月31日", "试行至2019年底止".

The clause may sit in the cover notice or in a later article (第三十六条); the last clause
whose subject is the document (本办法/本规定/本预案/本次…) wins, and clauses that disagree
are flagged. 暂行 / 试行 in the title or the clause is noted (`provisional`). Impossible
dates (2月30日) and periods that end before they start are flagged, never raised.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from gongbao.citations import physical_line
from gongbao.models import Document
from gongbao.models.links import Effect

_CN_NUM = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"[\d〇零一二两三四五六七八九十]{1,4}"
_DATE = rf"(?P<y>(?:19|20)\d{{2}}|[〇零一二三四五六七八九]{{4}})年(?P<m>{_NUM})月(?P<d>{_NUM})日"
_VERB = r"(?:公布)?(?:施行|执行|实施|试行|生效)"
# The clause must end after the verb (not "自2019年1月1日起实施新标准").
_AFTER_VERB = r"(?=$|[，,。；;]|有效期|并|同时|至)"
_EXPLICIT = re.compile(rf"(?:自|从|于){_DATE}起{_VERB}{_AFTER_VERB}")
_ON_ISSUE = re.compile(rf"(?:自|从)(?:本\S{{0,4}})?(?:印发|发布|公布|发文|下发|颁布|签发)之日起{_VERB}{_AFTER_VERB}")
_VALID_YEARS = re.compile(rf"有效期(?:为)?(?P<n>{_NUM})年")
_VALID_UNTIL = re.compile(
    rf"(?:有效期至|有效期截至|试行至|执行至|实施至|施行至|有效至)(?:{_DATE}|(?P<ey>(?:19|20)\d{{2}})年(?:(?P<em>{_NUM})月)?底)"
)
_PROVISIONAL = re.compile(r"暂行|试行")
# A sentence without any of these words sets nothing (a cheap test before the patterns).
_ANY = re.compile(r"之日起|日起|有效期|至")


def find_effect(document: Document) -> Effect:
    """The effective date and validity a document sets for itself.

    Args:
        document: a segmented document (its `date` anchors 自印发之日起).

    Returns:
        An `Effect`; all fields None when the text states nothing (most 通知 and 方案 take
        effect on issue by convention — `status` applies that rule, not this stage).

    A line "本办法自2017年11月1日起施行，有效期两年。" gives effective_from 2017-11-01 and
    valid_until 2019-10-31.
    """
    provisional = bool(_PROVISIONAL.search(document.title or "") or _PROVISIONAL.search(document.enclosed_title or ""))
    clauses: list[tuple[date | None, str, str, int, list[str]]] = []
    validity: tuple[str, int, object] | None = None
    for line in document.lines:
        for sentence_m in re.finditer(r"[^。；]+[。；]?", line.text):
            sentence = sentence_m.group(0).strip()
            if not _ANY.search(sentence):
                continue
            at = physical_line(line, sentence_m.start())
            flags: list[str] = []
            m = _EXPLICIT.search(sentence)
            if m:
                start = _make_date(m["y"], m["m"], m["d"], flags)
                clauses.append((start, "explicit date", sentence, at, flags))
            elif _ON_ISSUE.search(sentence):
                if document.date is None:
                    flags.append("document date unknown")
                clauses.append((document.date, "document date", sentence, at, flags))
            else:
                m = None
            v = _VALID_UNTIL.search(sentence)
            if v:
                vflags: list[str] = []
                if v["y"]:
                    end = _make_date(v["y"], v["m"], v["d"], vflags)
                else:
                    end = _end_of(int(v["ey"]), _to_int(v["em"]) if v["em"] else 12, vflags)
                validity = (sentence, at, ("until", end, vflags))
                if "试行" in v.group(0):
                    provisional = True
            y = _VALID_YEARS.search(sentence)
            if y:
                validity = (sentence, at, ("years", _to_int(y["n"]), []))
            if (m or _ON_ISSUE.search(sentence)) and _PROVISIONAL.search(sentence):
                provisional = True
    if not clauses and validity is None:
        return Effect(None, None, None, None, None, provisional)
    flags: list[str] = []
    effective_from: date | None = None
    basis = rule_text = None
    line_no: int | None = None
    if clauses:
        # The document's own clause is the last one (the article closing the instrument).
        effective_from, basis, rule_text, line_no, cflags = clauses[-1]
        flags.extend(cflags)
        starts = {c[0] for c in clauses if c[0] is not None}
        if len(starts) > 1:
            flags.append("effective-date clauses disagree: " + ", ".join(sorted(d.isoformat() for d in starts)))
    valid_until: date | None = None
    validity_text = None
    if validity is not None:
        validity_text, vline, (kind, value, vflags) = validity
        flags.extend(vflags)
        if rule_text is None:
            rule_text, line_no = validity_text, vline
        if kind == "until":
            valid_until = value
        elif effective_from is not None and value is not None:
            valid_until = _add_years(effective_from, value) - timedelta(days=1)
        else:
            flags.append("validity period without an effective date")
    if effective_from and valid_until and valid_until < effective_from:
        flags.append(f"validity ends ({valid_until}) before it starts ({effective_from})")
    if effective_from and document.date and effective_from < document.date:
        flags.append("retroactive: takes effect before the document's date")
    return Effect(effective_from, valid_until, rule_text, line_no, basis, provisional, validity_text, tuple(flags))


def _to_int(text: str | None) -> int | None:
    """Arabic or Chinese numerals up to 九十九: 两 → 2, 十二 → 12, 三十一 → 31."""
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    if all(c in _CN_NUM for c in text):  # 二〇一七
        return int("".join(str(_CN_NUM[c]) for c in text))
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_NUM.get(tens, 1) if tens else 1) * 10 + (_CN_NUM.get(units, 0) if units else 0)
    return None


def _make_date(y: str, m: str, d: str, flags: list[str]) -> date | None:
    year, month, day = _to_int(y), _to_int(m), _to_int(d)
    try:
        return date(year, month, day)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        flags.append(f"impossible date {y}年{m}月{d}日")
        return None


def _end_of(year: int, month: int | None, flags: list[str]) -> date | None:
    """2019年底 → 2019-12-31; 2019年6月底 → 2019-06-30."""
    try:
        return date(year, month or 12, calendar.monthrange(year, month or 12)[1])
    except (TypeError, ValueError, calendar.IllegalMonthError):
        flags.append(f"impossible date {year}年{month}月底")
        return None


def _add_years(start: date, years: int) -> date:
    """Same day N years later; 29 February becomes 1 March in a common year."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 3, 1)
