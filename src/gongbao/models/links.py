"""Values of the *links* stage: citations, law references, repeals, entry into force, status.

Every value keeps its provenance: the citing document's id, the provision `eid` that holds
it (None until the document has provisions), the printed line where it starts (`line`) and
the span of the logical line it was read from (`span`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from gongbao.models.ingest import DocumentNumber, SourceSpan


@dataclass(frozen=True)
class Citation:
    """A citation of a document by its number (文号 or 令号).

    `number` is normalised (郑政 〔2016〕 29）号 → 郑政〔2016〕29号); `printed` is the text as
    it stands in the gazette. `flags` say what had to be repaired ("year printed before
    the prefix", "号 missing", …) so that the quality checks can report it.
    """

    number: DocumentNumber
    printed: str
    title: str | None
    citing_id: str
    eid: str | None
    line: int
    span: SourceSpan
    flags: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The normalised number, the key citations resolve by: 郑政〔2017〕34号."""
        return str(self.number)

    def to_dict(self) -> dict:
        return {
            "number": self.key,
            "number_parts": self.number.to_dict(),
            "printed": self.printed,
            "title": self.title,
            "citing_id": self.citing_id,
            "eid": self.eid,
            "line": self.line,
            "line_start": self.span.line_start,
            "line_end": self.span.line_end,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class LawReference:
    """A law, regulation or rule cited by its title alone: 《中华人民共和国预算法》.

    `forward` marks a text the document says is still to be drafted (制定《…办法》).
    """

    title: str
    citing_id: str
    eid: str | None
    line: int
    span: SourceSpan
    forward: bool = False

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "citing_id": self.citing_id,
            "eid": self.eid,
            "line": self.line,
            "line_start": self.span.line_start,
            "line_end": self.span.line_end,
            "forward": self.forward,
        }


class RepealKind(StrEnum):
    REPEAL = "repeal"  # 废止, 同时废止, 停止执行
    CONFLICT = "conflict"  # 与本办法不一致的，以本办法为准


@dataclass(frozen=True)
class Repeal:
    """One repealed text named in a repeal statement, or a conflict clause.

    A statement naming two documents gives two `Repeal`s with the same `rule_text`.
    A blanket repeal ("市之前出台的…相关支持政策同时废止") has neither number nor title.
    `when` says when the repeal takes effect: "on_effect" (于本办法施行之日) or "on_issue"
    (自本文印发之日起 / 自本通知下发时), None when the text does not say.
    """

    kind: RepealKind
    number: DocumentNumber | None
    title: str | None
    rule_text: str
    citing_id: str
    eid: str | None
    line: int
    span: SourceSpan
    when: str | None = None
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "kind": self.kind.value,
            "number": str(self.number) if self.number else None,
            "title": self.title,
            "rule_text": self.rule_text,
            "citing_id": self.citing_id,
            "eid": self.eid,
            "line": self.line,
            "line_start": self.span.line_start,
            "line_end": self.span.line_end,
            "when": self.when,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class Effect:
    """The life of a document as its own text sets it.

    `basis` says where `effective_from` comes from: "explicit date" (自2017年11月1日起施行),
    "document date" (自印发之日起施行), or None when no clause was found.
    """

    effective_from: date | None
    valid_until: date | None
    rule_text: str | None
    line: int | None
    basis: str | None = None
    provisional: bool = False  # 暂行 / 试行 in the title or the clause
    validity_text: str | None = None
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "effective_from": self.effective_from.isoformat() if self.effective_from else None,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "rule_text": self.rule_text,
            "line": self.line,
            "basis": self.basis,
            "provisional": self.provisional,
            "validity_text": self.validity_text,
            "flags": list(self.flags),
        }


class State(StrEnum):
    NOT_YET_IN_FORCE = "not yet in force"
    IN_FORCE = "in force"
    EXPIRED = "expired"
    REPEALED = "repealed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Status:
    """The status of a document on a date, with the reason a person can check."""

    state: State
    on: date
    reason: str
    by: str | None = None  # the repealing document's id
    since: date | None = None
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "state": self.state.value,
            "on": self.on.isoformat(),
            "reason": self.reason,
            "by": self.by,
            "since": self.since.isoformat() if self.since else None,
            "notes": list(self.notes),
        }
