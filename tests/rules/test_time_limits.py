"""The due-date calculator around a real holiday and a 调休 working Saturday."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from gongbao.rules.api import InvalidFacts, calculate
from gongbao.rules.calendar import CalendarRangeError, add_working_days, is_working_day

ON = dt.date(2019, 6, 1)


def test_tiaoxiu_saturday_counts_and_national_day_does_not() -> None:
    # Saturday 2018-09-29 and Sunday 2018-09-30 were worked (调休); 10-01..10-07 off.
    days = np.array(["2018-09-29", "2018-09-30", "2018-10-01", "2018-10-06"], dtype="datetime64[D]")
    assert is_working_day(days).tolist() == [True, True, False, False]
    assert str(add_working_days(np.array(["2018-09-30"], dtype="datetime64[D]"), 1)[0]) == "2018-10-08"


def test_afternoon_file_of_a_friday_goes_over_on_the_tiaoxiu_saturday_at_0930() -> None:
    out = calculate("time_limits", {"received_at": "2018-09-28T15:30"}, ON)["results"]
    assert (out["paper_handover_date"]["value"], out["paper_handover_date"]["time"]) == ("2018-09-29", "09:30")
    assert (out["storage_date"]["value"], out["storage_date"]["time"]) == ("2018-09-28", "下班前")


def test_morning_file_goes_over_the_same_day_at_1400() -> None:
    out = calculate("time_limits", {"received_at": "2018-09-28T11:59"}, ON)["results"]
    assert (out["paper_handover_date"]["value"], out["paper_handover_date"]["time"]) == ("2018-09-28", "14:00")


def test_supplement_due_date_skips_the_national_day_holiday() -> None:
    facts = {"received_at": "2018-09-28T09:00", "promised_supplement_days": 3, "committed_processing_days": 3}
    out = calculate("time_limits", facts, ON)["results"]
    assert out["supplement_due_date"]["value"] == "2018-10-08"
    assert out["promise_period_valid"]["value"] is True
    assert out["supplement_due_date"]["provisions"][0]["doc_no"] == "郑政办〔2018〕78号"


def test_dates_outside_the_known_calendar_are_refused() -> None:
    with pytest.raises(CalendarRangeError):
        add_working_days(np.array(["2031-01-02"], dtype="datetime64[D]"), 1)
    with pytest.raises(InvalidFacts) as error:
        calculate("time_limits", {"received_at": "2031-01-02T09:00"}, ON)
    assert error.value.field == "received_at"
