"""Cross-document links, computed at read time from the stored export records.

* `Corpus.from_records(records)` indexes the stored documents by normalised number.
* `Corpus.resolve(citation)` sends a citation to a stored document, or to the node of an
  *external* document keyed by its number (`ext:国发〔2016〕34号`), whose issuing body is
  derived from the prefix by rule (`issuer_of_prefix`: 国发 → 国务院, 豫政办 → 河南省人民政府办公厅,
  郑政 → 郑州市人民政府 …). A cited title that does not match the cited document's title, or
  whose issuer is not the prefix's issuer, is flagged as a probable misprint.
* `status(record, on, corpus)` — not yet in force / in force / expired / repealed (by which
  document) / unknown, from the record's `effect` and the repeals of the other documents.
* `annotate(records, today)` adds `status_today` to records being exported.
* `in_force_ids(conn, on)` — the ids of the documents in force on a date, for search filters
  (`gongbao search --in-force-on DATE`).
* `citation_graph(corpus)` — the citation graph as a networkx DiGraph.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import Any

import networkx as nx

from gongbao import store
from gongbao.docnumber import parse_document_number
from gongbao.models.links import State, Status

# 发文机关代字 → issuing body, as data. Exact prefixes first; the rules below compose the
# rest from a place (国/豫/郑) and a kind (政 = 人民政府, 政办 = 人民政府办公厅, 发 = 党委…).
ISSUING_BODIES: dict[str, str] = {
    "国发": "国务院", "国函": "国务院", "国办发": "国务院办公厅", "国办函": "国务院办公厅",
    "国务院令": "国务院", "中发": "中共中央", "中办发": "中共中央办公厅",
    "豫政": "河南省人民政府", "豫政文": "河南省人民政府", "豫政办": "河南省人民政府办公厅",
    "豫政办文": "河南省人民政府办公厅", "豫发": "中共河南省委", "豫办": "中共河南省委办公厅",
    "厅文": "中共河南省委办公厅",
    "郑政": "郑州市人民政府", "郑政文": "郑州市人民政府", "郑政通": "郑州市人民政府",
    "郑政办": "郑州市人民政府办公厅", "郑政办文": "郑州市人民政府办公厅",
    "郑发": "中共郑州市委", "郑办": "中共郑州市委办公厅", "郑办文": "中共郑州市委办公厅",
    "郑州市人民政府令": "郑州市人民政府", "郑人常办": "郑州市人大常委会办公厅",
    "郑财农": "郑州市财政局", "郑国资": "郑州市人民政府国有资产监督管理委员会",
    "郑河办": "郑州市河长制办公室", "郑人社办": "郑州市人力资源和社会保障局",
    "郑妇": "郑州市妇女联合会", "郑房改字": "郑州市住房制度改革委员会办公室",
    "豫发改能源": "河南省发展和改革委员会", "豫人社": "河南省人力资源和社会保障厅",
    "豫建建": "河南省住房和城乡建设厅", "豫建城管": "河南省住房和城乡建设厅",
    "豫教基二": "河南省教育厅", "豫基教办": "河南省基础教育工作领导小组办公室",
    "发改环资": "国家发展和改革委员会", "国家发展改革委令": "国家发展和改革委员会",
    "财建": "财政部", "建规": "住房和城乡建设部", "建城": "住房和城乡建设部",
    "建城函": "住房和城乡建设部", "建房改": "住房和城乡建设部", "民发": "民政部",
    "农市发": "农业部", "工信部联产业": "工业和信息化部", "工信部规": "工业和信息化部",
    "商服贸函": "商务部", "商运发": "商务部", "全爱卫发": "全国爱国卫生运动委员会",
    "中央编办发": "中央机构编制委员会办公室", "教师": "教育部", "教基二": "教育部",
    "国土资规": "国土资源部",
}
# The place a prefix starts with, and the body its kind names there.
_PLACES = {"国": ("国务院", None), "豫": ("河南省", "中共河南省委"), "郑": ("郑州市", "中共郑州市委")}
_KINDS = (("政办", "人民政府办公厅"), ("政", "人民政府"), ("办", "办公厅"), ("发", ""))


def issuer_of_prefix(prefix: str) -> str | None:
    """The issuing body a 发文机关代字 stands for, by table then by rule.

    >>> issuer_of_prefix("郑政办文"), issuer_of_prefix("豫政办"), issuer_of_prefix("xyz")
    ('郑州市人民政府办公厅', '河南省人民政府办公厅', None)
    """
    if prefix in ISSUING_BODIES:
        return ISSUING_BODIES[prefix]
    if prefix.endswith("令") and prefix[:-1].endswith(("人民政府", "部", "委", "局")):
        return prefix[:-1]
    place = _PLACES.get(prefix[:1])
    if place is None or place[1] is None:
        return None
    rest = prefix[1:].removesuffix("文")
    for kind, body in _KINDS:
        if rest == kind:
            return place[0] + body if body != "" else place[1]
    return None


def external_key(number: str) -> str:
    """The node id of a document outside the corpus: `ext:` + its normalised number."""
    return f"ext:{number}"


def _canon(title: str) -> str:
    s = unicodedata.normalize("NFKC", title).replace("發", "发")
    return re.sub(r"[\s《》〈〉“”\"'‘’()（）、，,·]", "", s)


def titles_match(cited: str, actual: str) -> bool:
    """Is a cited title the title of the document (allowing short forms and small slips)?

    >>> titles_match("郑州市财政支持稳增长…十六条实施意见", "郑州市人民政府关于印发郑州市财政支持稳增长…十六条实施意见的通知")
    True
    """
    a, b = _canon(cited), _canon(actual)
    if not a or not b:
        return True
    if a in b or b in a:
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.75


def _title_issuer(title: str) -> str | None:
    """国务院办公厅关于… → 国务院办公厅: the issuer a full title names before 关于/印发/转发."""
    m = re.match(r"^([\u4e00-\u9fff]{2,40}?)(?:关于|印发|转发)", title)
    return m.group(1) if m else None


@dataclass
class Resolution:
    """Where a citation points: a stored document, or an external node."""

    target: str  # a document id, or ext:<number>
    in_corpus: bool
    issuer: str | None
    flags: list[str] = field(default_factory=list)


@dataclass
class Corpus:
    """The stored records, indexed for resolution and status."""

    records: list[dict[str, Any]]
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_number: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # repealed document id → (repealing id, repeal row)
    repealed_by: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)
    # external number → titles it has been cited with (to spot misprinted numbers)
    external_titles: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def from_records(cls, records: list[dict[str, Any]]) -> Corpus:
        """Index records: by id, by normalised number, and who repeals whom."""
        corpus = cls(records=records)
        for record in records:
            corpus.by_id[record["id"]] = record
            if record.get("doc_no"):
                corpus.by_number.setdefault(record["doc_no"], []).append(record)
        for record in records:
            for repeal in record.get("repeals") or []:
                if repeal.get("kind") != "repeal":
                    continue
                for target in corpus._repeal_targets(repeal):
                    if target != record["id"]:
                        corpus.repealed_by.setdefault(target, []).append((record["id"], repeal))
            for citation in record.get("citations") or []:
                if citation["number"] not in corpus.by_number and citation.get("title"):
                    corpus.external_titles.setdefault(citation["number"], set()).add(citation["title"])
        return corpus

    def _repeal_targets(self, repeal: dict[str, Any]) -> list[str]:
        """Stored documents a repeal names, or the external node of its number."""
        if repeal.get("number"):
            found = [r["id"] for r in self.by_number.get(repeal["number"], [])]
            return found or [external_key(repeal["number"])]
        if repeal.get("title"):
            return [r["id"] for r in self.records if _canon(r["title"]) == _canon(repeal["title"])]
        return []

    def find(self, wanted: str) -> dict[str, Any] | None:
        """A record by id or by its number in any spelling people type."""
        if wanted in self.by_id:
            return self.by_id[wanted]
        number = parse_document_number(wanted)
        found = self.by_number.get(str(number)) if number else None
        return found[0] if found else None

    def resolve(self, citation: dict[str, Any]) -> Resolution:
        """Resolve a citation record (`citations[i]` of an export record) by its number."""
        number = citation["number"]
        title = citation.get("title")
        found = self.by_number.get(number, [])
        flags: list[str] = []
        prefix = (citation.get("number_parts") or {}).get("prefix") or ""
        issuer = issuer_of_prefix(prefix)
        if found:
            target = found[0]
            if title and not any(titles_match(title, t) for t in _titles_of(target)):
                flags.append(f"probable misprint: cited as 《{title}》 but {number} is 《{target['title']}》")
            return Resolution(target["id"], True, target.get("issuer") or issuer, flags)
        if title:
            named = _title_issuer(title)
            if issuer and named and _office_mismatch(issuer, named):
                flags.append(f"probable misprint: {prefix} is {issuer}'s prefix but the title names {named}")
            others = [t for t in self.external_titles.get(number, ()) if not titles_match(title, t)]
            if others:
                flags.append(f"{number} is also cited as 《{others[0]}》")
        return Resolution(external_key(number), False, issuer, flags)

    def cited_by(self, doc_id: str) -> list[tuple[str, dict[str, Any]]]:
        """(citing id, citation) for every citation that resolves to `doc_id`."""
        out = []
        for record in self.records:
            for citation in record.get("citations") or []:
                if self.resolve(citation).target == doc_id:
                    out.append((record["id"], citation))
        return out


def _office_mismatch(issuer: str, named: str) -> bool:
    """国发 (国务院) cited for a 国务院办公厅 title, or the reverse: the body and its general
    office (办公厅) share a place but not a prefix, a slip gazettes make.

    >>> _office_mismatch("国务院", "国务院办公厅"), _office_mismatch("国务院", "国务院")
    (True, False)
    """
    if issuer.endswith("办公厅"):
        base = issuer.removesuffix("办公厅")
        return named.startswith(base) and not named.startswith(issuer)
    return named.startswith(issuer + "办公厅")


def _titles_of(record: dict[str, Any]) -> list[str]:
    titles = [record["title"]]
    if record.get("enclosed_title"):
        titles.append(record["enclosed_title"])
    titles.extend(record.get("enclosed_titles") or [])
    return titles


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def status(record: dict[str, Any], on: date, corpus: Corpus) -> Status:
    """The status of a document on a date.

    Rules, in order: repealed by a stored document once that document's repeal takes effect
    (its effective date for "于本办法施行之日", else its date); not yet in force before
    `effect.effective_from`; expired after `effect.valid_until`; in force otherwise — from
    the effective date, or by convention from the document's date when no clause says
    otherwise (通知/方案 take effect on issue); unknown when no date is known.

    >>> # 郑政〔2017〕34号 on 2020-01-01 → State.EXPIRED (valid until 2019-10-31)
    """
    effect = record.get("effect") or {}
    start = _parse_date(effect.get("effective_from"))
    until = _parse_date(effect.get("valid_until"))
    issued = _parse_date(record.get("date"))
    notes: list[str] = list(effect.get("flags") or [])
    for repealer_id, repeal in corpus.repealed_by.get(record["id"], []):
        repealer = corpus.by_id[repealer_id]
        when = _repeal_date(repealer, repeal)
        if when is not None and on >= when:
            return Status(State.REPEALED, on, f"repealed by {repealer.get('doc_no') or repealer_id}: "
                          f"{repeal.get('rule_text')}", repealer_id, when, tuple(notes))
    if start is None and issued is not None and not effect.get("rule_text"):
        start = issued
        notes.append("no effective-date clause: in force from the document's date by convention")
    if start is None:
        return Status(State.UNKNOWN, on, "no effective date and no document date", notes=tuple(notes))
    if on < start:
        return Status(State.NOT_YET_IN_FORCE, on, f"takes effect {start.isoformat()}", since=start, notes=tuple(notes))
    if until is not None and on > until:
        return Status(State.EXPIRED, on, f"valid until {until.isoformat()}", since=until, notes=tuple(notes))
    reason = f"in force since {start.isoformat()}" + (f", valid until {until.isoformat()}" if until else "")
    return Status(State.IN_FORCE, on, reason, since=start, notes=tuple(notes))


def status_of_number(number: str, on: date, corpus: Corpus) -> Status:
    """Status of a document known only by number: stored → `status`; else repealed when a
    stored document repeals it (郑政〔2011〕109号 → repealed by 郑政-2017-34), else unknown.
    """
    parsed = parse_document_number(number)
    key = str(parsed) if parsed else number
    record = corpus.find(key)
    if record is not None:
        return status(record, on, corpus)
    for repealer_id, repeal in corpus.repealed_by.get(external_key(key), []):
        when = _repeal_date(corpus.by_id[repealer_id], repeal)
        if when is not None and on >= when:
            return Status(State.REPEALED, on, f"not in the corpus; repealed by {corpus.by_id[repealer_id].get('doc_no')}"
                          f": {repeal.get('rule_text')}", repealer_id, when)
        if when is not None:
            return Status(State.UNKNOWN, on, f"not in the corpus; to be repealed on {when.isoformat()} by "
                          f"{corpus.by_id[repealer_id].get('doc_no')}", repealer_id, when)
    return Status(State.UNKNOWN, on, "not in the corpus and no stored document repeals it")


def _repeal_date(repealer: dict[str, Any], repeal: dict[str, Any]) -> date | None:
    """When a repeal takes effect: the repealer's effective date for 于本办法施行之日, else its date."""
    effect = repealer.get("effect") or {}
    when = _parse_date(effect.get("effective_from")) if repeal.get("when") == "on_effect" else None
    return when or _parse_date(repealer.get("date")) or _parse_date(effect.get("effective_from"))


def annotate(records: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """Add `status_today` ({state, on, reason, by, since, notes}) to every record, in place."""
    corpus = Corpus.from_records(records)
    for record in records:
        record["status_today"] = status(record, today, corpus).to_dict()
    return records


def in_force_ids(conn: sqlite3.Connection, on: date) -> set[str]:
    """Ids of the stored documents in force on `on` — for `search --in-force-on DATE`.

    >>> # in_force_ids(conn, date(2020, 1, 1)) excludes 郑政-2017-34 (expired 2019-10-31)
    """
    corpus = Corpus.from_records(store.documents(conn))
    return {r["id"] for r in corpus.records if status(r, on, corpus).state is State.IN_FORCE}


def citation_graph(corpus: Corpus) -> nx.MultiDiGraph:
    """The citation graph: stored documents and external numbers as nodes, one edge per
    citation (kind "cites") and per repeal (kind "repeals"), with the source line.
    """
    graph = nx.MultiDiGraph()
    for record in corpus.records:
        graph.add_node(record["id"], label=record.get("doc_no") or record["id"], title=record["title"],
                       issuer=record.get("issuer") or "", in_corpus=True, date=record.get("date") or "")
    titles: dict[str, str] = defaultdict(str)
    for record in corpus.records:
        for citation in record.get("citations") or []:
            res = corpus.resolve(citation)
            if not res.in_corpus:
                titles[res.target] = titles[res.target] or (citation.get("title") or "")
                graph.add_node(res.target, label=citation["number"], title=titles[res.target],
                               issuer=res.issuer or "", in_corpus=False, date="")
            graph.add_edge(record["id"], res.target, kind="cites", line=citation["line"],
                           title=citation.get("title") or "", flags="; ".join(citation["flags"] + res.flags))
    for target, repeals in corpus.repealed_by.items():
        for repealer_id, repeal in repeals:
            if target not in graph:
                graph.add_node(target, label=repeal.get("number") or target, title=repeal.get("title") or "",
                               issuer="", in_corpus=False, date="")
            graph.add_edge(repealer_id, target, kind="repeals", line=repeal["line"], title=repeal.get("title") or "",
                           flags="")
    return graph
