"""Deadlines stage: phrases of the bundled gazettes → dates relative to the document date."""

from __future__ import annotations

from datetime import date

import pytest

from gongbao.deadlines import find_deadlines, governing, month_end, parse_deadline
from gongbao.models import DeadlineKind

D2017 = date(2017, 8, 3)  # 郑政〔2017〕24号
D2018 = date(2018, 9, 30)  # 郑政办〔2018〕87号

# fmt: off
FIELDS = [
    # (field text as printed, document date, kind, due, start, flags that must be present)
    ("2018年底前", D2018, "date", date(2018, 12, 31), None, ()),
    ("8月底前", D2017, "date", date(2017, 8, 31), None, ("year-from-document",)),
    ("2019年6月前", D2018, "date", date(2019, 5, 31), None, ("before-month",)),
    ("2017年10月底前", D2017, "date", date(2017, 10, 31), None, ()),
    ("2017年全年", D2017, "date", date(2017, 12, 31), None, ()),
    (" 2018年12月", date(2018, 8, 7), "date", date(2018, 12, 31), None, ()),
    ("2018年7月", date(2018, 8, 7), "date", date(2018, 7, 31), None, ("past-at-issue",)),
    ("2018年10月20日前", D2018, "date", date(2018, 10, 20), None, ()),
    ("2018年10月20日前完成并持续完善", D2018, "date", date(2018, 10, 20), None, ()),
    ("2018年年底前", D2018, "date", date(2018, 12, 31), None, ()),
    ("2018—2020年", D2018, "span", date(2020, 12, 31), date(2018, 1, 1), ()),
    ("2018年1月-2020年12月", D2017, "span", date(2020, 12, 31), date(2018, 1, 1), ()),
    ("2017年8月-11月", D2017, "span", date(2017, 11, 30), date(2017, 8, 1), ()),
    ("每年1月底前", D2018, "recurring", date(2019, 1, 31), None, ()),
    ("每月24日前", D2017, "recurring", date(2017, 8, 24), None, ()),
    ("长期坚持", D2018, "ongoing", None, None, ()),
    ("持续推进", D2018, "ongoing", None, None, ()),
    ("长期", D2018, "ongoing", None, None, ()),
    ("试点全程", date(2018, 8, 7), "ongoing", None, None, ()),
    ("20个工作日内", D2018, "relative", None, None, ("relative-to-event",)),
    ("在规定时限内", D2018, "unknown", None, None, ("ambiguous",)),
]
# fmt: on


@pytest.mark.parametrize(("text", "day", "kind", "due", "start", "flags"), FIELDS)
def test_deadline_fields(text, day, kind, due, start, flags):
    deadline = parse_deadline(text, day)
    assert deadline.kind == DeadlineKind(kind)
    assert deadline.due == due
    assert deadline.start == start
    assert set(flags) <= set(deadline.flags)


def test_recurring_deadline_carries_an_rrule():
    deadline = parse_deadline("以后每年1月底前编制完成并上报", D2018)
    assert deadline.recurrence == "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=-1"


def test_month_without_year_takes_the_year_of_the_phrase_before():
    # 郑政办〔2017〕88号 L3289
    found = find_deadlines("2017年11月底前，完成整合清理；12月底前，建立名单；确保2018年6月底前实现接入。", date(2017, 8, 18))
    assert [d.due for d in found] == [date(2017, 11, 30), date(2017, 12, 31), date(2018, 6, 30)]
    assert "year-from-context" in found[1].flags
    assert governing(found).due == date(2018, 6, 30)


def test_running_text_needs_a_deadline_word():
    # 郑政办〔2022〕32号 附件2: a condition, not a deadline
    assert find_deadlines("2021年3月1日后新建项目之前已签订协议", date(2022, 3, 25)) == []
    assert [d.due for d in find_deadlines("8月底前制定专项方案", D2017)] == [date(2017, 8, 31)]


def test_month_end_handles_february():
    assert month_end(2020, 2) == date(2020, 2, 29)


def test_odd_text_never_crashes():
    for text in ("2018年13月底前", "2018年2月30日前", "每年13月", "每月40日前", "年", "—", ""):
        parse_deadline(text, D2018)
        find_deadlines(text, None)
