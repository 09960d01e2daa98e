"""Boards: a unit's tasks across documents, overdue lists, CSV and iCalendar exports."""

from __future__ import annotations

import csv
import io
from datetime import date
from functools import lru_cache

from icalendar import Calendar

from gongbao.board import board, to_csv, to_ics
from gongbao.pipeline import bundled_issues, document_record


@lru_cache(maxsize=1)
def records() -> tuple[dict, ...]:
    return tuple(document_record(d) for issue in bundled_issues() for d in issue.documents)


def test_board_of_the_finance_bureau_spans_several_documents_with_deadlines():
    rows = board(records(), unit="市财政局")
    documents = {r.document_id for r in rows}
    dated = [r for r in rows if r.due]
    assert len(documents) >= 5
    assert len({r.document_id for r in dated}) >= 3
    assert [r.due for r in dated] == sorted(r.due for r in dated)  # soonest first


def test_board_of_the_development_commission_accepts_any_spelling():
    rows = board(records(), unit="市发改委")
    assert rows == board(records(), unit="市发展改革委")
    assert len({r.document_id for r in rows}) >= 5
    assert len({r.document_id for r in rows if r.due}) >= 3


def test_a_district_sees_the_tasks_of_its_group():
    rows = board(records(), unit="金水区政府")
    assert any("各县（市、区）人民政府" in r.units for r in rows)


def test_due_before_and_overdue_on():
    due = board(records(), due_before=date(2017, 12, 31))
    assert due and all(r.due <= date(2017, 12, 31) for r in due)
    overdue = board(records(), overdue_on=date(2018, 1, 1))
    assert overdue and all(r.due < date(2018, 1, 1) for r in overdue)
    assert all(r.task["deadline"]["kind"] in ("date", "span") for r in overdue)


def test_forwarded_text_tasks_are_listed_once():
    rows = board(records())
    keys = [(r.task["span"]["file"], r.task["span"]["line_start"], r.task["text"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_ics_validates_and_has_one_event_per_dated_deadline():
    rows = board(records(), unit="市财政局")
    payload = to_ics(rows)
    calendar = Calendar.from_ical(payload)
    events = list(calendar.walk("VEVENT"))
    expected = sum(
        1 for r in rows for m in (r.task["milestones"] or [r.task["deadline"]])
        if m and m["due"] and m["kind"] in ("date", "span", "recurring")
    )
    assert len(events) == expected > 0
    assert len({str(e["UID"]) for e in events}) == len(events)
    first = events[0]
    assert "文号:" in str(first["DESCRIPTION"]) and "条款:" in str(first["DESCRIPTION"])
    assert first.decoded("DTSTART") < first.decoded("DTEND")


def test_csv_has_a_row_per_task():
    rows = board(records(), unit="市财政局")
    table = list(csv.reader(io.StringIO(to_csv(rows))))
    assert table[0][:3] == ["due", "deadline", "deadline_kind"]
    assert len(table) == len(rows) + 1
