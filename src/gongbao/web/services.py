"""The stage verbs as the web layer calls them: search, graph, tasks and rules.

Each function calls the verb of the stage that owns the capability (found through
`capabilities`) and shapes its answer for a page or an API response. Where a stage is not
installed yet, the function says so (`available`/`engine`) instead of guessing.

>>> from pathlib import Path
>>> from gongbao.web.catalog import Catalog
>>> run_search(Catalog(Path("/tmp/gongbao-doctest.sqlite3")), "总部", DocumentFilter())["query"]
'总部'
"""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date
from typing import Any
from urllib.parse import quote

from gongbao.web import capabilities
from gongbao.web.catalog import Catalog, DocumentFilter

# Search asks the stage for this many hits and pages them here (the corpus is ~100
# documents; a larger one would pass limit/offset through).
SEARCH_POOL = 500


class UnknownPolicyError(LookupError):
    """No policy with that id in the rules package."""


class InvalidFactsError(ValueError):
    """The facts given to a calculator do not fit the policy's inputs."""


def summary(record: dict[str, Any], status: str | None = None) -> dict[str, Any]:
    """The list view of a record: what a result row or a table line shows."""
    return {
        "id": record["id"],
        "doc_no": record.get("doc_no"),
        "date": record.get("date"),
        "issuer": record.get("issuer"),
        "genre": record.get("genre"),
        "title": record["title"],
        "issue": record["source"]["issue"],
        "attachment_of": record.get("attachment_of"),
        "status": status,
    }


def _plain(value: Any) -> Any:
    """Stage results as JSON-ready values (dataclasses, dates and tuples included)."""
    if hasattr(value, "to_dict") and not isinstance(value, type):
        return _plain(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _call(verb: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a stage verb with the keyword arguments it accepts (its signature is its own)."""
    accepted = inspect.signature(verb).parameters
    if not any(p.kind is p.VAR_KEYWORD for p in accepted.values()):
        kwargs = {k: v for k, v in kwargs.items() if k in accepted}
    return verb(*args, **kwargs)


# -- search ----------------------------------------------------------------------


def run_search(
    catalog: Catalog,
    query: str,
    wanted: DocumentFilter,
    limit: int = 20,
    offset: int = 0,
    on: date | None = None,
) -> dict[str, Any]:
    """Ranked hits for `query`, filtered, faceted and paged.

    With the search stage: its hits (best first). Before it lands: documents whose title
    contains the query, in printed order (`engine` says which). The ranked, filtered and
    faceted hits are kept in the catalog's search cache, keyed by the store generation,
    the query with its spaces normalised, the filters and the date; every page of one
    query is served from one entry.
    """
    day = on or date.today()
    key = (catalog.current_generation(), " ".join(query.split()), wanted, day)
    engine, kept, facets = catalog.search_cache.get_or_compute(
        key, lambda: _ranked_hits(catalog, query, wanted, day))
    return {
        "query": query,
        "engine": engine,
        "total": len(kept),
        "limit": limit,
        "offset": offset,
        "hits": kept[offset:offset + limit],
        "facets": facets,
    }


def _ranked_hits(
    catalog: Catalog, query: str, wanted: DocumentFilter, on: date,
) -> tuple[str, list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """(engine, every hit passing the filters, facets): what `run_search` pages."""
    verb = capabilities.search_verb()
    hits: list[dict[str, Any]] = []
    if verb is not None and query.strip():
        engine = "fulltext"
        # The stage returns a document's best units next to each other: one hit per
        # document here, its other units kept as `more` snippets.
        by_doc: dict[str, dict[str, Any]] = {}
        for raw in _call(verb, catalog.conn, query, limit=SEARCH_POOL, per_document=3):
            found = _plain(raw)
            record = catalog.document(found.get("doc_id") or "")
            if record is None:
                continue
            if record["id"] in by_doc:
                by_doc[record["id"]]["more"].append(_unit(found))
            else:
                by_doc[record["id"]] = _hit(found, record)
                hits.append(by_doc[record["id"]])
    else:
        engine = "title"
        for record in catalog.records():
            if query and query in record["title"]:
                hits.append(_hit({"snippet": record["title"], "score": 1.0}, record))
    records = {h["doc_id"]: catalog.document(h["doc_id"]) for h in hits}
    needs_status = wanted.status is not None or capabilities.status_verb() is not None
    for h in hits:
        if needs_status:
            h["status"] = catalog.status_label(records[h["doc_id"]], on)
    kept = [h for h in hits if wanted.accepts(records[h["doc_id"]], h.get("status"))]
    facet_records = list({h["doc_id"]: records[h["doc_id"]] for h in kept}.values())
    facets = {
        name: [{"value": v, "count": c} for v, c in values]
        for name, values in catalog.facets(facet_records, on).items()
    }
    return engine, kept, facets


def _hit(hit: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    return {
        "doc_id": record["id"],
        "doc_no": record.get("doc_no"),
        "title": record["title"],
        "eid": hit.get("eid"),
        "snippet": str(hit.get("snippet") or ""),
        "score": float(hit.get("score") or 0.0),
        "heading": hit.get("heading"),
        "more": [],
        "date": record.get("date"),
        "issuer": record.get("issuer"),
        "genre": record.get("genre"),
        "status": None,
    }


def _unit(hit: dict[str, Any]) -> dict[str, Any]:
    return {"eid": hit.get("eid"), "heading": hit.get("heading"), "snippet": str(hit.get("snippet") or "")}


# -- citation graph -------------------------------------------------------------


def citation_graph(catalog: Catalog, on: date | None = None) -> dict[str, Any]:
    """Nodes (documents, and cited documents outside the corpus) and edges between them.

    Edges: `cites` and `repeals` from the links stage's `citation_graph` (once it lands),
    and `forwards` (a host document and the text it forwards, from ingest).
    """
    records = catalog.records()
    nodes: dict[str, dict[str, Any]] = {}
    for r in records:
        nodes[r["id"]] = {
            "id": r["id"],
            "label": r.get("doc_no") or r["title"][:14],
            "title": r["title"],
            "issue": r["source"]["issue"],
            "status": catalog.status_label(r, on),
            "external": False,
        }
    edges: list[dict[str, str]] = []
    for r in records:
        if r.get("attachment_of") and r["attachment_of"] in nodes:
            edges.append({"source": r["attachment_of"], "target": r["id"], "kind": "forwards"})
    verb, corpus = capabilities.graph_verb(), catalog.corpus()
    if verb is not None and corpus is not None:
        graph = verb(corpus)
        for node_id, attrs in graph.nodes(data=True):
            if node_id not in nodes:
                nodes[node_id] = {"id": node_id, "label": str(attrs.get("label") or node_id),
                                  "title": str(attrs.get("title") or attrs.get("label") or node_id),
                                  "issue": None, "status": None, "external": True}
        for source, target, attrs in graph.edges(data=True):
            if source != target:
                edges.append({"source": source, "target": target, "kind": str(attrs.get("kind") or "cites")})
    unique = list({(e["source"], e["target"], e["kind"]): e for e in edges}.values())
    return {"nodes": list(nodes.values()), "edges": unique}


# -- tasks --------------------------------------------------------------------


def task_board(
    catalog: Catalog,
    unit: str | None = None,
    due_before: date | None = None,
    overdue_on: date | None = None,
    only_overdue: bool = False,
) -> dict[str, Any]:
    """The tasks of a unit (or of all units), from the tasks stage's `board`.

    Every task is marked `overdue` when the stage's own overdue filter (`overdue_on`)
    keeps it; `only_overdue` returns just those.
    """
    verb = capabilities.board_verb()
    if verb is None:
        return {"available": False, "total": 0, "tasks": []}
    records = catalog.records()
    rows = _call(verb, records, unit=unit, due_before=due_before)
    late = set()
    if overdue_on is not None:
        late = {_task_key(r) for r in _call(verb, records, unit=unit, due_before=due_before, overdue_on=overdue_on)}
    tasks = []
    for row in rows:
        task = _plain(row)
        task["overdue"] = _task_key(row) in late
        if task["overdue"] or not only_overdue:
            tasks.append(task)
    return {"available": True, "total": len(tasks), "tasks": tasks}


def _task_key(row: Any) -> tuple:
    task = row.task
    return (row.document_id, task["span"]["line_start"], task["span"]["line_end"], task["text"])


def task_export(catalog: Catalog, fmt: str, unit: str | None = None) -> str | None:
    """The board as CSV or iCalendar text, from the tasks stage's exporters (None before it lands)."""
    verb, board = capabilities.board_export(fmt), capabilities.board_verb()
    if verb is None or board is None:
        return None
    out = verb(_call(board, catalog.records(), unit=unit))
    return out.decode("utf-8") if isinstance(out, bytes) else str(out)


# -- rules ----------------------------------------------------------------------


def policies() -> dict[str, Any]:
    module = capabilities.rules_module()
    if module is None:
        return {"available": False, "policies": []}
    return {"available": True, "policies": [_plain(p) for p in module.list_policies()]}


def policy(policy_id: str) -> dict[str, Any]:
    for found in policies()["policies"]:
        if found.get("id") == policy_id:
            return found
    raise UnknownPolicyError(policy_id)


def calculate(policy_id: str, facts: dict[str, Any], on: date) -> dict[str, Any]:
    """Run one policy on the facts given; each result carries the provisions it applied."""
    module = capabilities.rules_module()
    if module is None:
        raise UnknownPolicyError(policy_id)
    policy(policy_id)
    unknown = getattr(module, "UnknownPolicy", LookupError)
    try:
        result = module.calculate(policy_id, facts, on)
    except unknown:
        raise UnknownPolicyError(policy_id) from None
    except (TypeError, ValueError) as exc:
        raise InvalidFactsError(str(exc)) from exc
    return _plain(result)


def rules_for_document(doc_id: str) -> dict[str, Any] | None:
    """What the rules package implements of a document: its provisions and their variables."""
    module = capabilities.rules_module()
    verb = getattr(module, "rules_for_document", None) if module else None
    if verb is None:
        return None
    return _plain(verb(doc_id))


def document_status(catalog: Catalog, record: dict[str, Any], on: date | None = None) -> dict[str, Any] | None:
    """The status of a document with its time line (issued, in force, expires, repealed)."""
    found = catalog.status(record, on)
    if found is None:
        return None
    status = dict(found)
    effect = record.get("effect") or {}
    events = []
    if record.get("date"):
        events.append({"date": record["date"], "label": "成文"})
    if effect.get("effective_from"):
        events.append({"date": effect["effective_from"], "label": "施行"})
    if effect.get("valid_until"):
        events.append({"date": effect["valid_until"], "label": "有效期至"})
    if status.get("state") == "repealed" and status.get("since"):
        events.append({"date": status["since"], "label": "废止", "by": status.get("by")})
    status["timeline"] = sorted(events, key=lambda e: e["date"])
    status["reason_zh"] = status_reason_zh(status, record, catalog.labels())
    return status


def status_reason_zh(status: dict[str, Any], record: dict[str, Any], labels: dict[str, str]) -> str:
    """Why a document has its status, in Chinese, from the status fields and the record's
    dates (the links stage's `reason` stays as it is, in English, for the API).

    >>> status_reason_zh({"state": "expired", "since": "2019-10-31"}, {}, {})
    '有效期至2019-10-31'
    >>> status_reason_zh({"state": "repealed", "by": "郑政-2017-34", "since": "2017-11-01"}, {},
    ...                  {"郑政-2017-34": "郑政〔2017〕34号"})
    '已被郑政〔2017〕34号废止（自2017-11-01起）'
    """
    state, since = status.get("state"), status.get("since")
    effect = record.get("effect") or {}
    until = effect.get("valid_until")
    if state == "repealed":
        by = status.get("by")
        text = f"已被{labels.get(by, by) if by else '其他文件'}废止"
        return text + (f"（自{since}起）" if since else "")
    if state == "expired":
        return f"有效期至{since or until}"
    if state == "not yet in force":
        return f"自{since}起施行" if since else "尚未施行"
    if state == "in force":
        if since and not effect.get("effective_from") and since == record.get("date"):
            text = f"未载明施行日期，按惯例自成文日期{since}起施行"
        else:
            text = f"自{since}起施行" if since else "现行有效"
        return text + (f"，有效期至{until}" if until else "")
    return "未载明施行日期，也无成文日期"


# -- document page links --------------------------------------------------------


def document_links(catalog: Catalog, record: dict[str, Any]) -> list[dict[str, Any]]:
    """The citations, repeals and law references of a document as links to follow.

    A citation resolved to a stored document links to its page; a law outside the corpus
    links to the registry entry the links stage gives (`url`), else is shown as text.
    """
    links = []
    for kind, key in (("cites", "citations"), ("repeals", "repeals"), ("law", "law_references")):
        for link in record.get(key) or []:
            if not isinstance(link, dict):
                continue
            if kind == "repeals" and link.get("kind") not in (None, "repeal"):
                continue  # conflict clauses and blanket repeals name no document
            target = catalog.resolve(link) if kind != "law" else None
            in_corpus = target is not None
            number = link.get("number")
            title = link.get("title")
            label = f"《{title}》（{number}）" if title and number else (
                f"《{title}》" if title else number or link.get("text") or link.get("printed") or "")
            url = link.get("url")
            anchor = link.get("eid")
            if anchor is None and not record.get("provisions") and link.get("line"):
                anchor = _line_anchor(record, int(link["line"]))
            links.append({
                "kind": kind,
                "label": str(label or ""),
                "href": ("/documents/" + quote(target)) if in_corpus else url,
                "external": not in_corpus and bool(url),
                "eid": anchor,
            })
    return links


def _line_anchor(record: dict[str, Any], line: int) -> str | None:
    """The id of the paragraph (`L<first line>`) holding a printed line of the gazette."""
    for logical in record.get("lines") or []:
        if logical["line_start"] <= line <= logical["line_end"]:
            return f"L{logical['line_start']}"
    return None


def rule_links(doc_id: str) -> list[dict[str, Any]]:
    """The calculators implementing provisions of a document: [{policy, label, eid, article}]."""
    found = rules_for_document(doc_id)
    if not found:
        return []
    titles = {p["id"]: p.get("title") or p["id"] for p in policies()["policies"]}
    links = []
    for provision in found.get("provisions") or []:
        for policy_id in dict.fromkeys(v["policy"] for v in provision.get("variables") or []):
            links.append({"policy": policy_id, "label": titles.get(policy_id, policy_id),
                          "eid": provision.get("eid"), "article": provision.get("article")})
    return links
