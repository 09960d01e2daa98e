"""Deadlines stage: deadline phrases → dates relative to the document date.

Chinese official documents date their tasks in a handful of ways: an explicit day
(2018年10月20日前), a month or a year end (2018年12月底前, 2018年底前), a month without a
year (8月底前: the document's year), a period (2018—2020年), a recurrence (每年1月底前,
每月24日前), no end at all (长期坚持, 持续推进, 试点全程) or a count from an undated event
(20个工作日内). `find_deadlines` finds every such phrase in a text; `parse_deadline` reads
a 完成时限 / 时间节点 field. What cannot be dated is kept as text and flagged, never guessed.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from gongbao.models.tasks import Deadline, DeadlineKind

_Y = r"(?P<y>(?:19|20)\d{2})年"
_DASH = r"[—–\-－~～至到]"
_BEFORE = r"(?P<before>前|之前|以前)?"

# Each pattern: (name, regex). Scanning keeps the longest match at each position, so the
# order only breaks ties between equally long matches.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 2017年9月-2017年11月, 2018年1月-2020年12月, 2017年8月-11月
    ("month_span", re.compile(
        r"(?P<y1>(?:19|20)\d{2})年(?P<m1>\d{1,2})月份?" + _DASH + r"{1,2}"
        r"(?:(?P<y2>(?:19|20)\d{2})年)?(?P<m2>\d{1,2})月份?(?P<end>底|末)?")),
    # 2018—2020年, 2018-2020年, 2018年至2020年
    ("year_span", re.compile(
        r"(?P<y1>(?:19|20)\d{2})年?" + _DASH + r"{1,2}(?P<y2>(?:19|20)\d{2})年(?:底|末)?")),
    # 每年1月底前, 每年12月10日前, 每月24日前, 每季度最后一个月25日前, 每季度结束一个月内
    ("recurring", re.compile(
        r"每年(?P<ym>\d{1,2})月(?P<yend>底|末)?(?:(?P<yd>\d{1,2})日)?(?:前|之前|以前)?"
        r"|每月(?P<md>\d{1,2})日(?:前|之前|以前)?"
        r"|每季度(?:最后一个月(?P<qd>\d{1,2})日|末|结束(?:后|一个月内)?)(?:前|之前|以前)?")),
    # 2018年10月20日前
    ("day", re.compile(_Y + r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日" + _BEFORE)),
    # 2018年12月底前, 2019年6月前, 2018年12月
    ("month", re.compile(_Y + r"(?P<m>\d{1,2})月份?(?P<part>底|末|上旬|中旬|下旬)?" + _BEFORE)),
    # 2018年底前, 2017年年底以前, 2018年年内, 2017年全年
    ("year_end", re.compile(_Y + r"(?:年?底|年?末|年内|内|全年)(?:前|之前|以前)?")),
    # 2017年上半年, 2022年一季度
    ("year_part", re.compile(_Y + r"(?:第?(?P<q>[一二三四1-4])季度|(?P<h>上半年|下半年|前三季度))(?:前|之前|末)?")),
    # 到2020年, 2018年完成, 2019年前
    ("year", re.compile(
        r"(?:到|至|截至|截止到?)" + _Y + r"|" + _Y.replace("?P<y>", "?P<y_>") + r"(?=完成|建成|前|之前|以前)")),
    # 2月5日前, 10月20日前 (no year)
    ("day_no_year", re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:前|之前|以前)")),
    # 8月底前, 6月底之前, 9月前 (no year)
    ("month_no_year", re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<part>底|末)?(?:前|之前|以前)")),
    # 年底前 (no year)
    ("year_end_no_year", re.compile(r"(?<![\d年])年(?:底|末)(?:前|之前|以前)?")),
]

# Phrases of a deadline field that mean the work has no end.
_ONGOING = re.compile(r"长期坚持|长期|持续推进|持续开展|持续|常态化|试点全程|全程|逐年|每年滚动|随时")
# Counts from an undated event: 20个工作日内, 1个月内, 3年内, 五年内.
_RELATIVE = re.compile(r"[\d一二三四五六七八九十两半]+个?(?:工作日|日|天|个月|月|年|周)(?:内|以内)")
_QUARTER_END = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}


def month_end(year: int, month: int) -> date:
    """The last day of a month: ``month_end(2018, 2)`` → 2018-02-28."""
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _scan(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """All pattern matches, keeping the longest at each place and dropping overlaps."""
    found = []
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            found.append((m.start(), m.end(), name, m))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str, re.Match[str]]] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


def find_deadlines(text: str, document_date: date | None, strict: bool = True) -> list[Deadline]:
    """Every dated or recurring deadline phrase in a text, in printed order.

    A month without a year takes the year of the phrase before it in the same text
    (11月底前…；12月底前), else the document's year; both are flagged. In running text
    (`strict`) a day or a month counts only with a deadline word (前, 底, 末, 完成):
    "2021年3月1日后新建项目" dates a condition, not a deadline. A deadline field
    (`strict=False`, as `parse_deadline` reads 完成时限： 2018年12月) needs none.

    Example:
        >>> [d.due.isoformat() for d in find_deadlines("2017年11月底前完成清理；12月底前建立名单", date(2017, 8, 18))]
        ['2017-11-30', '2017-12-31']
    """
    compact = re.sub(r"\s+", "", text)
    results: list[Deadline] = []
    context_year: int | None = None
    for _, end, name, m in _scan(compact):
        if strict and name in ("day", "month") and not (
            m.groupdict().get("before") or m.groupdict().get("part")
            or compact.startswith(("完成", "建成", "实现"), end)
        ):
            continue
        deadline = _read(name, m, document_date, context_year)
        if deadline is None:
            continue
        if deadline.due is not None and deadline.kind in (DeadlineKind.DATE, DeadlineKind.SPAN):
            context_year = deadline.due.year
        if (
            document_date is not None
            and deadline.kind == DeadlineKind.DATE
            and deadline.due is not None
            and deadline.due < document_date
        ):
            deadline = Deadline(**{**_fields(deadline), "flags": deadline.flags + ("past-at-issue",)})
        results.append(deadline)
    return results


def _fields(deadline: Deadline) -> dict:
    return {
        "text": deadline.text, "kind": deadline.kind, "due": deadline.due, "start": deadline.start,
        "recurrence": deadline.recurrence, "flags": deadline.flags,
    }


def _read(name: str, m: re.Match[str], document_date: date | None, context_year: int | None) -> Deadline | None:
    text = m.group(0)
    g = m.groupdict()
    if name == "month_span":
        y1, m1 = int(g["y1"]), int(g["m1"])
        y2 = int(g["y2"]) if g["y2"] else y1
        m2 = int(g["m2"])
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None
        return Deadline(text, DeadlineKind.SPAN, due=month_end(y2, m2), start=date(y1, m1, 1))
    if name == "year_span":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 < y1:
            return None
        return Deadline(text, DeadlineKind.SPAN, due=date(y2, 12, 31), start=date(y1, 1, 1))
    if name == "recurring":
        return _recurring(text, g, document_date)
    if name == "day":
        due = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return Deadline(text, DeadlineKind.DATE, due=due) if due else None
    if name == "month":
        return _month(text, int(g["y"]), int(g["m"]), g["part"], g["before"], ())
    if name == "year_end":
        return Deadline(text, DeadlineKind.DATE, due=date(int(g["y"]), 12, 31))
    if name == "year_part":
        year = int(g["y"])
        if g["q"]:
            return Deadline(text, DeadlineKind.DATE, due=month_end(year, _QUARTER_END[g["q"]]))
        month = {"上半年": 6, "下半年": 12, "前三季度": 9}[g["h"]]
        return Deadline(text, DeadlineKind.DATE, due=month_end(year, month))
    if name == "year":
        year = int(g["y"] or g["y_"])
        return Deadline(text, DeadlineKind.DATE, due=date(year, 12, 31))
    # The phrases without a year: take it from the context, else from the document.
    if context_year is not None:
        year, flag = context_year, "year-from-context"
    elif document_date is not None:
        year, flag = document_date.year, "year-from-document"
    else:
        return Deadline(text, DeadlineKind.UNKNOWN, flags=("ambiguous", "no-year"))
    if name == "day_no_year":
        due = _safe_date(year, int(g["m"]), int(g["d"]))
        return Deadline(text, DeadlineKind.DATE, due=due, flags=(flag,)) if due else None
    if name == "month_no_year":
        return _month(text, year, int(g["m"]), g["part"], "前", (flag,))
    if name == "year_end_no_year":
        return Deadline(text, DeadlineKind.DATE, due=date(year, 12, 31), flags=(flag,))
    return None


def _month(text: str, year: int, month: int, part: str | None, before: str | None, flags: tuple[str, ...]) -> Deadline | None:
    if not 1 <= month <= 12:
        return None
    if part in ("底", "末", "下旬"):
        return Deadline(text, DeadlineKind.DATE, due=month_end(year, month), flags=flags)
    if part == "上旬":
        return Deadline(text, DeadlineKind.DATE, due=date(year, month, 10), flags=flags)
    if part == "中旬":
        return Deadline(text, DeadlineKind.DATE, due=date(year, month, 20), flags=flags)
    if before:
        # 6月前: literally "before June starts"; flagged because some writers mean "by June".
        return Deadline(text, DeadlineKind.DATE, due=date(year, month, 1) - timedelta(days=1),
                        flags=flags + ("before-month",))
    # 完成时限：2018年12月 — the work is due within that month.
    return Deadline(text, DeadlineKind.DATE, due=month_end(year, month), flags=flags)


def _recurring(text: str, g: dict, document_date: date | None) -> Deadline:
    start = document_date or date.today()
    if g.get("ym"):
        month = int(g["ym"])
        if not 1 <= month <= 12:
            return Deadline(text, DeadlineKind.UNKNOWN, flags=("ambiguous",))
        day = int(g["yd"]) if g.get("yd") else None
        rule = f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day if day else -1}"
        due = None
        for year in (start.year, start.year + 1):
            candidate = _safe_date(year, month, day) if day else month_end(year, month)
            if candidate and candidate >= start:
                due = candidate
                break
        return Deadline(text, DeadlineKind.RECURRING, due=due, recurrence=rule)
    if g.get("md"):
        day = int(g["md"])
        if not 1 <= day <= 31:
            return Deadline(text, DeadlineKind.UNKNOWN, flags=("ambiguous",))
        due = None
        year, month = start.year, start.month
        for _ in range(3):
            candidate = _safe_date(year, month, day)
            if candidate and candidate >= start:
                due = candidate
                break
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return Deadline(text, DeadlineKind.RECURRING, due=due, recurrence=f"FREQ=MONTHLY;BYMONTHDAY={day}")
    if g.get("qd"):
        day = int(g["qd"])
        # The last month of each quarter: March, June, September, December.
        return Deadline(text, DeadlineKind.RECURRING, recurrence=f"FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY={day}",
                        due=_next_quarter_day(start, day))
    # 每季度末 / 每季度结束一个月内: recurring, but the day is not printed.
    return Deadline(text, DeadlineKind.RECURRING, flags=("ambiguous",))


def _next_quarter_day(start: date, day: int) -> date | None:
    for year in (start.year, start.year + 1):
        for month in (3, 6, 9, 12):
            candidate = _safe_date(year, month, day)
            if candidate and candidate >= start:
                return candidate
    return None


def parse_deadline(text: str, document_date: date | None) -> Deadline | None:
    """Read a deadline field (完成时限 / 时间节点) as a whole.

    The dated phrase that governs is the latest one (a field can list milestones); a field
    without a date is ongoing (长期), relative (20个工作日内) or kept as text and flagged.

    Example:
        >>> parse_deadline("2018年10月20日前完成并持续完善", date(2018, 9, 30)).due
        datetime.date(2018, 10, 20)
        >>> parse_deadline("长期", date(2018, 9, 30)).kind.value
        'ongoing'
    """
    text = text.strip().rstrip("。；;，,")
    if not text:
        return None
    found = find_deadlines(text, document_date, strict=False)
    if found:
        return governing(found)
    compact = re.sub(r"\s+", "", text)
    if _RELATIVE.search(compact):
        return Deadline(compact, DeadlineKind.RELATIVE, flags=("relative-to-event",))
    if _ONGOING.search(compact):
        return Deadline(compact, DeadlineKind.ONGOING)
    # A bare year in a deadline field: 2018年 → by the end of 2018.
    bare = re.fullmatch(_Y + r"(?:完成)?", compact)
    if bare:
        return Deadline(compact, DeadlineKind.DATE, due=date(int(bare.group("y")), 12, 31))
    return Deadline(compact, DeadlineKind.UNKNOWN, flags=("ambiguous",))


def governing(deadlines: list[Deadline]) -> Deadline | None:
    """The deadline a task is finally due by: the latest dated one, else the first.

    Example:
        >>> d = find_deadlines("2017年11月底前…确保2018年6月底前实现", date(2017, 8, 18))
        >>> governing(d).due.isoformat()
        '2018-06-30'
    """
    dated = [d for d in deadlines if d.due is not None and d.kind in (DeadlineKind.DATE, DeadlineKind.SPAN)]
    if dated:
        return max(dated, key=lambda d: d.due or date.min)
    return deadlines[0] if deadlines else None
