"""Values of the tasks stage: deadlines and tasks (who must do what by when).

A `Task` is one assignment printed in a document: the work (its text), the units that lead
it (牵头单位), carry it out (责任单位 / 负责单位) or help (配合单位), and its deadline. Every
task keeps the `SourceSpan` of the lines it was read from and the eId of the provision
holding it once the structure stage provides provisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from gongbao.models.ingest import SourceSpan


class DeadlineKind(StrEnum):
    """How a deadline phrase reads.

    - ``date``: a day by which the work is due (2018年底前 → 2018-12-31).
    - ``span``: a period with a start and an end (2018—2020年); due at its end.
    - ``recurring``: due again and again (每年1月底前, 每月24日前); ``due`` is the first
      occurrence on or after the document date.
    - ``ongoing``: no end (长期坚持, 持续推进, 试点全程).
    - ``relative``: counted from an event the text does not date (20个工作日内).
    - ``unknown``: a phrase read as a deadline that cannot be dated; kept as text.
    """

    DATE = "date"
    SPAN = "span"
    RECURRING = "recurring"
    ONGOING = "ongoing"
    RELATIVE = "relative"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Deadline:
    """A deadline phrase as printed and what it means on the calendar.

    `flags` say where reading the phrase took a decision a person may want to check:
    ``year-from-document`` (8月底前 takes the document's year), ``before-month`` (6月前
    read as "before June starts"), ``past-at-issue`` (already due when the document was
    dated), ``ambiguous`` (kept as text, not dated).
    """

    text: str
    kind: DeadlineKind
    due: date | None = None
    start: date | None = None
    # RFC 5545 recurrence rule for recurring deadlines, e.g. "FREQ=YEARLY;BYMONTH=1".
    recurrence: str | None = None
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind.value,
            "due": self.due.isoformat() if self.due else None,
            "start": self.start.isoformat() if self.start else None,
            "recurrence": self.recurrence,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class Task:
    """One assignment of work to units, with its deadline and where it was printed.

    `format` names the printed form it was read from (see `docs/tasks.md`): ``paren``
    (trailing （…负责）/（责任单位：…）/（X牵头，Y配合）), ``fields`` (牵头单位：/责任单位：/
    完成时限： lines after a task), ``sentence`` (a line "X牵头，Y按职责分工负责。"),
    ``table`` (columns 牵头单位/责任单位/负责单位), ``narrative`` (由X牵头…) and ``column``
    (由X牵头 inside a 专栏 box).
    """

    text: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    cooperating: tuple[str, ...]
    deadline: Deadline | None
    document_id: str
    eid: str | None
    span: SourceSpan
    format: str
    # Every deadline phrase of the task in printed order (milestones); `deadline` is the
    # one that governs (the latest dated one, else the first).
    milestones: tuple[Deadline, ...] = ()
    # The unit text as printed, before splitting and normalisation.
    units_text: str = ""
    flags: tuple[str, ...] = field(default=())

    @property
    def units(self) -> tuple[str, ...]:
        """Every unit named, leads first, without repeats."""
        return tuple(dict.fromkeys(self.lead + self.responsible + self.cooperating))

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "lead": list(self.lead),
            "responsible": list(self.responsible),
            "cooperating": list(self.cooperating),
            "deadline": self.deadline.to_dict() if self.deadline else None,
            "milestones": [m.to_dict() for m in self.milestones],
            "document_id": self.document_id,
            "eid": self.eid,
            "span": self.span.to_dict(),
            "format": self.format,
            "units_text": self.units_text,
            "flags": list(self.flags),
        }
