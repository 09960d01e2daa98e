"""Values of the ingest stages: source spans, cleaned lines, document numbers, documents.

Every extracted fact carries a `SourceSpan` so that a reader can check it against the
printed gazette (file and 1-based line numbers of the original text file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SourceSpan:
    """Where a fact came from: a gazette file and an inclusive range of its lines (1-based)."""

    file: str
    issue: str
    line_start: int
    line_end: int

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "issue": self.issue,
            "line_start": self.line_start,
            "line_end": self.line_end,
        }


@dataclass(frozen=True)
class Line:
    """One logical line after cleaning: a paragraph, heading, list item or table row.

    `text` is the repaired text; `raw` keeps the original source lines (joined with
    newlines, blank lines dropped) so that nothing the cleaner did is irreversible;
    `raw_lines` gives the printed line number of each of those source lines (empty when
    unknown), so a character can be traced to its printed line across irregular blank runs.
    """

    text: str
    span: SourceSpan
    raw: str
    raw_lines: tuple[int, ...] = ()

    @property
    def is_table_row(self) -> bool:
        """Tab-separated rows (paragraph-per-line layouts) and markdown pipe rows."""
        return "\t" in self.text or (self.text.startswith("|") and self.text.count("|") >= 3)


@dataclass(frozen=True, order=True)
class DocumentNumber:
    """文号: the number an official document is issued under.

    Ordinary numbers have a prefix (发文机关代字), a year and a serial
    (郑政〔2018〕43号 → prefix 郑政, year 2018, serial 43). Decrees (政府令) have a
    prefix such as 郑州市人民政府令 and a serial but no year.
    """

    prefix: str
    year: int | None
    serial: int

    @property
    def is_decree(self) -> bool:
        return self.prefix.endswith("令")

    def __str__(self) -> str:
        if self.year is None:
            return f"{self.prefix}第{self.serial}号"
        return f"{self.prefix}〔{self.year}〕{self.serial}号"

    def to_dict(self) -> dict:
        return {"prefix": self.prefix, "year": self.year, "serial": self.serial}


@dataclass
class Document:
    """One document of a gazette issue, as segmented from the cleaned lines."""

    id: str
    doc_no: DocumentNumber | None
    date: date | None
    issuer: str | None
    genre: str | None
    title: str
    enclosed_title: str | None
    addressees: list[str]
    attachment_of: str | None
    source: SourceSpan
    lines: list[Line]
    # Problems found while segmenting (e.g. "date missing"), for the quality checks.
    flags: list[str] = field(default_factory=list)
    # Every instrument a 印发/转发 notice issues, in printed order (`enclosed_title` is the
    # first): 郑政文〔2017〕146号 issues five 攻坚方案.
    enclosed_titles: list[str] = field(default_factory=list)
    # Index in `lines` where a forwarded text (转发) printed inside this document begins; its
    # lines stay part of the host, but the facts they state belong to the forwarded text.
    forwarded_at: int | None = None

    @property
    def own_lines(self) -> list[Line]:
        """The lines this document states itself: all but a forwarded text printed inside."""
        return self.lines if self.forwarded_at is None else self.lines[: self.forwarded_at]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Issue:
    """A gazette issue (一期公报): one source file and the documents found in it."""

    name: str
    file: str
    sha256: str
    documents: list[Document]
    # Human-readable notes on what could not be read completely (truncation, etc.).
    problems: list[str] = field(default_factory=list)
