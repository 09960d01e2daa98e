"""Independent audit of the links stage against `tests/fixtures/links_audit.tsv`.

The fixture was labelled from the raw gazette text (see its header), not from our output.
These tests measure the export records (`pipeline.document_record`, as `gongbao export`
writes them) against it: precision and recall of citations, repeals and effective dates,
the fields of each matched fact (title, citing document, provision eid), and — independent
of the extractor — that every document number a broad scan of the raw text finds is decided
in the fixture.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from gongbao.config import BUNDLED_CORPUS
from gongbao.pipeline import document_record, ingest_file

FIXTURE = Path(__file__).parent / "fixtures" / "links_audit.tsv"
ISSUES = ("2017-08", "2017-10", "2018-08", "2018-09", "2022-03")


@lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, str], ...]:
    with FIXTURE.open(encoding="utf-8") as f:
        return tuple(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


@lru_cache(maxsize=1)
def _records() -> tuple[dict[str, Any], ...]:
    records = []
    for issue in ISSUES:
        for document in ingest_file(BUNDLED_CORPUS / f"{issue}.txt").documents:
            records.append(document_record(document))
    return tuple(records)


def _gold(*kinds: str) -> list[dict[str, str]]:
    return [r for r in _rows() if r["kind"] in kinds]


def _fold(title: str | None) -> str:
    """Titles compared as printed: width, spaces and nested-quote style folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", title or "")).replace("〈", "<").replace("〉", ">")


def _score(found: set, gold: set) -> tuple[float, float]:
    hit = len(found & gold)
    return (hit / len(found) if found else 1.0, hit / len(gold) if gold else 1.0)


def _citations() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for record in _records():
        for citation in record["citations"]:
            yield record, citation


# Facts are keyed by what a reader checks: the issue, the printed line and the normalised
# number. A citation inside a forwarded text is printed once, so the copy in the host
# record counts once.
def test_citations_precision_and_recall():
    gold = {(r["issue"], int(r["line"]), r["value"]) for r in _gold("citation")}
    found = {(rec["source"]["issue"], c["line"], c["number"]) for rec, c in _citations()}
    precision, recall = _score(found, gold)
    assert (precision, recall) == (1.0, 1.0), (sorted(found - gold)[:8], sorted(gold - found)[:8])


def test_own_numbers_are_never_citations():
    own = {(r["issue"], r["citing_id"], r["value"]) for r in _gold("own_number")}
    cited = {(rec["source"]["issue"], c["citing_id"], c["number"]) for rec, c in _citations()}
    assert not own & cited


def test_each_citation_has_its_title_and_citing_document():
    gold = {(r["issue"], int(r["line"]), r["value"]): r for r in _gold("citation")}
    wrong = []
    for record, c in _citations():
        row = gold.get((record["source"]["issue"], c["line"], c["number"]))
        if row is None:
            continue
        if _fold(c["title"]) != _fold(row["title"]):
            wrong.append(("title", c["number"], c["title"], row["title"]))
        # The innermost document printing the line cites it; a host also lists the
        # citations of the text it forwards (its id is the forwarded text's minus -aN).
        if c["citing_id"] not in (row["citing_id"], re.sub(r"-a\d+$", "", row["citing_id"])):
            wrong.append(("citing", c["number"], c["citing_id"], row["citing_id"]))
    assert not wrong, wrong[:8]


def _walk(provisions: list[dict[str, Any]], depth: int = 0) -> Iterator[tuple[int, int, int, str]]:
    for p in provisions or ():
        span = p.get("span") or p
        yield span["line_start"], span["line_end"], depth, p["eid"]
        yield from _walk(p.get("children") or [], depth + 1)


def test_each_link_names_the_innermost_provision_holding_its_line():
    wrong = []
    for record in _records():
        spans = list(_walk(record.get("provisions") or []))
        for fact in record["citations"] + record["repeals"] + record["law_references"]:
            holding = [s for s in spans if s[0] <= fact["line"] <= s[1]]
            if not holding:
                expected = None
            else:
                expected = min(holding, key=lambda s: (s[1] - s[0], -s[2]))[3]
            if fact["eid"] != expected or (holding and fact["eid"] is None):
                wrong.append((record["id"], fact["line"], fact["eid"], expected))
    assert not wrong, wrong[:8]


def test_repeals_precision_and_recall():
    gold = {(r["issue"], r["citing_id"], r["kind"], r["value"], r["title"] or None)
            for r in _gold("repeal", "conflict")}
    found = set()
    for record in _records():
        if record["id"].endswith(("-a1", "-a2")):
            continue  # a forwarded text's clauses are its own, not the host's: none in the corpus
        for r in record["repeals"]:
            value = "以本X为准" if r["kind"] == "conflict" else r["number"] or r["title"] or "(blanket)"
            found.add((record["source"]["issue"], record["id"], r["kind"], value,
                       r["when"] if r["kind"] == "repeal" else None))
    precision, recall = _score(found, gold)
    assert (precision, recall) == (1.0, 1.0), (sorted(found - gold), sorted(gold - found))


def test_repeals_name_the_line_of_the_repealed_number():
    gold = {(r["citing_id"], r["value"]): int(r["line"]) for r in _gold("repeal") if "〔" in r["value"]}
    lines = {(rec["id"], r["number"]): r["line"] for rec in _records() for r in rec["repeals"] if r["number"]}
    assert {k: lines.get(k) for k in gold} == gold


def test_effective_dates_precision_and_recall():
    gold = {(r["issue"], r["citing_id"], r["kind"], r["value"])
            for r in _gold("effective_from", "valid_until", "provisional")}
    found = set()
    for record in _records():
        effect = record["effect"]
        issue = record["source"]["issue"]
        for kind in ("effective_from", "valid_until"):
            if effect[kind]:
                found.add((issue, record["id"], kind, effect[kind]))
        if effect["provisional"]:
            found.add((issue, record["id"], "provisional", "true"))
    precision, recall = _score(found, gold)
    assert (precision, recall) == (1.0, 1.0), (sorted(found - gold), sorted(gold - found))


def test_effect_clause_lines():
    gold = {r["citing_id"]: int(r["line"]) for r in _gold("effective_from")}
    lines = {rec["id"]: rec["effect"]["line"] for rec in _records() if rec["id"] in gold}
    assert lines == gold


# --- the fixture against the raw text, without the extractor --------------------------

_FURNITURE = re.compile(r"^\s*(?:—\s*\d+\s*—|郑州市人民政府公报.*)\s*$")
_OPEN, _CLOSE = "〔\\[（(﹝【［", "〕\\]）)﹞】］"
# Deliberately broad: a bracketed year then digits and 号 (or a closing bracket) within a
# few characters, the decree and announcement forms, and any other N号.
_BROAD = re.compile(
    rf"[{_OPEN}](?:19|20)\d\d[{_CLOSE}][^\d。；，《》]{{0,8}}?(?P<a>\d{{1,5}})(?:[^\d。；，《》]{{0,2}}?号|(?=[)）]))"
    r"|令第?(?P<b>\d{1,5})号|第(?P<c>\d{1,5})号[\u4e00-\u9fff]{0,4}?令|公告\d{4}年第(?P<d>\d{1,5})号|(?P<e>\d{1,5})号"
)


def _stream(issue: str) -> tuple[str, list[int]]:
    """The issue's text with blank lines, page furniture and all whitespace removed, and the
    printed line of every character: numbers broken across lines and pages are whole."""
    chars: list[str] = []
    lines: list[int] = []
    text = (BUNDLED_CORPUS / f"{issue}.txt").read_text(encoding="utf-8")
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip() or _FURNITURE.match(raw):
            continue
        for ch in raw:
            if not ch.isspace():
                chars.append(ch)
                lines.append(number)
    return "".join(chars), lines


@pytest.mark.parametrize("issue", ISSUES)
def test_every_number_in_the_raw_text_is_decided_in_the_fixture(issue):
    stream, lines = _stream(issue)
    decided = [r for r in _rows() if r["issue"] == issue and r["kind"] in ("citation", "own_number", "not_citation")]
    undecided = []
    for m in _BROAD.finditer(stream):
        serial = next(g for g in m.groups() if g is not None)
        line = lines[m.start()]
        if not any(abs(int(r["line"]) - line) <= 6 and re.search(rf"(?<!\d){int(serial)}号$", r["value"])
                   or (r["kind"] == "not_citation" and serial in r["value"] and abs(int(r["line"]) - line) <= 2)
                   for r in decided):
            undecided.append((line, stream[max(0, m.start() - 12) : m.end() + 2]))
    assert not undecided, undecided[:8]
