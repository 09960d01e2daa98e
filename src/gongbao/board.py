"""Boards: the tasks of the stored documents, filtered for one unit, as rows or files.

Cross-document views are computed from the stored export records at read time (the
``tasks`` key written by the tasks stage): what a unit owes, what is due before a date,
what is overdue on a date. `to_csv` and `to_ics` turn the rows into files; the iCalendar
file has one event per dated deadline (milestones included), with the document number and
the provision in the description.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from gongbao.units import UnitRegistry, load_registry

_DATED = ("date", "span", "recurring")


@dataclass(frozen=True)
class BoardRow:
    """One task on a board, with the document it comes from."""

    task: dict
    document_id: str
    doc_no: str | None
    title: str
    document_date: str | None

    @property
    def due(self) -> date | None:
        deadline = self.task.get("deadline") or {}
        return date.fromisoformat(deadline["due"]) if deadline.get("due") else None

    @property
    def units(self) -> list[str]:
        return self.task["lead"] + self.task["responsible"] + self.task["cooperating"]

    def role_of(self, unit: str, registry: UnitRegistry) -> str | None:
        """牵头 / 责任 / 配合: how `unit` takes part (through a group if need be)."""
        for role, label in (("lead", "牵头"), ("responsible", "责任"), ("cooperating", "配合")):
            if registry.concerns(unit, self.task[role]):
                return label
        return None

    def to_dict(self) -> dict:
        return {"document_id": self.document_id, "doc_no": self.doc_no, "title": self.title,
                "document_date": self.document_date, **self.task}


def board(
    records: Iterable[dict],
    unit: str | None = None,
    due_before: date | None = None,
    overdue_on: date | None = None,
    registry: UnitRegistry | None = None,
) -> list[BoardRow]:
    """The tasks of the records, optionally for one unit, sorted by due date.

    Args:
        records: stored export records (each with a ``tasks`` key).
        unit: a unit name in any spelling (市发改委); tasks given to a group the unit belongs
            to (各县（市、区）人民政府 for 金水区人民政府) are included.
        due_before: only tasks with a dated deadline on or before this day.
        overdue_on: only tasks whose dated, non-recurring deadline is before this day.

    A forwarded text's tasks appear once, under the forwarded text, not again under the
    host notice whose lines hold it.

    Example:
        >>> [r.task["text"] for r in board([{"id": "d", "doc_no": None, "title": "t", "date": None,
        ...   "tasks": [{"text": "制定方案", "lead": ["市财政局"], "responsible": [], "cooperating": [],
        ...              "deadline": None, "span": {"file": "f", "line_start": 1, "line_end": 1}}]}],
        ...   unit="市财政局")]
        ['制定方案']
    """
    registry = registry or load_registry()
    records = list(records)
    hosted = {r.get("attachment_of") for r in records if r.get("attachment_of")}
    attached_spans = {
        (t["span"]["file"], t["span"]["line_start"], t["span"]["line_end"], t["text"])
        for r in records if r.get("attachment_of") for t in r.get("tasks") or []
    }
    rows: list[BoardRow] = []
    for record in records:
        for task in record.get("tasks") or []:
            key = (task["span"]["file"], task["span"]["line_start"], task["span"]["line_end"], task["text"])
            if record["id"] in hosted and key in attached_spans:
                continue
            row = BoardRow(task, record["id"], record.get("doc_no"), record.get("title", ""), record.get("date"))
            if unit and not registry.concerns(unit, row.units):
                continue
            deadline = task.get("deadline") or {}
            due = row.due
            if due_before and (due is None or deadline.get("kind") not in _DATED or due > due_before):
                continue
            if overdue_on and (due is None or deadline.get("kind") not in ("date", "span") or due >= overdue_on):
                continue
            rows.append(row)
    rows.sort(key=lambda r: (r.due or date.max, r.document_id, r.task["span"]["line_start"]))
    return rows


CSV_COLUMNS = ("due", "deadline", "deadline_kind", "lead", "responsible", "cooperating", "task",
               "document_id", "doc_no", "eid", "file", "line_start", "line_end")


def to_csv(rows: Iterable[BoardRow]) -> str:
    """CSV text with one row per task (units joined by 、)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        task, deadline = row.task, row.task.get("deadline") or {}
        writer.writerow([
            deadline.get("due") or "", deadline.get("text") or "", deadline.get("kind") or "",
            "、".join(task["lead"]), "、".join(task["responsible"]), "、".join(task["cooperating"]),
            task["text"].replace("\n", " "), row.document_id, row.doc_no or "", task.get("eid") or "",
            task["span"]["file"], task["span"]["line_start"], task["span"]["line_end"],
        ])
    return out.getvalue()


def to_ics(rows: Iterable[BoardRow], stamp: datetime | None = None) -> bytes:
    """An iCalendar file: one all-day event per dated deadline or milestone of each task.

    Recurring deadlines (每年1月底前) carry their RRULE. UIDs are stable across exports
    (document, line and deadline), so a calendar program updates events instead of
    duplicating them.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//gongbao//tasks//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "gongbao tasks")
    stamp = stamp or datetime(2000, 1, 1)
    for row in rows:
        task = row.task
        deadlines = task.get("milestones") or ([task["deadline"]] if task.get("deadline") else [])
        for n, deadline in enumerate(deadlines):
            if not deadline or not deadline.get("due") or deadline.get("kind") not in _DATED:
                continue
            due = date.fromisoformat(deadline["due"])
            units = "、".join(task["lead"] or task["responsible"] or task["cooperating"])
            summary = task["text"].replace("\n", " ")
            event = Event()
            event.add("uid", f"{row.document_id}-L{task['span']['line_start']}-{n}@gongbao")
            event.add("dtstamp", stamp)
            event.add("dtstart", due)
            event.add("dtend", due + timedelta(days=1))
            event.add("summary", f"[{units}] {summary[:60]}" if units else summary[:60])
            description = [
                f"文号: {row.doc_no or row.document_id}",
                f"文件: {row.title}",
                f"条款: {task.get('eid') or '—'}",
                f"期限: {deadline['text']}",
                f"牵头: {'、'.join(task['lead']) or '—'}",
                f"责任: {'、'.join(task['responsible']) or '—'}",
                f"配合: {'、'.join(task['cooperating']) or '—'}",
                f"来源: {task['span']['file']} 行 {task['span']['line_start']}–{task['span']['line_end']}",
                "",
                summary,
            ]
            event.add("description", "\n".join(description))
            if deadline.get("recurrence"):
                event.add("rrule", _rrule(deadline["recurrence"]))
            calendar.add_component(event)
    return calendar.to_ical()


def _rrule(rule: str) -> dict:
    parts: dict[str, list] = {}
    for piece in rule.split(";"):
        key, _, value = piece.partition("=")
        values = [int(v) if v.lstrip("-").isdigit() else v for v in value.split(",")]
        parts[key.lower()] = values
    return parts
