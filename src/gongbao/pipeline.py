"""The pipeline of one gazette issue: bytes → text → lines → documents → export records.

Each stage is a pure function in its own module (`read`, `clean`, `segment`, and the
extraction stages that add to a document's record). This module only wires them together;
the store and the CLI are the I/O edges that call it.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

from gongbao.clean import clean, is_date_line
from gongbao.config import BUNDLED_CORPUS
from gongbao.links import link_keys
from gongbao.models import Document, Issue
from gongbao.read import ReadError, check_size, decode_gazette
from gongbao.segment import INFORMATIONAL_FLAGS, segment
from gongbao.structure import structure_keys
from gongbao.tasks import task_keys

# A document whose last line ends like this is complete; otherwise the issue was cut off.
_COMPLETE_ENDINGS = ("。", "）", ")", "！", "？", "”", "》", "；")


class EmptyIssueError(ValueError):
    """A readable text file in which no gazette document could be found."""

    def __init__(self, file: str) -> None:
        super().__init__(
            f"{file}: no gazette document found (no header with a document number such as "
            "郑政〔2018〕43号, a decree number or a 任免 title)"
        )
        self.file = file


@functools.cache
def pipeline_fingerprint() -> str:
    """A digest of the code that derives records from a gazette file.

    The store keeps it beside each issue, so that records written by older code are derived
    again on the next ingest instead of lacking the keys newer stages add.
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if relative.parts[0] in {"web", "cli", "rules"} or path.suffix not in {".py", ".yaml"}:
            continue
        digest.update(str(relative).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def issue_name(path: Path) -> str:
    """The issue an input file holds, from its name: ``2018-08.txt`` → ``2018-08``."""
    return path.stem


def parse_issue(data: bytes, file: str, name: str) -> Issue:
    """Run read, clean and segment over the bytes of one gazette file.

    Raises:
        ReadError: the bytes are not gazette text (see `read.decode_gazette`).
        EmptyIssueError: the text holds no recognisable document.
    """
    text = decode_gazette(data, file)
    return _issue_from_text(text, file, name, hashlib.sha256(data).hexdigest())


def ingest_file(path: Path) -> Issue:
    """Read one gazette file from disk and parse it (the I/O edge of `parse_issue`).

    Errors name the path as given, so a person can find the file; the documents record only
    its name (`source.file`), which does not depend on where the corpus lies.
    """
    check_size(path)  # before reading: a 200 MB file is refused from its size alone
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(str(path), f"cannot be read: {exc.strerror}") from None
    try:
        return parse_issue(data, path.name, issue_name(path))
    except ReadError as exc:
        raise ReadError(str(path), exc.reason) from None
    except EmptyIssueError:
        raise EmptyIssueError(str(path)) from None



def bundled_issues() -> list[Issue]:
    """The bundled corpus (data/gazettes/zhengzhou), parsed in issue order.

    What `gongbao ingest` reads by default; serve, the benchmarks and the tests use it too.
    """
    return [ingest_file(path) for path in sorted(BUNDLED_CORPUS.glob("*.txt"))]

def _issue_from_text(text: str, file: str, name: str, digest: str) -> Issue:
    documents = segment(clean(text, file, name), name)
    if not documents:
        raise EmptyIssueError(file)
    problems: list[str] = []
    complete: list[Document] = []
    for document in documents:
        body = document.lines[1:]
        if len(body) < 2:
            problems.append(
                f"{file}:{document.source.line_start}: {document.doc_no or document.title} has "
                "a header but no body; not ingested (the file looks truncated)"
            )
            continue
        complete.append(document)
        for flag in document.flags:
            if flag not in INFORMATIONAL_FLAGS:
                problems.append(
                    f"{file}:{document.source.line_start}: {document.doc_no or document.title}: {flag}"
                )
    last = complete[-1] if complete else None
    if last is not None:
        tail = last.lines[-1]
        if _cut_off(last):
            last.flags.append("truncated")
            host = next((d for d in complete if d.id == last.attachment_of), None)
            if host is not None:
                host.flags.append("truncated")
            problems.append(
                f"{file}:{tail.span.line_end}: {last.doc_no or last.title} ends in mid-sentence; "
                "ingested as far as it goes and flagged 'truncated'"
            )
    return Issue(name=name, file=file, sha256=digest, documents=complete, problems=problems)


def _cut_off(document: Document) -> bool:
    """Does the document end in mid-sentence, or in a table row missing its last cells?"""
    tail = document.lines[-1].text
    if "\t" in tail:
        rows = []
        for line in reversed(document.lines):
            if "\t" not in line.text:
                break
            rows.append(line.text.count("\t"))
        widths = Counter(rows[1:])
        last_cell = tail.rsplit("\t", 1)[-1]
        # A long cell of prose that stops without punctuation was cut by the end of the file.
        if len(last_cell) > 30 and not last_cell.endswith(_COMPLETE_ENDINGS):
            return True
        return bool(widths) and rows[0] < widths.most_common(1)[0][0]
    return not (tail.endswith(_COMPLETE_ENDINGS) or is_date_line(tail))


def document_record(document: Document) -> dict[str, Any]:
    """The export record of a document: the contract other tools rely on (JSON Lines).

    The extraction stages (structure, links, tasks) each add their keys below, in pipeline
    order; a key once published is never renamed.
    """
    record: dict[str, Any] = {
        "id": document.id,
        "doc_no": str(document.doc_no) if document.doc_no else None,
        "doc_no_parts": document.doc_no.to_dict() if document.doc_no else None,
        "date": document.date.isoformat() if document.date else None,
        "issuer": document.issuer,
        "genre": document.genre,
        "title": document.title,
        "enclosed_title": document.enclosed_title,
        "enclosed_titles": document.enclosed_titles,
        "addressees": document.addressees,
        "attachment_of": document.attachment_of,
        "source": document.source.to_dict(),
        "text": document.text,
        "flags": document.flags,
        "lines": [
            {"text": line.text, "line_start": line.span.line_start, "line_end": line.span.line_end}
            for line in document.lines
        ],
    }
    record.update(structure_keys(document))
    # Links and tasks come after structure: they give each citation and task the eid of
    # the provision holding its line.
    # A host's citations and tasks exclude the forwarded text printed inside it: those are
    # the forwarded text's own, recorded once under it.
    own = dataclasses.replace(document, lines=document.own_lines, forwarded_at=None)
    record.update(link_keys(own, record.get("provisions")))
    record.update(task_keys(own, record.get("provisions")))
    return record
