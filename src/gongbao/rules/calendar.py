"""Date arithmetic shared by the rules: anniversaries and China's working days.

Working days come from chinese-calendar (法定节假日 and 调休 working weekends), turned
once into a sorted numpy array so that due dates of a million cases are one
`searchsorted`. Outside the years chinese-calendar knows, nothing is guessed: the
functions raise `CalendarRangeError`.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import chinese_calendar
import numpy as np
from chinese_calendar import constants as _cc


class CalendarRangeError(ValueError):
    """A date falls outside the years whose holidays chinese-calendar publishes."""


def calendar_range() -> tuple[dt.date, dt.date]:
    """First and last day whose working-day status chinese-calendar knows."""
    first = dt.date(min(_cc.holidays).year, 1, 1)
    last = dt.date(max(_cc.holidays).year, 12, 31)
    return first, last


@cache
def workdays() -> np.ndarray:
    """Every working day (工作日, 调休 Saturdays included) in the known range, sorted."""
    first, last = calendar_range()
    days = chinese_calendar.get_workdays(first, last, include_weekends=True)
    return np.array(days, dtype="datetime64[D]")


def _check_range(days: np.ndarray) -> None:
    first, last = calendar_range()
    if days.size and (days.min() < np.datetime64(first) or days.max() > np.datetime64(last)):
        bad = days[(days < np.datetime64(first)) | (days > np.datetime64(last))][0]
        raise CalendarRangeError(
            f"{bad} is outside {first}–{last}, the years chinese-calendar knows holidays for"
        )


def add_working_days(days: np.ndarray, n: np.ndarray | int) -> np.ndarray:
    """The n-th working day after each day (the start day itself is not counted).

    This is how 行政许可 time limits are counted: "2个工作日内" from Friday
    2018-09-28 ends on Saturday 2018-09-29 and Sunday 2018-09-30 (调休 working days).

    >>> str(add_working_days(np.array(["2018-09-28"], dtype="datetime64[D]"), 2)[0])
    '2018-09-30'
    """
    days = np.asarray(days, dtype="datetime64[D]")
    _check_range(days)
    table = workdays()
    n = np.broadcast_to(np.asarray(n, dtype=np.int64), days.shape)
    if np.any(n < 1):
        raise ValueError("a number of working days must be at least 1")
    # Number of working days on or before `day`; the next ones follow in the table.
    done = np.searchsorted(table, days, side="right")
    index = done + n - 1
    if np.any(index >= table.size):
        raise CalendarRangeError("the due date falls after the last year chinese-calendar knows")
    return table[index]


def is_working_day(days: np.ndarray) -> np.ndarray:
    """Whether each day is a working day."""
    days = np.asarray(days, dtype="datetime64[D]")
    _check_range(days)
    table = workdays()
    at = np.searchsorted(table, days, side="left")
    at = np.minimum(at, table.size - 1)
    return table[at] == days


def _add_years_exact(days: np.ndarray, years: np.ndarray | int) -> np.ndarray:
    months = days.astype("datetime64[M]")
    day_of_month = days - months.astype("datetime64[D]")
    target = (months + np.asarray(years, dtype=np.int64) * 12).astype("datetime64[D]")
    return target + day_of_month


_TABLE_START = np.datetime64("1950-01-01")
_TABLE_DAYS = 36525 * 2  # 1950–2149
_TABLE_YEARS = 10


@cache
def _anniversaries() -> np.ndarray:
    """anniversary[n, i] = the n-th anniversary of day i of the table (a gather is cheap)."""
    days = _TABLE_START + np.arange(_TABLE_DAYS).astype("timedelta64[D]")
    return np.stack([_add_years_exact(days, n) for n in range(_TABLE_YEARS + 1)])


def add_years(days: np.ndarray, years: np.ndarray | int) -> np.ndarray:
    """The anniversary `years` after each day (29 February → 1 March).

    "自认定之日起 2 年内" is read as: before the 2nd anniversary of the day of recognition.
    Looked up in a precomputed table for 1950–2149 and 0–10 years, computed otherwise.

    >>> str(add_years(np.array(["2016-02-29"], dtype="datetime64[D]"), 2)[0])
    '2018-03-01'
    """
    days = np.asarray(days, dtype="datetime64[D]")
    years = np.broadcast_to(np.asarray(years, dtype=np.int64), days.shape)
    index = (days - _TABLE_START).astype(np.int64)
    inside = (index >= 0) & (index < _TABLE_DAYS) & (years >= 0) & (years <= _TABLE_YEARS)
    if inside.all():
        return _anniversaries()[years, index]
    return _add_years_exact(days, years)


def to_date(value: np.datetime64) -> dt.date:
    """numpy day → datetime.date."""
    return np.datetime64(value, "D").astype(dt.date)
