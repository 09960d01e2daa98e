"""Values of the structure stage: the provision tree of a document and its tables.

A `Provision` is one node of a document's outline (章, 条, 款, 项, 一、, （一）, 专栏, 附件 …)
with the number as printed, its eId (docs/identifiers.md) and the source lines it came from.
A `Table` is a grid rebuilt from tab-separated, markdown or space-flattened rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from gongbao.models.ingest import SourceSpan


@dataclass
class Provision:
    """One node of a provision tree.

    `kind` names the legal unit (part, chapter, section, article, paragraph, point,
    level1…level5, column, attachment, attachment_list, preamble, signature, text,
    instrument); `num` is the number exactly as printed (第十一条, （一）, 附件2) or None;
    `heading` the short title printed with the number (总则, 落户奖励) or None; `text` the
    node's own lines before its first child; `flags` what looked wrong (numbering skipped,
    printed twice, attachment omitted).
    """

    eid: str
    kind: str
    num: str | None
    heading: str | None
    text: str
    span: SourceSpan
    children: list[Provision] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[Provision]:
        """This node and every node below it, in printed order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """The node's text with all its descendants', one printed paragraph per line."""
        first = " ".join(p for p in (self.num, self.heading, self.text) if p)
        lines = [first] if first else []
        lines.extend(child.full_text() for child in self.children)
        return "\n".join(line for line in lines if line)

    def to_dict(self) -> dict:
        return {
            "eid": self.eid,
            "kind": self.kind,
            "num": self.num,
            "heading": self.heading,
            "text": self.text,
            "span": {"line_start": self.span.line_start, "line_end": self.span.line_end},
            "flags": list(self.flags),
            "children": [c.to_dict() for c in self.children],
        }


@dataclass(frozen=True)
class Cell:
    """One table cell: the text as printed, and its number and unit when it is numeric.

    ``"62.5%"`` → value 62.5, unit "%"; ``"≥1.86"`` → value 1.86, comparator "≥";
    ``"逐年增加"`` → value None.
    """

    text: str
    value: float | None = None
    unit: str | None = None
    comparator: str | None = None

    def to_dict(self) -> dict:
        out: dict = {"text": self.text}
        if self.value is not None:
            out["value"] = self.value
            if self.unit:
                out["unit"] = self.unit
            if self.comparator:
                out["comparator"] = self.comparator
        return out


@dataclass
class Table:
    """A table of a document: one header and rows of cells, all of the same width.

    A table whose rows could not be brought to one width keeps its rows as printed and is
    flagged ``"not reconstructed"``; `text` always holds the printed lines.
    """

    eid: str
    header: list[Cell]
    rows: list[list[Cell]]
    span: SourceSpan
    text: str
    caption: str | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.header)

    @property
    def consistent(self) -> bool:
        return all(len(row) == self.width for row in self.rows)

    def to_dict(self) -> dict:
        return {
            "eid": self.eid,
            "caption": self.caption,
            "header": [c.text for c in self.header],
            "rows": [[c.to_dict() for c in row] for row in self.rows],
            "span": {"line_start": self.span.line_start, "line_end": self.span.line_end},
            "flags": list(self.flags),
        }
