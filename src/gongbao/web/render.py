"""The provision tree of a document page as HTML, built in Python.

The tree is the largest part of a document page (hundreds of nested sections for a long
办法); rendered through Jinja macros it took about two thirds of the page's time, most of it
in per-node macro calls and attribute lookups. This builds the same markup as the
`provision` and `table` macros of `templates/_macros.html` with plain string joins. Every
piece of gazette text goes through `markupsafe.escape`; the result is `Markup` only once
built.

>>> str(provisions_html([{"kind": "article", "eid": "art_1", "num": "第一条", "heading": None,
...                       "text": "a<b", "children": []}], {}, {}))
'<section class="prov prov-article" id="art_1"><p><a class="anchor" href="#art_1" title="art_1">§</a><b class="num">第一条</b> a&lt;b</p></section>'
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape


def provisions_html(nodes: list[dict[str, Any]], tables: dict[str, dict[str, Any]],
                    rules: dict[str, list[dict[str, Any]]]) -> Markup:
    """The sections of a provision tree: each `<section id="{eid}">` with its heading,
    paragraphs and children; a `table` node whose table is known is drawn as the table.
    """
    out: list[str] = []
    for node in nodes:
        _provision(node, tables, rules, 0, out)
    return Markup("".join(out))


def table_html(table: dict[str, Any]) -> Markup:
    """A table of the export record as `<figure class="table">` (header row, body rows;
    a cell with a parsed `value` is marked `num`)."""
    out: list[str] = []
    _table(table, out)
    return Markup("".join(out))


def _provision(node: dict[str, Any], tables: dict[str, dict[str, Any]],
               rules: dict[str, list[dict[str, Any]]], depth: int, out: list[str]) -> None:
    eid = node.get("eid")
    if node.get("kind") == "table" and eid in tables:
        _table(tables[eid], out)
        return
    e_eid = escape(eid)
    num, heading = node.get("num"), node.get("heading")
    out.append(f'<section class="prov prov-{escape(node.get("kind"))}" id="{e_eid}">')
    if heading:
        level = min(depth + 3, 6)
        out.append(f'<h{level} class="prov-head"><a class="anchor" href="#{e_eid}" title="{e_eid}">§</a>')
        if num:
            out.append(f'<span class="num">{escape(num)}</span> ')
        out.append(str(escape(heading)))
        out.append(_rule_links(rules.get(eid, [])))
        out.append(f"</h{level}>")
    inline_num = bool(num) and not heading
    paras = [p for p in (node.get("text") or "").split("\n") if p != ""]
    if inline_num and not paras:
        paras = [""]
    for i, para in enumerate(paras):
        out.append("<p>")
        if i == 0 and inline_num:
            out.append(f'<a class="anchor" href="#{e_eid}" title="{e_eid}">§</a><b class="num">{escape(num)}</b>')
            if para:
                out.append(" ")
        out.append(str(escape(para)))
        if i == 0 and inline_num:
            out.append(_rule_links(rules.get(eid, [])))
        out.append("</p>")
    for child in node.get("children") or []:
        _provision(child, tables, rules, depth + 1, out)
    out.append("</section>")


def _rule_links(rules: list[dict[str, Any]]) -> str:
    return "".join(
        f' <a class="rule-link" href="/rules/{escape(quote(str(r["policy"]), safe="/"))}" title="{escape(r["label"])}">计算器</a>'
        for r in rules
    )


def _table(table: dict[str, Any], out: list[str]) -> None:
    out.append(f'<figure class="table" id="{escape(table.get("eid"))}">')
    caption = table.get("caption") or table.get("title")
    if caption:
        out.append(f"<figcaption>{escape(caption)}</figcaption>")
    out.append("<table>")
    header = table.get("header") or table.get("head")
    if header:
        out.append("<thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in header) + "</tr></thead>")
    out.append("<tbody>")
    for row in table.get("rows") or []:
        cells = row.get("cells") if isinstance(row, dict) else row
        out.append("<tr>")
        for cell in cells or []:
            if isinstance(cell, dict):
                numeric = ' class="num"' if cell.get("value") is not None else ""
                out.append(f"<td{numeric}>{escape(cell.get('text'))}</td>")
            else:
                out.append(f"<td>{escape(cell)}</td>")
        out.append("</tr>")
    out.append("</tbody></table></figure>")
